import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshDistributionName } from '../../../lib/topology/topology-spec';
import { TopologyValidationError, formatTopologyIssue, topologyIssues, validateTopology } from '../../../lib/topology/validate-topology';
import { ValidationError } from '../../../lib/private/validation';
import { referenceTopologySpec } from '../../helpers/reference-topology';

const reference = referenceTopologySpec;

// The cases edit a deep copy: `any` keeps them short and lets them break the types on purpose.
type Edit = (topology: any) => void;

function issuesOf(edit: Edit) {
  const topology = structuredClone(reference()) as any;
  edit(topology);
  return topologyIssues(topology);
}

test('the reference topology is valid and returned unchanged', () => {
  // GIVEN
  const topology = reference();
  // WHEN
  const result = validateTopology(topology);
  // THEN
  assert.equal(result, topology);
});

test('fields set to undefined in a typed topology count as not set', () => {
  // GIVEN
  const topology = { ...reference(), ephemeral: undefined, owner: undefined, routes: undefined };
  // WHEN / THEN
  assert.deepEqual(topologyIssues(topology), []);
});

/** [name, edit, expected path, a fragment of the message]. Each is one distinct bad topology. */
const cases: Array<[string, Edit, string, string]> = [
  // shape (schema)
  ['bad environment name', (t) => (t.environment = 'Acme_Prod'), 'environment', 'e.g. "acme-prod"'],
  ['bad zone name', (t) => (t.zones[0].name = 'Azure_West'), 'zones[0].name', 'must be a DNS-1123 label'],
  ['missing required field', (t) => delete t.dns.cloud, 'dns.cloud', 'is required'],
  ['unknown field with a suggestion', (t) => (t.zones[1].clustr = 'gke'), 'zones[1].clustr', 'did you mean "cluster"'],
  ['bad cloud', (t) => (t.clusters[1].cloud = 'ibm'), 'clusters[1].cloud', '"azure", "gcp", "aws"'],
  ['minTlsVersion not TLS12/TLS13', (t) => (t.mesh.minTlsVersion = 'TLS11'), 'mesh.minTlsVersion', '"TLS12", "TLS13"'],
  ['bad CIDR syntax', (t) => (t.clusters[2].network = { vnetCidr: '10.300.0.0/16' }), 'clusters[2].network.vnetCidr', 'IPv4 CIDR'],
  ['expiresAt not YYYY-MM-DD', (t) => Object.assign(t, { ephemeral: true, owner: 'ci', expiresAt: '31.01.2030' }), 'expiresAt', 'YYYY-MM-DD'],
  ['expiresAt not a calendar date', (t) => Object.assign(t, { ephemeral: true, owner: 'ci', expiresAt: '2030-02-30' }), 'expiresAt', 'not a calendar date'],
  ['external without kdsAddress', (t) => (t.mesh.global = { placement: 'external', external: { caCertificateFile: 'ca.pem' } }), 'mesh.global.external.kdsAddress', 'is required'],
  ['kdsAddress not grpcs:// or grpc://', (t) => (t.mesh.global = { placement: 'external', external: { kdsAddress: 'https://global.acme.example:5685', caCertificateFile: 'ca.pem' } }), 'mesh.global.external.kdsAddress', 'grpcs://'],
  ['node count not a whole number', (t) => (t.clusters[1].nodes = { min: 1.5 }), 'clusters[1].nodes.min', 'whole number'],
  ['no zones', (t) => (t.zones = []), 'zones', 'at least 1'],
  // cross-field
  ['zone on an unknown cluster', (t) => (t.zones[1].cluster = 'gke-west'), 'zones[1].cluster', 'use one of "global", "gke", "aks"'],
  ['global on an unknown cluster', (t) => (t.mesh.global.cluster = 'mesh'), 'mesh.global.cluster', 'not a cluster'],
  ['two zones with one name', (t) => { t.clusters.push({ name: 'aks-2', cloud: 'azure', network: { vnetCidr: '10.11.0.0/16' }, apiServerAuthorizedRanges: ['203.0.113.0/24'] }); t.zones.push({ name: 'azure', cluster: 'aks-2' }); }, 'zones[2].name', 'already used by zones[0]'],
  ['two zones on one cluster', (t) => t.zones.push({ name: 'gcp-2', cluster: 'gke' }), 'zones[2].cluster', 'already hosts zones[1]'],
  ['dedicated global on a zone cluster', (t) => (t.mesh.global.cluster = 'gke'), 'mesh.global.cluster', 'also hosts zone "gcp"'],
  ['universal-postgres without database', (t) => (t.mesh.global.placement = 'universal-postgres'), 'mesh.global.database', 'PostgreSQL'],
  ['external without external', (t) => (t.mesh.global = { placement: 'external' }), 'mesh.global.external', 'grpcs://'],
  ['cluster cloud without account', (t) => delete t.accounts.azure, 'clusters[2].cloud', 'add accounts.azure'],
  ['existing AKS without resourceGroupName', (t) => (t.clusters[2] = { name: t.clusters[2].name, cloud: t.clusters[2].cloud, existing: true }), 'clusters[2].resourceGroupName', 'existing AKS'],
  ['existing cluster with creation settings', (t) => (t.clusters[2] = { ...t.clusters[2], existing: true, resourceGroupName: 'rg' }), 'clusters[2].apiServerAuthorizedRanges', 'applies only to clusters the topology creates'],
  ['duplicate cluster names', (t) => t.clusters.push({ name: 'gke', cloud: 'gcp', existing: true }), 'clusters[3].name', 'already used by clusters[1]'],
  ['duplicate gateway names', (t) => t.gateways.push({ name: 'gateway', zone: 'gcp', domain: 'acme.example' }), 'gateways[2].name', 'already used by gateways[0]'],
  ['gateway in an unknown zone', (t) => (t.gateways[1].zone = 'westeurope'), 'gateways[1].zone', 'not a zone'],
  ['api in an unknown zone', (t) => (t.apis[0].zones = ['gcp', 'aws']), 'apis[0].zones[1]', 'not a zone'],
  ['route to an unknown gateway', (t) => (t.routes[1].gateway = 'kong'), 'routes[1].gateway', 'not a gateway'],
  ['route with both api and via', (t) => (t.routes[1].api = 'catalog'), 'routes[1].via', 'cannot be combined with api'],
  ['route with neither api nor via', (t) => delete t.routes[0].api, 'routes[0].api', 'exactly one of api'],
  ['route to an unknown API', (t) => (t.routes[0].api = 'orders'), 'routes[0].api', 'not an API'],
  ['route to an API not running in the gateway zone', (t) => (t.routes[1] = { gateway: 'gateway-azure', host: 'catalog.azure.acme.example', api: 'catalog' }), 'routes[1].api', 'does not run in zone "azure"'],
  ['via to an unknown gateway', (t) => (t.routes[1].via.gateway = 'gateway-gcp'), 'routes[1].via.gateway', 'not a gateway'],
  ['via to a gateway in the same zone', (t) => { t.gateways.push({ name: 'gateway-2', zone: 'gcp', domain: 'acme.example' }); t.routes[1] = { gateway: 'gateway-2', host: 'shop.acme.example', via: { gateway: 'gateway', host: 'catalog.acme.example' } }; }, 'routes[1].via.gateway', 'same zone'],
  ['via.host not served by the remote gateway', (t) => (t.routes[1].via.host = 'orders.acme.example'), 'routes[1].via.host', 'serves "catalog.acme.example"'],
  ['route host outside the DNS zone', (t) => (t.routes[1].host = 'catalog.acme.test'), 'routes[1].host', '"acme.example"'],
  ['route host two labels under the wildcard', (t) => (t.routes[1].host = 'v1.catalog.azure.acme.example'), 'routes[1].host', 'exactly one label'],
  ['route host on the apex without includeApex', (t) => (t.routes[1].host = 'azure.acme.example'), 'routes[1].host', '*.azure.acme.example'],
  ['gateway domain outside the DNS zone', (t) => (t.gateways[1].domain = 'azure.acme.test'), 'gateways[1].domain', 'outside the DNS zone "acme.example"'],
  ['duplicate route host and path', (t) => t.routes.push({ gateway: 'gateway', host: 'catalog.acme.example', api: 'catalog' }), 'routes[2].host', 'already published by routes[0]'],
  ['one host on two gateways', (t) => { t.certificates = { issuer: 'self-signed' }; t.gateways[1].domain = 'acme.example'; t.routes[1].host = 'shop.acme.example'; t.routes.push({ gateway: 'gateway-azure', host: 'catalog.acme.example', path: '/v2', via: { gateway: 'gateway', host: 'catalog.acme.example' } }); }, 'routes[2].host', 'resolves to one gateway'],
  ['overlapping ranges across clusters', (t) => (t.clusters[0].network.subnetCidr = '10.20.0.0/20'), 'clusters[1].network.subnetCidr', 'overlaps clusters[0].network.subnetCidr'],
  ['default ranges overlap an explicit range', (t) => (t.clusters[0].network.podsCidr = '10.8.0.0/14'), 'clusters[2].network.vnetCidr', '(the default)'],
  ['CIDR with host bits', (t) => (t.clusters[1].network = { subnetCidr: '10.20.1.0/20' }), 'clusters[1].network.subnetCidr', '"10.20.0.0/20"'],
  ['GKE range on an AKS cluster', (t) => (t.clusters[2].network = { podsCidr: '10.50.0.0/14' }), 'clusters[2].network.podsCidr', 'GKE (cloud gcp) clusters only'],
  ['AKS node subnet outside the VNet', (t) => (t.clusters[2].network = { vnetCidr: '10.10.0.0/16', nodeSubnetCidr: '10.11.0.0/20' }), 'clusters[2].network.nodeSubnetCidr', 'inside vnetCidr'],
  ['ephemeral without owner', (t) => Object.assign(t, { ephemeral: true, expiresAt: '2030-01-31' }), 'owner', 'required when ephemeral'],
  ['ephemeral without expiresAt', (t) => Object.assign(t, { ephemeral: true, owner: 'ci' }), 'expiresAt', 'required when ephemeral'],
  ['acme issuer without email', (t) => delete t.certificates.email, 'certificates.email', 'acme issuer'],
  ['acme cross-cloud gateway on the zone apex', (t) => (t.gateways[1].domain = 'acme.example'), 'gateways[1].domain', 'strict sub-domain'],
  ['kong-mesh without licenseSecretName', (t) => (t.mesh.distribution = MeshDistributionName.KONG_MESH), 'mesh.licenseSecretName', 'kong-mesh'],
  ['node min above max', (t) => (t.clusters[1].nodes = { min: 4, max: 3 }), 'clusters[1].nodes.min', 'must not exceed nodes.max (3)'],
  ['node min above the default max', (t) => (t.clusters[1].nodes = { min: 10 }), 'clusters[1].nodes.min', 'nodes.max (9, the gcp default)'],
  ['GKE max below the GKE default min', (t) => (t.clusters[1].nodes = { max: 2 }), 'clusters[1].nodes.max', 'nodes.min (3, the gcp default)'],
];

