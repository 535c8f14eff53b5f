/**
 * The cloud seam: what the topology needs from a cloud, implemented once per cloud
 * (lib/azure/azure-cloud.ts, lib/gcp/gcp-cloud.ts) and reached only through the registry
 * (lib/core/cloud-registry.ts#cloudSupport). Topology, DNS, TLS and mesh code asks the
 * cluster or the registry; none of it branches on a cloud's name
 * (test/unit/core/cloud-seam.test.ts guards that).
 */
import type { Construct } from 'constructs';
import type { TerraformStack } from 'cdktf';
import type { Cloud } from './cloud';
import type { IClusterConnection } from '../clusters/cluster-connection';
import type { NodeCountDefaults } from '../private/cluster-names';
import type { ClusterNetworkRange } from '../clusters/cluster-network-range';
import type { OwnershipProps } from '../private/ownership';
import type { IDnsZone } from '../dns/dns-zone';
import type { IReservedAddress } from '../network/reserved-address';
import type { IWorkloadIdentity } from '../clusters/workload-identity';
import type { AcmeServer, IssuerKind } from '../tls/cluster-issuer';
import type { ClusterSpec, TopologySpec } from './topology-spec';

/** Reports a topology issue at a YAML field path (lib/topology/validate-topology.ts#AddIssue). */
export type CloudIssueSink = (path: string, value: unknown, message: string) => void;

/** A DNS zone the topology writes gateway records and delegations into. */
export interface ITopologyDnsZone extends IDnsZone {
  /** An A record `host` -> `address`; `host` must be inside the zone. */
  addARecord(id: string, host: string, address: IReservedAddress, ttl?: number): unknown;
  /** Delegates `child` (a zone under this one) with an NS record of its name servers. */
  delegate(id: string, child: IDnsZone, ttl?: number): void;
}

/** A cluster as later stages see it, whether the topology created it or not. */
export interface CloudCluster {
  readonly spec: ClusterSpec;
  readonly cloud: Cloud;
  readonly region: string;
  readonly connection: IClusterConnection;
  /** Egress addresses of a created cluster (for KDS allow-lists); empty for existing clusters. */
  readonly egressAddresses: string[];
  /** Reserves a static public address usable by this cluster's LoadBalancer Services. */
  reserveAddress(id: string): IReservedAddress;
}

/** How a cluster's cert-manager proves control of its gateways' domains (ACME DNS-01). */
export interface CloudDnsSolver {
  /** The DNS zone the solver writes challenge records into. */
  readonly zone: ITopologyDnsZone;
  /** What cert-manager's controller carries to act as the solver identity; none when the cloud binds the identity on its side (EKS Pod Identity). */
  readonly workloadIdentity?: IWorkloadIdentity;
  /** The ClusterIssuer kind of this solver: ACME at `server`, registered as `email`. */
  issuerKind(email: string, server: AcmeServer): IssuerKind;
}

/** What a cluster build gets from the infra stage. */
export interface CloudClusterContext {
  /** The cluster's region (its own, else the account's). */
  readonly region: string;
  /** The cloud name of a cluster the topology creates (clusterResourceName). */
  readonly resourceName: string;
  /** Owner / expiry labels of the environment. */
  readonly ownership: OwnershipProps;
}

/**
 * Everything the topology needs from one cloud. A `Cloud` value without a complete
 * implementation does not compile (lib/core/cloud-registry.ts#CLOUDS).
 */
export interface CloudSupport {
  readonly cloud: Cloud;
  /** The product name of its Kubernetes clusters, for diagrams and messages: `AKS`, `GKE`. */
  readonly clusterKind: string;

  // ---- accounts, naming, defaults (pure: validate and plan use them)
  /** The fields of `accounts.<cloud>` an issue asks for, e.g. `subscriptionId and location`. */
  readonly accountFields: string;
  /** Whether the topology declares this cloud's account. */
  hasAccount(spec: TopologySpec): boolean;
  /** The account's default region (clusters without a region of their own). */
  accountRegion(spec: TopologySpec): string;
  /** Longest cluster name the cloud accepts (names are cut with a hash to it). */
  readonly clusterNameMaxLength: number;
  /** Node counts of the cluster construct when the topology leaves them out. */
  nodeCountDefaults(ephemeral: boolean | undefined): NodeCountDefaults;
  /** The `clusters[i].network` fields this cloud reads. */
  readonly networkFields: readonly string[];
  /** The cluster construct's network ranges (with its defaults) for the given fields, at `prefix`. */
  networkRanges(network: { readonly [field: string]: string | undefined }, prefix: string): ClusterNetworkRange[];

  // ---- validator hooks for cloud-specific fields
  /** Checks of one cluster of this cloud (`path` is `clusters[i]`). */
  checkCluster(spec: TopologySpec, cluster: ClusterSpec, path: string, add: CloudIssueSink): void;
  /** Checks of `dns` when the public zone is on this cloud. */
  checkDns(spec: TopologySpec, add: CloudIssueSink): void;

  // ---- every stage
  /**
   * Prepares a stage stack for this cloud's providers (the account's non-secret settings);
   * called once per stage stack of a topology that declares this cloud's account, before
   * anything is built in it.
   */
  configureStack(stack: TerraformStack, spec: TopologySpec): void;

  // ---- stage "infra"
  /** Creates the cluster, or looks up an existing one (`fromClusterAttributes`). */
  buildCluster(infra: TerraformStack, spec: TopologySpec, cluster: ClusterSpec, context: CloudClusterContext): CloudCluster;
  /** The public zone `dns.zone` (created or existing) on this cloud. */
  publicZone(infra: TerraformStack, spec: TopologySpec, clusters: readonly CloudCluster[]): ITopologyDnsZone;
  /** A zone for a gateway's sub-domain next to `cluster` (delegated from the public zone). */
  subZone(infra: TerraformStack, id: string, spec: TopologySpec, cluster: CloudCluster, zoneName: string): ITopologyDnsZone;
  /** The DNS-01 solver identity of `cluster`'s cert-manager on `zone`. */
  dnsSolver(infra: TerraformStack, id: string, spec: TopologySpec, cluster: CloudCluster, zone: ITopologyDnsZone): CloudDnsSolver;

  // ---- stage "platform"
  /**
   * Cloud add-ons a cluster needs before gateways and control planes bind their
   * addresses (e.g. a load balancer controller); returns what those releases wait for.
   */
  platformAddons(platform: TerraformStack, spec: TopologySpec, cluster: CloudCluster): Construct[];
}
