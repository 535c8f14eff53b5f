/**
 * Stage 1, "infra": clusters, reserved public addresses, DNS. Everything later stages
 * need from here crosses as a cross-stack reference (names, addresses) or is looked up
 * by name in the later stack (cluster credentials).
 */
import { TerraformStack } from 'cdktf';
import { cloudSupport } from '../core/cloud-registry';
import type { CloudCluster, CloudDnsSolver, ITopologyDnsZone } from '../core/cloud-support';
import { IReservedAddress } from '../network/reserved-address';
import { CertificateIssuer, TopologySpec } from './topology-spec';
import { TopologyPlan } from './topology-plan';
import { clusterRegion, clusterResourceName, effectiveIssuer } from './plan-topology';
import { environmentOwnership } from '../environments/environment-record';

/** A cluster as later stages see it, whether the topology created it or not. */
export type ClusterHandle = CloudCluster;

/** Creates (or adopts) every cluster of the topology in the infra stack, each through its cloud. */
export function buildClusters(infra: TerraformStack, spec: TopologySpec): Map<string, ClusterHandle> {
  const handles = new Map<string, ClusterHandle>();
  const ownership = environmentOwnership(infra, spec);
  for (const cluster of spec.clusters) {
    const context = { region: clusterRegion(spec, cluster.name), resourceName: clusterResourceName(spec.environment, cluster), ownership };
    handles.set(cluster.name, cloudSupport(cluster.cloud).buildCluster(infra, spec, cluster, context));
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
export type DnsSolver = CloudDnsSolver;

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

  const dnsZone = publicZone(infra, spec, clusters);
  const ttl = spec.dns.ttl ?? 300;

  // With ACME, each cluster's cert-manager answers DNS-01 challenges in its own cloud
  // (workload identity, no cross-cloud credentials): a gateway on another cloud than the
  // public zone gets its sub-domain delegated to a zone in its own cloud.
  const acme = effectiveIssuer(spec) === CertificateIssuer.ACME;
  const gatewayZones = new Map<string, ITopologyDnsZone>();
  for (const gateway of plan.gateways) {
    const cluster = clusters.get(gateway.cluster)!;
    const gatewaySpec = spec.gateways.find((candidate) => candidate.name === gateway.name)!;
    if (!acme || cluster.cloud === spec.dns.cloud) {
      gatewayZones.set(gateway.name, dnsZone);
      continue;
    }
    const child = cloudSupport(cluster.cloud).subZone(infra, `dns-${gateway.name}`, spec, cluster, gatewaySpec.domain);
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
      solvers.set(gateway.cluster, cloudSupport(cluster.cloud).dnsSolver(infra, `dns-solver-${gateway.cluster}`, spec, cluster, zone));
    }
  }

  return { clusters, kdsAddress, zoneIngressAddresses, gatewayAddresses, solvers };
}

function publicZone(infra: TerraformStack, spec: TopologySpec, clusters: Map<string, ClusterHandle>): ITopologyDnsZone {
  return cloudSupport(spec.dns.cloud).publicZone(infra, spec, [...clusters.values()]);
}
