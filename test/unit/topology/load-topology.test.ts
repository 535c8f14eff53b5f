import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadTopology, parseTopology } from '../../../lib/topology/load-topology';
import { TopologyValidationError } from '../../../lib/topology/validate-topology';

const REFERENCE = join(__dirname, '..', '..', '..', 'examples', 'acme-corp', 'topology.yaml');

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'topology-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof TopologyValidationError, String(error));
    return error.issues;
  }
  assert.fail('expected a TopologyValidationError');
}

const SMALL = (extra = '') => `
environment: demo
accounts:
  gcp: { project: "\${GOOGLE_PROJECT:-demo-project}", region: europe-west1 }
clusters:
  - { name: global, cloud: gcp, network: { subnetCidr: 10.30.0.0/20, podsCidr: 10.32.0.0/14, servicesCidr: 10.36.0.0/20, masterCidr: 172.16.0.16/28 }, apiServerAuthorizedRanges: [203.0.113.0/24] }
  - { name: gke, cloud: gcp, apiServerAuthorizedRanges: [203.0.113.0/24] }
mesh:
  global: { placement: dedicated-cluster, cluster: global }
zones: [{ name: gcp, cluster: gke }]
dns: { zone: demo.example, cloud: gcp }
certificates: { email: "\${ACME_EMAIL}" }
gateways: [{ name: gateway, zone: gcp, domain: demo.example }]
${extra}`;

test('loads the reference example with placeholder defaults', () => {
  // WHEN
  const topology = loadTopology(REFERENCE, {});
  // THEN
  assert.equal(topology.environment, 'acme');
  assert.equal(topology.accounts.azure?.subscriptionId, '00000000-0000-0000-0000-000000000000');
  assert.deepEqual(topology.clusters[0].apiServerAuthorizedRanges, ['203.0.113.0/24']);
});

test('environment variables override ${VAR:-default}', () => {
  // WHEN
  const topology = loadTopology(REFERENCE, { GOOGLE_PROJECT: 'acme-prod-123', ADMIN_CIDR: '198.51.100.0/24' });
  // THEN
  assert.equal(topology.accounts.gcp?.project, 'acme-prod-123');
  assert.deepEqual(topology.clusters[2].apiServerAuthorizedRanges, ['198.51.100.0/24']);
});

test('an empty variable falls back to the default, as in the shell', () => {
  // WHEN
  const topology = parseTopology(SMALL(), 'small.yaml', { GOOGLE_PROJECT: '', ACME_EMAIL: 'ops@demo.example' });
  // THEN
  assert.equal(topology.accounts.gcp?.project, 'demo-project');
  assert.equal(topology.certificates?.email, 'ops@demo.example');
});

test('an unset variable without default is an error naming the field path', () => {
  // WHEN
  const issues = issuesOf(() => parseTopology(SMALL(), 'small.yaml', {}));
  // THEN
  assert.equal(issues.length, 1);
  assert.equal(issues[0].path, 'certificates.email');
  assert.match(issues[0].message, /ACME_EMAIL.*not set/);
});

test('unset variables inside lists name the item', () => {
  // GIVEN
  const text = SMALL('apis: [{ name: catalog, zones: ["${API_ZONE}"] }]');
  // WHEN
  const issues = issuesOf(() => parseTopology(text, 'small.yaml', { ACME_EMAIL: 'ops@demo.example' }));
  // THEN
  assert.deepEqual(issues.map((issue) => issue.path), ['apis[0].zones[0]']);
});

test('$$ is a literal dollar', () => {
  // WHEN
  const topology = parseTopology(SMALL('apis: [{ name: catalog, zones: [gcp], image: "repo/echo:$${TAG}" }]'), 'small.yaml', { ACME_EMAIL: 'a@b.example' });
  // THEN
  assert.equal(topology.apis?.[0].image, 'repo/echo:${TAG}');
});

test('reads JSON files', () => {
  // GIVEN
  const path = tempFile('topology.json', JSON.stringify(parseTopology(SMALL(), 'small.yaml', { ACME_EMAIL: 'a@b.example' })));
  // WHEN
  const topology = loadTopology(path, {});
  // THEN
  assert.equal(topology.environment, 'demo');
});

test('reads .yml files and resolves the external CA file against the topology file', () => {
  // GIVEN
  const document = parseTopology(SMALL(), 'small.yaml', { ACME_EMAIL: 'a@b.example' }) as any;
  document.clusters = document.clusters.filter((cluster: { name: string }) => cluster.name !== 'global');
  document.mesh.global = { placement: 'external', external: { kdsAddress: 'grpcs://global.demo.example:5685', caCertificateFile: 'certs/kds-ca.pem' } };
  const path = tempFile('topology.yml', stringify(document));
  // WHEN
  const topology = loadTopology(path, {});
  // THEN
  assert.equal(topology.mesh.global.external?.caCertificateFile, join(path, '..', 'certs', 'kds-ca.pem'));
});

test('validation issues of a file carry field paths', () => {
  // GIVEN
  const path = tempFile('topology.yaml', SMALL('routes: [{ gateway: gateway, host: shop.other.example, api: shop }]'));
  // WHEN
  const issues = issuesOf(() => loadTopology(path, { ACME_EMAIL: 'a@b.example' }));
  // THEN
  assert.deepEqual(issues.map((issue) => issue.path), ['routes[0].host', 'routes[0].api']);
});

test('rejects other extensions, missing files, YAML syntax errors and empty files', () => {
  // GIVEN
  const cases = [
    tempFile('topology.toml', 'environment = "x"'),
    join(tmpdir(), 'does-not-exist', 'topology.yaml'),
    tempFile('broken.yaml', 'environment: [demo\nzones: {'),
    tempFile('empty.yaml', '# nothing\n'),
  ];
  // WHEN / THEN
  for (const path of cases) {
    const issues = issuesOf(() => loadTopology(path, {}));
    assert.equal(issues.length, 1);
    assert.equal(issues[0].path, '');
    assert.equal(issues[0].value, path);
  }
});

test('duplicate keys in YAML are errors, not silently merged', () => {
  // WHEN
  const issues = issuesOf(() => parseTopology(`${SMALL()}\nenvironment: other\n`, 'dup.yaml', { ACME_EMAIL: 'a@b.example' }));
  // THEN
  assert.match(issues[0].message, /not valid YAML/);
});
