import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubernetesResourceSink } from '../../../lib/mesh/kubernetes-resource-sink';
import { fakeConnection } from '../../helpers/fakes';
import { resourcesOfType, synthStack } from '../../helpers/synth';

test('KubernetesResourceSink: kubernetes_manifest with the connection provider; Mesh cluster-scoped, policies in the system namespace', () => {
  // GIVEN
  const sink = new KubernetesResourceSink(fakeConnection('global'), 'kong-mesh-system');
  // WHEN
  const stack = synthStack((s) => {
    sink.apply(s, 'mesh', { apiVersion: 'kuma.io/v1alpha1', kind: 'Mesh', metadata: { name: 'default' }, spec: {} });
    sink.apply(s, 'tls', { apiVersion: 'kuma.io/v1alpha1', kind: 'MeshTLS', metadata: { name: 't', namespace: 'other' }, spec: {} });
  });
  // THEN
  const manifests = resourcesOfType(stack, 'kubernetes_manifest').map(([, r]) => r);
  assert.deepEqual(manifests.map((m) => m.provider), ['kubernetes.global', 'kubernetes.global']);
  assert.deepEqual(manifests.map((m) => m.manifest.metadata.namespace), [undefined, 'kong-mesh-system']);
});
