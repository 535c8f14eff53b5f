/**
 * Defaults, limits and network ranges of {@link EksCluster} and {@link EksVpc} as pure
 * values: the constructs use them, and so do the topology's validator and planner (through
 * lib/aws/aws-cloud.ts), which must not load the AWS provider bindings to ask.
 */
import type { NodeCountDefaults } from '../private/cluster-names';
import type { ClusterNetworkRange } from '../clusters/cluster-network-range';

/** The default VPC block of EksVpc. */
export const DEFAULT_EKS_VPC_CIDR = '10.30.0.0/16';

/** The default Service range of EksCluster (EKS's own default, kubernetes_network_config.service_ipv4_cidr). */
export const DEFAULT_EKS_SERVICES_CIDR = '172.20.0.0/16';

/** EKS cluster names: at most 100 characters (EksCluster's CLUSTER_NAME). */
export const EKS_CLUSTER_NAME_MAX_LENGTH = 100;

/** IAM role names: at most 64 characters (hashicorp/terraform-provider-aws@v5.100.0 iam_role `name`). */
export const IAM_ROLE_NAME_MAX_LENGTH = 64;

/**
 * The longest cluster name whose derived IAM role names stay whole: EksCluster and EksVpc
 * name roles `<name>-cluster`, `<name>-nodes` and `<name>-vpc-flow-logs` and cut them to
 * 64 characters, so a longer name would cut two roles to one name.
 */
export const EKS_TOPOLOGY_CLUSTER_NAME_MAX_LENGTH = IAM_ROLE_NAME_MAX_LENGTH - '-vpc-flow-logs'.length;

/** The network fields of an EKS cluster an EksCluster reads. */
export interface EksNetworkFields {
  readonly vpcCidr?: string;
  readonly servicesCidr?: string;
}

/**
 * The IPv4 ranges an EksCluster with these props uses, for overlap checks across
 * a topology. Pure: no construct is created. Pods take VPC addresses (VPC CNI).
 */
export function eksClusterNetworkRanges(props: EksNetworkFields, fieldPrefix = 'EksCluster'): ClusterNetworkRange[] {
  return [
    { field: `${fieldPrefix}.vpcCidr`, cidr: props.vpcCidr ?? DEFAULT_EKS_VPC_CIDR, clusterLocal: false },
    { field: `${fieldPrefix}.servicesCidr`, cidr: props.servicesCidr ?? DEFAULT_EKS_SERVICES_CIDR, clusterLocal: true },
  ];
}

/** EksCluster's managed node group (counts across its zones): 3-9 nodes, 1-3 when ephemeral. */
export function eksNodeCountDefaults(ephemeral: boolean | undefined): NodeCountDefaults {
  return ephemeral ? { min: 1, max: 3 } : { min: 3, max: 9 };
}

/** An AWS region name, e.g. `eu-west-1`, `us-gov-west-1`, `ap-southeast-2`. */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** VPC prefix lengths EksVpc accepts: AWS allows /16 at most; each zone needs a private eighth and a public /(prefix+8) of 16 addresses. */
export const EKS_VPC_PREFIX_LENGTHS = { min: 16, max: 20 } as const;

/** Service range prefix lengths EKS accepts (kubernetes_network_config.service_ipv4_cidr: /12 to /24). */
export const EKS_SERVICES_PREFIX_LENGTHS = { min: 12, max: 24 } as const;