for (const [name, edit, path, fragment] of cases) {
  test(`rejects: ${name} (${path})`, () => {
    // GIVEN / WHEN
    const issues = issuesOf(edit);
    // THEN
    const issue = issues.find((candidate) => candidate.path === path);
    assert.ok(issue, `expected an issue at ${path}, got:\n${issues.map(formatTopologyIssue).join('\n')}`);
    assert.ok(issue.message.includes(fragment), `message of ${path} should include ${JSON.stringify(fragment)}: ${issue.message}`);
    assert.equal(issues.length, 1, `expected exactly one issue, got:\n${issues.map(formatTopologyIssue).join('\n')}`);
  });
}

test('the error lists every issue as <path>: <value> <message> and is a ValidationError', () => {
  // GIVEN
  const topology = structuredClone(reference()) as any;
  topology.zones[0].name = 'Azure_West';
  topology.gateways[0].zone = 'Gcp';
  // WHEN
  const caught = catchError(() => validateTopology(topology));
  // THEN
  assert.ok(caught instanceof TopologyValidationError);
  assert.ok(caught instanceof ValidationError);
  assert.deepEqual(caught.issues.map((issue) => issue.path), ['zones[0].name', 'gateways[0].zone']);
  assert.match(caught.message, /zones\[0\]\.name: "Azure_West" must be a DNS-1123 label .*e\.g\. "azure-west"/);
  assert.match(caught.message, /gateways\[0\]\.zone: "Gcp" must be a DNS-1123 label/);
});

