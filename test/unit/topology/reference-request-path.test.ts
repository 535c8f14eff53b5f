/**
 * Follows the reference scenario's cross-cloud request through the synthesized example,
 * link by link (issue 4's acceptance):
 *   AKS route -> ExternalName to the virtual host -> HostnameGenerator that names the GKE
 *   gateway -> MeshTrafficPermission allowing it -> GKE route with a wildcard certificate
 *   covering the host -> DNS record for that host pointing at the GKE gateway address.
 * The mesh links are judged as Kuma 2.14.3 computes them from the rendered pods and Services
 * (test/upstream/rules/kuma-model.ts): which Dataplanes a permission selects, which
 * certificate its source matches, which Services become MeshServices and what they are named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHostname } from '../../../lib/mesh/hostname-generator';
import { certificateCovers } from '../../../lib/tls/wildcard-certificate';
import { synthReferenceExample } from '../../helpers/examples';
import { manifests, resourcesOfType } from '../../helpers/synth';
import { AppView } from '../../upstream/app-view';
import { hostnamesIn, selectedInbounds, sourceMatches } from '../../upstream/rules/kuma';
import { DataplaneView, evaluateHostnameTemplate, kumaModel, KumaResourceView } from '../../upstream/rules/kuma-model';

const stacks = synthReferenceExample();
const mesh = stacks['acme-mesh'];
const infra = stacks['acme-infra'];
/** What Kuma makes of the example's objects (the KUMA_* rules' model: Dataplanes, MeshServices, resources). */
const kuma = kumaModel(new AppView(stacks));

function dataplane(zone: string, workload: string): DataplaneView {
  const found = kuma.dataplanes.find((candidate) => candidate.zone === zone && candidate.pod.owner.metadata.name === workload);
  assert.ok(found, `${workload} has a Dataplane in zone ${zone}`);
  return found!;
}

/** `zone/workload` of every Dataplane whose inbounds a permission's target selects. */
function selectedBy(permission: KumaResourceView): string[] {
  return kuma.dataplanes.filter((candidate) => selectedInbounds(permission.spec.targetRef, candidate).inbounds > 0).map((candidate) => `${candidate.zone}/${candidate.pod.owner.metadata.name}`);
}

/** `zone/workload` of every Dataplane whose certificate a source targetRef matches. */
function callersMatching(ref: any): string[] {
  return kuma.dataplanes.filter((candidate) => sourceMatches(ref, candidate)).map((candidate) => `${candidate.zone}/${candidate.pod.owner.metadata.name}`);
}

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

test('exactly two permissions exist: AKS gateway -> GKE gateway and GKE gateway -> catalog, each selecting its target as Kuma does', () => {
  const permissions = kuma.resources.filter((resource) => resource.kind === 'MeshTrafficPermission');
  assert.deepEqual(permissions.map((permission) => permission.name).sort(), ['gateway-azure-to-gateway', 'gateway-to-catalog']);
  for (const permission of permissions) {
    assert.deepEqual(permission.spec.from.map((rule: any) => rule.default.action), ['Allow']);
  }
  // THEN the permission to the GKE gateway selects the GKE Kong pods, including the inbound of
  // gateway-mesh, which other zones call (matchers/dataplane.go#DppSelectedByPolicy), and nothing else.
  const toGateway = permissions.find((permission) => permission.name === 'gateway-azure-to-gateway')!;
  const gkeGateway = dataplane('gcp', 'gateway-kong');
  assert.ok(selectedInbounds(toGateway.spec.targetRef, gkeGateway).inbounds > 0);
  assert.ok(gkeGateway.inbounds.some((inbound) => inbound.service === 'gateway-mesh' && inbound.containerPort === 9443));
  assert.deepEqual(selectedBy(toGateway), ['gcp/gateway-kong']);
  const toCatalog = permissions.find((permission) => permission.name === 'gateway-to-catalog')!;
  assert.deepEqual(selectedBy(toCatalog), ['gcp/catalog']);
});

test('each permission names its caller by the identity Kuma really gives it: the AKS gateway is a delegated gateway whose tags come from the first Service by name', () => {
  const permission = (name: string) => kuma.resources.find((resource) => resource.kind === 'MeshTrafficPermission' && resource.name === name)!;
  const aksGateway = dataplane('azure', 'gateway-azure-kong');
  // GIVEN: the AKS gateway has no inbound, and its identity is the chart's first Service by name, not its proxy
  // (pod_converter.go#GatewayByServiceFor, pod_controller.go#findMatchingServices).
  assert.equal(aksGateway.inbounds.length, 0);
  assert.ok(aksGateway.gatewayTags);
  assert.notEqual(aksGateway.gatewayTags!['k8s.kuma.io/service-name'], 'gateway-azure-proxy');
  // THEN the source of the permission matches its certificate, and no other workload's.
  const [fromAks] = permission('gateway-azure-to-gateway').spec.from;
  assert.deepEqual(callersMatching(fromAks.targetRef), ['azure/gateway-azure-kong']);
  const [fromGke] = permission('gateway-to-catalog').spec.from;
  assert.deepEqual(callersMatching(fromGke.targetRef), ['gcp/gateway-kong']);
});

test('the GKE gateway accepts mesh traffic: no kuma.io/gateway on its pods, so gateway-mesh becomes a MeshService that the HostnameGenerator names for the AKS zone', () => {
  const gkeGateway = dataplane('gcp', 'gateway-kong');
  assert.equal(gkeGateway.pod.annotations['kuma.io/gateway'], undefined);
  assert.equal(dataplane('azure', 'gateway-azure-kong').pod.annotations['kuma.io/gateway'], 'enabled');
  // meshservice_controller.go#Reconcile makes a MeshService for gateway-mesh in zone gcp ...
  const meshService = kuma.meshServices.find((candidate) => candidate.zone === 'gcp' && candidate.namespace === 'kong' && candidate.name === 'gateway-mesh');
  assert.ok(meshService, 'gateway-mesh is a MeshService');
  assert.deepEqual(meshService!.ports, [443]);
  // ... and, synced to zone azure through the global, a HostnameGenerator of the app names it.
  const names = hostnamesIn(kuma, 'azure');
  assert.equal(names.get('gateway-mesh.kong.svc.gcp.mesh.local'), meshService);
  const generators = manifests(mesh).filter(({ manifest }) => manifest.kind === 'HostnameGenerator');
  const crossZone = generators.find(({ manifest }) => manifest.spec.template.includes('.Zone'))!.manifest;
  assert.equal(evaluateHostnameTemplate(crossZone.spec.template, meshService!, meshService!.syncedLabels), 'gateway-mesh.kong.svc.gcp.mesh.local');
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
