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
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { DnsZone } from '../dns/dns-zone';
import { azureProvider } from '../private/cloud-providers';
import { AzureDnsSolverIdentity } from '../tls/azure-dns-solver-identity';
import { CloudDnsSolverIdentity } from '../tls/cloud-dns-solver-identity';
import { CertificateIssuer, ClusterSpec, TopologySpec } from './topology-spec';
import { TopologyPlan } from './topology-plan';
import { azureDnsSolverIdentityName, cloudDnsSolverServiceAccountId, clusterRegion, clusterResourceName, effectiveIssuer } from './plan-topology';
import { environmentOwnership } from '../environments/environment-record';
import { AZURE_PUBLIC_IP_NAME_MAX_LENGTH, GOOGLE_COMPUTE_NAME_MAX_LENGTH, publicAddressName } from '../clusters/_cluster-names';

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
  const ownership = environmentOwnership(infra, spec);
  for (const cluster of spec.clusters) {
    const region = clusterRegion(spec, cluster.name);
    const resourceName = clusterResourceName(spec.environment, cluster);
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
              name: publicAddressName(cluster.name, id, AZURE_PUBLIC_IP_NAME_MAX_LENGTH),
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
              name: publicAddressName(cluster.name, id, GOOGLE_COMPUTE_NAME_MAX_LENGTH),
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

/** What the infra stage hands to later stages. */
export interface InfraStage {
  readonly clusters: Map<string, ClusterHandle>;
  /** KDS address of a global the topology runs (undefined for an external global). */
  readonly kdsAddress?: IReservedAddress;
  /** Zone ingress address, by zone name. */
  readonly zoneIngressAddresses: Map<string, IReservedAddress>;
  /** Kong proxy address, by gateway name. */
  readonly gatewayAddresses: Map<string, IReservedAddress>;
  /** DNS-01 solver identities, by cluster name (ACME issuer only). */
  readonly solvers: Map<string, DnsSolver>;
}

/** How a cluster's cert-manager proves control of its gateways' domains. */
export interface DnsSolver {
  /** The DNS zone the solver writes challenge records into. */
  readonly zone: DnsZone;
  readonly azure?: AzureDnsSolverIdentity;
  readonly gcp?: CloudDnsSolverIdentity;
}

export function buildInfraStage(infra: TerraformStack, spec: TopologySpec, plan: TopologyPlan): InfraStage {
  const clusters = buildClusters(infra, spec);

  const global = spec.mesh.global;
  const kdsAddress = global.cluster ? clusters.get(global.cluster)!.reserveAddress('kds') : undefined;
  const zoneIngressAddresses = new Map(
    spec.zones.map((zone) => [zone.name, clusters.get(zone.cluster)!.reserveAddress(`zone-ingress-${zone.name}`)]),
  );
  const gatewayAddresses = new Map(
    plan.gateways.map((gateway) => [gateway.name, clusters.get(gateway.cluster)!.reserveAddress(`gateway-${gateway.name}`)]),
  );

  const ephemeral = spec.ephemeral ?? false;
  const dnsZone = publicZone(infra, spec, clusters);
  const ttl = spec.dns.ttl ?? 300;

  // With ACME, each cluster's cert-manager answers DNS-01 challenges in its own cloud
  // (workload identity, no cross-cloud credentials): a gateway on another cloud than the
  // public zone gets its sub-domain delegated to a zone in its own cloud.
  const acme = effectiveIssuer(spec) === CertificateIssuer.ACME;
  const gatewayZones = new Map<string, DnsZone>();
  for (const gateway of plan.gateways) {
    const cluster = clusters.get(gateway.cluster)!;
    const gatewaySpec = spec.gateways.find((candidate) => candidate.name === gateway.name)!;
    if (!acme || cluster.cloud === spec.dns.cloud) {
      gatewayZones.set(gateway.name, dnsZone);
      continue;
    }
    const child = cluster.cloud === Cloud.AZURE
      ? DnsZone.azure(infra, `dns-${gateway.name}`, {
          zoneName: gatewaySpec.domain,
          resourceGroupName: cluster.resourceGroupName!,
          subscriptionId: spec.accounts.azure!.subscriptionId,
          ephemeral,
        })
      : DnsZone.cloudDns(infra, `dns-${gateway.name}`, {
          zoneName: gatewaySpec.domain,
          project: spec.accounts.gcp!.project,
          ephemeral,
        });
    dnsZone.delegate(`delegate-${gateway.name}`, child, ttl);
    gatewayZones.set(gateway.name, child);
  }

  // One record per host name: several paths of a host share it (validate keeps a host on one gateway).
  for (const route of new Map(plan.routes.map((candidate) => [candidate.host, candidate])).values()) {
    const zone = gatewayZones.get(route.gateway)!;
    zone.addARecord(`route-${route.host}`, route.host, gatewayAddresses.get(route.gateway)!, ttl);
  }

  const solvers = new Map<string, DnsSolver>();
  if (acme) {
    for (const gateway of plan.gateways) {
      if (solvers.has(gateway.cluster)) continue;
      const cluster = clusters.get(gateway.cluster)!;
      const zone = gatewayZones.get(gateway.name)!;
      if (cluster.cloud === Cloud.AZURE) {
        solvers.set(gateway.cluster, {
          zone,
          azure: new AzureDnsSolverIdentity(infra, `dns-solver-${gateway.cluster}`, {
            name: azureDnsSolverIdentityName(spec.environment, gateway.cluster),
            subscriptionId: spec.accounts.azure!.subscriptionId,
            resourceGroupName: cluster.resourceGroupName!,
            location: cluster.region,
            dnsZoneId: zone.zoneId,
            oidcIssuerUrl: oidcIssuerUrlOf(infra, cluster, spec),
          }),
        });
      } else {
        solvers.set(gateway.cluster, {
          zone,
          gcp: new CloudDnsSolverIdentity(infra, `dns-solver-${gateway.cluster}`, {
            name: cloudDnsSolverServiceAccountId(spec.environment, gateway.cluster),
            project: spec.accounts.gcp!.project,
            cluster: cluster.gke,
          }),
        });
      }
    }
  }

  return { clusters, kdsAddress, zoneIngressAddresses, gatewayAddresses, solvers };
}

function publicZone(infra: TerraformStack, spec: TopologySpec, clusters: Map<string, ClusterHandle>): DnsZone {
  const dns = spec.dns;
  const ephemeral = spec.ephemeral ?? false;
  if (dns.cloud === Cloud.AZURE) {
    const subscriptionId = spec.accounts.azure!.subscriptionId;
    const resourceGroupName =
      dns.resourceGroupName ??
      [...clusters.values()].find((cluster) => cluster.cloud === Cloud.AZURE)?.resourceGroupName ??
      `${spec.environment}-dns`;
    return dns.existing
      ? DnsZone.fromExistingAzureZone(infra, 'dns', { zoneName: dns.zone, resourceGroupName, subscriptionId })
      : DnsZone.azure(infra, 'dns', { zoneName: dns.zone, resourceGroupName, subscriptionId, ephemeral });
  }
  const project = spec.accounts.gcp!.project;
  return dns.existing
    ? DnsZone.fromExistingCloudDnsZone(infra, 'dns', { zoneName: dns.zone, project, managedZoneName: dns.managedZoneName })
    : DnsZone.cloudDns(infra, 'dns', { zoneName: dns.zone, project, managedZoneName: dns.managedZoneName, ephemeral });
}

/** The OIDC issuer of an AKS cluster: from the created cluster, or looked up for an existing one. */
function oidcIssuerUrlOf(infra: TerraformStack, cluster: ClusterHandle, spec: TopologySpec): string {
  if (cluster.aks) return cluster.aks.oidcIssuerUrl;
  const lookup = new DataAzurermKubernetesCluster(infra, `oidc-${cluster.spec.name}`, {
    provider: azureProvider(infra, spec.accounts.azure!.subscriptionId),
    name: cluster.spec.name,
    resourceGroupName: cluster.resourceGroupName!,
  });
  return lookup.oidcIssuerUrl;
}
