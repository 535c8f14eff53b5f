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

/**
 * The cloud value of AWS constructs. `Cloud` has no AWS member yet: the cloud seam
 * (issue 12 item 1) replaces the enum switches with a registry, and adding the member
 * before that would make every `cloud === Cloud.AZURE ? … : …` branch silently treat
 * AWS as Google. Until then, AWS constructs carry this value, `"aws"` at run time.
 */
export const AWS_CLOUD = 'aws' as unknown as Cloud;

/** An AWS region name, e.g. `eu-west-1`, `us-gov-west-1`, `ap-southeast-2`. */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

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
    provider = new AwsProvider(stack, alias ? `aws-provider-${byRegion.size}` : 'aws-provider', { region, alias });
    byRegion.set(region, provider);
  }
  return provider;
}
