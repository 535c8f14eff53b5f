/**
 * Follows the reference scenario's cross-cloud request through the synthesized example,
 * link by link (issue 4's acceptance):
 *   AKS route -> ExternalName to the virtual host -> HostnameGenerator that names the GKE
 *   gateway -> MeshTrafficPermission allowing it -> GKE route with a wildcard certificate
 *   covering the host -> DNS record for that host pointing at the GKE gateway address.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHostname } from '../../../lib/mesh/hostname-generator';
import { certificateCovers } from '../../../lib/tls/wildcard-certificate';
import { synthReferenceExample } from '../../helpers/examples';
import { manifests, resourcesOfType } from '../../helpers/synth';

const stacks = synthReferenceExample();
const mesh = stacks['acme-mesh'];
const infra = stacks['acme-infra'];

function ingressFor(host: string): any {
  const found = resourcesOfType(mesh, 'kubernetes_ingress_v1').find(([, ingress]) => ingress.spec.rule.some((rule: any) => rule.host === host));
  assert.ok(found, `an Ingress serves ${host}`);
  return found![1];
}

function service(name: string, provider: string): any {
  const found = resourcesOfType(mesh, 'kubernetes_service_v1').find(
    ([, candidate]) => candidate.metadata.name === name && candidate.provider === provider,
  );
  assert.ok(found, `Service ${name} exists on ${provider}`);
  return found![1];
}

test('the AKS route sends catalog.azure.acme.example over HTTPS to the GKE gateway by its virtual host name, with Host and SNI catalog.acme.example', () => {
  // GIVEN the AKS gateway's route
  const ingress = ingressFor('catalog.azure.acme.example');
  assert.equal(ingress.provider, 'kubernetes.acme_aks');
  assert.equal(ingress.spec.ingress_class_name, 'kong-gateway-azure');
  assert.deepEqual(ingress.spec.tls[0].hosts, ['catalog.azure.acme.example']);
  // THEN its backend is an ExternalName Service to the mesh host name of the GKE gateway
  const backendName = ingress.spec.rule[0].http.path[0].backend.service.name;
  const backend = service(backendName, 'kubernetes.acme_aks');
  assert.equal(backend.spec.type, 'ExternalName');
  assert.equal(backend.spec.external_name, 'gateway-mesh.kong.svc.gcp.mesh.local');
  assert.equal(backend.metadata.annotations['konghq.com/protocol'], 'https');
  assert.equal(backend.metadata.annotations['konghq.com/host-header'], 'catalog.acme.example');
  assert.equal(ingress.metadata.annotations['konghq.com/preserve-host'], 'false');
});

test('a HostnameGenerator on the global gives the GKE gateway exactly that name in other zones', () => {
  const generators = manifests(mesh).filter(({ manifest }) => manifest.kind === 'HostnameGenerator');
  const names = generators.map(({ manifest }) =>
    renderHostname(manifest.spec.template, { displayName: 'gateway-mesh', namespace: 'kong', zone: 'gcp', mesh: 'default', labels: {} }),
  );
  assert.ok(names.includes('gateway-mesh.kong.svc.gcp.mesh.local'), names.join(', '));
  const crossZone = generators.find(({ manifest }) => manifest.spec.template.includes('.Zone'))!.manifest;
  assert.equal(crossZone.metadata.namespace, 'kuma-system');
  assert.equal(crossZone.spec.selector.meshService.matchLabels['kuma.io/origin'], 'global');
});

test('exactly two permissions exist: AKS gateway -> GKE gateway and GKE gateway -> catalog', () => {
  const permissions = manifests(mesh)
    .filter(({ manifest }) => manifest.kind === 'MeshTrafficPermission')
    .map(({ manifest }) => ({
      target: manifest.spec.targetRef.labels,
      from: manifest.spec.from.map((rule: any) => rule.targetRef.tags),
      actions: manifest.spec.from.map((rule: any) => rule.default.action),
    }));
  assert.equal(permissions.length, 2);
  const toGateway = permissions.find((permission) => permission.target['kuma.io/display-name'] === 'gateway-mesh')!;
  assert.deepEqual(toGateway.target, { 'kuma.io/display-name': 'gateway-mesh', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'gcp' });
  assert.deepEqual(toGateway.from, [{ 'k8s.kuma.io/service-name': 'gateway-azure-proxy', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'azure' }]);
  const toCatalog = permissions.find((permission) => permission.target['kuma.io/display-name'] === 'catalog')!;
  assert.deepEqual(toCatalog.from, [{ 'k8s.kuma.io/service-name': 'gateway-proxy', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'gcp' }]);
  assert.deepEqual([...toGateway.actions, ...toCatalog.actions], ['Allow', 'Allow']);
});

test('the GKE gateway accepts mesh traffic on gateway-mesh; the AKS gateway stays a delegated gateway', () => {
  const releases = resourcesOfType(stacks['acme-platform'], 'helm_release').filter(([, release]) => release.chart === 'kong');
  const values = Object.fromEntries(releases.map(([, release]) => [release.name, release.values.join('\n')]));
  assert.match(values.gateway, /kuma\.io\/gateway: disabled/);
  assert.match(values['gateway-azure'], /kuma\.io\/gateway: enabled/);
  const meshServices = resourcesOfType(stacks['acme-platform'], 'kubernetes_service_v1').filter(([, svc]) => svc.metadata.name === 'gateway-mesh');
  assert.equal(meshServices.length, 1);
  assert.equal(meshServices[0][1].provider, 'kubernetes.acme_gke');
});

test('the GKE route serves catalog.acme.example with a wildcard certificate that covers it', () => {
  const ingress = ingressFor('catalog.acme.example');
  assert.equal(ingress.provider, 'kubernetes.acme_gke');
  const secretName = ingress.spec.tls[0].secret_name;
  const certificate = manifests(mesh).find(
    ({ manifest }) => manifest.kind === 'Certificate' && manifest.spec.secretName === secretName,
  )?.manifest;
  assert.ok(certificate, `a Certificate writes ${secretName}`);
  assert.equal(certificate.metadata.namespace, ingress.metadata.namespace);
  assert.ok(certificateCovers(certificate.spec.dnsNames, 'catalog.acme.example'));
  const backend = service(ingress.spec.rule[0].http.path[0].backend.service.name, 'kubernetes.acme_gke');
  assert.equal(backend.spec.external_name, 'catalog.catalog.svc.cluster.local');
});

test('DNS: catalog.acme.example points at the GKE gateway address, catalog.azure.acme.example at the AKS one', () => {
  const gcpRecord = resourcesOfType(infra, 'google_dns_record_set').find(([, record]) => record.name === 'catalog.acme.example.')![1];
  assert.equal(gcpRecord.type, 'A');
  assert.match(gcpRecord.rrdatas[0], /^\$\{google_compute_address\.cluster-gke_address-gateway-gateway_.*\.address\}$/);
  const azureRecord = resourcesOfType(infra, 'azurerm_dns_a_record').find(([, record]) => record.name === 'catalog')![1];
  assert.equal(azureRecord.zone_name, 'azure.acme.example');
  assert.match(azureRecord.records[0], /^\$\{azurerm_public_ip\.cluster-aks_address-gateway-gateway-azure_.*\.ip_address\}$/);
  // The Azure sub-zone is delegated from the public Cloud DNS zone.
  const delegation = resourcesOfType(infra, 'google_dns_record_set').find(([, record]) => record.type === 'NS')![1];
  assert.equal(delegation.name, 'azure.acme.example.');
});

test('no static cloud credentials in any stack', () => {
  for (const [name, stack] of Object.entries(stacks)) {
    assert.equal(stack.resource?.google_service_account_key, undefined, `${name} has no service account key`);
    assert.equal(stack.resource?.azuread_application_password, undefined, `${name} has no client secret`);
    assert.equal(stack.resource?.azuread_service_principal_password, undefined, `${name} has no client secret`);
  }
});
