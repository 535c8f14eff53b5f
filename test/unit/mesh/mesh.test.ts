import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Mesh } from '../../../lib/mesh/mesh';
import { fakeGlobal } from '../gateway/fakes';
import { synthStack } from '../../helpers/synth';

test('Mesh: builtin CA, mTLS STRICT, MeshServices Exclusive, no initial policies (no default allow-all)', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  let mesh!: Mesh;
  synthStack((s) => { mesh = new Mesh(s, 'mesh', { globalControlPlane: global }); });
  // THEN
  const [resource] = global.applied;
  const spec = resource.spec as any;
  assert.equal(mesh.meshName, 'default');
  assert.equal(resource.metadata.namespace, undefined);
  assert.equal(spec.mtls.enabledBackend, 'ca-1');
  assert.deepEqual(spec.mtls.backends[0].conf, { caCert: { RSAbits: 2048, expiration: '10y' } });
  assert.equal(spec.mtls.backends[0].mode, 'STRICT');
  assert.equal(spec.mtls.backends[0].dpCert.rotation.expiration, '24h');
  assert.deepEqual(spec.meshServices, { mode: 'Exclusive' });
  assert.deepEqual(spec.skipCreatingInitialPolicies, ['*']);
});

test('Mesh: key size, CA expiration and rotation are props; bad values name the field', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new Mesh(s, 'mesh', { globalControlPlane: global, mesh: 'acme', caKeySize: 4096, caCertificateExpiration: '5y', certificateRotation: '12h' }));
  // THEN
  const backend = (global.applied[0].spec as any).mtls.backends[0];
  assert.deepEqual(backend.conf.caCert, { RSAbits: 4096, expiration: '5y' });
  assert.equal(backend.dpCert.rotation.expiration, '12h');
  assert.throws(() => synthStack((s) => new Mesh(s, 'mesh', { globalControlPlane: fakeGlobal(), caKeySize: 1024 })), /caKeySize/);
  assert.throws(() => synthStack((s) => new Mesh(s, 'mesh', { globalControlPlane: fakeGlobal(), certificateRotation: 'daily' })), /certificateRotation/);
});

test('Mesh: durations follow Kuma\'s ParseDuration: one number, one unit; compounds and ns/us are refused', () => {
  // GIVEN / WHEN / THEN (mesh_helpers.go#ParseDuration: ^(\d+)(y|w|d|h|m|s|ms)$)
  for (const accepted of ['10y', '2w', '90d', '24h', '30m']) {
    assert.doesNotThrow(() => synthStack((s) => new Mesh(s, 'mesh', { globalControlPlane: fakeGlobal(), certificateRotation: accepted })), accepted);
  }
  for (const refused of ['1h30m', '500us', '1y2d']) {
    assert.throws(() => synthStack((s) => new Mesh(s, 'mesh', { globalControlPlane: fakeGlobal(), caCertificateExpiration: refused })), /caCertificateExpiration.*one number and one unit/, refused);
  }
});
