import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostnameGenerator, HostnameGeneratorSelector, renderHostname, validateHostnameTemplate } from '../../../lib/mesh/hostname-generator';
import { fakeGlobal } from '../gateway/fakes';
import { synthStack } from '../../helpers/synth';

test('renderHostname: the template variables and label "key"', () => {
  // GIVEN
  const values = { displayName: 'gateway-mesh', namespace: 'kong', zone: 'gcp', mesh: 'acme', labels: { team: 'edge' } };
  // WHEN / THEN
  assert.equal(renderHostname('{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local', values), 'gateway-mesh.kong.svc.gcp.mesh.local');
  assert.equal(renderHostname('{{ .DisplayName }}.{{ label "team" }}.{{ .Mesh }}.local', values), 'gateway-mesh.edge.acme.local');
});

test('validateHostnameTemplate: unknown variables and non-DNS results are rejected', () => {
  // GIVEN / WHEN / THEN
  assert.throws(() => validateHostnameTemplate('{{ .Service }}.mesh.local', 'f'), /\.Service/);
  // `.Name` is one of Kuma's template fields (hostname/generator.go#EvaluateTemplate).
  assert.doesNotThrow(() => validateHostnameTemplate('{{ .Name }}.mesh.local', 'f'));
  assert.throws(() => validateHostnameTemplate('{{ .DisplayName }}_{{ .Zone }}.mesh.local', 'f'), /DNS-1123 subdomain/);
  assert.doesNotThrow(() => validateHostnameTemplate('{{ .DisplayName }}.{{ .Namespace }}.svc.mesh.local', 'f'));
});

test('HostnameGenerator: crossZone and localZone select MeshServices by origin; one selector kind', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  let cross!: HostnameGenerator;
  synthStack((s) => {
    cross = HostnameGenerator.crossZone(s, 'cross', { globalControlPlane: global });
    HostnameGenerator.localZone(s, 'local', { globalControlPlane: global, suffix: 'internal.acme' });
    new HostnameGenerator(s, 'ext', { globalControlPlane: global, name: 'ext', template: '{{ .DisplayName }}.ext.local', selector: HostnameGeneratorSelector.meshExternalService({ matchLabels: { a: 'b' } }) });
  });
  // THEN
  assert.equal(cross.template, '{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local');
  const [crossZone, localZone, external] = global.applied.map((r) => r.spec as any);
  assert.equal(crossZone.selector.meshService.matchLabels['kuma.io/origin'], 'global');
  assert.equal(localZone.selector.meshService.matchLabels['kuma.io/origin'], 'zone');
  assert.equal(localZone.template, '{{ .DisplayName }}.{{ .Namespace }}.svc.internal.acme');
  assert.deepEqual(Object.keys(external.selector), ['meshExternalService']);
  assert.equal(global.applied[0].metadata.namespace, 'kuma-system');
});
