import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubernetesResourceSink } from '../../../lib/mesh/kubernetes-resource-sink';
import { MeshTrafficPermission } from '../../../lib/mesh/mesh-traffic-permission';
import { fakeConnection } from '../../helpers/fakes';
import { fakeGlobal } from '../gateway/fakes';
import { TerraformStack } from 'cdktf';
import { resourcesOfType, synthApp, synthStack } from '../../helpers/synth';

test('MeshTrafficPermission: with pod labels, the target is the Dataplanes carrying them and each source is matched by them', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshTrafficPermission(s, 'p', {
    globalControlPlane: global,
    target: { name: 'catalog', namespace: 'catalog', zone: 'gcp', podLabels: { 'app.kubernetes.io/name': 'catalog' } },
    allowFrom: [{ name: 'gateway-proxy', namespace: 'kong', zone: 'gcp', podLabels: { 'app.kubernetes.io/instance': 'gateway' } }],
  }));
  // THEN: Kuma selects a top-level `Dataplane` by the Dataplane's labels, which are the pod's plus
  // k8s.kuma.io/namespace and kuma.io/zone (matchers/dataplane.go#isSelectedByLabels, labels/compute.go#Compute);
  // a MeshService by labels alone would select nothing (matchers/dataplane.go#DppSelectedByPolicy).
  const [resource] = global.applied;
  assert.equal(resource.metadata.name, 'catalog-catalog-allow');
  assert.deepEqual(resource.spec, {
    targetRef: { kind: 'Dataplane', labels: { 'app.kubernetes.io/name': 'catalog', 'k8s.kuma.io/namespace': 'catalog', 'kuma.io/zone': 'gcp' } },
    from: [{ targetRef: { kind: 'MeshSubset', tags: { 'app.kubernetes.io/instance': 'gateway', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'gcp' } }, default: { action: 'Allow' } }],
  });
  assert.ok(!JSON.stringify(resource).includes('"kind":"Mesh"'), 'no allow-all by default');
});

test('MeshTrafficPermission: without pod labels, target and sources are the Service inbound tags (never a MeshService by labels)', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshTrafficPermission(s, 'p', {
    globalControlPlane: global,
    target: { name: 'catalog', namespace: 'catalog' },
    allowFrom: [{ name: 'client', namespace: 'apps' }],
  }));
  // THEN
  const [resource] = global.applied;
  assert.deepEqual(resource.spec!.targetRef, { kind: 'MeshSubset', tags: { 'k8s.kuma.io/service-name': 'catalog', 'k8s.kuma.io/namespace': 'catalog' } });
  assert.deepEqual((resource.spec!.from as any)[0].targetRef.tags, { 'k8s.kuma.io/service-name': 'client', 'k8s.kuma.io/namespace': 'apps' });
});

test('MeshTrafficPermission: a kuma.io/ pod label is rejected, Kuma drops it from inbound tags', () => {
  // GIVEN / WHEN / THEN (inbound_converter.go#InboundTagsForService skips keys containing "kuma.io/")
  assert.throws(
    () => synthStack((s) => new MeshTrafficPermission(s, 'p', {
      globalControlPlane: fakeGlobal(),
      target: { name: 'a', namespace: 'b' },
      allowFrom: [{ name: 'c', namespace: 'd', podLabels: { 'kuma.io/service': 'c' } }],
    })),
    /allowFrom\[0\]\.podLabels.*kuma\.io\//,
  );
});

test('MeshTrafficPermission: no callers is an error; allow-all only by name, with a waiver', () => {
  // GIVEN / WHEN / THEN
  assert.throws(() => synthStack((s) => new MeshTrafficPermission(s, 'p', { globalControlPlane: fakeGlobal(), target: { name: 'a', namespace: 'b' }, allowFrom: [] })), /allowAllInsecure/);
  const global = { ...fakeGlobal(), resources: new KubernetesResourceSink(fakeConnection('global'), 'kuma-system') };
  // (synthApp keeps the `//` metadata block where waivers live; Testing.synth strips it)
  const { mesh: stack } = synthApp((app) => { MeshTrafficPermission.allowAllInsecure(new TerraformStack(app, 'mesh'), 'all', { globalControlPlane: global }); });
  const [[, manifest]] = resourcesOfType(stack, 'kubernetes_manifest');
  assert.deepEqual(manifest.manifest.spec.from, [{ targetRef: { kind: 'Mesh' }, default: { action: 'Allow' } }]);
  assert.equal(manifest['//'].waivers.MESH_NO_ALLOW_ALL, 'allowAllInsecure');
});
