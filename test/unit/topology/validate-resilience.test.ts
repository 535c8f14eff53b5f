/** Topology validation of mesh.resilience, apis[].resilience, routes[].resilience and mesh.observability: every bad value names its field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topologyIssues, topologySchema } from '../../../lib/topology/validate-topology';
import { referenceTopologySpec } from '../../helpers/reference-topology';

const reference = referenceTopologySpec;

type Edit = (topology: any) => void;

function issuesOf(edit: Edit) {
  const topology = structuredClone(reference()) as any;
  edit(topology);
  return topologyIssues(topology);
}

/** Each case: an edit, and the one field path the issue must name. */
const CASES: Array<[string, Edit, string, RegExp?]> = [
  // shape (schema)
  ['a duration Go cannot parse', (t) => (t.mesh.resilience = { api: { connectTimeout: '5 seconds' } }), 'mesh.resilience.api.connectTimeout', /Go duration/],
  ['a duration in days', (t) => (t.mesh.resilience = { crossZone: { idleTimeout: '1d' } }), 'mesh.resilience.crossZone.idleTimeout', /Go duration/],
  ['an upper-case 5XX (the CRD example; Kuma\'s validator rejects it)', (t) => (t.mesh.resilience = { api: { retries: { retryOn: ['5XX'] } } }), 'mesh.resilience.api.retries.retryOn[0]', /5xx \(lower case/],
  ['an unknown hop field', (t) => (t.mesh.resilience = { api: { timeout: '5s' } }), 'mesh.resilience.api.timeout', /not a field/],
  ['zero retries', (t) => (t.mesh.resilience = { api: { retries: { maxRetries: 0 } } }), 'mesh.resilience.api.retries.maxRetries'],
  ['a retryOn value MeshRetry does not know', (t) => (t.apis[0].resilience = { retries: { retryOn: ['5XX'] } }), 'apis[0].resilience.retries.retryOn[0]'],
  ['an ejection percentage above 100', (t) => (t.routes[0].resilience = { circuitBreaker: { maxEjectionPercent: 120 } }), 'routes[0].resilience.circuitBreaker.maxEjectionPercent'],
  ['a zero health threshold', (t) => (t.mesh.resilience = { crossZone: { healthCheck: { unhealthyThreshold: 0 } } }), 'mesh.resilience.crossZone.healthCheck.unhealthyThreshold'],
  ['a health path without a slash', (t) => (t.apis[0].resilience = { healthCheck: { path: 'healthz' } }), 'apis[0].resilience.healthCheck.path'],
  ['resilience: false instead of enabled: false', (t) => (t.mesh.resilience = false), 'mesh.resilience', /mapping/],
  ['an unknown metrics backend', (t) => (t.mesh.observability = { metrics: { backend: 'statsd' } }), 'mesh.observability.metrics.backend'],
  ['a Prometheus port out of range', (t) => (t.mesh.observability = { metrics: { port: 0 } }), 'mesh.observability.metrics.port'],
  ['a collector address that is a URL', (t) => (t.mesh.observability = { collector: { address: 'http://otel:4317' } }), 'mesh.observability.collector.address'],
  ['a collector protocol Kuma does not know', (t) => (t.mesh.observability = { collector: { address: 'otel', protocol: 'thrift' } }), 'mesh.observability.collector.protocol'],
  ['a sampling above 100 %', (t) => (t.mesh.observability = { traces: { samplingPercent: 120 } }), 'mesh.observability.traces.samplingPercent'],
  // cross-field
  ['a zero duration', (t) => (t.mesh.resilience = { api: { requestTimeout: '0s' } }), 'mesh.resilience.api.requestTimeout', /greater than zero.*enabled: false/],
  // time.ParseDuration needs digits around each dot: ".s" passed an earlier pattern, then failed in synth with a construct path.
  ['a duration with no digits', (t) => (t.mesh.resilience = { api: { connectTimeout: '.s' } }), 'mesh.resilience.api.connectTimeout', /./],
  ['an HTTP field on the cross-zone hop', (t) => (t.mesh.resilience = { crossZone: { requestTimeout: '10s' } }), 'mesh.resilience.crossZone.requestTimeout', /TCP/],
  ['an HTTP field on a via route', (t) => (t.routes[1].resilience = { retries: { retryOn: ['ConnectFailure'] } }), 'routes[1].resilience.retries.retryOn', /TCP/],
  ['a back-off maximum below its base', (t) => (t.apis[0].resilience = { retries: { backOffBaseInterval: '1s', backOffMaxInterval: '100ms' } }), 'apis[0].resilience.retries.backOffMaxInterval', /base/],
  ['a per-try timeout as long as the request', (t) => (t.routes[0].resilience = { requestTimeout: '5s' }), 'routes[0].resilience.retries.perTryTimeout', /never retried/],
  [
    'two routes of one gateway to one API that disagree',
    (t) => t.routes.push({ gateway: 'gateway', host: 'catalog.acme.example', path: '/v2', api: 'catalog', resilience: { requestTimeout: '30s' } }),
    'routes[2].resilience',
    /routes\[0\]/,
  ],
  ['OpenTelemetry metrics without a collector', (t) => (t.mesh.observability = { metrics: { backend: 'openTelemetry' } }), 'mesh.observability.metrics.backend', /collector/],
  ['OpenTelemetry access logs without a collector', (t) => (t.mesh.observability = { accessLogs: { backend: 'openTelemetry' } }), 'mesh.observability.accessLogs.backend', /collector/],
  ['traces without a collector', (t) => (t.mesh.observability = { traces: { enabled: true } }), 'mesh.observability.traces.enabled', /collector/],
  ['a Prometheus port an API listens on', (t) => (t.mesh.observability = { metrics: { port: 8080 } }), 'mesh.observability.metrics.port', /API "catalog"/],
  ['a Prometheus port Kong listens on', (t) => (t.mesh.observability = { metrics: { port: 8443 } }), 'mesh.observability.metrics.port', /Kong/],
  ['a collector path over grpc', (t) => (t.mesh.observability = { collector: { address: 'otel', path: '/otlp' } }), 'mesh.observability.collector.path', /grpc/],
];

for (const [title, edit, path, message] of CASES) {
  test(`resilience and observability: ${title} is one issue at ${path}`, () => {
    // WHEN
    const issues = issuesOf(edit);
    // THEN
    assert.deepEqual(issues.map((issue) => issue.path), [path], JSON.stringify(issues));
    if (message) assert.match(issues[0].message, message);
  });
}

test('resilience and observability: the documented shapes are valid', () => {
  // GIVEN / WHEN / THEN
  const valid: Edit[] = [
    (t) => (t.mesh.resilience = { enabled: false }),
    (t) => (t.mesh.resilience = { crossZone: { enabled: false }, api: { healthCheck: { enabled: true, path: '/healthz' } } }),
    (t) => (t.routes[1].resilience = { connectTimeout: '2s', retries: { maxRetries: 1 }, healthCheck: { interval: '30s' } }),
    (t) => (t.mesh.observability = {}),
    (t) => (t.mesh.observability = { enabled: false, traces: { enabled: true } }),
    (t) => (t.mesh.observability = { collector: { address: '10.0.0.7', port: 4318, protocol: 'http', path: '/otlp' }, traces: { samplingPercent: 1.5 } }),
  ];
  for (const edit of valid) assert.deepEqual(issuesOf(edit), []);
});

/** Every leaf field under the new sections, with the path a topology file writes it at. */
function leafPaths(): string[] {
  const resolve = (node: any): any => (node.$ref ? resolve(topologySchema.definitions![node.$ref.replace('#/definitions/', '')]) : node);
  const out: string[] = [];
  const walk = (node: any, path: string) => {
    const resolved = resolve(node);
    if (resolved.type === 'object' && resolved.properties) {
      for (const [key, child] of Object.entries<any>(resolved.properties)) walk(child, `${path}.${key}`);
    } else {
      out.push(path);
    }
  };
  const mesh = topologySchema.properties!.mesh.properties!;
  walk(mesh.resilience, 'mesh.resilience');
  walk(mesh.observability, 'mesh.observability');
  walk(resolve(topologySchema.properties!.apis.items!).properties!.resilience, 'apis[0].resilience');
  walk(resolve(topologySchema.properties!.routes.items!).properties!.resilience, 'routes[0].resilience');
  return out;
}

test('resilience and observability: a value of the wrong type in any new field is one issue naming that field', () => {
  // GIVEN every leaf of the new sections, each set to a mapping where a scalar or list belongs
  const paths = leafPaths();
  assert.ok(paths.length > 50, `${paths.length} leaf fields`);
  for (const path of paths) {
    // WHEN
    const issues = issuesOf((t) => {
      const keys = path.replace(/\[0\]/g, '.0').split('.');
      // The collector's one required field, so that only the field under test is wrong.
      t.mesh.observability = { collector: { address: 'otel' } };
      let node = t;
      for (const key of keys.slice(0, -1)) node = node[key] ??= {};
      node[keys[keys.length - 1]] = { wrong: true };
    });
    // THEN
    assert.deepEqual(issues.map((issue) => issue.path), [path], `${path}: ${JSON.stringify(issues)}`);
  }
});
