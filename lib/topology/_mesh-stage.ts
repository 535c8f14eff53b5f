/**
 * Stage 3, "mesh": custom resources, planned once the platform stage has installed
 * their CRDs. Mesh-wide resources go to the global control plane; issuers,
 * certificates and routes go to the zone clusters.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GatewayRoute, RouteBackend } from '../gateway/gateway-route';
import { KongPlugin } from '../gateway/kong-plugin';
import { HostnameGenerator } from '../mesh/hostname-generator';
import { Mesh } from '../mesh/mesh';
import { MeshTls } from '../mesh/mesh-tls';
import { MeshTrafficPermission, ServiceReference } from '../mesh/mesh-traffic-permission';
import { AcmeServer, ClusterIssuer, IssuerKind } from '../tls/cluster-issuer';
import { WildcardCertificate } from '../tls/wildcard-certificate';
import { CONNECTIVITY_CHECK_POD_LABELS, ConnectivityCheck, HttpProbe } from '../workloads/connectivity-check';
import { InfraStage } from './_infra-stage';
import { certificateSecretName, CHECK_CLIENT_NAME, CHECKS_NAMESPACE, connectivityChecksEnabled, PlatformStage } from './_platform-stage';
import { effectiveAcmeServer, effectiveIssuer, permissionName, routeConstructId } from './plan-topology';
import { CertificateIssuer, RouteSpec, TopologySpec } from './topology-spec';
import { PlannedGateway, TopologyPlan } from './topology-plan';
import { waitFor } from '../private/ordering';
import { kumaResourcesApplied } from '../mesh/kuma-resource';
import { buildApiFailover, failoverProbes, localAnswer } from './_mesh-failover';
import { buildMeshPolicies, observedRoutePlugins } from './_mesh-policies';


export function buildMeshStage(
  mesh: TerraformStack,
  spec: TopologySpec,
  plan: TopologyPlan,
  infra: InfraStage,
  platform: PlatformStage,
): void {
  const globalControlPlane = platform.global;
  const meshName = plan.meshName;
  const ephemeral = spec.ephemeral ?? false;

  const meshResource = new Mesh(mesh, 'mesh', { globalControlPlane, mesh: meshName });
  const meshTls = new MeshTls(mesh, 'mesh-tls', { globalControlPlane, mesh: meshName, minTlsVersion: spec.mesh.minTlsVersion });
  // Services of other zones get `<service>.<namespace>.svc.<zone>.mesh.local`; this is how
  // a gateway in one zone names a gateway in another.
  const crossZoneNames = HostnameGenerator.crossZone(mesh, 'hostnames-cross-zone', { globalControlPlane });
  const localZoneNames = HostnameGenerator.localZone(mesh, 'hostnames-local-zone', { globalControlPlane });
  // Mesh-scoped policies name a mesh the webhook must already know.
  waitFor(meshTls, meshResource);
  buildMeshPolicies(mesh, spec, plan, globalControlPlane, meshResource);

  const gatewayByName = new Map(plan.gateways.map((gateway) => [gateway.name, gateway]));
  /**
   * A gateway as the target of a permission: its Kong pods, which Kuma selects by the
   * Dataplane's labels (the pod's), named after the Service it accepts mesh traffic on.
   */
  const gatewayTarget = (gateway: PlannedGateway): ServiceReference => ({
    name: gateway.meshServiceName,
    namespace: gateway.namespace,
    zone: gateway.zone,
    podLabels: gateway.podLabels,
  });
  /**
   * A gateway as the source of a permission: by its pod labels, which its certificate carries
   * as `kuma://` tags. A delegated gateway's identity comes from the first Service by name
   * selecting it (one of the Kong chart's, not necessarily the proxy), so a Service name would
   * not match it.
   */
  const gatewaySource = (gateway: PlannedGateway): ServiceReference => ({
    name: gateway.proxyServiceName,
    namespace: gateway.namespace,
    zone: gateway.zone,
    podLabels: gateway.podLabels,
  });
  const checks = connectivityChecksEnabled(spec);
  // APIs in several zones: a MeshMultiZoneService each, local zone first, then failover.
  const apiFailover = buildApiFailover(mesh, plan, globalControlPlane, meshResource);
  /**
   * One permission per (gateway, target) pair, whatever the number of routes between them:
   * its name is derived from the pair, and two policies of one name would clash.
   */
  const permissions = new Map<string, MeshTrafficPermission>();
  const permissionFor = (id: string, gateway: PlannedGateway, targetName: string, target: ServiceReference): MeshTrafficPermission => {
    const name = permissionName(gateway.name, targetName);
    let permission = permissions.get(name);
    if (!permission) {
      permission = new MeshTrafficPermission(mesh, id, {
        globalControlPlane,
        mesh: meshName,
        name,
        target,
        allowFrom: [gatewaySource(gateway), ...(checks ? [checkClient(gateway.zone)] : [])],
      });
      waitFor(permission, meshResource);
      if (checks) allowsChecksOf(gateway.zone, permission);
      permissions.set(name, permission);
    }
    return permission;
  };

  // Issuers: one per cluster hosting a gateway; a certificate per gateway.
  const issuers = new Map<string, ClusterIssuer>();
  const issuerFor = (gateway: PlannedGateway): ClusterIssuer => {
    let issuer = issuers.get(gateway.cluster);
    if (!issuer) {
      issuer = new ClusterIssuer(mesh, `issuer-${gateway.cluster}`, {
        connection: infra.clusters.get(gateway.cluster)!.connection,
        name: effectiveIssuer(spec) === CertificateIssuer.ACME ? 'acme-dns01' : 'self-signed-ca',
        kind: issuerKind(spec, infra, gateway.cluster, ephemeral),
      });
      issuers.set(gateway.cluster, issuer);
    }
    return issuer;
  };
  const certificates = new Map<string, WildcardCertificate>();
  for (const gateway of plan.gateways) {
    const gatewaySpec = spec.gateways.find((candidate) => candidate.name === gateway.name)!;
    const certificate = new WildcardCertificate(mesh, `certificate-${gateway.name}`, {
      connection: infra.clusters.get(gateway.cluster)!.connection,
      namespace: gateway.namespace,
      domain: gatewaySpec.domain,
      includeApex: gatewaySpec.includeApex ?? true,
      issuer: issuerFor(gateway),
      secretName: certificateSecretName(gateway.name),
    });
    certificates.set(gateway.name, certificate);
  }

  const exercisedByRoute = new Map<string, Construct[]>();
  const pendingChecks: { check: ConnectivityCheck; prerequisites: Construct[]; answeredBy?: string; zone: string }[] = [];
  // Every check Job of a zone has the same identity, so each is a caller every permission
  // naming that zone's checks allows: they all wait for all of them.
  const checkPermissionsByZone = new Map<string, Construct[]>();
  const allowsChecksOf = (zone: string, permission: Construct) => checkPermissionsByZone.set(zone, [...(checkPermissionsByZone.get(zone) ?? []), permission]);
  for (const [index, route] of (spec.routes ?? []).entries()) {
    const gateway = gatewayByName.get(route.gateway)!;
    const kong = platform.gateways.get(route.gateway)!;
    const id = routeConstructId(route);
    const probes: HttpProbe[] = [
      {
        description: `${route.host} through gateway ${gateway.name} (its public address)`,
        url: `https://${route.host}${route.path ?? '/'}`,
        connectTo: `${infra.gatewayAddresses.get(gateway.name)!.address}:443`,
        insecureAcceptAnyCertificate: untrustedCertificates(spec),
      },
    ];

    // What the check exercises: the routes, the permissions and the certificates on its path.
    const exercised: Construct[] = [certificates.get(gateway.name)!];
    if (route.api) {
      const api = plan.apis.find((candidate) => candidate.name === route.api)!;
      const failover = apiFailover.get(api.name);
      const gatewayRoute = new GatewayRoute(mesh, id, {
        gateway: kong,
        host: route.host,
        path: route.path,
        backend: failover?.backend ?? RouteBackend.localService({ serviceName: api.name, namespace: api.namespace, port: api.port }),
        plugins: plugins(route, spec),
      });
      // A multi-zone API may answer from any of its zones (failover): the permission covers them all.
      const target: ServiceReference = { name: api.name, namespace: api.namespace, zone: failover ? undefined : gateway.zone, podLabels: api.podLabels };
      const permission = permissionFor(`${id}-permission`, gateway, api.name, target);
      exercised.push(gatewayRoute, permission, ...(failover?.resources ?? []));
      probes.push({
        description: `${api.name} through the mesh from zone ${gateway.zone}`,
        url: `http://${api.name}.${api.namespace}.svc.mesh.local:${api.port}/`,
      });
      if (failover) {
        probes[0] = { ...probes[0], expectBodyContains: localAnswer(spec, api, gateway.zone) };
        probes.push(...failoverProbes(spec, api, gateway.zone));
      }
    } else {
      const remote = gatewayByName.get(route.via!.gateway)!;
      const gatewayRoute = new GatewayRoute(mesh, id, {
        gateway: kong,
        host: route.host,
        path: route.path,
        backend: RouteBackend.crossZone({ virtualHostname: remote.meshHostname, port: 443, tlsHost: route.via!.host }),
        plugins: plugins(route, spec),
      });
      // The one cross-zone permission of this route: this gateway may call the remote one.
      const permission = permissionFor(`${id}-permission`, gateway, remote.name, gatewayTarget(remote));
      exercised.push(gatewayRoute, permission, certificates.get(remote.name)!, crossZoneNames);
      probes.push({
        description: `${route.via!.host} on gateway ${remote.name} through the mesh from zone ${gateway.zone}`,
        url: `https://${route.via!.host}/`,
        connectTo: `${remote.meshHostname}:443`,
        insecureAcceptAnyCertificate: untrustedCertificates(spec),
      });
    }

    exercisedByRoute.set(`${gateway.name} ${route.host}`, exercised);
    if (checks) {
      const check = new ConnectivityCheck(mesh, `${id}-check`, {
        connection: infra.clusters.get(gateway.cluster)!.connection,
        namespace: CHECKS_NAMESPACE,
        probes,
      });
      const prerequisites = [...exercised, ...(route.api ? [localZoneNames] : []), meshTls];
      // A cross-zone probe is answered by the remote gateway's own route for that host.
      const answeredBy = route.via ? `${route.via.gateway} ${route.via.host}` : undefined;
      pendingChecks.push({ check, prerequisites, answeredBy, zone: gateway.zone });
    }
    void index;
  }

  // A check run before what it exercises exists fails the apply for nothing. Kuma resources may
  // be applied by a kumactl Job outside their construct: wait for that.
  for (const { check, prerequisites, answeredBy, zone } of pendingChecks) {
    const remote = answeredBy ? exercisedByRoute.get(answeredBy) ?? [] : [];
    const sameIdentity = checkPermissionsByZone.get(zone) ?? [];
    waitFor(check, ...new Set([...prerequisites, ...remote, ...sameIdentity].map(kumaResourcesApplied)));
  }
}

