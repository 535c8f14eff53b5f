/**
 * MeshTimeout, MeshRetry, MeshCircuitBreaker, MeshHealthCheck: what each renders and what each
 * rejects, as Kuma 2.14.3 reads it (sources in the constructs and models).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshCircuitBreaker } from '../../../lib/mesh/mesh-circuit-breaker';
import { HealthCheckProtocol, MeshHealthCheck } from '../../../lib/mesh/mesh-health-check';
import { goDurationMillis, isPositiveGoDuration } from '../../../lib/mesh/_policy-checks';
import { isMeshRetryOnValue, MeshRetry } from '../../../lib/mesh/mesh-retry';
import { MeshTimeout } from '../../../lib/mesh/mesh-timeout';
import { synthStack } from '../../helpers/synth';
import { fakeGlobal } from '../gateway/fakes';

const source = { name: 'gateway-azure-proxy', namespace: 'kong', zone: 'azure', podLabels: { 'app.kubernetes.io/instance': 'gateway-azure' } };
const destination = { name: 'gateway-mesh', namespace: 'kong', zone: 'gcp' };

function common(global = fakeGlobal()) {
  return { globalControlPlane: global, mesh: 'acme', name: 'gateway-azure-to-gateway', source, destination };
}

test('MeshTimeout: the caller\'s Dataplanes by pod labels, the destination MeshService by the labels Kuma gives it in every zone', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshTimeout(s, 't', { ...common(global), connectTimeout: '5s', idleTimeout: '15m' }));
  // THEN: a labels query is resolved over local and synced MeshServices alike (resolve/targetref.go#TargetRef)
  const [resource] = global.applied;
  assert.equal(resource.kind, 'MeshTimeout');
  assert.equal(resource.metadata.namespace, 'kuma-system');
  assert.deepEqual(resource.metadata.labels, { 'kuma.io/mesh': 'acme' });
  assert.deepEqual(resource.spec, {
    targetRef: { kind: 'Dataplane', labels: { 'app.kubernetes.io/instance': 'gateway-azure', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'azure' } },
    to: [{
      targetRef: { kind: 'MeshService', labels: { 'k8s.kuma.io/service-name': 'gateway-mesh', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'gcp' } },
      default: { connectionTimeout: '5s', idleTimeout: '15m' },
    }],
  });
});

test('MeshTimeout: a request timeout adds the http block', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshTimeout(s, 't', { ...common(global), connectTimeout: '5s', idleTimeout: '1h', requestTimeout: '15s' }));
  // THEN
  assert.deepEqual((global.applied[0].spec as any).to[0].default.http, { requestTimeout: '15s' });
});

test('MeshTimeout: a duration Go cannot parse is rejected with its field', () => {
  // GIVEN / WHEN / THEN: metav1.Duration uses time.ParseDuration: no days, no spaces, no bare numbers
  for (const bad of ['1d', '5 s', '5', '', '0s']) {
    assert.throws(() => synthStack((s) => new MeshTimeout(s, 't', { ...common(), connectTimeout: bad, idleTimeout: '1h' })), /t\.connectTimeout.*Go duration/, bad);
  }
});

test('Go durations: the grammar of time.ParseDuration, in milliseconds', () => {
  // THEN
  assert.equal(goDurationMillis('1h30m'), 5_400_000);
  assert.equal(goDurationMillis('250ms'), 250);
  assert.equal(goDurationMillis('1.5s'), 1500);
  assert.equal(goDurationMillis('0s'), 0);
  assert.equal(goDurationMillis('1d'), undefined);
  assert.equal(isPositiveGoDuration('0s'), false);
  assert.equal(isPositiveGoDuration('10us'), true);
});

test('a policy without the caller\'s pod labels is rejected: a bare Dataplane selector would take every proxy', () => {
  // GIVEN / WHEN / THEN
  assert.throws(
    () => synthStack((s) => new MeshTimeout(s, 't', { ...common(), source: { name: 'x', namespace: 'kong' }, connectTimeout: '5s', idleTimeout: '1h' })),
    /t\.source\.podLabels/,
  );
});

test('MeshRetry: TCP connect attempts, or HTTP retries with back-off and retryOn', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => {
    new MeshRetry(s, 'tcp', { ...common(global), tcpMaxConnectAttempts: 3 });
    new MeshRetry(s, 'http', {
      ...common(global),
      http: { numRetries: 2, perTryTimeout: '5s', backOffBaseInterval: '25ms', backOffMaxInterval: '250ms', retryOn: ['ConnectFailure', '503', 'HttpMethodGet'] },
    });
  });
  // THEN
  assert.deepEqual((global.applied[0].spec as any).to[0].default, { tcp: { maxConnectAttempt: 3 } });
  assert.deepEqual((global.applied[1].spec as any).to[0].default, {
    http: { numRetries: 2, perTryTimeout: '5s', backOff: { baseInterval: '25ms', maxInterval: '250ms' }, retryOn: ['ConnectFailure', '503', 'HttpMethodGet'] },
  });
});

test('MeshRetry: neither block, zero retries or an unknown retryOn value is rejected', () => {
  // GIVEN
  const http = { numRetries: 2, perTryTimeout: '5s', backOffBaseInterval: '25ms', backOffMaxInterval: '250ms', retryOn: ['ConnectFailure'] };
  // WHEN / THEN: validator.go#validateDefault needs a block; numRetries 0 drops the policy (configurer.go#genHttpRetryPolicy)
  assert.throws(() => synthStack((s) => new MeshRetry(s, 'r', { ...common() })), /needs tcpMaxConnectAttempts or http/);
  assert.throws(() => synthStack((s) => new MeshRetry(s, 'r', { ...common(), http: { ...http, numRetries: 0 } })), /r\.http\.numRetries/);
  assert.throws(() => synthStack((s) => new MeshRetry(s, 'r', { ...common(), http: { ...http, retryOn: ['5XX'] } })), /r\.http\.retryOn\[0\]/);
  assert.throws(() => synthStack((s) => new MeshRetry(s, 'r', { ...common(), tcpMaxConnectAttempts: 0 })), /r\.tcpMaxConnectAttempts/);
});

test('retryOn values: the validator\'s enum and the status codes Go knows', () => {
  // THEN (validator.go#validateHTTPRetryOn: http.StatusText must know the code)
  assert.equal(isMeshRetryOnValue('5xx'), true);
  assert.equal(isMeshRetryOnValue('503'), true);
  assert.equal(isMeshRetryOnValue('599'), false);
  assert.equal(isMeshRetryOnValue('5XX'), false);
});

test('MeshCircuitBreaker: connection limits and outlier detection with the total-failures detector', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshCircuitBreaker(s, 'cb', {
    ...common(global),
    maxConnections: 1024,
    maxPendingRequests: 1024,
    maxRequests: 1024,
    maxConcurrentRetries: 3,
    outlierDetection: { consecutiveFailures: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
  }));
  // THEN
  assert.deepEqual((global.applied[0].spec as any).to[0].default, {
    connectionLimits: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 },
    outlierDetection: { disabled: false, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50, splitExternalAndLocalErrors: false, detectors: { totalFailures: { consecutive: 5 } } },
  });
});

test('MeshCircuitBreaker: a zero limit or an ejection percentage above 100 is rejected', () => {
  // GIVEN
  const props = { ...common(), maxConnections: 1, maxPendingRequests: 1, maxRequests: 1, maxConcurrentRetries: 1 };
  // WHEN / THEN (validator.go#validateConnectionLimits, #validateOutlierDetection)
  assert.throws(() => synthStack((s) => new MeshCircuitBreaker(s, 'cb', { ...props, maxRequests: 0 })), /cb\.maxRequests/);
  assert.throws(
    () => synthStack((s) => new MeshCircuitBreaker(s, 'cb', { ...props, outlierDetection: { consecutiveFailures: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 150 } })),
    /cb\.outlierDetection\.maxEjectionPercent/,
  );
});

test('MeshHealthCheck: a tcp check for a TCP destination, an http check with a path for an HTTP one', () => {
  // GIVEN
  const global = fakeGlobal();
  const timing = { interval: '10s', timeout: '3s', unhealthyThreshold: 3, healthyThreshold: 1 };
  // WHEN
  synthStack((s) => {
    new MeshHealthCheck(s, 'tcp', { ...common(global), protocol: HealthCheckProtocol.TCP, ...timing });
    new MeshHealthCheck(s, 'http', { ...common(global), protocol: HealthCheckProtocol.HTTP, ...timing, path: '/healthz' });
  });
  // THEN: Kuma runs the check of the outbound's protocol only (configurer.go#selectHealthCheckType)
  assert.deepEqual((global.applied[0].spec as any).to[0].default, { ...timing, tcp: {} });
  assert.deepEqual((global.applied[1].spec as any).to[0].default, { ...timing, http: { path: '/healthz', expectedStatuses: [200] } });
});

test('MeshHealthCheck: a path without a leading slash and a zero threshold are rejected', () => {
  // GIVEN
  const props = { ...common(), protocol: HealthCheckProtocol.HTTP, interval: '10s', timeout: '3s', unhealthyThreshold: 3, healthyThreshold: 1 };
  // WHEN / THEN
  assert.throws(() => synthStack((s) => new MeshHealthCheck(s, 'hc', { ...props, path: 'healthz' })), /hc\.path/);
  assert.throws(() => synthStack((s) => new MeshHealthCheck(s, 'hc', { ...props, healthyThreshold: 0 })), /hc\.healthyThreshold/);
});
