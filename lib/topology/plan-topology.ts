/**
 * From a validated topology to a {@link TopologyPlan}: defaults resolved, derived
 * names computed. Pure, so the diagram and the tests use it without synthesizing.
 */
import { cloudSupport } from '../core/cloud-registry';
import { kongGatewaySelector, kongMeshServiceName, kongProxyServiceName } from '../gateway/kong-gateway';
import { CROSS_ZONE_TEMPLATE, crossZoneServiceHostname } from '../mesh/hostname-generator';
import { wildcardDnsNames } from '../tls/wildcard-certificate';
import { meshedApiSelector } from '../workloads/meshed-api';
import {
  CertificateIssuer,
  GlobalPlacement,
  MeshDistributionName,
  TopologySpec,
} from './topology-spec';
import { PlannedGateway, PlannedRoute, TopologyPlan } from './topology-plan';
import { planFailover } from './_plan-failover';
import { effectiveIssuer } from '../core/topology-defaults';
import { fitName } from '../private/names';
import { ClusterSpec, RouteSpec } from './topology-spec';

/** The cloud name of a cluster the topology creates: `<environment>-<cluster>`, cut (with a hash) to the cloud's limit. */
export function clusterResourceName(environment: string, cluster: Pick<ClusterSpec, 'name' | 'cloud'>): string {
  return fitName(`${environment}-${cluster.name}`, '', cloudSupport(cluster.cloud).clusterNameMaxLength);
}

// The DNS-01 solver identities' names belong to the clusters' naming rules (defined once there).
export { azureDnsSolverIdentityName, cloudDnsSolverServiceAccountId } from '../private/cluster-names';

/** The MeshTrafficPermission that lets `source` (a gateway) call `target` (an API or a gateway): a DNS-1123 label. */
export function permissionName(source: string, target: string): string {
  return fitName(`${source}-to-${target}`, '', 63);
}

/** Construct id of a route's resources in the mesh stack (part of their Terraform addresses). */
export function routeConstructId(route: Pick<RouteSpec, 'host' | 'path'>): string {
  return `route-${route.host}${route.path && route.path !== '/' ? route.path : ''}`.replace(/[^A-Za-z0-9-]+/g, '-');
}

/** Template of the virtual host names other zones use (the HostnameGenerator the topology creates). */
export const CROSS_ZONE_HOSTNAME_TEMPLATE = CROSS_ZONE_TEMPLATE;

/** The Kong proxy Service name of a gateway, as KongGateway names it. */
export function gatewayProxyServiceName(gatewayName: string): string {
  return kongProxyServiceName(gatewayName);
}

/** The Service through which other zones reach a gateway inside the mesh (KongGateway.acceptMeshTraffic). */
export function gatewayMeshServiceName(gatewayName: string): string {
  return kongMeshServiceName(gatewayName);
}

/** Labels of a gateway's Kong pods, as the Kong chart sets and selects them. */
export function gatewayPodLabels(gatewayName: string): { [key: string]: string } {
  return kongGatewaySelector(gatewayName);
}

/** Labels of a meshed API's pods. */
export function apiPodLabels(apiName: string): { [key: string]: string } {
  return meshedApiSelector(apiName);
}

/** The virtual host name of a Service as seen from other zones (HostnameGenerator.crossZone's). */
export function crossZoneHostname(serviceName: string, namespace: string, zone: string): string {
  return crossZoneServiceHostname(serviceName, namespace, zone);
}

/** DNS names of a gateway's wildcard certificate (WildcardCertificate's; the apex by default). */
export function gatewayCertificateDnsNames(domain: string, includeApex: boolean | undefined): string[] {
  return wildcardDnsNames(domain, includeApex ?? true);
}

/** The ACME directory of the topology: letsencrypt, or letsencrypt-staging when ephemeral. */
export function effectiveAcmeServer(spec: TopologySpec): string {
  return spec.certificates?.acmeServer ?? (spec.ephemeral ? 'letsencrypt-staging' : 'letsencrypt');
}

// The effective certificate issuer is owned by lib/core/topology-defaults.ts (the clouds read it too).
export { effectiveIssuer } from '../core/topology-defaults';

/** The region a cluster runs in: its own, else the account's. */
export function clusterRegion(spec: TopologySpec, clusterName: string): string {
  const cluster = spec.clusters.find((candidate) => candidate.name === clusterName)!;
  if (cluster.region) return cluster.region;
  return cloudSupport(cluster.cloud).accountRegion(spec);
}

export function planTopology(spec: TopologySpec): TopologyPlan {
  const zoneByName = new Map(spec.zones.map((zone) => [zone.name, zone]));
  const cloudOf = (clusterName: string) => spec.clusters.find((cluster) => cluster.name === clusterName)!.cloud;

  const gateways: PlannedGateway[] = spec.gateways.map((gateway) => {
    const zone = zoneByName.get(gateway.zone)!;
    const namespace = gateway.namespace ?? 'kong';
    const meshServiceName = gatewayMeshServiceName(gateway.name);
    return {
      name: gateway.name,
      zone: zone.name,
      cluster: zone.cluster,
      namespace,
      proxyServiceName: gatewayProxyServiceName(gateway.name),
      acceptsMeshTraffic: (spec.routes ?? []).some((route) => route.via?.gateway === gateway.name),
      meshServiceName,
      certificateDnsNames: gatewayCertificateDnsNames(gateway.domain, gateway.includeApex),
      meshHostname: crossZoneHostname(meshServiceName, namespace, zone.name),
      podLabels: gatewayPodLabels(gateway.name),
    };
  });

  const routes: PlannedRoute[] = (spec.routes ?? []).map((route) => ({
    gateway: route.gateway,
    host: route.host,
    path: route.path ?? '/',
    api: route.api,
    remoteGateway: route.via?.gateway,
    remoteHost: route.via?.host,
  }));

  const global = spec.mesh.global;
  const kdsHost = global.placement === GlobalPlacement.EXTERNAL ? global.external!.kdsAddress : `grpcs://${global.kdsHostname ?? '<reserved address>'}:5685`;

  return {
    environment: spec.environment,
    ephemeral: spec.ephemeral ?? false,
    meshName: spec.mesh.name ?? 'default',
    distribution: spec.mesh.distribution ?? MeshDistributionName.KUMA,
    dnsZone: spec.dns.zone,
    issuer: describeIssuer(spec),
    clusters: spec.clusters.map((cluster) => ({
      name: cluster.name,
      cloud: cluster.cloud,
      region: clusterRegion(spec, cluster.name),
      existing: cluster.existing ?? false,
    })),
    global: { placement: global.placement, cluster: global.cluster, kdsAddressLabel: kdsHost },
    zones: spec.zones.map((zone) => ({ name: zone.name, cluster: zone.cluster, cloud: cloudOf(zone.cluster) })),
    apis: (spec.apis ?? []).map((api) => ({
      name: api.name,
      namespace: api.namespace ?? api.name,
      zones: api.zones,
      port: api.port ?? 8080,
      podLabels: apiPodLabels(api.name),
      failover: planFailover(api, spec.mesh.name ?? 'default'),
    })),
    gateways,
    routes,
  };
}

function describeIssuer(spec: TopologySpec): string {
  if (effectiveIssuer(spec) === CertificateIssuer.SELF_SIGNED) return 'self-signed CA';
  return `ACME DNS-01 (${effectiveAcmeServer(spec)})`;
}
