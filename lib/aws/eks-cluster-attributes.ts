/**
 * What `EksCluster.fromClusterAttributes` needs to use an EKS cluster that exists already,
 * and the pure checks of those attributes. In a module of its own, without the AWS provider
 * bindings, because the topology's validator (lib/aws/aws-cloud.ts#checkCluster) runs the
 * same checks and must not load the provider to do so.
 */
import { isUnresolved } from '../private/validation';
import { AWS_REGION } from './eks-cluster-defaults';

/** An existing EKS cluster, as {@link EksCluster.fromClusterAttributes} takes it. */
export interface EksClusterAttributes {
  /** The cluster's name, as EKS knows it. */
  readonly clusterName: string;
  /** Region of the cluster, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * The public subnets (a route to an internet gateway), one per availability zone, that
   * internet-facing network load balancers of this cluster use: one Elastic IP is reserved
   * per subnet, and the AWS Load Balancer Controller refuses a Service whose counts of
   * subnets and allocations differ, or whose subnets share a zone. At least two. They are
   * looked up at plan time in the cluster's VPC, so a wrong id fails the plan.
   */
  readonly publicSubnetIds: string[];
  /**
   * The cluster's VPC (the load balancer controller's `vpcId`).
   * @default read from the cluster (`data.aws_eks_cluster` `vpc_config[0].vpc_id`)
   */
  readonly vpcId?: string;
  /**
   * Install the `eks-pod-identity-agent` add-on, which hands EKS Pod Identity credentials
   * to pods (the load balancer controller's and cert-manager's roles need it). Creating it
   * fails when the cluster already has it.
   * @default false: the add-on must be installed already; it is read with
   * `data.aws_eks_addon`, so a plan fails early when it is missing
   */
  readonly installPodIdentityAgent?: boolean;
  /**
   * Named profile of the AWS CLI for `aws eks get-token` in later stages.
   * @default none: the CLI's default credential chain
   */
  readonly awsProfile?: string;
  /**
   * Ephemeral mode of what is created for the cluster (Elastic IPs, roles): no destroy
   * protection; `owner` and `expiresAt` become required.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * `owner` tag of what is created for the cluster (required when ephemeral).
   * @default no owner tag
   */
  readonly owner?: string;
  /**
   * `expires-at` tag, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry tag
   */
  readonly expiresAt?: string;
  /**
   * Extra tags of what is created for the cluster.
   * @default none
   */
  readonly tags?: { [key: string]: string };
}

/** One problem with an attribute: the attribute's path (e.g. `publicSubnetIds[1]`), its value, the fix. */
export interface EksClusterAttributeProblem {
  readonly field: string;
  readonly value: unknown;
  readonly fix: string;
}

/** EKS cluster names (EksCluster's own rule): letters, digits, `-` and `_`, at most 100. */
export const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
/** EC2 ids: the prefix, then 8 (older) or 17 hexadecimal digits. */
const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** Fewer subnets than this and ElasticIpAddress refuses them (an NLB over two zones at least). */
export const EKS_MIN_PUBLIC_SUBNETS = 2;

/**
 * Every problem with `attrs`, in field order; empty when they are usable. Pure. Values only
 * known at deploy time (tokens) are not judged.
 */
export function eksClusterAttributeProblems(attrs: EksClusterAttributes): EksClusterAttributeProblem[] {
  const problems: EksClusterAttributeProblem[] = [];
  const add = (field: string, value: unknown, fix: string) => problems.push({ field, value, fix });
  const known = (value: string | undefined): value is string => value !== undefined && !isUnresolved(value);

  if (!isUnresolved(attrs.clusterName) && !EKS_CLUSTER_NAME.test(attrs.clusterName ?? '')) {
    add('clusterName', attrs.clusterName, 'must be an EKS cluster name: letters, digits, "-" and "_", starting with a letter or digit, at most 100 characters, e.g. "prod-eks-euw1"');
  }
  if (!isUnresolved(attrs.region) && !AWS_REGION.test(attrs.region ?? '')) {
    add('region', attrs.region, 'must be an AWS region name, e.g. "eu-west-1"');
  }
  const subnets = attrs.publicSubnetIds;
  if (subnets === undefined || (!isUnresolved(subnets) && subnets.length < EKS_MIN_PUBLIC_SUBNETS)) {
    add('publicSubnetIds', subnets, `must list the public subnets of the cluster's VPC, one per availability zone, at least ${EKS_MIN_PUBLIC_SUBNETS} (one Elastic IP is reserved in each for every network load balancer), e.g. ["subnet-0a1b2c3d4e5f60708", "subnet-0b1c2d3e4f5a60718"]`);
  }
  if (subnets !== undefined && !isUnresolved(subnets)) {
    const seen = new Map<string, number>();
    subnets.forEach((id, index) => {
      if (!known(id)) return;
      if (!SUBNET_ID.test(id)) {
        add(`publicSubnetIds[${index}]`, id, 'must be a subnet id, "subnet-" and 8 or 17 hexadecimal digits, e.g. "subnet-0a1b2c3d4e5f60708"');
      } else if (seen.has(id)) {
        add(`publicSubnetIds[${index}]`, id, `repeats publicSubnetIds[${seen.get(id)}]: the load balancer controller refuses two subnets in one availability zone; list each subnet once`);
      } else {
        seen.set(id, index);
      }
    });
  }
  if (attrs.vpcId !== undefined && known(attrs.vpcId) && !VPC_ID.test(attrs.vpcId)) {
    add('vpcId', attrs.vpcId, 'must be a VPC id, "vpc-" and 8 or 17 hexadecimal digits, e.g. "vpc-0a1b2c3d4e5f60708", or be left out to read it from the cluster');
  }
  if (attrs.awsProfile !== undefined && known(attrs.awsProfile) && attrs.awsProfile.trim() === '') {
    add('awsProfile', attrs.awsProfile, 'must name a profile of the AWS CLI, e.g. "acme-prod", or be left out');
  }
  return problems;
}
