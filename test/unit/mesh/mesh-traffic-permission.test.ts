import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubernetesResourceSink } from '../../../lib/mesh/kubernetes-resource-sink';
import { MeshTrafficPermission } from '../../../lib/mesh/mesh-traffic-permission';
import { fakeConnection } from '../../helpers/fakes';
import { fakeGlobal } from '../gateway/fakes';
import { TerraformStack } from 'cdktf';
import { resourcesOfType, synthApp, synthStack } from '../../helpers/synth';

test('MeshTrafficPermission: the target MeshService by labels, each source by its Kubernetes service tags', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshTrafficPermission(s, 'p', {
    globalControlPlane: global,
    target: { name: 'catalog', namespace: 'catalog', zone: 'gcp' },
    allowFrom: [{ name: 'gateway-proxy', namespace: 'kong' }],
  }));
  // THEN
  const [resource] = global.applied;
  assert.equal(resource.metadata.name, 'catalog-catalog-allow');
  assert.deepEqual(resource.spec, {
    targetRef: { kind: 'MeshService', labels: { 'kuma.io/display-name': 'catalog', 'k8s.kuma.io/namespace': 'catalog', 'kuma.io/zone': 'gcp' } },
    from: [{ targetRef: { kind: 'MeshSubset', tags: { 'k8s.kuma.io/service-name': 'gateway-proxy', 'k8s.kuma.io/namespace': 'kong' } }, default: { action: 'Allow' } }],
  });
  assert.ok(!JSON.stringify(resource).includes('"kind":"Mesh"'), 'no allow-all by default');
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
