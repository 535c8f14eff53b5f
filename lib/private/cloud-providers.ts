/**
 * One cloud provider per stack and account: constructs that need Azure or Google
 * resources ask here instead of creating providers themselves, so two clusters
 * in one subscription share a provider and two subscriptions get two aliases.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';

const azureProviders = new WeakMap<TerraformStack, Map<string, AzurermProvider>>();
const googleProviders = new WeakMap<TerraformStack, Map<string, GoogleProvider>>();

/** A provider id and alias safe for Terraform: letters, digits, `_` and `-`. */
function aliasFor(prefix: string, key: string): string {
  return `${prefix}_${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function keyOf(value: string): string {
  // Tokens render as `${TfToken[...]}`: their text is stable within one synth, good enough as a key.
  return value;
}

/**
 * The azurerm provider for `subscriptionId` in the stack of `scope`. The first
 * subscription of a stack gets the default (un-aliased) provider.
 */
export function azureProvider(scope: Construct, subscriptionId: string): AzurermProvider {
  const stack = TerraformStack.of(scope);
  let byKey = azureProviders.get(stack);
  if (!byKey) {
    byKey = new Map();
    azureProviders.set(stack, byKey);
  }
  const key = keyOf(subscriptionId);
  let provider = byKey.get(key);
  if (!provider) {
    const first = byKey.size === 0;
    provider = new AzurermProvider(stack, first ? 'azurerm' : aliasFor('azurerm', `${byKey.size}`), {
      subscriptionId,
      features: [{}],
      // Resource providers are registered once per subscription by its owner, not by every deploy.
      resourceProviderRegistrations: 'none',
      alias: first ? undefined : aliasFor('azurerm', `${byKey.size}`),
    });
    byKey.set(key, provider);
  }
  return provider;
}

/** The google provider for `project` in the stack of `scope`. */
export function googleProvider(scope: Construct, project: string, region?: string): GoogleProvider {
  const stack = TerraformStack.of(scope);
  let byKey = googleProviders.get(stack);
  if (!byKey) {
    byKey = new Map();
    googleProviders.set(stack, byKey);
  }
  const key = keyOf(project);
  let provider = byKey.get(key);
  if (!provider) {
    const first = byKey.size === 0;
    provider = new GoogleProvider(stack, first ? 'google' : aliasFor('google', `${byKey.size}`), {
      project,
      region,
      alias: first ? undefined : aliasFor('google', `${byKey.size}`),
    });
    byKey.set(key, provider);
  }
  return provider;
}
