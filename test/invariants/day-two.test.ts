import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadTopology } from '../../lib/topology/load-topology';
import { GlobalPlacement, TopologySpec } from '../../lib/topology/topology-spec';
import { Cloud } from '../../lib/core/cloud';
import { CERT_MANAGER_CHART, KONG_CHART, KUMA_CHART } from '../../lib/versions';
import { ephemeralExampleTopology, synthTopology } from '../helpers/examples';
import { dayTwoImpact, valueAt } from './day-two';
import { CORPUS } from '../upstream/corpus';
import { generateTopology } from '../helpers/generated-topology';

/** The text of an unresolved cdktf token (`${TfToken[TOKEN.12]}`, sanitized in construct ids as `TfToken-TOKEN-12`). */
const TOKEN_TEXT = /TfToken|TOKEN[.\-]\d/;

const ROOT = join(__dirname, '..', '..');
const placeholders = { ...process.env, AZURE_SUBSCRIPTION_ID: undefined, GOOGLE_PROJECT: undefined, ADMIN_CIDR: undefined, ACME_EMAIL: undefined };
const reference = (): TopologySpec => loadTopology(join(ROOT, 'examples', 'acme-corp', 'topology.yaml'), placeholders);

/** The day-2 changes a platform team makes, each from the topology before it. */
const CHANGES: { readonly name: string; readonly change: (spec: TopologySpec) => TopologySpec }[] = [
  {
    name: 'add a zone (on a new AKS cluster)',
    change: (spec) => ({
      ...spec,
      clusters: [...spec.clusters, { name: 'aks-north', cloud: Cloud.AZURE, region: 'northeurope', network: { vnetCidr: '10.50.0.0/16' }, apiServerAuthorizedRanges: ['203.0.113.0/24'] }],
      zones: [...spec.zones, { name: 'azure-north', cluster: 'aks-north' }],
    }),
  },
  { name: 'add an API', change: (spec) => ({ ...spec, apis: [...(spec.apis ?? []), { name: 'orders', zones: ['gcp'] }] }) },
  { name: 'add a route (to a second API)', change: (spec) => ({ ...spec, routes: [...(spec.routes ?? []), { gateway: 'gateway', host: `orders.${spec.gateways.find((gateway) => gateway.name === 'gateway')!.domain}`, api: 'orders' }] }) },
];
const withOrders = (spec: TopologySpec): TopologySpec => ({ ...spec, apis: [...(spec.apis ?? []), { name: 'orders', zones: ['gcp'] }] });

function assertOnlyAddsOrUpdates(before: ReturnType<typeof synthTopology>, after: ReturnType<typeof synthTopology>, what: string): void {
  const impact = dayTwoImpact(before, after);
  assert.deepEqual(impact.unknownTypes, [], `${what}: resource types without a ForceNew entry in test/invariants/force-new.ts`);
  assert.deepEqual(impact.removed, [], `${what}: resources destroyed`);
  assert.deepEqual(impact.replaced, [], `${what}: resources replaced`);
  assert.ok(impact.added.length > 0, `${what}: the change added nothing, so the test compared nothing new`);
}

for (const base of [
  { name: 'reference example', spec: reference },
  { name: 'ephemeral example (ttl)', spec: ephemeralExampleTopology },
]) {
  for (const { name, change } of CHANGES) {
    test(`day 2 on the ${base.name}: ${name} only adds resources or updates them in place`, () => {
      const start = name.startsWith('add a route') ? withOrders(base.spec()) : base.spec();
      assertOnlyAddsOrUpdates(synthTopology(start), synthTopology(change(start)), name);
    });
  }
}

test('day 2: bumping the pinned chart versions only updates the releases in place', () => {
  const before = synthTopology(reference());
  const charts = [KUMA_CHART, KONG_CHART, CERT_MANAGER_CHART] as { version: string }[];
  const pinned = charts.map((chart) => chart.version);
  try {
    charts.forEach((chart) => (chart.version = `${chart.version}-bumped`));
    const after = synthTopology(reference());
    const impact = dayTwoImpact(before, after);
    assert.deepEqual(impact.removed, []);
    assert.deepEqual(impact.replaced, []);
    assert.deepEqual(impact.added, []);
    // The bump did reach the releases (else the comparison proved nothing).
    const versions = Object.values(after['acme-platform'].resource!.helm_release).map((release: any) => release.version);
    assert.ok(versions.every((version: string) => version.endsWith('-bumped')), versions.join(', '));
  } finally {
    charts.forEach((chart, index) => (chart.version = pinned[index]));
  }
});

test('the comparison reports a removed address and a changed ForceNew attribute', () => {
  const before = { s: { resource: { google_compute_address: { a: { name: 'x', labels: { k: 'v' } }, b: { name: 'y' } } } } };
  const renamed = { s: { resource: { google_compute_address: { a: { name: 'x2', labels: { k: 'v' } } } } } };
  const impact = dayTwoImpact(before, renamed);
  assert.deepEqual(impact.removed, ['s/google_compute_address.b']);
  assert.equal(impact.replaced.length, 1);
  assert.match(impact.replaced[0], /^s\/google_compute_address\.a name: "x" -> "x2" \(hashicorp\/terraform-provider-google@v6\.50\.0:google\/services\/compute\/resource_compute_address\.go\)$/);
  // Labels update in place: not ForceNew.
  const relabelled = { s: { resource: { google_compute_address: { a: { name: 'x', labels: { k: 'w' } }, b: { name: 'y' } } } } };
  assert.deepEqual(dayTwoImpact(before, relabelled).replaced, []);
  // A type without an entry cannot be judged.
  assert.deepEqual(dayTwoImpact({ s: { resource: { made_up: { a: {} } } } }, { s: { resource: { made_up: { a: {} } } } }).unknownTypes, ['made_up']);
});

