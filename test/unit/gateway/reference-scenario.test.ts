/**
 * The reference scenario's request path (DESIGN.md), link by link:
 * AKS route -> ExternalName / virtual host -> HostnameGenerator naming the GKE gateway ->
 * MeshTrafficPermission allowing it -> GKE gateway route with the wildcard certificate
 * covering the host -> DNS record for that host pointing at the GKE gateway address.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import { Cloud } from '../../../lib/core/cloud';
import { CloudDnsZone } from '../../../lib/gcp/cloud-dns-zone';
import { GatewayRoute, RouteBackend } from '../../../lib/gateway/gateway-route';
import { KongGateway } from '../../../lib/gateway/kong-gateway';
import { renderHostname } from '../../../lib/mesh/hostname-generator';
import { MeshTrafficPermission } from '../../../lib/mesh/mesh-traffic-permission';
import { ClusterIssuer, IssuerKind } from '../../../lib/tls/cluster-issuer';
import { WildcardCertificate } from '../../../lib/tls/wildcard-certificate';
import { resourcesOfType, synthApp } from '../../helpers/synth';
import { fakeAddress, fakeConnection, fakeGlobal } from './fakes';

const CROSS_ZONE_TEMPLATE = '{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local';

test('reference scenario: catalog.azure.acme.example reaches the GKE gateway through the mesh', () => {
  // GIVEN
  const aks = fakeConnection('azure', Cloud.AZURE);
  const gke = fakeConnection('gcp', Cloud.GCP);
  const aksAddress = fakeAddress(Cloud.AZURE, '198.51.100.10');
  const gkeAddress = fakeAddress(Cloud.GCP, '203.0.113.10');
  const global = fakeGlobal();
  let gkeGateway!: KongGateway;
  let aksGateway!: KongGateway;
  let gkeCertificate!: WildcardCertificate;
  let virtualHostname = '';

  // WHEN
  const stacks = synthApp((app) => {
    const infra = new TerraformStack(app, 'infra');
    const zone = new CloudDnsZone(infra, 'dns', { zoneName: 'acme.example', project: 'acme-prod' });
    zone.addARecord('catalog', 'catalog.acme.example', gkeAddress);

    const platform = new TerraformStack(app, 'platform');
    gkeGateway = new KongGateway(platform, 'gateway-gcp', {
      connection: gke,
      proxyAddress: gkeAddress,
      acceptMeshTraffic: true,
      defaultCertificateSecretName: 'gateway-tls',
      certificateDnsNames: ['*.acme.example', 'acme.example'],
    });
    aksGateway = new KongGateway(platform, 'gateway-azure', {
      connection: aks,
      proxyAddress: aksAddress,
      defaultCertificateSecretName: 'gateway-tls',
      certificateDnsNames: ['*.azure.acme.example'],
    });

    const mesh = new TerraformStack(app, 'mesh');
    const gkeIssuer = new ClusterIssuer(mesh, 'issuer-gcp', { connection: gke, name: 'acme-dns01', kind: IssuerKind.acmeCloudDns({ email: 'platform@acme.example', project: 'acme-prod' }) });
    gkeCertificate = new WildcardCertificate(mesh, 'certificate-gcp', { connection: gke, namespace: 'kong', domain: 'acme.example', issuer: gkeIssuer, secretName: 'gateway-tls' });
    new GatewayRoute(mesh, 'route-gcp', {
      gateway: gkeGateway,
      host: 'catalog.acme.example',
      backend: RouteBackend.localService({ serviceName: 'catalog', namespace: 'catalog', port: 8080 }),
    });
    virtualHostname = renderHostname(CROSS_ZONE_TEMPLATE, { displayName: gkeGateway.meshServiceName!, namespace: 'kong', zone: 'gcp', mesh: 'default', labels: {} });
    new GatewayRoute(mesh, 'route-azure', {
      gateway: aksGateway,
      host: 'catalog.azure.acme.example',
      backend: RouteBackend.crossZone({
        virtualHostname,
        port: 443,
        tlsHost: 'catalog.acme.example',
      }),
    });
    // As the topology layer does: the route's one cross-zone permission, AKS gateway -> GKE gateway.
    new MeshTrafficPermission(mesh, 'route-azure-permission', {
      globalControlPlane: global,
      name: 'gateway-azure-to-gateway-gcp',
      target: { name: gkeGateway.meshServiceName!, namespace: 'kong', zone: 'gcp' },
      allowFrom: [{ name: aksGateway.proxyServiceName, namespace: 'kong', zone: 'azure' }],
    });
  });

  const meshStack = stacks.mesh;
  const ingresses = resourcesOfType(meshStack, 'kubernetes_ingress_v1').map(([, r]) => r);
  const services = resourcesOfType(meshStack, 'kubernetes_service_v1').map(([, r]) => r);
  const azureIngress = ingresses.find((i) => i.spec.rule[0].host === 'catalog.azure.acme.example');
  const gcpIngress = ingresses.find((i) => i.spec.rule[0].host === 'catalog.acme.example');

  // THEN 1: the AKS route's backend is an ExternalName Service on the virtual host, TLS with Host/SNI catalog.acme.example.
  assert.equal(azureIngress.provider, 'kubernetes.azure');
  const backend = services.find((s) => s.metadata.name === azureIngress.spec.rule[0].http.path[0].backend.service.name);
  assert.equal(backend.spec.external_name, virtualHostname);
  assert.equal(backend.metadata.annotations['konghq.com/protocol'], 'https');
  assert.equal(backend.metadata.annotations['konghq.com/host-header'], 'catalog.acme.example');

  // THEN 2: the virtual host is what the HostnameGenerator gives the GKE gateway's mesh-facing Service.
  assert.equal(virtualHostname, 'gateway-mesh.kong.svc.gcp.mesh.local');
  const meshService = resourcesOfType(stacks.platform, 'kubernetes_service_v1').map(([, r]) => r).find((s) => s.metadata.name === gkeGateway.meshServiceName);
  assert.equal(meshService.provider, 'kubernetes.gcp');
  assert.equal(meshService.spec.port[0].port, 443);

  // THEN 3: a MeshTrafficPermission lets the AKS gateway call the GKE gateway, and only it.
  const permissions = global.applied.filter((r) => r.kind === 'MeshTrafficPermission');
  assert.equal(permissions.length, 1);
  const permission = JSON.stringify(permissions[0]);
  assert.match(permission, /gateway-mesh/);
  assert.match(permission, /gateway-proxy/);

  // THEN 4: the GKE gateway routes catalog.acme.example, with the wildcard certificate that covers it.
  assert.equal(gcpIngress.provider, 'kubernetes.gcp');
  assert.equal(gcpIngress.spec.tls[0].secret_name, gkeCertificate.secretName);
  assert.ok(gkeCertificate.covers('catalog.acme.example'));
  assert.equal(gcpIngress.spec.ingress_class_name, gkeGateway.ingressClassName);

  // THEN 5: DNS sends catalog.acme.example to the GKE gateway's address.
  const record = resourcesOfType(stacks.infra, 'google_dns_record_set').map(([, r]) => r).find((r) => r.name === 'catalog.acme.example.');
  assert.deepEqual(record.rrdatas, [gkeAddress.address]);
  assert.deepEqual([...new Set(resourcesOfType(stacks.platform, 'helm_release').map(([, r]) => r.provider))].sort(), ['helm.azure', 'helm.gcp']);
});
