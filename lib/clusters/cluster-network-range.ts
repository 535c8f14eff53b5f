/**
 * One IPv4 block a cluster uses, named after the prop it came from, so the
 * topology layer can check that the networks of all its clusters do not overlap
 * (with `assertNoCidrOverlap` from the validation helpers).
 */
export interface ClusterNetworkRange {
  /** Where the block came from: a construct path or topology field and the prop, e.g. `infra/azure.vnetCidr`. */
  readonly field: string;
  /** The IPv4 CIDR block. */
  readonly cidr: string;
  /**
   * True when the block never leaves the cluster (AKS overlay pod and service
   * ranges), so two clusters may reuse it; false for ranges routed in the
   * cloud network (node subnets, GKE VPC-native pod and service ranges, the GKE
   * control plane range), which must be unique across a topology.
   */
  readonly clusterLocal: boolean;
}
