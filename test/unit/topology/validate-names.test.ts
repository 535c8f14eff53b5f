/**
 * The cases outside testing found where validate and synth disagreed, one test each: either
 * validate now reports the field, or the derived names no longer collide and synth succeeds.
 * Each test fails on the code before the fix (the cut without a hash, a record per route,
 * a permission per route, no resource-group rule, a construct path instead of a field).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cloud } from '../../../lib/core/cloud';
import { GlobalPlacement, TopologySpec } from '../../../lib/topology/topology-spec';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { fitName } from '../../../lib/private/names';
import { gkeNodeServiceAccountId, GOOGLE_SERVICE_ACCOUNT_ID } from '../../../lib/private/cluster-names';
import { ephemeralExampleTopology, synthTopology } from '../../helpers/examples';
import { resourcesOfType, manifests } from '../../helpers/synth';
import { referenceTopologySpec } from '../../helpers/reference-topology';

const topology = referenceTopologySpec;

type Edit = (topology: any) => void;
function edited(edit: Edit): TopologySpec {
  const spec = structuredClone(topology()) as any;
  edit(spec);
  return spec;
}
function issueAt(spec: TopologySpec, path: string) {
  return topologyIssues(spec).find((issue) => issue.path === path);
}

test('two GKE clusters whose names share their first 24 characters get distinct node service accounts', () => {
  // GIVEN two zone clusters named alike up to their last characters
  const spec = edited((t) => {
    t.clusters.push({ name: 'payments-europe-west1-zone-a', cloud: Cloud.GCP, network: { subnetCidr: '10.50.0.0/20', podsCidr: '10.52.0.0/14', servicesCidr: '10.56.0.0/20', masterCidr: '172.16.0.32/28' }, apiServerAuthorizedRanges: ['203.0.113.0/24'] });
    t.clusters.push({ name: 'payments-europe-west1-zone-b', cloud: Cloud.GCP, network: { subnetCidr: '10.60.0.0/20', podsCidr: '10.64.0.0/14', servicesCidr: '10.68.0.0/20', masterCidr: '172.16.0.48/28' }, apiServerAuthorizedRanges: ['203.0.113.0/24'] });
    t.zones.push({ name: 'pay-a', cluster: 'payments-europe-west1-zone-a' }, { name: 'pay-b', cluster: 'payments-europe-west1-zone-b' });
  });
  assert.deepEqual(topologyIssues(spec), []);
  // WHEN
  const infra = synthTopology(spec)['acme-infra'];
  // THEN every node service account id is distinct and a valid Google service account id
  const ids = resourcesOfType(infra, 'google_service_account').map(([, account]) => account.account_id as string);
  assert.equal(new Set(ids).size, ids.length, `service account ids collide: ${ids.join(', ')}`);
  for (const id of ids) assert.match(id, GOOGLE_SERVICE_ACCOUNT_ID);
  assert.notEqual(gkeNodeServiceAccountId('acme-payments-europe-west1-zone-a'), gkeNodeServiceAccountId('acme-payments-europe-west1-zone-b'));
});

test('a cut name ends in a hash of the whole name, so names that share a prefix stay distinct', () => {
  assert.equal(fitName('short', '-nodes', 30), 'short-nodes');
  const a = fitName('x'.repeat(40) + 'a', '-nodes', 30);
  const b = fitName('x'.repeat(40) + 'b', '-nodes', 30);
  assert.equal(a.length, 30);
  assert.notEqual(a, b);
  assert.ok(a.endsWith('-nodes'));
});

test('two paths on one host synthesize (one DNS record for the host), where synth used to crash', () => {
  // GIVEN
  const spec = edited((t) => t.routes.push({ gateway: 'gateway', host: 'catalog.acme.example', path: '/v2', api: 'catalog' }));
  assert.deepEqual(topologyIssues(spec), []);
  // WHEN
  const infra = synthTopology(spec)['acme-infra'];
  // THEN
  const records = resourcesOfType(infra, 'google_dns_record_set').filter(([, record]) => record.type === 'A' && record.name === 'catalog.acme.example.');
  assert.equal(records.length, 1);
});

test('two routes to one API emit one MeshTrafficPermission, not two of the same name', () => {
  // GIVEN a second host on the same gateway to the same API
  const spec = edited((t) => t.routes.push({ gateway: 'gateway', host: 'shop.acme.example', api: 'catalog' }));
  assert.deepEqual(topologyIssues(spec), []);
  // WHEN
  const mesh = synthTopology(spec)['acme-mesh'];
  // THEN
  const names = manifests(mesh).filter(({ manifest }) => manifest.kind === 'MeshTrafficPermission').map(({ manifest }) => manifest.metadata.name as string);
  assert.equal(new Set(names).size, names.length, `duplicate permissions: ${names.join(', ')}`);
  assert.ok(names.includes('gateway-to-catalog'));
});

test('a permission name longer than a DNS label is cut with a hash, not rejected by synth', () => {
  const spec = edited((t) => {
    const api = 'a'.repeat(50) + '-catalog';
    t.apis[0].name = api;
    t.apis[0].namespace = 'catalog';
    t.routes[0].api = api;
  });
  assert.deepEqual(topologyIssues(spec), []);
  const names = manifests(synthTopology(spec)['acme-mesh']).filter(({ manifest }) => manifest.kind === 'MeshTrafficPermission').map(({ manifest }) => manifest.metadata.name as string);
  for (const name of names) assert.ok(name.length <= 63, name);
});

test('an Azure resource group name with spaces is an issue at its field', () => {
  const cluster = edited((t) => Object.assign(t.clusters[2], { existing: true, resourceGroupName: 'prod aks rg' }));
  assert.match(issueAt(cluster, 'clusters[2].resourceGroupName')?.message ?? '', /no spaces/);
  const dns = edited((t) => Object.assign(t.dns, { cloud: Cloud.AZURE, resourceGroupName: 'acme dns rg' }));
  assert.match(issueAt(dns, 'dns.resourceGroupName')?.message ?? '', /no spaces/);
  const dot = edited((t) => Object.assign(t.dns, { cloud: Cloud.AZURE, resourceGroupName: 'acme.' }));
  assert.match(issueAt(dot, 'dns.resourceGroupName')?.message ?? '', /must not end with "\."/);
  const fine = edited((t) => Object.assign(t.dns, { cloud: Cloud.AZURE, resourceGroupName: 'acme_(dns).rg' }));
  assert.equal(issueAt(fine, 'dns.resourceGroupName'), undefined);
});

test('a GKE control plane range that is not a /28 is an issue at clusters[i].network.masterCidr, not a construct path', () => {
  const spec = edited((t) => (t.clusters[0].network.masterCidr = '172.16.0.0/27'));
  const issue = issueAt(spec, 'clusters[0].network.masterCidr');
  assert.match(issue?.message ?? '', /\/28/);
});

test('a gateway name longer than a Helm release name is an issue at gateways[i].name', () => {
  const name = 'g'.repeat(54);
  const spec = edited((t) => {
    t.gateways[0].name = name;
    t.routes[0].gateway = name;
    t.routes[1].via.gateway = name;
  });
  assert.match(issueAt(spec, 'gateways[0].name')?.message ?? '', /at most 53/);
});

test('an environment starting with a digit is an issue when it begins Google resource names', () => {
  const spec = edited((t) => (t.environment = '42'));
  assert.match(issueAt(spec, 'environment')?.message ?? '', /start with a letter/);
});

test('two route paths that differ only in punctuation are an issue at routes[i].path', () => {
  const spec = edited((t) => t.routes.push({ gateway: 'gateway', host: 'catalog.acme.example', path: '/v1.0', api: 'catalog' }, { gateway: 'gateway', host: 'catalog.acme.example', path: '/v1-0', api: 'catalog' }));
  assert.match(issueAt(spec, 'routes[3].path')?.message ?? '', /same resource names as routes\[2\]/);
});

test('a DNS zone of one label, and an existing Cloud DNS zone whose default managed name is too long, are issues at dns.*', () => {
  assert.match(issueAt(edited((t) => (t.dns.zone = 'example')), 'dns.zone')?.message ?? '', /two labels/);
  const long = edited((t) => {
    const zone = `${'d'.repeat(60)}.acme.example`;
    t.dns = { zone, cloud: Cloud.GCP, existing: true };
    t.gateways[0].domain = zone;
    t.gateways[1].domain = `azure.${zone}`;
    t.routes[0].host = `catalog.${zone}`;
    t.routes[1].host = `catalog.azure.${zone}`;
    t.routes[1].via.host = `catalog.${zone}`;
  });
  assert.match(issueAt(long, 'dns.managedZoneName')?.message ?? '', /is required/);
});

test('an API whose Service would be the gateway proxy Service of its namespace is an issue at apis[i].name', () => {
  const spec = edited((t) => {
    t.apis[0].name = 'gateway-proxy';
    t.apis[0].namespace = 'kong';
    t.routes[0].api = 'gateway-proxy';
  });
  assert.match(issueAt(spec, 'apis[0].name')?.message ?? '', /Service "gateway-proxy" \(the API\).*gateways\[0\]\.name/);
});

test('a workload in the namespace of a universal-postgres global on its cluster is an issue at its namespace', () => {
  const spec = edited((t) => {
    t.mesh.global = { placement: GlobalPlacement.UNIVERSAL_POSTGRES, cluster: 'gke', database: { host: 'db', user: 'kuma', database: 'kuma', passwordSecretName: 'pg', insecureSkipServerVerification: true } };
    t.clusters.shift();
    t.apis[0].namespace = 'kuma-global';
  });
  assert.match(issueAt(spec, 'apis[0].namespace')?.message ?? '', /namespace of the universal-postgres global/);
});

test('an AKS VNet over the cluster-internal Service or pod range is an issue at clusters[i].network.vnetCidr, not a construct path', () => {
  for (const vnetCidr of ['10.0.0.0/12', '192.168.0.0/16']) {
    const spec = edited((t) => (t.clusters[2].network = { vnetCidr }));
    assert.match(issueAt(spec, 'clusters[2].network.vnetCidr')?.message ?? '', /overlaps the AKS (serviceCidr|podCidr) of clusters\[2\]/, vnetCidr);
  }
  // two AKS clusters may reuse the cluster-internal ranges
  const two = edited((t) => t.clusters.push({ name: 'aks2', cloud: Cloud.AZURE, network: { vnetCidr: '10.11.0.0/16' }, apiServerAuthorizedRanges: ['203.0.113.0/24'] }));
  assert.deepEqual(topologyIssues(two), []);
});

test('construct rules a topology passes through are issues at their fields: API server access, gateway replicas, plugins', () => {
  const open = edited((t) => delete t.clusters[1].apiServerAuthorizedRanges);
  assert.match(issueAt(open, 'clusters[1].apiServerAuthorizedRanges')?.message ?? '', /allowPublicApiServer/);
  assert.equal(issueAt(edited((t) => { delete t.clusters[1].apiServerAuthorizedRanges; t.clusters[1].allowPublicApiServer = true; }), 'clusters[1].apiServerAuthorizedRanges'), undefined);
  assert.match(issueAt(edited((t) => (t.gateways[0].replicas = 1)), 'gateways[0].replicas')?.message ?? '', /at least 2/);
  assert.match(issueAt(edited((t) => (t.routes[0].plugins = { rateLimit: {} })), 'routes[0].plugins.rateLimit')?.message ?? '', /at least one of minute and hour/);
  assert.match(issueAt(edited((t) => (t.routes[0].plugins = { cors: { origins: ['*'], credentials: true } })), 'routes[0].plugins.cors.origins')?.message ?? '', /explicitly/);
});

test('an owner that is no Google label value is an issue at owner, not a construct path in synth', () => {
  // GIVEN an ephemeral topology with GKE clusters, whose resources carry the owner as a label
  const spec = ephemeralExampleTopology() as any;
  spec.owner = 'Platform Team';
  // WHEN
  const issues = topologyIssues(spec);
  // THEN one issue, at the YAML field (before, validate accepted it and GkeCluster threw at
  // <env>/<env>-infra/cluster-global.owner)
  assert.deepEqual(issues.map((issue) => issue.path), ['owner']);
  assert.match(issues[0].message, /not a Google Cloud label value/);
  assert.deepEqual(topologyIssues({ ...spec, owner: 'platform-team' }), []);
});
