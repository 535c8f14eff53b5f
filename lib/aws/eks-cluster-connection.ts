/**
 * How a later-stage stack reaches an EKS cluster: a data source looks the cluster up by
 * name in the consuming stack (endpoint and CA only), and the Kubernetes and Helm
 * providers get a token from `aws eks get-token` at each Terraform run, for the AWS
 * identity of whoever runs it. No credential crosses stacks or lands in state.
 */
import { Construct } from 'constructs';
import { Fn, TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { ClusterProviders, IClusterConnection, providerAlias } from '../clusters/cluster-connection';
import { Cloud } from '../core/cloud';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';
import { AWS_CLOUD, AWS_REGION, awsProvider } from './aws-provider';

/** An EKS cluster looked up by name. */
export interface EksClusterConnectionOptions {
  /** Cluster name (may be a token from the stack that creates the cluster). */
  readonly clusterName: string;
  /** Region of the cluster. */
  readonly region: string;
  /**
   * Name used for the provider aliases and construct ids in consuming stacks.
   * @default the cluster name (required when `clusterName` is a token)
   */
  readonly name?: string;
  /**
   * Named profile of the AWS CLI for `aws eks get-token` (`--profile`), for runners with
   * several accounts configured.
   * @default none: the CLI's default credential chain (environment, SSO, instance role)
   */
  readonly awsProfile?: string;
}

/** The client authentication API version `aws eks get-token` answers with. */
const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

const providersByStack = new WeakMap<TerraformStack, Map<string, ClusterProviders>>();

/**
 * A connection to an EKS cluster.
 *
 * Why an exec plugin and not the `aws_eks_cluster_auth` data source: that data source's
 * token lives 15 minutes and is read at plan time, so a saved plan applied later, or a
 * long Helm release, fails with `Unauthorized`; it is also written to the plan file.
 * `aws eks get-token` is called by the providers whenever they need a token, and is
 * the mechanism `aws eks update-kubeconfig` writes too. The AWS CLI must be on the PATH.
 */
export class EksClusterConnection implements IClusterConnection {
  /** An EKS cluster, created by `EksCluster` in another stack or existing already. */
  public static fromEksCluster(options: EksClusterConnectionOptions): EksClusterConnection {
    const field = 'EksClusterConnection.fromEksCluster';
    assertNonEmpty(options.clusterName, `${field}.clusterName`, 'acme-aws');
    assertNonEmpty(options.region, `${field}.region`, 'eu-west-1');
    if (!isUnresolved(options.region) && !AWS_REGION.test(options.region)) {
      throw new ValidationError(`${field}.region`, options.region, 'must be an AWS region name, e.g. "eu-west-1"');
    }
    if (options.awsProfile !== undefined) assertNonEmpty(options.awsProfile, `${field}.awsProfile`, 'acme-prod');
    let name: string;
    if (options.name !== undefined) {
      assertNonEmpty(options.name, `${field}.name`, 'aws');
      if (isUnresolved(options.name)) {
        throw new ValidationError(`${field}.name`, options.name, 'must be a plain string known at synth time (it names providers), e.g. "aws"');
      }
      name = options.name;
    } else if (isUnresolved(options.clusterName)) {
      throw new ValidationError(`${field}.name`, undefined, 'is required when clusterName is a token from another stack: it names the providers, e.g. "aws"');
    } else {
      name = options.clusterName;
    }
    return new EksClusterConnection(options, name);
  }

  public readonly clusterName: string;
  public readonly cloud: Cloud = AWS_CLOUD;
  public readonly region: string;
  /** The name providers are aliased after (sanitized) in consuming stacks. */
  public readonly connectionName: string;

  private constructor(private readonly options: EksClusterConnectionOptions, name: string) {
    this.clusterName = options.clusterName;
    this.region = options.region;
    this.connectionName = name;
  }

  /** The arguments of `aws eks get-token` for this cluster. Pure. */
  public tokenCommandArgs(): string[] {
    return [
      'eks', 'get-token',
      '--cluster-name', this.clusterName,
      '--region', this.region,
      ...(this.options.awsProfile !== undefined ? ['--profile', this.options.awsProfile] : []),
      '--output', 'json',
    ];
  }

  public providers(scope: Construct): ClusterProviders {
    const stack = TerraformStack.of(scope);
    let byKey = providersByStack.get(stack);
    if (!byKey) {
      byKey = new Map();
      providersByStack.set(stack, byKey);
    }
    const key = ['eks', this.region, this.clusterName, this.options.awsProfile ?? ''].join('/');
    let providers = byKey.get(key);
    if (!providers) {
      providers = this.createProviders(stack, freeAlias(stack, providerAlias(this.connectionName)));
      byKey.set(key, providers);
    }
    return providers;
  }

  private createProviders(stack: TerraformStack, alias: string): ClusterProviders {
    const cluster = new DataAwsEksCluster(stack, `${alias}-cluster`, {
      provider: awsProvider(stack, this.region),
      name: this.clusterName,
    });
    const host = cluster.endpoint;
    const clusterCaCertificate = Fn.base64decode(cluster.certificateAuthority.get(0).data);
    const exec = { apiVersion: EXEC_API_VERSION, command: 'aws', args: this.tokenCommandArgs() };
    return {
      kubernetes: new KubernetesProvider(stack, `${alias}-kubernetes`, { alias, host, clusterCaCertificate, exec: [exec] }),
      helm: new HelmProvider(stack, `${alias}-helm`, { alias, kubernetes: { host, clusterCaCertificate, exec } }),
    };
  }
}

/**
 * An alias whose construct ids are still free in the stack: connections of other clouds
 * (lib/clusters/cluster-connection.ts) keep their own alias registry, so a child of the
 * stack under the candidate's name is how a collision shows.
 */
function freeAlias(stack: TerraformStack, alias: string): string {
  let candidate = alias;
  for (let n = 2; stack.node.tryFindChild(`${candidate}-kubernetes`) !== undefined; n++) candidate = `${alias}_${n}`;
  return candidate;
}
