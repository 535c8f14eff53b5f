import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshNamespace } from '../../../lib/mesh/mesh-namespace';
import { onlyResource, synthStack } from '../../helpers/synth';
import { fakeConnection } from '../../helpers/fakes';

test('a mesh namespace enables sidecar injection on its cluster\'s provider', () => {
  // WHEN
  let namespaceRef = '';
  const json = synthStack((stack) => {
    namespaceRef = new MeshNamespace(stack, 'kong', { connection: fakeConnection('gke'), name: 'kong' }).name;
  });
  // THEN
  assert.match(namespaceRef, /^\$\{TfToken/);
  const namespace = onlyResource(json, 'kubernetes_namespace_v1');
  assert.equal(namespace.metadata.name, 'kong');
  assert.deepEqual(namespace.metadata.labels, { 'kuma.io/sidecar-injection': 'enabled' });
  assert.equal(namespace.provider, 'kubernetes.gke');
});

test('a namespace of another mesh is labelled with it', () => {
  const json = synthStack((stack) => new MeshNamespace(stack, 'ns', { connection: fakeConnection('gke'), name: 'payments', mesh: 'finance' }));
  assert.equal(onlyResource(json, 'kubernetes_namespace_v1').metadata.labels['kuma.io/mesh'], 'finance');
});

test('bad names and system namespaces are rejected', () => {
  assert.throws(() => synthStack((stack) => new MeshNamespace(stack, 'ns', { connection: fakeConnection('gke'), name: 'Kong_NS' })), /"Kong_NS" \(test\/ns\.name\).*"kong-ns"/);
  assert.throws(() => synthStack((stack) => new MeshNamespace(stack, 'ns', { connection: fakeConnection('gke'), name: 'kuma-system' })), /system namespace/);
});
