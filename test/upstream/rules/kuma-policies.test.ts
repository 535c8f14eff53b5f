/**
 * Each KUMA_POLICY_* rule passes on the reference example (and on the matrix configuration
 * that sends everything to a collector) and fails on a copy broken the way Kuma would misread it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthEphemeralExample, synthReferenceExample, synthTopology } from '../../helpers/examples';
import { EXTERNAL_GLOBAL_CA_PEM, generateTopology } from '../../helpers/generated-topology';
import type { StackJson } from '../../helpers/synth';
import { AppView } from '../app-view';
import {
  KUMA_MESHRETRY_READ_AS_MEANT,
  KUMA_OTEL_BACKEND_REF_RESOLVES,
  KUMA_POLICY_CONF_FITS_PROTOCOL,
  KUMA_POLICY_DURATIONS_PARSE,
  KUMA_POLICY_SELECTS_WORKLOAD,
  KUMA_POLICY_TO_OUTBOUND_USED,
  KUMA_POLICY_TO_RESOLVES,
  KUMA_POLICY_VALID,
  resolveMeshServices,
  selectedDataplanes,
} from './kuma-policies';
import { kumaModel } from './kuma-model';
import { MeshDistributionName } from '../../../lib/topology/topology-spec';

const reference = synthReferenceExample();
const fixed = new AppView(reference);
/** Every signal to a collector, every resilience option overridden (a matrix configuration). */
const collectorStacks = synthTopology(generateTopology({ zones: 2, distribution: MeshDistributionName.KONG_MESH, resilience: 'overrides', observability: 'collector' }), EXTERNAL_GLOBAL_CA_PEM);
const collectorApp = new AppView(collectorStacks);

function broken(stacks: Record<string, StackJson>, stack: string, edit: (find: (kind: string, name?: string) => any) => void): AppView {
  const copy = structuredClone(stacks);
  edit((kind, name) => {
    const found = Object.values<any>(copy[stack].resource!.kubernetes_manifest).find(
      (resource) => resource.manifest.kind === kind && (name === undefined || resource.manifest.metadata.name === name),
    );
    assert.ok(found, `${kind} ${name ?? ''} exists`);
    return found.manifest;
  });
  return new AppView(copy);
}
const brokenReference = (edit: (find: (kind: string, name?: string) => any) => void) => broken(reference, 'acme-mesh', edit);
/** The cross-zone health check is off by default; the overrides configuration turns it on. */
const brokenCrossZoneCheck = (edit: (conf: any) => void) => broken(collectorStacks, 'gen2-mesh', (find) => edit(find('MeshHealthCheck', 'gw-z2-to-gw-z1').spec.to[0].default));
const CROSS_ZONE = 'gateway-azure-to-gateway';
const API = 'gateway-to-catalog';

test('reference example: every policy selects the gateway it is for, and its to[] the real MeshService seen from that gateway\'s zone', () => {
  // GIVEN
  const model = kumaModel(fixed);
  const crossZone = model.resources.find((resource) => resource.kind === 'MeshTimeout' && resource.name === CROSS_ZONE)!;
  const api = model.resources.find((resource) => resource.kind === 'MeshTimeout' && resource.name === API)!;
  // WHEN
  const [caller] = selectedDataplanes(model, crossZone);
  const [remote] = resolveMeshServices(model, crossZone, crossZone.spec.to[0].targetRef, caller.zone);
  const [catalog] = resolveMeshServices(model, api, api.spec.to[0].targetRef, 'gcp');
  // THEN: the delegated AKS gateway, and GKE's gateway-mesh as synced into zone azure
  assert.equal(selectedDataplanes(model, crossZone).length, 1);
  assert.equal(caller.zone, 'azure');
  assert.ok(caller.gatewayTags, 'the AKS gateway is delegated');
  assert.equal(`${remote.zone}/${remote.namespace}/${remote.name}`, 'gcp/kong/gateway-mesh');
  assert.equal(`${catalog.zone}/${catalog.namespace}/${catalog.name}`, 'gcp/catalog/catalog');
  for (const rule of [KUMA_POLICY_SELECTS_WORKLOAD, KUMA_POLICY_TO_RESOLVES, KUMA_POLICY_CONF_FITS_PROTOCOL, KUMA_POLICY_DURATIONS_PARSE, KUMA_MESHRETRY_READ_AS_MEANT, KUMA_POLICY_VALID, KUMA_OTEL_BACKEND_REF_RESOLVES]) {
    assert.deepEqual(rule.check(fixed), [], rule.id);
    assert.deepEqual(rule.check(collectorApp), [], `${rule.id} (collector)`);
  }
});

