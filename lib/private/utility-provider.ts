/**
 * The provider block of a hand-written binding to a HashiCorp utility provider (tls,
 * random, time): no prebuilt cdktf package exists for them, they take no configuration,
 * and each stack that uses one needs exactly one block of it.
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformStack } from 'cdktf';

/** What cdktf records about a provider: its name and the versions it accepts. */
export interface UtilityProviderMetadata {
  /** `tls`, `random`, `time`: also the `hashicorp/<name>` source and the construct id. */
  readonly providerName: string;
  readonly providerVersionConstraint: string;
}

class UtilityProvider extends TerraformProvider {
  constructor(scope: Construct, metadata: UtilityProviderMetadata) {
    super(scope, metadata.providerName, {
      terraformResourceType: metadata.providerName,
      terraformGeneratorMetadata: metadata,
      terraformProviderSource: `hashicorp/${metadata.providerName}`,
    });
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {};
  }
}

const providers = new WeakMap<TerraformStack, Map<string, TerraformProvider>>();

/** The provider of the stack that contains `scope`, created on first use. */
export function utilityProvider(scope: Construct, metadata: UtilityProviderMetadata): TerraformProvider {
  const stack = TerraformStack.of(scope);
  let byName = providers.get(stack);
  if (!byName) {
    byName = new Map();
    providers.set(stack, byName);
  }
  let provider = byName.get(metadata.providerName);
  if (!provider) {
    provider = new UtilityProvider(stack, metadata);
    byName.set(metadata.providerName, provider);
  }
  return provider;
}
