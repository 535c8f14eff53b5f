import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformVariable } from 'cdktf';
import { MeshDistribution } from '../../../lib/mesh/mesh-distribution';
import { KONG_MESH_CHART, KUMA_CHART } from '../../../lib/versions';
import { synthStack } from '../../helpers/synth';

test('Kuma: pinned chart, kuma-system, values as they are', () => {
  // WHEN
  const kuma = MeshDistribution.kuma();
  // THEN
  assert.equal(kuma.name, 'kuma');
  assert.deepEqual(kuma.chart, KUMA_CHART);
  assert.equal(kuma.systemNamespace, 'kuma-system');
  assert.deepEqual(kuma.wrapValues({ controlPlane: { mode: 'zone' } }), { controlPlane: { mode: 'zone' } });
  assert.equal(kuma._licenseSecretEnv(), undefined);
});

test('Kong Mesh: pinned chart, kong-mesh-system, values under kuma:, license from a Secret', () => {
  // WHEN
  const kongMesh = MeshDistribution.kongMesh();
  // THEN
  assert.equal(kongMesh.name, 'kong-mesh');
  assert.deepEqual(kongMesh.chart, KONG_MESH_CHART);
  assert.equal(kongMesh.systemNamespace, 'kong-mesh-system');
  assert.deepEqual(kongMesh.wrapValues({ controlPlane: { mode: 'zone' } }), { kuma: { controlPlane: { mode: 'zone' } } });
  assert.deepEqual(kongMesh._licenseSecretEnv(), { Env: 'KMESH_LICENSE_INLINE', Secret: 'kong-mesh-license', Key: 'license.json' });
});

test('chart version and repository are overridable', () => {
  const kuma = MeshDistribution.kuma({ chartVersion: '2.14.2', chartRepository: 'https://mirror.example/charts' });
  assert.deepEqual(kuma.chart, { repository: 'https://mirror.example/charts', chart: 'kuma', version: '2.14.2' });
});

test('a Kong Mesh license must be a sensitive Terraform value, never a literal', () => {
  // THEN
  assert.throws(() => MeshDistribution.kongMesh({ license: '{"license": "abc"}' }), /MeshDistribution\.kongMesh\.license.*sensitive Terraform value/);
  synthStack((stack) => {
    const license = new TerraformVariable(stack, 'license', { type: 'string', sensitive: true });
    assert.equal(MeshDistribution.kongMesh({ license: license.stringValue, licenseSecretName: 'mesh-license' }).licenseSecretName, 'mesh-license');
  });
});
