/**
 * One AWS provider per stack and region, like `lib/private/cloud-providers.ts` does for
 * azurerm and google: constructs that need AWS resources ask here instead of creating
 * providers themselves, so an EKS cluster, its addresses and its DNS zone in one region
 * share a provider, and a second region gets an alias.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Cloud } from '../core/cloud';

/** The cloud value of AWS constructs (`Cloud.AWS`; the name predates the member). */
export const AWS_CLOUD: Cloud = Cloud.AWS;

/**
 * Non-secret settings of the library's aws providers in one stack (the topology's
 * `accounts.aws`, hashicorp/terraform-provider-aws@v5.100.0 provider arguments).
 * Credentials come from the environment of whoever runs Terraform.
 */
export interface AwsProviderSettings {
  /** Named profile of the shared AWS config. @default the default credential chain */
  readonly profile?: string;
  /** A role to assume. @default none */
  readonly assumeRoleArn?: string;
  /** Session name of the assumed role. @default the provider's */
  readonly assumeRoleSessionName?: string;
  /** Account ids the provider may act in; any other account is an error at plan. @default any */
  readonly allowedAccountIds?: string[];
}

const awsSettings = new WeakMap<TerraformStack, AwsProviderSettings>();

/** Sets the settings of the aws providers of `stack`; before any provider of it exists. */
export function configureAwsProviders(stack: TerraformStack, settings: AwsProviderSettings): void {
  if (awsProviders.get(stack)?.size) {
    throw new Error(`${stack.node.path}: configure the aws providers before the stack has any (right after creating it)`);
  }
  awsSettings.set(stack, settings);
}

export { AWS_REGION } from './eks-cluster-defaults';

const awsProviders = new WeakMap<TerraformStack, Map<string, AwsProvider>>();

/**
 * The aws provider for `region` in the stack of `scope`. The first region of a stack
 * gets the default (un-aliased) provider; credentials come from the environment of
 * whoever runs Terraform (never from the configuration).
 */
export function awsProvider(scope: Construct, region: string): AwsProvider {
  const stack = TerraformStack.of(scope);
  let byRegion = awsProviders.get(stack);
  if (!byRegion) {
    byRegion = new Map();
    awsProviders.set(stack, byRegion);
  }
  let provider = byRegion.get(region);
  if (!provider) {
    const first = byRegion.size === 0;
    const alias = first ? undefined : `aws_${byRegion.size}`;
    // Not `aws`: that is a natural id for the cluster construct in the same stack.
    const settings = awsSettings.get(stack) ?? {};
    provider = new AwsProvider(stack, alias ? `aws-provider-${byRegion.size}` : 'aws-provider', {
      region,
      alias,
      profile: settings.profile,
      assumeRole: settings.assumeRoleArn === undefined ? undefined : [{ roleArn: settings.assumeRoleArn, sessionName: settings.assumeRoleSessionName }],
      allowedAccountIds: settings.allowedAccountIds,
    });
    byRegion.set(region, provider);
  }
  return provider;
}
