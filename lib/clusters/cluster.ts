import { IClusterConnection } from './cluster-connection';
import { Cloud } from '../core/cloud';
import { IReservedAddress } from '../network/reserved-address';

/**
 * What later stages need from a cluster, whoever created it: a cluster construct
 * (`AksCluster`, `GkeCluster`, `EksCluster`) or one imported with its
 * `fromClusterAttributes`.
 */
export interface ICluster {
  /** Cluster name. */
  readonly clusterName: string;
  /** Hosting cloud. */
  readonly cloud: Cloud;
  /** Azure location, Google region or AWS region. */
  readonly region: string;
  /** How other stacks reach this cluster. */
  readonly connection: IClusterConnection;
  /**
   * Public addresses the cluster's egress traffic leaves from (NAT / outbound IPs), for
   * allow-lists; empty for an imported cluster, whose egress this app does not manage.
   */
  readonly egressAddresses: string[];
  /** Whether the cluster was built in ephemeral mode (no delete protection, spot nodes). */
  readonly ephemeral: boolean;
  /**
   * Reserves a static public address that a LoadBalancer Service of this cluster can bind
   * (KDS, zone ingress, gateways), in stage "infra".
   */
  reservePublicAddress(id: string): IReservedAddress;
}