test('KUMA_POLICY_SELECTS_WORKLOAD: a pod label the gateway does not carry, or another mesh, selects nothing', () => {
  // GIVEN
  const typo = brokenReference((find) => (find('MeshTimeout', CROSS_ZONE).spec.targetRef.labels['app.kubernetes.io/instance'] = 'gateway-azur'));
  const otherMesh = brokenReference((find) => (find('MeshMetric').metadata.labels['kuma.io/mesh'] = 'other'));
  // WHEN / THEN
  assert.match(KUMA_POLICY_SELECTS_WORKLOAD.check(typo).map((v) => v.message).join('\n'), /MeshTimeout gateway-azure-to-gateway: targetRef .* selects no Dataplane/);
  assert.match(KUMA_POLICY_SELECTS_WORKLOAD.check(otherMesh).map((v) => v.message).join('\n'), /MeshMetric metrics: .*mesh "other"/);
});

test('KUMA_POLICY_TO_RESOLVES: a zone the service does not run in, or a name from the global, resolves to nothing', () => {
  // GIVEN
  const wrongZone = brokenReference((find) => (find('MeshRetry', CROSS_ZONE).spec.to[0].targetRef.labels['kuma.io/zone'] = 'azure'));
  const byName = brokenReference((find) => (find('MeshCircuitBreaker', API).spec.to[0].targetRef = { kind: 'MeshService', name: 'catalog', namespace: 'catalog' }));
  // WHEN
  const zoneViolations = KUMA_POLICY_TO_RESOLVES.check(wrongZone);
  const nameViolations = KUMA_POLICY_TO_RESOLVES.check(byName);
  // THEN
  assert.equal(zoneViolations.length, 1);
  assert.match(zoneViolations[0].message, /MeshRetry gateway-azure-to-gateway: to\[0\].*no MeshService in zone azure/);
  assert.equal(nameViolations.length, 1);
  assert.match(nameViolations[0].message, /identifier with the policy's own zone/);
});

test('KUMA_POLICY_CONF_FITS_PROTOCOL: HTTP retries or an HTTP check on the TCP cross-zone hop, http timeouts on it', () => {
  // GIVEN
  const httpRetry = brokenReference((find) => (find('MeshRetry', CROSS_ZONE).spec.to[0].default = { http: { numRetries: 2 } }));
  const httpCheck = brokenCrossZoneCheck((conf) => {
    delete conf.tcp;
    conf.http = { path: '/' };
  });
  const httpTimeout = brokenReference((find) => (find('MeshTimeout', CROSS_ZONE).spec.to[0].default.http = { requestTimeout: '15s' }));
  const tcpOnApi = brokenReference((find) => (find('MeshRetry', API).spec.to[0].default = { tcp: { maxConnectAttempt: 3 } }));
  // WHEN / THEN
  assert.match(KUMA_POLICY_CONF_FITS_PROTOCOL.check(httpRetry)[0].message, /destination is tcp, so Kuma reads the tcp block, which is missing/);
  assert.match(KUMA_POLICY_CONF_FITS_PROTOCOL.check(httpCheck)[0].message, /picks no check/);
  assert.match(KUMA_POLICY_CONF_FITS_PROTOCOL.check(httpTimeout)[0].message, /http timeouts on a tcp destination/);
  assert.match(KUMA_POLICY_CONF_FITS_PROTOCOL.check(tcpOnApi)[0].message, /destination is http, so Kuma reads the http block/);
});

test('KUMA_POLICY_DURATIONS_PARSE: a duration in days, or a zero health-check interval', () => {
  // GIVEN
  const days = brokenReference((find) => (find('MeshTimeout', API).spec.to[0].default.idleTimeout = '1d'));
  const zero = brokenCrossZoneCheck((conf) => (conf.interval = '0s'));
  // WHEN / THEN
  assert.match(KUMA_POLICY_DURATIONS_PARSE.check(days)[0].message, /idleTimeout is "1d", which time.ParseDuration rejects/);
  assert.match(KUMA_POLICY_DURATIONS_PARSE.check(zero)[0].message, /interval is 0s: the validator requires it above zero/);
});

test('KUMA_MESHRETRY_READ_AS_MEANT: upper-case 5XX (the CRD example, which the validator rejects), zero retries, a back-off maximum below its base', () => {
  // GIVEN
  const lower = brokenReference((find) => find('MeshRetry', API).spec.to[0].default.http.retryOn.push('5XX'));
  const zero = brokenReference((find) => (find('MeshRetry', API).spec.to[0].default.http.numRetries = 0));
  const backOff = brokenReference((find) => (find('MeshRetry', API).spec.to[0].default.http.backOff = { baseInterval: '1s', maxInterval: '250ms' }));
  const noAttempts = brokenReference((find) => (find('MeshRetry', CROSS_ZONE).spec.to[0].default.tcp = {}));
  // WHEN / THEN
  assert.match(KUMA_MESHRETRY_READ_AS_MEANT.check(lower)[0].message, /retryOn\[8\] is "5XX"/);
  assert.match(KUMA_MESHRETRY_READ_AS_MEANT.check(zero)[0].message, /numRetries is 0/);
  assert.match(KUMA_MESHRETRY_READ_AS_MEANT.check(backOff)[0].message, /maxInterval 250ms is below baseInterval 1s/);
  assert.match(KUMA_MESHRETRY_READ_AS_MEANT.check(noAttempts)[0].message, /maxConnectAttempt must be set/);
});

test('KUMA_POLICY_VALID: an empty circuit breaker, a MeshHTTPRoute top level for MeshRetry, two trace backends', () => {
  // GIVEN
  const empty = brokenReference((find) => (find('MeshCircuitBreaker', API).spec.to[0].default = {}));
  const route = brokenReference((find) => (find('MeshRetry', API).spec.targetRef = { kind: 'MeshHTTPRoute', name: 'x' }));
  const twoBackends = broken(collectorStacks, 'gen2-mesh', (find) => {
    const backends = find('MeshTrace').spec.default.backends;
    backends.push(backends[0]);
  });
  // WHEN / THEN
  assert.match(KUMA_POLICY_VALID.check(empty)[0].message, /at least one of 'connectionLimits' or 'outlierDetection'/);
  assert.match(KUMA_POLICY_VALID.check(route)[0].message, /targetRef: kind MeshHTTPRoute is not supported/);
  assert.match(KUMA_POLICY_VALID.check(twoBackends)[0].message, /zero or one backend/);
});

test('KUMA_OTEL_BACKEND_REF_RESOLVES: the collector app\'s refs resolve; other labels, no labels or no backend do not', () => {
  // GIVEN
  const model = kumaModel(collectorApp);
  assert.equal(model.resources.filter((resource) => resource.kind === 'MeshOpenTelemetryBackend').length, 1);
  const otherLabels = broken(collectorStacks, 'gen2-mesh', (find) => (find('MeshTrace').spec.default.backends[0].openTelemetry.backendRef.labels = { 'cross-cloud-mesh.io/otel-backend': 'other' }));
  const noLabels = broken(collectorStacks, 'gen2-mesh', (find) => delete find('MeshAccessLog').spec.to[0].default.backends[0].openTelemetry.backendRef.labels);
  const noBackend = broken(collectorStacks, 'gen2-mesh', (find) => (find('MeshOpenTelemetryBackend').metadata.labels = { 'kuma.io/mesh': 'default' }));
  // WHEN / THEN
  assert.match(KUMA_OTEL_BACKEND_REF_RESOLVES.check(otherLabels)[0].message, /MeshTrace traces default.backends\[0\].openTelemetry.backendRef selects .* which no MeshOpenTelemetryBackend/);
  assert.match(KUMA_OTEL_BACKEND_REF_RESOLVES.check(noLabels)[0].message, /MeshAccessLog access-logs to\[0\].*has no labels/);
  // Metrics, both access-log directions and traces all lose their backend.
  assert.equal(KUMA_OTEL_BACKEND_REF_RESOLVES.check(noBackend).length, 4);
});

test('KUMA_POLICY_TO_OUTBOUND_USED: a policy on one zone\'s MeshService misses callers that go through the MeshMultiZoneService', () => {
  // GIVEN the ephemeral example: catalog runs in both zones and the gateways call catalog.mzsvc.mesh.local
  const ephemeral = synthEphemeralExample();
  const stack = Object.keys(ephemeral).find((name) => name.endsWith('-mesh'))!;
  const app = new AppView(ephemeral);
  const local = broken(ephemeral, stack, (find) => {
    const timeout = find('MeshTimeout', 'gateway-to-catalog');
    timeout.spec.to[0].targetRef = { kind: 'MeshService', labels: { 'k8s.kuma.io/service-name': 'catalog', 'k8s.kuma.io/namespace': 'catalog', 'kuma.io/zone': 'gcp' } };
  });
  const misnamed = broken(ephemeral, stack, (find) => (find('MeshTimeout', 'gateway-to-catalog').spec.to[0].targetRef.name = 'catalogue'));
  // WHEN / THEN
  assert.deepEqual(KUMA_POLICY_TO_OUTBOUND_USED.check(app), []);
  assert.deepEqual(KUMA_POLICY_TO_RESOLVES.check(app), []);
  assert.match(KUMA_POLICY_TO_OUTBOUND_USED.check(local).map((v) => v.message).join('\n'), /MeshTimeout gateway-to-catalog: .*only through MeshMultiZoneService catalog/);
  assert.match(KUMA_POLICY_TO_RESOLVES.check(misnamed).map((v) => v.message).join('\n'), /names no MeshMultiZoneService/);
});
