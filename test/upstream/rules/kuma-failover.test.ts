/**
 * The kuma-failover rules pass on the ephemeral example (catalog in zones gcp and azure) and
 * on the matrix configuration with an API in 2 of 3 zones, and each fails on a copy broken
 * the way Kuma would break it. The last tests read the failover Kuma computes from the
 * synthesized resources: each zone's callers prefer their own copy, the others follow.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { renderValues } from '../../../lib/private/helm-values';
import { synthEphemeralExample, synthTopology } from '../../helpers/examples';
import { EXTERNAL_GLOBAL_CA_PEM, generateTopology } from '../../helpers/generated-topology';
import type { StackJson } from '../../helpers/synth';
import { AppView } from '../app-view';
import { kumaModel } from './kuma-model';
import { KUMA_MESH_HOSTNAME_RESOLVES } from './kuma';
import { groupedIn, resolveMultiZoneService } from './kuma-multi-zone-model';
import {
  callersOf,
  failoverPriorities,
  KUMA_FAILOVER_RULES,
  KUMA_MLBS_NO_ZONE_DROPPED,
  KUMA_MLBS_SELECTS_CALLERS,
  KUMA_MLBS_TO_MULTI_ZONE_SERVICE,
  KUMA_MLBS_VALID,
  KUMA_MLBS_ZONES_EXIST,
  KUMA_ZONE_EGRESS_CARRIES_TRAFFIC,
} from './kuma-failover';

const ephemeral = synthEphemeralExample();
const fixed = new AppView(ephemeral);

function broken(edit: (stacks: Record<string, StackJson>) => void): AppView {
  const stacks = structuredClone(ephemeral);
  edit(stacks);
  return new AppView(stacks);
}

function manifest(stacks: Record<string, StackJson>, kind: string): any {
  const found = Object.values<any>(stacks['pr-42-mesh'].resource!.kubernetes_manifest).find((resource) => resource.manifest.kind === kind);
  assert.ok(found, `${kind} exists`);
  return found.manifest;
}

const crossZone = (stacks: Record<string, StackJson>) => manifest(stacks, 'MeshLoadBalancingStrategy').spec.to[0].default.localityAwareness.crossZone;

test('every kuma-failover rule passes on the ephemeral example', () => {
  for (const rule of KUMA_FAILOVER_RULES) assert.deepEqual(rule.check(fixed), [], rule.id);
  assert.deepEqual(KUMA_MESH_HOSTNAME_RESOLVES.check(fixed), []);
});

test('KUMA_MLBS_VALID: Only without zones and an unknown type are rejected as validator.go#validateCrossZone does', () => {
  const app = broken((stacks) => {
    crossZone(stacks).failover[0].to = { type: 'Only' };
    crossZone(stacks).failover[1].to = { type: 'Sometimes', zones: ['gcp'] };
  });
  const messages = KUMA_MLBS_VALID.check(app).map((violation) => violation.message).join('\n');
  assert.match(messages, /failover\[0\]\.to\.zones must not be empty when type is Only/);
  assert.match(messages, /failover\[1\]\.to\.type: unrecognized type "Sometimes"/);
  // Any with zones
  const any = broken((stacks) => (crossZone(stacks).failover[2].to = { type: 'Any', zones: ['gcp'] }));
  assert.match(KUMA_MLBS_VALID.check(any)[0].message, /failover\[2\]\.to\.zones must be empty when type is Any/);
});

test('KUMA_MLBS_TO_MULTI_ZONE_SERVICE: a strategy naming no MeshMultiZoneService, and one whose selector misses the local copy, fail', () => {
  const renamed = broken((stacks) => (manifest(stacks, 'MeshLoadBalancingStrategy').spec.to[0].targetRef.name = 'catalogue'));
  assert.match(KUMA_MLBS_TO_MULTI_ZONE_SERVICE.check(renamed)[0].message, /resolves to no MeshMultiZoneService/);
  // GIVEN the selector of the MeshMultiZoneService example in Kuma's docs: kuma.io/display-name,
  // which only MeshServices synced from other zones carry
  const displayName = broken((stacks) => (manifest(stacks, 'MeshMultiZoneService').spec.selector.meshService.matchLabels = { 'kuma.io/display-name': 'catalog' }));
  const messages = KUMA_MLBS_TO_MULTI_ZONE_SERVICE.check(displayName).map((violation) => violation.message);
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.match(messages[0], /in zone gcp, .*groups no MeshService of zone gcp.*own copy is missing/);
  assert.match(messages[1], /in zone azure, .*groups no MeshService of zone azure/);
});

test('KUMA_MLBS_ZONES_EXIST: a failover to a zone the topology does not run fails', () => {
  const app = broken((stacks) => (crossZone(stacks).failover[0].to.zones = ['aws']));
  assert.match(KUMA_MLBS_ZONES_EXIST.check(app)[0].message, /names zone "aws", which no zone control plane of the app runs \(zones: .*azure.*gcp|names zone "aws", which no zone control plane of the app runs \(zones: .*gcp.*azure/);
});

test('KUMA_MLBS_SELECTS_CALLERS: the callers are both gateways and both zones\' checks; a targetRef on one gateway leaves the others out', () => {
  const model = kumaModel(fixed);
  const service = model.resources.find((resource) => resource.kind === 'MeshMultiZoneService')!;
  const callers = callersOf(model, service).map((dataplane) => `${dataplane.zone} ${dataplane.pod.namespace}/${dataplane.pod.owner.metadata.name}`).sort();
  assert.equal(callers.filter((caller) => caller.includes(' kong/')).length, 2, callers.join(', '));
  assert.ok(callers.some((caller) => caller.startsWith('azure mesh-checks/')) && callers.some((caller) => caller.startsWith('gcp mesh-checks/')), callers.join(', '));
  // GIVEN the strategy on the AKS gateway's pods only
  const app = broken((stacks) => (manifest(stacks, 'MeshLoadBalancingStrategy').spec.targetRef = { kind: 'Dataplane', labels: { 'app.kubernetes.io/instance': 'gateway-azure' } }));
  const [violation] = KUMA_MLBS_SELECTS_CALLERS.check(app);
  assert.match(violation.message, /leaves out callers of catalog: .*in zone gcp/);
});

test('KUMA_MLBS_NO_ZONE_DROPPED: without an entry for azure callers (and no catch-all) Kuma drops the gcp endpoints for them', () => {
  const app = broken((stacks) => {
    const config = crossZone(stacks);
    config.failover = config.failover.filter((entry: any) => entry.from?.zones?.[0] === 'gcp');
  });
  const messages = KUMA_MLBS_NO_ZONE_DROPPED.check(app).map((violation) => violation.message);
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.match(messages[0], /callers in zone azure get no endpoint of zone gcp/);
});

test('KUMA_ZONE_EGRESS_CARRIES_TRAFFIC: a zone egress with no external service in the mesh carries nothing', () => {
  const app = broken((stacks) => {
    const release = Object.values<any>(stacks['pr-42-platform'].resource!.helm_release).find((candidate) => candidate.name === 'kuma' && /azure|aks/.test(candidate.provider));
    assert.ok(release, 'the azure zone release');
    const values = parse(release.values[0]);
    values.egress = { ...values.egress, enabled: true };
    release.values = [renderValues(values)];
  });
  const violations = KUMA_ZONE_EGRESS_CARRIES_TRAFFIC.check(app);
  assert.equal(violations.length, 1);
  assert.match(violations[0].message, /zone egress, but the app defines no MeshExternalService/);
});

test('KUMA_MESH_HOSTNAME_RESOLVES: a route to the MeshMultiZoneService on a port it does not have fails', () => {
  const app = broken((stacks) => {
    const service = Object.values<any>(stacks['pr-42-mesh'].resource!.kubernetes_service_v1).find((candidate) => candidate.spec.external_name === 'catalog.mzsvc.mesh.local');
    service.spec.port[0].port = 8081;
  });
  assert.match(KUMA_MESH_HOSTNAME_RESOLVES.check(app).map((violation) => violation.message).join('\n'), /catalog\.mzsvc\.mesh\.local:8081, but MeshMultiZoneService catalog has ports 8080/);
});

/** Per caller zone, the priority Kuma gives each zone's copy, read from the synthesized resources. */
function priorities(app: AppView): Record<string, Record<string, number | undefined>> {
  const model = kumaModel(app);
  const policy = model.resources.find((resource) => resource.kind === 'MeshLoadBalancingStrategy')!;
  const to = policy.spec.to[0];
  const service = resolveMultiZoneService(model, policy, to.targetRef)!;
  const out: Record<string, Record<string, number | undefined>> = {};
  for (const zone of new Set(callersOf(model, service).map((dataplane) => dataplane.zone))) {
    const copies = groupedIn(model, service, zone).map((meshService) => meshService.zone);
    out[zone] = Object.fromEntries(failoverPriorities(to, zone, copies));
  }
  return out;
}

