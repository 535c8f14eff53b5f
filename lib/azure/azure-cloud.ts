/**
 * Microsoft Azure behind the cloud seam (lib/core/cloud-support.ts): AKS clusters,
 * Azure public IPs, Azure DNS, and cert-manager's DNS-01 through Azure workload identity.
 * The constructs stay in their concern folders (lib/clusters/aks-cluster.ts, ...); the
 * topology reaches them only through this object, via lib/core/cloud-registry.ts.
 */
import { AKS_CLUSTER_NAME_MAX_LENGTH, azureDnsSolverIdentityName, aksNodeCountDefaults } from '../private/cluster-names';
import { AksCluster, AksClusterProps, IAksCluster, aksClusterNetworkRanges, isGuid } from '../clusters/aks-cluster';
import { Cloud } from '../core/cloud';
import type { CloudCluster, CloudClusterContext, CloudSupport, ITopologyDnsZone } from '../core/cloud-support';
import { AzureDnsZone } from './azure-dns-zone';
import { TopologyCluster } from '../private/topology-cluster';
import { parseIpv4Cidr } from '../private/validation';
import { AzureDnsSolverIdentity } from '../tls/azure-dns-solver-identity';
import { IssuerKind } from '../tls/cluster-issuer';
import { EXISTING_EKS_CLUSTER_FIELDS, type TopologySpec } from '../core/topology-spec';

/** An AKS cluster of the topology, created or imported (AksCluster.fromClusterAttributes). */
class AzureCluster extends TopologyCluster<IAksCluster> {
  /** The resource group holding the cluster and its addresses. */
  public get resourceGroupName(): string {
    return this.cluster.resourceGroupName;
  }
}

function azureCluster(cluster: CloudCluster): AzureCluster {
  if (!(cluster instanceof AzureCluster)) throw new Error(`Cluster "${cluster.spec.name}" is not an AKS cluster of this topology`);
  return cluster;
}

function azureZone(zone: ITopologyDnsZone): AzureDnsZone {
  if (!(zone instanceof AzureDnsZone)) throw new Error(`Zone "${zone.zoneName}" is not an Azure DNS zone of this topology`);
  return zone;
}

function subscriptionOf(spec: TopologySpec): string {
  return spec.accounts.azure!.subscriptionId;
}

const NETWORK_FIELDS = ['vnetCidr', 'nodeSubnetCidr'] as const;

