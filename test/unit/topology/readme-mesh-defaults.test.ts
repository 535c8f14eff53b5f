/** The README's table of what the mesh adds shows the defaults the code applies (read from _mesh-policy-defaults.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_DEFAULTS, COLLECTOR_DEFAULTS, CROSS_ZONE_DEFAULTS, METRICS_DEFAULTS, TRACE_SAMPLING_DEFAULT } from '../../../lib/topology/_mesh-policy-defaults';

const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## What the mesh adds to the gateways'), readme.indexOf('## Deploying the reference example'));

/** The default cell of the row for `hop` and `field`. */
function cell(hop: string, field: string): string {
  const row = section.split('\n').find((line) => line.startsWith(`| ${hop} | \`${field}\``));
  assert.ok(row, `README has a row for ${hop} ${field}`);
  return row.split('|')[3];
}

test('README: every resilience default in the table is the one the code applies', () => {
  // THEN
  const expect: Array<[string, string, unknown[]]> = [
    ['cross-zone', 'connectTimeout', [CROSS_ZONE_DEFAULTS.connectTimeout]],
    ['cross-zone', 'idleTimeout', [CROSS_ZONE_DEFAULTS.idleTimeout]],
    ['cross-zone', 'retries.maxRetries', [CROSS_ZONE_DEFAULTS.retries.maxRetries]],
    ['cross-zone', 'healthCheck', [CROSS_ZONE_DEFAULTS.healthCheck.interval, CROSS_ZONE_DEFAULTS.healthCheck.timeout, CROSS_ZONE_DEFAULTS.healthCheck.unhealthyThreshold, CROSS_ZONE_DEFAULTS.healthCheck.healthyThreshold]],
    ['API', 'connectTimeout', [API_DEFAULTS.connectTimeout]],
    ['API', 'idleTimeout', [API_DEFAULTS.idleTimeout]],
    ['API', 'requestTimeout', [API_DEFAULTS.requestTimeout]],
    ['API', 'retries.maxRetries', [API_DEFAULTS.retries.maxRetries]],
    ['API', 'retries.perTryTimeout', [API_DEFAULTS.retries.perTryTimeout]],
    ['API', 'retries.retryOn', API_DEFAULTS.retries.retryOn.filter((value) => !value.startsWith('HttpMethod'))],
    ['API', 'retries.backOffBaseInterval', [API_DEFAULTS.retries.backOffBaseInterval, API_DEFAULTS.retries.backOffMaxInterval]],
    ['both', 'circuitBreaker.maxConnections', [API_DEFAULTS.circuitBreaker.maxConnections]],
    ['both', 'circuitBreaker.maxConcurrentRetries', [API_DEFAULTS.circuitBreaker.maxConcurrentRetries]],
    ['both', 'circuitBreaker.consecutiveFailures', [API_DEFAULTS.circuitBreaker.consecutiveFailures]],
    ['both', 'circuitBreaker.interval', [API_DEFAULTS.circuitBreaker.interval, API_DEFAULTS.circuitBreaker.baseEjectionTime]],
    ['both', 'circuitBreaker.maxEjectionPercent', [API_DEFAULTS.circuitBreaker.maxEjectionPercent]],
  ];
  for (const [hop, field, values] of expect) {
    for (const value of values) assert.ok(cell(hop, field).includes(`\`${value}\``), `${hop} ${field}: README shows ${cell(hop, field).trim()}, the code applies ${value}`);
  }
  // The API health check is off by default, the cross-zone one on.
  assert.equal(API_DEFAULTS.healthCheck.enabled, false);
  assert.match(cell('API', 'healthCheck'), /off/);
  assert.equal(CROSS_ZONE_DEFAULTS.healthCheck.enabled, false);
  assert.match(cell('cross-zone', 'healthCheck'), /off/);
  assert.equal(CROSS_ZONE_DEFAULTS.circuitBreaker, API_DEFAULTS.circuitBreaker, 'one circuit breaker default for both hops, as the table says');
});

test('README: the telemetry defaults in the table are the ones the code applies', () => {
  // THEN
  assert.ok(cell('metrics', 'metrics.backend').includes(`\`${METRICS_DEFAULTS.backend}\`, \`${METRICS_DEFAULTS.port}\`, \`${METRICS_DEFAULTS.path}\``));
  assert.ok(cell('traces', 'traces.enabled').includes(`\`${TRACE_SAMPLING_DEFAULT}\``));
  assert.ok(cell('collector', 'collector.address').includes(`\`${COLLECTOR_DEFAULTS.port}\`, \`${COLLECTOR_DEFAULTS.protocol}\``));
});
