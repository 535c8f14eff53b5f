import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConformance, formatFindings } from './check-stacks';
import { checkGuardRails } from './guard-rails';
import { skipMessage } from './upstream';
import { validateChartValues } from './values-validator';

const skip = skipMessage();
if (skip) console.log(`conformance validators skipped: ${skip}`);

const meshTls = (mode: string) => ({
  apiVersion: 'kuma.io/v1alpha1',
  kind: 'MeshTLS',
  metadata: { name: 'mesh-tls', namespace: 'kuma-system', labels: { 'kuma.io/mesh': 'default' } },
  spec: { targetRef: { kind: 'Mesh' }, rules: [{ default: { mode, tlsVersion: { min: 'TLS13' } } }] },
});

const stackWith = (manifest: any, values: any) => ({
  resource: {
    kubernetes_manifest: { tls: { manifest } },
    helm_release: { kuma: { chart: 'kuma', values: [JSON.stringify(values)] } },
  },
});

const zoneValues = { controlPlane: { mode: 'zone', zone: 'azure', kdsGlobalAddress: 'grpcs://203.0.113.1:5685', podAnnotations: { a: 'b' } }, ingress: { enabled: true } };

test('a wrong enum in a custom resource and a misspelled values key are both reported', { skip }, () => {
  // GIVEN
  const stacks = { mesh: stackWith(meshTls('Strictly'), { ...zoneValues, controlPlan: { replicas: 2 } }) };
  // WHEN
  const findings = checkConformance(stacks);
  // THEN
  const report = formatFindings(findings);
  assert.match(report, /kubernetes_manifest\.tls\/spec\/rules\/0\/default\/mode: must be one of \["Permissive","Strict"\]/);
  assert.match(report, /values key "controlPlan" does not exist in the kuma chart's values\.yaml/);
  assert.equal(findings.length, 2, report);
});

test('a valid custom resource and valid values give no findings', { skip }, () => {
  // GIVEN
  const stacks = { mesh: stackWith(meshTls('Strict'), zoneValues) };
  // WHEN / THEN
  assert.deepEqual(checkConformance(stacks), []);
});

test('an unknown field in a custom resource is reported (Kubernetes would drop it silently)', { skip }, () => {
  // GIVEN
  const manifest = meshTls('Strict');
  (manifest.spec.rules[0].default as any).tlsVersions = { min: 'TLS13' };
  // WHEN
  const report = formatFindings(checkConformance({ mesh: stackWith(manifest, zoneValues) }));
  // THEN
  assert.match(report, /unknown field "tlsVersions"/);
});

test('Mesh.spec is checked against Mesh.json and the builtin CA field names', { skip }, () => {
  // GIVEN
  const mesh = {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'Mesh',
    metadata: { name: 'default' },
    spec: { mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin', mode: 'STRICTEST', conf: { caCert: { rsaBits: 2048 } } }] } },
  };
  // WHEN
  const report = formatFindings(checkConformance({ mesh: stackWith(mesh, zoneValues) }));
  // THEN
  assert.match(report, /mode: must be one of/);
  assert.match(report, /unknown builtin CA field "rsaBits"/);
});

test('values: commented keys and free-form maps are accepted; Kong Mesh extra keys are known', { skip }, () => {
  // GIVEN / WHEN / THEN
  assert.deepEqual(validateChartValues('kuma', { controlPlane: { envVars: { ANY_THING: 'x' }, resources: { requests: { cpu: '1' } } } }, 'r'), []);
  assert.deepEqual(validateChartValues('kong-mesh', { kuma: { controlPlane: { mode: 'global', konnect: { cpId: 'x' } } }, ratelimit: {} }, 'r'), []);
  assert.equal(validateChartValues('kong-mesh', { kuma: { controlPlane: { mdoe: 'global' } } }, 'r').length, 1);
  assert.match(formatFindings(validateChartValues('cert-manager', { replicaCount: 'two' }, 'r')), /values\.schema\.json/);
});

test('guard rails: a global with zone settings and a zone without a KDS address fail', () => {
  // GIVEN
  const global = { controlPlane: { mode: 'global', zone: 'x', kdsGlobalAddress: 'grpcs://a:5685' }, ingress: { enabled: true }, egress: { enabled: true } };
  const zone = { kuma: { controlPlane: { mode: 'zone', zone: 'azure', kdsGlobalAddress: 'https://a:5685' } } };
  // WHEN
  const globalFindings = checkGuardRails('kuma', global, 'g');
  const zoneFindings = checkGuardRails('kong-mesh', zone, 'z');
  // THEN
  assert.deepEqual(globalFindings.map((f) => f.location), ['g:controlPlane.zone', 'g:controlPlane.kdsGlobalAddress', 'g:ingress.enabled', 'g:egress.enabled']);
  assert.deepEqual(zoneFindings.map((f) => f.location), ['z:kuma.controlPlane.kdsGlobalAddress']);
  assert.deepEqual(checkGuardRails('kuma', zoneValues, 'ok'), []);
});