test('a self-signed topology needs no e-mail and may put a cross-cloud gateway on the apex', () => {
  // GIVEN
  const topology = structuredClone(reference()) as any;
  topology.certificates = { issuer: 'self-signed' };
  topology.gateways[1].domain = 'acme.example';
  topology.routes[1].host = 'shop.acme.example';
  // WHEN / THEN
  assert.deepEqual(topologyIssues(topology), []);
});

test('an ephemeral topology defaults to self-signed and needs no e-mail', () => {
  // GIVEN
  const topology: any = { ...structuredClone(reference()), ephemeral: true, owner: 'ci', expiresAt: '2030-01-31', certificates: undefined };
  // WHEN / THEN
  assert.deepEqual(topologyIssues(topology), []);
});

test('a universal-postgres global may share a cluster with a zone', () => {
  // GIVEN
  const topology = structuredClone(reference()) as any;
  topology.mesh.global = {
    placement: 'universal-postgres',
    cluster: 'gke',
    database: { host: 'db.internal', user: 'kuma', database: 'kuma', passwordSecretName: 'kuma-db', caCertificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
  };
  // WHEN / THEN
  assert.deepEqual(topologyIssues(topology), []);
});

test('existing clusters contribute no network ranges', () => {
  // GIVEN two existing AKS clusters, both would default to 10.10.0.0/16
  const topology = structuredClone(reference()) as any;
  topology.clusters[2] = { name: 'aks', cloud: 'azure', existing: true, resourceGroupName: 'rg' };
  topology.clusters.push({ name: 'aks-2', cloud: 'azure', existing: true, resourceGroupName: 'rg' });
  // WHEN / THEN
  assert.deepEqual(topologyIssues(topology), []);
});

test('a non-object topology is one issue at the root', () => {
  // WHEN
  const issues = topologyIssues('acme');
  // THEN
  assert.deepEqual(issues.map((issue) => issue.path), ['']);
  assert.match(formatTopologyIssue(issues[0]), /^\(topology\): "acme" must be a mapping of fields/);
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
