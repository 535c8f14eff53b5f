/**
 * One cloud provider per stack and account: constructs that need Azure or Google
 * resources ask here instead of creating providers themselves, so two clusters
 * in one subscription share a provider and two subscriptions get two aliases.
 *
 * A stack may carry a configuration (`configureCloudProviders`): the topology's
 * settings for its account and a factory that creates the providers. Every stack
 * that gets a provider from here also fails synth when it holds two providers of
 * one type and alias, which Terraform would reject at `init` with
 * "Duplicate provider configuration".
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CloudProviderFactory } from '../core/cloud-provider-factory';
import { AzureProviderSettingsSpec, GcpProviderSettingsSpec } from '../core/topology-spec';
import { ValidationError } from './validation';

/** How the library's cloud providers of one stack are made. */
export interface CloudProviderConfiguration {
  /** The Azure account the settings apply to. @default none */
  readonly azure?: { readonly subscriptionId: string; readonly settings?: AzureProviderSettingsSpec };
  /** The Google Cloud account the settings apply to. @default none */
  readonly gcp?: { readonly project: string; readonly settings?: GcpProviderSettingsSpec };
  /** Creates the providers. @default a plain CloudProviderFactory */
  readonly factory?: CloudProviderFactory;
}

/** Construct ids of the library's default providers: not `azurerm`/`google`, so a user's provider of that id is reported as a clash, not a construct-name crash. */
export const LIBRARY_AZURERM_PROVIDER_ID = 'cross-cloud-mesh-azurerm';
export const LIBRARY_GOOGLE_PROVIDER_ID = 'cross-cloud-mesh-google';

const configurations = new WeakMap<TerraformStack, CloudProviderConfiguration>();
const azureProviders = new WeakMap<TerraformStack, Map<string, AzurermProvider>>();
const googleProviders = new WeakMap<TerraformStack, Map<string, GoogleProvider>>();
const libraryProviders = new WeakSet<TerraformProvider>();
const checkedStacks = new WeakSet<TerraformStack>();

/** Sets how the cloud providers of `stack` are made; call before anything in the stack asks for one. */
export function configureCloudProviders(stack: TerraformStack, configuration: CloudProviderConfiguration): void {
  if (azureProviders.get(stack)?.size || googleProviders.get(stack)?.size) {
    throw new ValidationError(stack.node.path, 'configureCloudProviders', 'must run before the stack has cloud providers: configure the stack right after creating it');
  }
  configurations.set(stack, configuration);
  checkProviderClashes(stack);
}

