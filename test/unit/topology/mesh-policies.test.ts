/**
 * What the mesh adds to the gateways, from the topology: the defaults of every hop (read from
 * the synthesized reference example), overrides per API and per route, the off switches, and
 * the observability modes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_DEFAULTS, CROSS_ZONE_DEFAULTS } from '../../../lib/topology/_mesh-policy-defaults';
import { observedRoutePlugins, plannedHops } from '../../../lib/topology/_mesh-policies';
import { planTopology } from '../../../lib/topology/plan-topology';
import { TopologySpec } from '../../../lib/topology/topology-spec';
import { synthReferenceExample, synthTopology } from '../../helpers/examples';
import { manifests } from '../../helpers/synth';
import { referenceTopologySpec } from '../../helpers/reference-topology';

const reference = referenceTopologySpec;

function policies(kind: string): any[] {
  return manifests(synthReferenceExample()['acme-mesh']).map(({ manifest }) => manifest).filter((manifest) => manifest.kind === kind);
}

function hop(spec: TopologySpec, name: string) {
  return plannedHops(spec, planTopology(spec)).find((candidate) => candidate.name === name);
}

test('reference example, cross-zone hop: AKS gateway to the GKE gateway\'s mesh Service, TCP defaults', () => {
  // WHEN
  const [timeout] = policies('MeshTimeout').filter((policy) => policy.metadata.name === 'gateway-azure-to-gateway');
  const [retry] = policies('MeshRetry').filter((policy) => policy.metadata.name === 'gateway-azure-to-gateway');

  // THEN
  assert.deepEqual(timeout.spec.targetRef.labels, { 'app.kubernetes.io/component': 'app', 'app.kubernetes.io/instance': 'gateway-azure', 'app.kubernetes.io/name': 'kong', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'azure' });
  assert.deepEqual(timeout.spec.to[0].targetRef, { kind: 'MeshService', labels: { 'k8s.kuma.io/service-name': 'gateway-mesh', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'gcp' } });
  // 15m: below Cloud NAT's 20 min and the AKS load balancer's 30 min idle timeouts; no http block on a TCP hop
  assert.deepEqual(timeout.spec.to[0].default, { connectionTimeout: '5s', idleTimeout: '15m' });
  assert.deepEqual(retry.spec.to[0].default, { tcp: { maxConnectAttempt: 3 } });
  // No active check: one remote endpoint, which Envoy uses below its panic threshold anyway
  assert.equal(policies('MeshHealthCheck').some((policy) => policy.metadata.name === 'gateway-azure-to-gateway'), false);
});

test('reference example, API hop: GKE gateway to catalog, HTTP defaults, no health check', () => {
  // WHEN
  const [timeout] = policies('MeshTimeout').filter((policy) => policy.metadata.name === 'gateway-to-catalog');
  const [retry] = policies('MeshRetry').filter((policy) => policy.metadata.name === 'gateway-to-catalog');
  const [breaker] = policies('MeshCircuitBreaker').filter((policy) => policy.metadata.name === 'gateway-to-catalog');
  // THEN
  assert.deepEqual(timeout.spec.to[0].targetRef.labels, { 'k8s.kuma.io/service-name': 'catalog', 'k8s.kuma.io/namespace': 'catalog', 'kuma.io/zone': 'gcp' });
  assert.deepEqual(timeout.spec.to[0].default, { connectionTimeout: '5s', idleTimeout: '1h', http: { requestTimeout: '15s' } });
  assert.deepEqual(retry.spec.to[0].default.http, {
    numRetries: 2,
    perTryTimeout: '5s',
    backOff: { baseInterval: '25ms', maxInterval: '250ms' },
    retryOn: ['ConnectFailure', 'RefusedStream', 'GatewayError', 'HttpMethodGet', 'HttpMethodHead', 'HttpMethodOptions', 'HttpMethodPut', 'HttpMethodDelete'],
  });
  assert.equal(breaker.spec.to[0].default.outlierDetection.detectors.totalFailures.consecutive, 5);
  assert.equal(breaker.spec.to[0].default.outlierDetection.maxEjectionPercent, 50);
  assert.equal(policies('MeshHealthCheck').some((policy) => policy.metadata.name === 'gateway-to-catalog'), false);
});

test('reference example: observability as the example asks, Prometheus on every proxy, stdout logs, no trace without a collector, Kong\'s plugin on every route', () => {
  // WHEN
  const [metric] = policies('MeshMetric');
  const [log] = policies('MeshAccessLog');
  const kong = policies('KongPlugin').filter((plugin) => plugin.plugin === 'prometheus');
  // THEN
  assert.deepEqual(metric.spec, { targetRef: { kind: 'Mesh' }, default: { backends: [{ type: 'Prometheus', prometheus: { port: 5670, path: '/metrics' } }] } });
  assert.deepEqual(log.spec.from[0].default.backends, [{ type: 'File', file: { path: '/dev/stdout' } }]);
  assert.equal(policies('MeshTrace').length, 0);
  assert.equal(policies('MeshOpenTelemetryBackend').length, 0);
  assert.equal(kong.length, 2);
  assert.deepEqual(kong[0].config, { status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true, upstream_health_metrics: true });
});

test('defaults: every field of both hops comes from the defaults table', () => {
  // GIVEN
  const spec = reference();
  // WHEN
  const api = hop(spec, 'gateway-to-catalog')!.resilience;
  const crossZone = hop(spec, 'gateway-azure-to-gateway')!.resilience;
  // THEN
  assert.equal(api.connectTimeout, API_DEFAULTS.connectTimeout);
  assert.equal(api.requestTimeout, API_DEFAULTS.requestTimeout);
  assert.equal(api.healthCheck, undefined);
  assert.equal(crossZone.idleTimeout, CROSS_ZONE_DEFAULTS.idleTimeout);
  assert.equal(crossZone.requestTimeout, undefined);
  assert.equal(crossZone.healthCheck, undefined, 'off by default on both hops');
  // Turned on, it takes the table's values
  const withCheck = reference() as any;
  withCheck.mesh.resilience = { crossZone: { healthCheck: { enabled: true } } };
  assert.equal(hop(withCheck, 'gateway-azure-to-gateway')!.resilience.healthCheck!.interval, CROSS_ZONE_DEFAULTS.healthCheck.interval);
});

test('overrides: mesh section, then the API, then the route, field by field', () => {
  // GIVEN
  const spec = reference() as any;
  spec.mesh.resilience = { api: { requestTimeout: '30s', retries: { maxRetries: 3 } } };
  spec.apis[0].resilience = { requestTimeout: '20s', healthCheck: { enabled: true, path: '/healthz' } };
  spec.routes[0].resilience = { retries: { maxRetries: 1 } };
  // WHEN
  const api = hop(spec, 'gateway-to-catalog')!.resilience;
  // THEN
  assert.equal(api.requestTimeout, '20s');
  assert.equal(api.retries!.maxRetries, 1);
  assert.equal(api.retries!.perTryTimeout, API_DEFAULTS.retries.perTryTimeout);
  assert.deepEqual(api.healthCheck, { interval: '10s', timeout: '3s', unhealthyThreshold: 3, healthyThreshold: 1, path: '/healthz' });
});

test('overrides: a via route overrides the cross-zone hop', () => {
  // GIVEN
  const spec = reference() as any;
  spec.routes[1].resilience = { connectTimeout: '2s', circuitBreaker: { consecutiveFailures: 3 }, healthCheck: { enabled: false } };
  // WHEN
  const crossZone = hop(spec, 'gateway-azure-to-gateway')!.resilience;
  // THEN
  assert.equal(crossZone.connectTimeout, '2s');
  assert.equal(crossZone.circuitBreaker!.consecutiveFailures, 3);
  assert.equal(crossZone.healthCheck, undefined);
});

test('off: mesh.resilience.enabled false, a hop, or a route turns the policies off', () => {
  // GIVEN
  const off = reference() as any;
  off.mesh.resilience = { enabled: false };
  const hopOff = reference() as any;
  hopOff.mesh.resilience = { crossZone: { enabled: false } };
  const routeOff = reference() as any;
  routeOff.routes[0].resilience = { enabled: false, retries: { enabled: false } };
  // WHEN / THEN
  assert.deepEqual(plannedHops(off, planTopology(off)), []);
  assert.deepEqual(plannedHops(hopOff, planTopology(hopOff)).map((candidate) => candidate.name), ['gateway-to-catalog']);
  assert.deepEqual(plannedHops(routeOff, planTopology(routeOff)).map((candidate) => candidate.name), ['gateway-azure-to-gateway']);
});

test('observability: absent is off; a collector adds a backend that traces, logs and metrics reference', () => {
  // GIVEN
  const spec = reference() as any;
  spec.mesh.observability = {
    collector: { address: 'otel-collector.observability.svc.cluster.local' },
    metrics: { backend: 'openTelemetry' },
    accessLogs: { backend: 'openTelemetry' },
    kong: { enabled: false },
  };
  // WHEN
  const mesh = manifests(synthTopology(spec)['acme-mesh']).map(({ manifest }) => manifest);
  // THEN
  const kinds = (kind: string) => mesh.filter((manifest) => manifest.kind === kind);
  const [backend] = kinds('MeshOpenTelemetryBackend');
  assert.deepEqual(backend.spec, { endpoint: { address: 'otel-collector.observability.svc.cluster.local', port: 4317 }, protocol: 'grpc' });
  const selector = { kind: 'MeshOpenTelemetryBackend', labels: { 'cross-cloud-mesh.io/otel-backend': 'otel-collector' } };
  assert.deepEqual(kinds('MeshTrace')[0].spec.default, { backends: [{ type: 'OpenTelemetry', openTelemetry: { backendRef: selector } }], sampling: { overall: 10 } });
  assert.deepEqual(kinds('MeshMetric')[0].spec.default.backends, [{ type: 'OpenTelemetry', openTelemetry: { backendRef: selector } }]);
  assert.deepEqual(kinds('MeshAccessLog')[0].spec.to[0].default.backends, [{ type: 'OpenTelemetry', openTelemetry: { backendRef: selector } }]);
  assert.equal(mesh.some((manifest) => manifest.kind === 'KongPlugin' && manifest.plugin === 'prometheus'), false);
  assert.deepEqual(observedRoutePlugins(reference()), []);
});

test('two routes of one gateway to one API share one set of policies (Kuma applies them per caller and destination)', () => {
  // GIVEN
  const spec = reference() as any;
  spec.routes.push({ gateway: 'gateway', host: 'catalog.acme.example', path: '/v2', api: 'catalog' });
  // WHEN
  const hops = plannedHops(spec, planTopology(spec));
  // THEN
  assert.deepEqual(hops.map((candidate) => candidate.name).sort(), ['gateway-azure-to-gateway', 'gateway-to-catalog']);
});