test('paths run through blocks written as objects or one-element lists', () => {
  assert.equal(valueAt({ metadata: [{ name: 'n' }] }, 'metadata.name'), 'n');
  assert.equal(valueAt({ metadata: { name: 'n' } }, 'metadata.name'), 'n');
  assert.deepEqual(valueAt({ spec: [{ port: [{ port: 1 }, { port: 2 }] }] }, 'spec.port.port'), [1, 2]);
  assert.equal(valueAt({}, 'a.b'), undefined);
});

test('re-synthesizing an unchanged ephemeral environment gives the same stacks: no expiry or name computed at synth', () => {
  const first = synthTopology(ephemeralExampleTopology());
  const second = synthTopology(ephemeralExampleTopology());
  assert.deepEqual(second, first);
  // The expiry tags read the record that a time_offset fixed at create.
  const infra = JSON.stringify(first['pr-42-infra'].resource);
  assert.ok(!/"expires-at":"\d{4}-\d{2}-\d{2}"/.test(infra), 'no literal expiry date in the tags');
  assert.match(infra, /"expires-at":"\$\{terraform_data\.ccm_environment\.output\[\\"expires_at_label\\"\]\}"/);
});

test('day 2: lengthening the ttl updates the time_offset in place (from the base it stored at create)', () => {
  const before = synthTopology(ephemeralExampleTopology());
  const after = synthTopology({ ...ephemeralExampleTopology(), ttl: '5d' });
  const impact = dayTwoImpact(before, after);
  assert.deepEqual([impact.removed, impact.replaced, impact.added], [[], [], []]);
  assert.equal(after['pr-42-infra'].resource!.time_offset['ccm-expiry'].offset_days, 5);
});

test('no address or provider alias of any corpus app comes from a token (its placeholder text changes between synths)', () => {
  for (const entry of CORPUS) {
    const derived: string[] = [];
    for (const [stack, json] of Object.entries(entry.synth())) {
      for (const kind of ['resource', 'data'] as const) {
        for (const [type, instances] of Object.entries(json[kind] ?? {})) {
          for (const name of Object.keys(instances as object)) if (TOKEN_TEXT.test(name)) derived.push(`${stack}: ${type}.${name}`);
        }
      }
      for (const name of Object.keys(json.output ?? {})) if (TOKEN_TEXT.test(name)) derived.push(`${stack}: output.${name}`);
      for (const configs of Object.values(json.provider ?? {})) {
        for (const config of configs as { alias?: string }[]) if (config.alias && TOKEN_TEXT.test(config.alias)) derived.push(`${stack}: provider alias ${config.alias}`);
      }
    }
    assert.deepEqual(derived, [], entry.name);
  }
});

test('day 2 with a Universal global (kumactl applies the mesh resources): adding a zone only adds resources or updates them in place', () => {
  // Each zone adds tokens before the kumactl ConfigMap and Job are created: an address that
  // carried a token's placeholder would change, and Terraform would replace them.
  const before = generateTopology({ zones: 3, placement: GlobalPlacement.UNIVERSAL_POSTGRES });
  // The same topology with a fourth cluster, zone and gateway (the generator names them by index).
  const after = { ...generateTopology({ zones: 4, placement: GlobalPlacement.UNIVERSAL_POSTGRES }), environment: before.environment };
  const impact = dayTwoImpact(synthTopology(before), synthTopology(after));
  assert.deepEqual(impact.unknownTypes, [], 'resource types without a ForceNew entry in test/invariants/force-new.ts');
  assert.deepEqual(impact.removed, [], 'resources destroyed');
  // By design the kumactl ConfigMap and Job are named after a hash of the documents
  // (lib/mesh/kumactl-resource-sink.ts): a Job runs once, so changed mesh resources are
  // applied by a new one. Nothing else is replaced, and the addresses stay.
  const byDesign = /^\S+\/kubernetes_(config_map|job)_v1\.kumactl-[a-z0-9-]+_(resources|apply)_[0-9A-F]+ metadata\.name: "(kuma-resources|kumactl-apply)-[0-9a-f]+" -> "(kuma-resources|kumactl-apply)-[0-9a-f]+"/;
  assert.deepEqual(impact.replaced.filter((change) => !byDesign.test(change)), [], 'resources replaced');
  assert.equal(impact.replaced.length, 2, `the kumactl ConfigMap and Job get new documents: ${impact.replaced.join('; ')}`);
  assert.ok(impact.added.some((address) => address.includes('.cluster-c4_cluster_')), `the fourth cluster was not added: ${impact.added.slice(0, 5).join(', ')}`);
});
