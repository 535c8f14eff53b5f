/**
 * Stage 1, "infra": clusters, reserved public addresses, DNS. Everything later stages
 * need from here crosses as a cross-stack reference (names, addresses) or is looked up
 * by name in the later stack (cluster credentials).
 */
import { TerraformStack } from 'cdktf';
import { AksCluster } from '../clusters/aks-cluster';
import { ClusterConnection } from '../clusters/cluster-connection';
import { IClusterConnection } from '../clusters/cluster-connection';
import { GkeCluster } from '../clusters/gke-cluster';
import { Cloud } from '../core/cloud';
import { AzurePublicAddress } from '../network/azure-public-address';
import { GooglePublicAddress } from '../network/google-public-address';
import { IReservedAddress } from '../network/reserved-address';
import { ClusterSpec, TopologySpec } from './topology-spec';
import { clusterRegion } from './plan-topology';

/** A cluster as later stages see it, whether the topology created it or not. */
export interface ClusterHandle {
  readonly spec: ClusterSpec;
  readonly cloud: Cloud;
  readonly region: string;
  readonly connection: IClusterConnection;
  /** Egress addresses of a created cluster (for KDS allow-lists); empty for existing clusters. */
  readonly egressAddresses: string[];
  /** Azure resource group holding the cluster and its addresses. */
  readonly resourceGroupName?: string;
  /** The created cluster, when the topology created it. */
  readonly aks?: AksCluster;
  readonly gke?: GkeCluster;
  /** Reserves a static public address usable by this cluster's LoadBalancer Services. */
  reserveAddress(id: string): IReservedAddress;
}

/** Creates (or adopts) every cluster of the topology in the infra stack. */
export function buildClusters(infra: TerraformStack, spec: TopologySpec): Map<string, ClusterHandle> {
  const handles = new Map<string, ClusterHandle>();
  const ownership = { ephemeral: spec.ephemeral, owner: spec.owner, expiresAt: spec.expiresAt };
  for (const cluster of spec.clusters) {
    const region = clusterRegion(spec, cluster.name);
    const resourceName = `${spec.environment}-${cluster.name}`;
    if (cluster.cloud === Cloud.AZURE) {
      const subscriptionId = spec.accounts.azure!.subscriptionId;
      if (cluster.existing) {
        const resourceGroupName = cluster.resourceGroupName!;
        handles.set(cluster.name, {
          spec: cluster,
          cloud: Cloud.AZURE,
          region,
          egressAddresses: [],
          resourceGroupName,
          connection: ClusterConnection.fromAksCluster({ clusterName: cluster.name, resourceGroupName, subscriptionId }),
          reserveAddress: (id) =>
            new AzurePublicAddress(infra, `${cluster.name}-address-${id}`, {
              name: `${cluster.name}-${id}`,
              resourceGroupName,
              location: region,
              subscriptionId,
              ...ownership,
            }),
        });
      } else {
        const aks = new AksCluster(infra, `cluster-${cluster.name}`, {
          name: resourceName,
          location: region,
          subscriptionId,
          vnetCidr: cluster.network?.vnetCidr,
          nodeSubnetCidr: cluster.network?.nodeSubnetCidr,
          nodeVmSize: cluster.nodes?.size,
          minNodes: cluster.nodes?.min,
          maxNodes: cluster.nodes?.max,
          apiServerAuthorizedIpRanges: cluster.apiServerAuthorizedRanges,
          allowPublicApiServer: cluster.allowPublicApiServer,
          ...ownership,
        });
        handles.set(cluster.name, {
          spec: cluster,
          cloud: Cloud.AZURE,
          region,
          egressAddresses: aks.egressAddresses,
          resourceGroupName: aks.resourceGroupName,
          connection: aks.connection,
          aks,
          reserveAddress: (id) => aks.reservePublicAddress(id),
        });
      }
    } else {
      const project = spec.accounts.gcp!.project;
      if (cluster.existing) {
        handles.set(cluster.name, {
          spec: cluster,
          cloud: Cloud.GCP,
          region,
          egressAddresses: [],
          connection: ClusterConnection.fromGkeCluster({ clusterName: cluster.name, location: region, project }),
          reserveAddress: (id) =>
            new GooglePublicAddress(infra, `${cluster.name}-address-${id}`, {
              name: `${cluster.name}-${id}`,
              project,
              region,
              ...ownership,
            }),
        });
      } else {
        const gke = new GkeCluster(infra, `cluster-${cluster.name}`, {
          name: resourceName,
          project,
          region,
          subnetCidr: cluster.network?.subnetCidr,
          podsCidr: cluster.network?.podsCidr,
          servicesCidr: cluster.network?.servicesCidr,
          masterCidr: cluster.network?.masterCidr,
          machineType: cluster.nodes?.size,
          minNodes: cluster.nodes?.min,
          maxNodes: cluster.nodes?.max,
          masterAuthorizedNetworks: cluster.apiServerAuthorizedRanges,
          allowPublicApiServer: cluster.allowPublicApiServer,
          ...ownership,
        });
        handles.set(cluster.name, {
          spec: cluster,
          cloud: Cloud.GCP,
          region,
          egressAddresses: gke.egressAddresses,
          connection: gke.connection,
          gke,
          reserveAddress: (id) => gke.reservePublicAddress(id),
        });
      }
    }
  }
  return handles;
}