/** A provider id and alias safe for Terraform: letters, digits, `_` and `-`. */
function aliasFor(prefix: string, key: string): string {
  return `${prefix}_${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function providersOf<P>(registry: WeakMap<TerraformStack, Map<string, P>>, stack: TerraformStack): Map<string, P> {
  let byKey = registry.get(stack);
  if (!byKey) {
    byKey = new Map();
    registry.set(stack, byKey);
  }
  return byKey;
}

/**
 * The azurerm provider for `subscriptionId` in the stack of `scope`. The first
 * subscription of a stack gets the default (un-aliased) provider, unless the
 * account's settings name an alias.
 */
export function azureProvider(scope: Construct, subscriptionId: string): AzurermProvider {
  const stack = TerraformStack.of(scope);
  const byKey = providersOf(azureProviders, stack);
  // Tokens render as `${TfToken[...]}`: their text is stable within one synth, good enough as a key.
  let provider = byKey.get(subscriptionId);
  if (!provider) {
    const configuration = configurations.get(stack);
    const settings = configuration?.azure?.subscriptionId === subscriptionId ? configuration.azure.settings : undefined;
    const generated = byKey.size === 0 ? undefined : aliasFor('azurerm', `${byKey.size}`);
    const alias = settings?.alias ?? generated;
    const id = alias === undefined ? LIBRARY_AZURERM_PROVIDER_ID : `${LIBRARY_AZURERM_PROVIDER_ID}-${alias}`;
    const factory = configuration?.factory ?? new CloudProviderFactory();
    provider = factory.createAzurermProvider(stack, id, { subscriptionId, alias, settings });
    checkFactoryResult(stack, provider, alias, 'createAzurermProvider');
    libraryProviders.add(provider);
    byKey.set(subscriptionId, provider);
    checkProviderClashes(stack);
  }
  return provider;
}

/** The google provider for `project` in the stack of `scope`. */
export function googleProvider(scope: Construct, project: string, region?: string): GoogleProvider {
  const stack = TerraformStack.of(scope);
  const byKey = providersOf(googleProviders, stack);
  let provider = byKey.get(project);
  if (!provider) {
    const configuration = configurations.get(stack);
    const settings = configuration?.gcp?.project === project ? configuration.gcp.settings : undefined;
    const generated = byKey.size === 0 ? undefined : aliasFor('google', `${byKey.size}`);
    const alias = settings?.alias ?? generated;
    const id = alias === undefined ? LIBRARY_GOOGLE_PROVIDER_ID : `${LIBRARY_GOOGLE_PROVIDER_ID}-${alias}`;
    const factory = configuration?.factory ?? new CloudProviderFactory();
    provider = factory.createGoogleProvider(stack, id, { project, region, alias, settings });
    checkFactoryResult(stack, provider, alias, 'createGoogleProvider');
    libraryProviders.add(provider);
    byKey.set(project, provider);
    checkProviderClashes(stack);
  }
  return provider;
}

function checkFactoryResult(stack: TerraformStack, provider: TerraformProvider, alias: string | undefined, method: string): void {
  if (TerraformStack.of(provider) !== stack) {
    throw new ValidationError(`CloudProviderFactory.${method}`, provider.node.path, `returned a provider of another stack: create it in the scope the library passes (${stack.node.path})`);
  }
  if (provider.alias !== alias) {
    throw new ValidationError(`CloudProviderFactory.${method}`, provider.alias ?? '(no alias)', `is the alias of the returned provider, but the library asked for ${alias === undefined ? 'no alias' : `alias "${alias}"`}: pass request.alias through (e.g. spread azurermProviderConfig(request) / googleProviderConfig(request))`);
  }
}

/** Adds, once per stack, the synth-time check for two providers with one Terraform address. */
function checkProviderClashes(stack: TerraformStack): void {
  if (checkedStacks.has(stack)) return;
  checkedStacks.add(stack);
  stack.node.addValidation({ validate: () => providerClashMessages(stack) });
}

/**
 * One message per provider address (`type` or `type.alias`) held by more than one
 * provider in `stack`: Terraform allows one configuration per address
 * (hashicorp/terraform@v1.11.0:internal/configs/module.go#appendFile, "Duplicate provider configuration").
 */
export function providerClashMessages(stack: TerraformStack): string[] {
  const byAddress = new Map<string, TerraformProvider[]>();
  for (const construct of stack.node.findAll()) {
    if (!TerraformProvider.isTerraformProvider(construct) || TerraformStack.of(construct) !== stack) continue;
    const address = construct.alias === undefined ? construct.terraformResourceType : `${construct.terraformResourceType}.${construct.alias}`;
    byAddress.set(address, [...(byAddress.get(address) ?? []), construct]);
  }
  const messages: string[] = [];
  for (const [address, providers] of byAddress) {
    if (providers.length < 2) continue;
    const type = providers[0].terraformResourceType;
    // Yours first: that is the one to change.
    const paths = [...providers.filter((p) => !libraryProviders.has(p)), ...providers.filter((p) => libraryProviders.has(p))].map((p) => `${p.node.path}${libraryProviders.has(p) ? ' (created by cross-cloud-mesh)' : ''}`).join(', ');
    const what = address === type ? `${providers.length} "${type}" providers without an alias` : `${providers.length} "${type}" providers with alias "${providers[0].alias}"`;
    messages.push(`stack ${stack.node.id} has ${what} (${paths}); Terraform rejects that at init with "Duplicate provider configuration". ${clashAdvice(type)}`);
  }
  return messages;
}

function clashAdvice(type: string): string {
  if (type === 'azurerm') {
    return 'The library creates the azurerm provider of each stack and subscription itself: pass its settings via accounts.azure.provider in the topology (non-secret settings; secrets from ARM_* environment variables), or create it yourself via the providerFactory prop of CrossCloudMesh (override CloudProviderFactory.createAzurermProvider); for another subscription, give your provider an alias the library does not use, or set accounts.azure.provider.alias to free the default slot.';
  }
  if (type === 'google') {
    return 'The library creates the google provider of each stack and project itself: pass its settings via accounts.gcp.provider in the topology (non-secret settings; credentials from GOOGLE_CREDENTIALS or Application Default Credentials), or create it yourself via the providerFactory prop of CrossCloudMesh (override CloudProviderFactory.createGoogleProvider); for another project, give your provider an alias the library does not use, or set accounts.gcp.provider.alias to free the default slot.';
  }
  return `Give one of them an alias of its own (the library aliases its kubernetes and helm providers <environment>_<cluster>).`;
}
