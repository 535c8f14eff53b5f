/**
 * Stage 3, "mesh": custom resources, planned once the platform stage has installed
 * their CRDs. Mesh-wide resources go to the global control plane; issuers,
 * certificates and routes go to the zone clusters.
 */
import { TerraformStack } from 'cdktf';
import { GatewayRoute, RouteBackend } from '../gateway/gateway-route';
import { KongPlugin } from '../gateway/kong-plugin';
import { HostnameGenerator } from '../mesh/hostname-generator';
import { Mesh } from '../mesh/mesh';
import { MeshTls } from '../mesh/mesh-tls';
import { MeshTrafficPermission, ServiceReference } from '../mesh/mesh-traffic-permission';
import { AcmeServer, ClusterIssuer, IssuerKind } from '../tls/cluster-issuer';
import { WildcardCertificate } from '../tls/wildcard-certificate';
import { ConnectivityCheck, HttpProbe } from '../workloads/connectivity-check';
import { Cloud } from '../core/cloud';
import { InfraStage } from './_infra-stage';
import { certificateSecretName, CHECK_CLIENT_NAME, CHECKS_NAMESPACE, connectivityChecksEnabled, PlatformStage } from './_platform-stage';
import { effectiveIssuer } from './plan-topology';
import { CertificateIssuer, RouteSpec, TopologySpec } from './topology-spec';
import { PlannedGateway, TopologyPlan } from './topology-plan';


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

  new Mesh(mesh, 'mesh', { globalControlPlane, mesh: meshName });
  new MeshTls(mesh, 'mesh-tls', { globalControlPlane, mesh: meshName, minTlsVersion: spec.mesh.minTlsVersion });
  // Services of other zones get `<service>.<namespace>.svc.<zone>.mesh.local`; this is how
  // a gateway in one zone names a gateway in another.
  HostnameGenerator.crossZone(mesh, 'hostnames-cross-zone', { globalControlPlane });
  HostnameGenerator.localZone(mesh, 'hostnames-local-zone', { globalControlPlane });

  const gatewayByName = new Map(plan.gateways.map((gateway) => [gateway.name, gateway]));
  /** A gateway as the target of a permission: the Service it accepts mesh traffic on. */
  const gatewayTarget = (gateway: PlannedGateway): ServiceReference => ({
    name: gateway.meshServiceName,
    namespace: gateway.namespace,
    zone: gateway.zone,
  });
  /** A gateway as the source of a permission. */
  const gatewaySource = (gateway: PlannedGateway): ServiceReference => ({
    name: gateway.proxyServiceName,
    namespace: gateway.namespace,
    zone: gateway.zone,
  });
  const checks = connectivityChecksEnabled(spec);

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
  for (const gateway of plan.gateways) {
    const gatewaySpec = spec.gateways.find((candidate) => candidate.name === gateway.name)!;
    new WildcardCertificate(mesh, `certificate-${gateway.name}`, {
      connection: infra.clusters.get(gateway.cluster)!.connection,
      namespace: gateway.namespace,
      domain: gatewaySpec.domain,
      includeApex: gatewaySpec.includeApex ?? true,
      issuer: issuerFor(gateway),
      secretName: certificateSecretName(gateway.name),
    });
  }

  for (const [index, route] of (spec.routes ?? []).entries()) {
    const gateway = gatewayByName.get(route.gateway)!;
    const kong = platform.gateways.get(route.gateway)!;
    const id = `route-${route.host}${route.path && route.path !== '/' ? route.path : ''}`.replace(/[^A-Za-z0-9-]+/g, '-');
    const probes: HttpProbe[] = [
      {
        description: `${route.host} through gateway ${gateway.name} (its public address)`,
        url: `https://${route.host}${route.path ?? '/'}`,
        connectTo: `${infra.gatewayAddresses.get(gateway.name)!.address}:443`,
        insecureAcceptAnyCertificate: untrustedCertificates(spec),
      },
    ];

    if (route.api) {
      const api = plan.apis.find((candidate) => candidate.name === route.api)!;
      new GatewayRoute(mesh, id, {
        gateway: kong,
        host: route.host,
        path: route.path,
        backend: RouteBackend.localService({ serviceName: api.name, namespace: api.namespace, port: api.port }),
        plugins: plugins(route),
      });
      const target: ServiceReference = { name: api.name, namespace: api.namespace, zone: gateway.zone };
      new MeshTrafficPermission(mesh, `${id}-permission`, {
        globalControlPlane,
        mesh: meshName,
        name: `${gateway.name}-to-${api.name}`,
        target,
        allowFrom: [gatewaySource(gateway), ...(checks ? [checkClient(gateway.zone)] : [])],
      });
      probes.push({
        description: `${api.name} through the mesh from zone ${gateway.zone}`,
        url: `http://${api.name}.${api.namespace}.svc.mesh.local:${api.port}/`,
      });
    } else {
      const remote = gatewayByName.get(route.via!.gateway)!;
      new GatewayRoute(mesh, id, {
        gateway: kong,
        host: route.host,
        path: route.path,
        backend: RouteBackend.crossZone({ virtualHostname: remote.meshHostname, port: 443, tlsHost: route.via!.host }),
        plugins: plugins(route),
      });
      // The one cross-zone permission of this route: this gateway may call the remote one.
      new MeshTrafficPermission(mesh, `${id}-permission`, {
        globalControlPlane,
        mesh: meshName,
        name: `${gateway.name}-to-${remote.name}`,
        target: gatewayTarget(remote),
        allowFrom: [gatewaySource(gateway), ...(checks ? [checkClient(gateway.zone)] : [])],
      });
      probes.push({
        description: `${route.via!.host} on gateway ${remote.name} through the mesh from zone ${gateway.zone}`,
        url: `https://${route.via!.host}/`,
        connectTo: `${remote.meshHostname}:443`,
        insecureAcceptAnyCertificate: untrustedCertificates(spec),
      });
    }

    if (checks) {
      new ConnectivityCheck(mesh, `${id}-check`, {
        connection: infra.clusters.get(gateway.cluster)!.connection,
        namespace: CHECKS_NAMESPACE,
        probes,
      });
    }
    void index;
  }
}

