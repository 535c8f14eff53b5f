/**
 * Microsoft Azure behind the cloud seam (lib/core/cloud-support.ts): AKS clusters,
 * Azure public IPs, Azure DNS, and cert-manager's DNS-01 through Azure workload identity.
 * The constructs stay in their concern folders (lib/clusters/aks-cluster.ts, ...); the
 * topology reaches them only through this object, via lib/core/cloud-registry.ts.
 */
import { TerraformStack } from 'cdktf';
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { AKS_CLUSTER_NAME_MAX_LENGTH, azureDnsSolverIdentityName, AZURE_PUBLIC_IP_NAME_MAX_LENGTH, aksNodeCountDefaults, publicAddressName } from '../private/cluster-names';
import { AksCluster, AksClusterProps, aksClusterNetworkRanges } from '../clusters/aks-cluster';
import { ClusterConnection, IClusterConnection } from '../clusters/cluster-connection';
import { Cloud } from '../core/cloud';
import type { CloudCluster, CloudClusterContext, CloudSupport, ITopologyDnsZone } from '../core/cloud-support';
import { AzureDnsZone } from './azure-dns-zone';
import { AzurePublicAddress } from '../network/azure-public-address';
import { IReservedAddress } from '../network/reserved-address';
import { azureProvider } from '../private/cloud-providers';
import { parseIpv4Cidr } from '../private/validation';
import { AzureDnsSolverIdentity } from '../tls/azure-dns-solver-identity';
import { IssuerKind } from '../tls/cluster-issuer';
import type { ClusterSpec, TopologySpec } from '../core/topology-spec';

/** An AKS cluster of the topology: created, or looked up by name in its resource group. */
class AzureCluster implements CloudCluster {
  public readonly cloud = Cloud.AZURE;
  constructor(
    public readonly spec: ClusterSpec,
    public readonly region: string,
    public readonly connection: IClusterConnection,
    public readonly egressAddresses: string[],
    /** The resource group holding the cluster and its addresses. */
    public readonly resourceGroupName: string,
    private readonly reserve: (id: string) => IReservedAddress,
    /** The created cluster, when the topology created it. */
    public readonly aks?: AksCluster,
  ) {}
  public reserveAddress(id: string): IReservedAddress {
    return this.reserve(id);
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

/** The OIDC issuer of an AKS cluster: from the created cluster, or looked up for an existing one. */
function oidcIssuerUrlOf(infra: TerraformStack, cluster: AzureCluster, spec: TopologySpec): string {
  if (cluster.aks) return cluster.aks.oidcIssuerUrl;
  const lookup = new DataAzurermKubernetesCluster(infra, `oidc-${cluster.spec.name}`, {
    provider: azureProvider(infra, subscriptionOf(spec)),
    name: cluster.spec.name,
    resourceGroupName: cluster.resourceGroupName,
  });
  return lookup.oidcIssuerUrl;
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
    if (cluster.existing && cluster.resourceGroupName === undefined) {
      add(`${path}.resourceGroupName`, undefined, 'is required for an existing AKS cluster: the resource group that holds it, e.g. "prod-aks-rg"');
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
      const resourceGroupName = cluster.resourceGroupName!;
      return new AzureCluster(
        cluster,
        region,
        ClusterConnection.fromAksCluster({ clusterName: cluster.name, resourceGroupName, subscriptionId }),
        [],
        resourceGroupName,
        (id) =>
          new AzurePublicAddress(infra, `${cluster.name}-address-${id}`, {
            name: publicAddressName(cluster.name, id, AZURE_PUBLIC_IP_NAME_MAX_LENGTH),
            resourceGroupName,
            location: region,
            subscriptionId,
            ...ownership,
          }),
      );
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
    return new AzureCluster(cluster, region, aks.connection, aks.egressAddresses, aks.resourceGroupName, (id) => aks.reservePublicAddress(id), aks);
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
      oidcIssuerUrl: oidcIssuerUrlOf(infra, aks, spec),
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