/** The connectivity-check Jobs of a zone as callers, by the label of their pods (see ConnectivityCheck). */
function checkClient(zone: string): ServiceReference {
  return { name: CHECK_CLIENT_NAME, namespace: CHECKS_NAMESPACE, zone, podLabels: { ...CONNECTIVITY_CHECK_POD_LABELS } };
}

/** Staging ACME and self-signed certificates do not chain to a public root. */
function untrustedCertificates(spec: TopologySpec): boolean {
  if (effectiveIssuer(spec) === CertificateIssuer.SELF_SIGNED) return true;
  return acmeServerName(spec) === 'letsencrypt-staging';
}

function acmeServerName(spec: TopologySpec): string {
  return effectiveAcmeServer(spec);
}

function issuerKind(spec: TopologySpec, infra: InfraStage, clusterName: string, ephemeral: boolean): IssuerKind {
  if (effectiveIssuer(spec) === CertificateIssuer.SELF_SIGNED) {
    return IssuerKind.selfSignedCa({ commonName: `${spec.environment} ${ephemeral ? 'ephemeral ' : ''}gateway CA` });
  }
  const serverName = acmeServerName(spec);
  const server =
    serverName === 'letsencrypt'
      ? AcmeServer.letsEncrypt()
      : serverName === 'letsencrypt-staging'
        ? AcmeServer.letsEncryptStaging()
        : AcmeServer.custom(serverName);
  const solver = infra.solvers.get(clusterName)!;
  const email = spec.certificates!.email!;
  return solver.issuerKind(email, server);
}

function plugins(route: RouteSpec, spec: TopologySpec): KongPlugin[] | undefined {
  const list: KongPlugin[] = [];
  if (route.plugins?.rateLimit) list.push(KongPlugin.rateLimiting({ ...route.plugins.rateLimit }));
  if (route.plugins?.cors) list.push(KongPlugin.cors({ ...route.plugins.cors }));
  list.push(...observedRoutePlugins(spec));
  return list.length > 0 ? list : undefined;
}
