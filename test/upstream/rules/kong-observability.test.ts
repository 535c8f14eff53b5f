/** The KONG_PROMETHEUS_* rules pass on the reference example and fail on copies broken the way Kong or the sidecar would break them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { renderValues } from '../../../lib/private/helm-values';
import { synthReferenceExample } from '../../helpers/examples';
import type { StackJson } from '../../helpers/synth';
import { AppView } from '../app-view';
import { KONG_PROMETHEUS_PLUGIN_CONFIG, KONG_PROMETHEUS_SCRAPEABLE } from './kong-observability';

const reference = synthReferenceExample();

function broken(edit: (stacks: Record<string, StackJson>) => void): AppView {
  const stacks = structuredClone(reference);
  edit(stacks);
  return new AppView(stacks);
}

function prometheusPlugin(stacks: Record<string, StackJson>): any {
  return Object.values<any>(stacks['acme-mesh'].resource!.kubernetes_manifest).find((resource) => resource.manifest.kind === 'KongPlugin' && resource.manifest.plugin === 'prometheus').manifest;
}

function editGatewayValues(stacks: Record<string, StackJson>, edit: (values: any) => void, name = 'gateway'): void {
  const release = Object.values<any>(stacks['acme-platform'].resource!.helm_release).find((candidate) => candidate.chart === 'kong' && candidate.name === name);
  assert.ok(release, 'the GKE gateway release');
  const values = parse(release.values[0]);
  edit(values);
  release.values = [renderValues(values)];
}

test('KONG_PROMETHEUS_*: the reference example\'s plugins are well formed and scrapeable', () => {
  // GIVEN
  const app = new AppView(reference);
  // THEN
  assert.deepEqual(KONG_PROMETHEUS_PLUGIN_CONFIG.check(app), []);
  assert.deepEqual(KONG_PROMETHEUS_SCRAPEABLE.check(app), []);
});

test('KONG_PROMETHEUS_PLUGIN_CONFIG: an unknown field, a string boolean, per-route metrics left off', () => {
  // GIVEN
  const unknown = broken((stacks) => (prometheusPlugin(stacks).config.metrics_path = '/metrics'));
  const string = broken((stacks) => (prometheusPlugin(stacks).config.bandwidth_metrics = 'true'));
  const off = broken((stacks) => (prometheusPlugin(stacks).config = {}));
  // WHEN / THEN
  assert.match(KONG_PROMETHEUS_PLUGIN_CONFIG.check(unknown)[0].message, /config\.metrics_path is not a field/);
  assert.match(KONG_PROMETHEUS_PLUGIN_CONFIG.check(string)[0].message, /takes a boolean/);
  assert.match(KONG_PROMETHEUS_PLUGIN_CONFIG.check(off)[0].message, /status_code_metrics and latency_metrics left at the schema default false/);
});

test('KONG_PROMETHEUS_SCRAPEABLE: the status listener off, or its port intercepted by the sidecar', () => {
  // GIVEN
  const statusOff = broken((stacks) => editGatewayValues(stacks, (values) => (values.status = { enabled: false })));
  const intercepted = broken((stacks) => editGatewayValues(stacks, (values) => (values.podAnnotations['traffic.kuma.io/exclude-inbound-ports'] = '8000,8443')));
  // The AKS gateway is delegated (no inbound redirect at all) until it stops being one.
  const notDelegated = broken((stacks) => editGatewayValues(stacks, (values) => (values.podAnnotations = { 'kuma.io/gateway': 'disabled' }), 'gateway-azure'));
  // WHEN / THEN
  assert.match(KONG_PROMETHEUS_SCRAPEABLE.check(statusOff)[0].message, /status listener off/);
  assert.match(KONG_PROMETHEUS_SCRAPEABLE.check(notDelegated)[0].address, /gateway-azure/);
  assert.match(KONG_PROMETHEUS_SCRAPEABLE.check(intercepted)[0].message, /status port 8100 is not in traffic\.kuma\.io\/exclude-inbound-ports/);
});
