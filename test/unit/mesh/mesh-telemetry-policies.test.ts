/** MeshOpenTelemetryBackend, MeshMetric, MeshAccessLog, MeshTrace: what each renders and rejects. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshAccessLog } from '../../../lib/mesh/mesh-access-log';
import { MeshMetric } from '../../../lib/mesh/mesh-metric';
import { MeshOpenTelemetryBackend, OpenTelemetryProtocol } from '../../../lib/mesh/mesh-open-telemetry-backend';
import { MeshTrace } from '../../../lib/mesh/mesh-trace';
import { synthStack } from '../../helpers/synth';
import { fakeGlobal } from '../gateway/fakes';

const COLLECTOR = 'otel-collector.observability.svc.cluster.local';

test('MeshOpenTelemetryBackend: endpoint and protocol, and a label every backendRef selects it by', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshOpenTelemetryBackend(s, 'otel', { globalControlPlane: global, mesh: 'acme', name: 'otel-collector', address: COLLECTOR }));
  // THEN: otel.go#resolveFromBackendRef matches backends by labels only; 4317 is Kuma's default port
  const [resource] = global.applied;
  assert.equal(resource.kind, 'MeshOpenTelemetryBackend');
  assert.deepEqual(resource.metadata.labels, { 'kuma.io/mesh': 'acme', 'cross-cloud-mesh.io/otel-backend': 'otel-collector' });
  assert.deepEqual(resource.spec, { endpoint: { address: COLLECTOR, port: 4317 }, protocol: 'grpc' });
});

test('MeshOpenTelemetryBackend: a path with grpc, a bad address or port is rejected', () => {
  // GIVEN
  const props = { globalControlPlane: fakeGlobal(), name: 'otel', address: COLLECTOR };
  // WHEN / THEN (validator.go#validateEndpoint, #validatePath)
  assert.throws(() => synthStack((s) => new MeshOpenTelemetryBackend(s, 'o', { ...props, path: '/otlp' })), /o\.path.*grpc/);
  assert.throws(() => synthStack((s) => new MeshOpenTelemetryBackend(s, 'o', { ...props, protocol: OpenTelemetryProtocol.HTTP, path: 'otlp' })), /o\.path/);
  assert.throws(() => synthStack((s) => new MeshOpenTelemetryBackend(s, 'o', { ...props, address: 'http://collector:4317' })), /o\.address/);
  assert.throws(() => synthStack((s) => new MeshOpenTelemetryBackend(s, 'o', { ...props, port: 70000 })), /o\.port/);
});

test('MeshMetric, MeshAccessLog, MeshTrace: every proxy of the mesh, backends by kind', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => {
    const collector = new MeshOpenTelemetryBackend(s, 'otel', { globalControlPlane: global, name: 'otel-collector', address: COLLECTOR });
    new MeshMetric(s, 'm', { globalControlPlane: global, name: 'metrics', prometheus: { port: 5670, path: '/metrics' } });
    new MeshAccessLog(s, 'l', { globalControlPlane: global, name: 'access-logs', stdout: true, openTelemetryBackend: collector });
    new MeshTrace(s, 't', { globalControlPlane: global, name: 'traces', openTelemetryBackend: collector, samplingPercent: 10 });
  });
  // THEN
  const [, metric, log, trace] = global.applied.map((resource) => resource.spec as any);
  const backendRef = { kind: 'MeshOpenTelemetryBackend', labels: { 'cross-cloud-mesh.io/otel-backend': 'otel-collector' } };
  assert.deepEqual(metric, { targetRef: { kind: 'Mesh' }, default: { backends: [{ type: 'Prometheus', prometheus: { port: 5670, path: '/metrics' } }] } });
  const logBackends = [{ type: 'File', file: { path: '/dev/stdout' } }, { type: 'OpenTelemetry', openTelemetry: { backendRef } }];
  // A delegated gateway has no inbound: only `to` logs what it sends.
  assert.deepEqual(log.from[0].default.backends, logBackends);
  assert.deepEqual(log.to[0].default.backends, logBackends);
  assert.deepEqual(trace.default, { backends: [{ type: 'OpenTelemetry', openTelemetry: { backendRef } }], sampling: { overall: 10 } });
});

test('telemetry policies without a backend, or a sampling outside 0-100, are rejected', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN / THEN
  assert.throws(() => synthStack((s) => new MeshMetric(s, 'm', { globalControlPlane: global, name: 'metrics' })), /needs prometheus or openTelemetryBackend/);
  assert.throws(() => synthStack((s) => new MeshAccessLog(s, 'l', { globalControlPlane: global, name: 'logs' })), /needs stdout/);
  assert.throws(
    () => synthStack((s) => new MeshTrace(s, 't', { globalControlPlane: global, name: 'traces', openTelemetryBackend: { backendName: 'x' }, samplingPercent: 101 })),
    /t\.samplingPercent/,
  );
  assert.throws(() => synthStack((s) => new MeshMetric(s, 'm', { globalControlPlane: global, name: 'metrics', prometheus: { port: 0, path: '/metrics' } })), /m\.prometheus\.port/);
});