function checkClient(zone: string): ServiceReference {
  return { name: CHECK_CLIENT_NAME, namespace: CHECKS_NAMESPACE, zone };
}

/** Staging ACME and self-signed certificates do not chain to a public root. */
function untrustedCertificates(spec: TopologySpec): boolean {
  if (effectiveIssuer(spec) === CertificateIssuer.SELF_SIGNED) return true;
  return acmeServerName(spec) === 'letsencrypt-staging';
}

function acmeServerName(spec: TopologySpec): string {
  return spec.certificates?.acmeServer ?? (spec.ephemeral ? 'letsencrypt-staging' : 'letsencrypt');
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
  if (infra.clusters.get(clusterName)!.cloud === Cloud.AZURE) {
    return IssuerKind.acmeAzureDns({
      email,
      server,
      subscriptionId: solver.azure!.subscriptionId,
      resourceGroupName: solver.zone.resourceGroupName!,
      hostedZoneName: solver.zone.zoneName,
      managedIdentityClientId: solver.azure!.clientId,
    });
  }
  return IssuerKind.acmeCloudDns({ email, server, project: solver.gcp!.project });
}

function plugins(route: RouteSpec): KongPlugin[] | undefined {
  const list: KongPlugin[] = [];
  if (route.plugins?.rateLimit) list.push(KongPlugin.rateLimiting({ ...route.plugins.rateLimit }));
  if (route.plugins?.cors) list.push(KongPlugin.cors({ ...route.plugins.cors }));
  return list.length > 0 ? list : undefined;
}
