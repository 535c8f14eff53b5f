import { IClusterConnection } from './cluster-connection';
import { Cloud } from '../core/cloud';

/** What later stages need from a cluster, whoever created it. */
export interface ICluster {
  /** Cluster name. */
  readonly clusterName: string;
  /** Hosting cloud. */
  readonly cloud: Cloud;
  /** Azure location or Google region. */
  readonly region: string;
  /** How other stacks reach this cluster. */
  readonly connection: IClusterConnection;
  /** Public addresses the cluster's egress traffic leaves from (NAT / outbound IPs), for allow-lists. */
  readonly egressAddresses: string[];
  /** Whether the cluster was built in ephemeral mode (no delete protection, spot nodes). */
  readonly ephemeral: boolean;
}