export const AZURE: CloudSupport = {
  cloud: Cloud.AZURE,
  clusterKind: 'AKS',
  accountFields: 'subscriptionId and location',
  hasAccount: (spec) => spec.accounts.azure !== undefined,
  accountRegion: (spec) => spec.accounts.azure!.location,
  clusterNameMaxLength: AKS_CLUSTER_NAME_MAX_LENGTH,
  nodeCountDefaults: aksNodeCountDefaults,
  networkFields: NETWORK_FIELDS,
  networkRanges: (network, prefix) => aksClusterNetworkRanges({ vnetCidr: network.vnetCidr } as AksClusterProps, prefix),

  checkCluster(_spec, cluster, path, add) {
    for (const field of EXISTING_EKS_CLUSTER_FIELDS) {
      if (cluster[field] !== undefined) add(`${path}.${field}`, cluster[field], 'applies to existing EKS clusters (cloud aws) only; remove it for an AKS cluster');
    }
    if (cluster.existing && cluster.resourceGroupName === undefined) {
      add(`${path}.resourceGroupName`, undefined, 'is required for an existing AKS cluster: the resource group that holds it, e.g. "prod-aks-rg"');
    }
    if (cluster.identityPrincipalId !== undefined && !cluster.existing) {
      add(`${path}.identityPrincipalId`, cluster.identityPrincipalId, 'applies to existing AKS clusters only (a created cluster grants its own identity); remove it');
    } else if (cluster.identityPrincipalId !== undefined && !isGuid(cluster.identityPrincipalId)) {
      add(`${path}.identityPrincipalId`, cluster.identityPrincipalId, 'must be the principal (object) id of the cluster\'s identity, a GUID (az aks show --query identity.principalId)');
    }
    // The node subnet is carved from the VNet (AksCluster's own default when vnetCidr is left out).
    const network = cluster.network;
    if (cluster.existing || network?.nodeSubnetCidr === undefined) return;
    const subnet = parseIpv4Cidr(network.nodeSubnetCidr);
    const vnetRange = aksClusterNetworkRanges({ vnetCidr: network.vnetCidr } as AksClusterProps, `${path}.network`).find((range) => range.field === `${path}.network.vnetCidr`);
    const vnet = vnetRange ? parseIpv4Cidr(vnetRange.cidr) : undefined;
    if (subnet && vnet && (subnet.first < vnet.first || subnet.last > vnet.last)) {
      add(`${path}.network.nodeSubnetCidr`, network.nodeSubnetCidr, `must lie inside vnetCidr ("${vnet.text}")`);
    }
  },
  checkDns() {},

  // The azurerm providers of each stack (with the user's CloudProviderFactory) are configured
  // by lib/private/cloud-providers.ts#configureCloudProviders, shared with the other cloud.
  configureStack() {},

  buildCluster(infra, spec, cluster, { region, resourceName, ownership }: CloudClusterContext) {
    const subscriptionId = subscriptionOf(spec);
    if (cluster.existing) {
      const existing = AksCluster.fromClusterAttributes(infra, `cluster-${cluster.name}`, {
        clusterName: cluster.name,
        resourceGroupName: cluster.resourceGroupName!,
        subscriptionId,
        location: region,
        identityPrincipalId: cluster.identityPrincipalId,
        ...ownership,
      });
      return new AzureCluster(cluster, existing);
    }
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
    return new AzureCluster(cluster, aks);
  },

  publicZone(infra, spec, clusters): ITopologyDnsZone {
    const dns = spec.dns;
    const subscriptionId = subscriptionOf(spec);
    const resourceGroupName =
      dns.resourceGroupName ??
      clusters.filter((cluster): cluster is AzureCluster => cluster instanceof AzureCluster)[0]?.resourceGroupName ??
      `${spec.environment}-dns`;
    return dns.existing
      ? AzureDnsZone.fromExistingZone(infra, 'dns', { zoneName: dns.zone, resourceGroupName, subscriptionId })
      : new AzureDnsZone(infra, 'dns', { zoneName: dns.zone, resourceGroupName, subscriptionId, ephemeral: spec.ephemeral ?? false });
  },

  subZone(infra, id, spec, cluster, zoneName) {
    return new AzureDnsZone(infra, id, {
      zoneName,
      resourceGroupName: azureCluster(cluster).resourceGroupName,
      subscriptionId: subscriptionOf(spec),
      ephemeral: spec.ephemeral ?? false,
    });
  },

  dnsSolver(infra, id, spec, cluster, zone) {
    const aks = azureCluster(cluster);
    const identity = new AzureDnsSolverIdentity(infra, id, {
      name: azureDnsSolverIdentityName(spec.environment, cluster.spec.name),
      subscriptionId: subscriptionOf(spec),
      resourceGroupName: aks.resourceGroupName,
      location: cluster.region,
      dnsZoneId: zone.zoneId,
      oidcIssuerUrl: aks.cluster.oidcIssuerUrl,
    });
    return {
      zone,
      workloadIdentity: identity.workloadIdentity,
      issuerKind: (email, server) =>
        IssuerKind.acmeAzureDns({
          email,
          server,
          subscriptionId: identity.subscriptionId,
          resourceGroupName: azureZone(zone).resourceGroupName,
          hostedZoneName: zone.zoneName,
          managedIdentityClientId: identity.clientId,
        }),
    };
  },

  platformAddons: () => [],
};
