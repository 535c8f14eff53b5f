import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshTls } from '../../../lib/mesh/mesh-tls';
import { fakeGlobal } from '../gateway/fakes';
import { synthStack } from '../../helpers/synth';

test('MeshTLS: whole mesh, mode Strict, TLS 1.3 minimum by default, in the system namespace', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshTls(s, 'tls', { globalControlPlane: global, mesh: 'acme' }));
  // THEN
  const [resource] = global.applied;
  assert.equal(resource.kind, 'MeshTLS');
  assert.equal(resource.metadata.namespace, 'kuma-system');
  assert.deepEqual(resource.metadata.labels, { 'kuma.io/mesh': 'acme' });
  assert.deepEqual(resource.spec, { targetRef: { kind: 'Mesh' }, rules: [{ default: { mode: 'Strict', tlsVersion: { min: 'TLS13' } } }] });
});

test('MeshTLS: TLS12 allowed, older versions rejected', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshTls(s, 'tls', { globalControlPlane: global, minTlsVersion: 'TLS12' }));
  // THEN
  assert.equal((global.applied[0].spec as any).rules[0].default.tlsVersion.min, 'TLS12');
  assert.throws(() => synthStack((s) => new MeshTls(s, 'tls', { globalControlPlane: fakeGlobal(), minTlsVersion: 'TLS10' })), /minTlsVersion/);
});