test('read from the synthesized ephemeral example: each zone\'s callers prefer their own copy (priority 0) and fail over to the other zone', () => {
  assert.deepEqual(priorities(fixed), {
    gcp: { gcp: 0, azure: 1 },
    azure: { azure: 0, gcp: 2 },
  });
});

test('read from the synthesized matrix (catalog in z1 and z2 of three zones): z1 and z2 prefer themselves; z3 has no copy and may use either', () => {
  const app = new AppView(synthTopology(generateTopology({ zones: 3, apiZones: 2, placement: 'universal-postgres' as any }), EXTERNAL_GLOBAL_CA_PEM));
  const result = priorities(app);
  assert.deepEqual(result.z1, { z1: 0, z2: 1 });
  assert.deepEqual(result.z2, { z2: 0, z1: 2 });
  // z3 routes via z1's gateway, so no z3 caller of the MeshMultiZoneService exists; the catch-all still covers one
  assert.equal(result.z3, undefined);
  const model = kumaModel(app);
  const policy = model.resources.find((resource) => resource.kind === 'MeshLoadBalancingStrategy')!;
  assert.equal(policy.form, 'universal', 'applied by kumactl on the Universal global');
  assert.deepEqual(Object.fromEntries(failoverPriorities(policy.spec.to[0], 'z3', ['z1', 'z2'])), { z1: 3, z2: 3 });
});
