import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { ORDERING_RULES } from './ordering';

const rule = (id: string) => ORDERING_RULES.find((candidate) => candidate.id === id)!;

const namespace = { metadata: [{ name: 'kong', labels: { 'kuma.io/sidecar-injection': 'enabled' } }], provider: 'kubernetes.gke' };
const zoneRelease = { chart: 'kuma', namespace: 'kuma-system', provider: 'helm.gke', values: ['controlPlane:\n  mode: zone\n'] };
const globalRelease = { chart: 'kuma', namespace: 'kuma-system', provider: 'helm.gke', values: ['controlPlane:\n  mode: global\n'] };

function platform(kong: any, extra: Record<string, any> = {}): AppView {
  return new AppView({
    platform: {
      resource: {
        kubernetes_namespace_v1: { kong_ns: namespace },
        helm_release: { zone: zoneRelease, kong: { chart: 'kong', namespace: 'kong', provider: 'helm.gke', ...kong }, ...extra },
      },
    },
  });
}

test('ORDER_NAMESPACE_BEFORE_OBJECT: a release into a namespace of its stack must wait for it', () => {
  // GIVEN: a Kong release into "kong" with no edge to the namespace resource
  const broken = platform({});
  // THEN
  assert.deepEqual(rule('ORDER_NAMESPACE_BEFORE_OBJECT').check(broken).map((v) => v.address), ['platform/helm_release.kong']);
  // a reference to the namespace's name is an edge, and so is depends_on
  assert.deepEqual(rule('ORDER_NAMESPACE_BEFORE_OBJECT').check(platform({ namespace: '${kubernetes_namespace_v1.kong_ns.metadata[0].name}' })), []);
  assert.deepEqual(rule('ORDER_NAMESPACE_BEFORE_OBJECT').check(platform({ depends_on: ['kubernetes_namespace_v1.kong_ns'] })), []);
});

test('ORDER_NAMESPACE_BEFORE_OBJECT: a namespace of another cluster or stack is not a prerequisite here', () => {
  const otherCluster = platform({ provider: 'helm.aks' });
  assert.deepEqual(rule('ORDER_NAMESPACE_BEFORE_OBJECT').check(otherCluster), []);
});

test('ORDER_INJECTOR_BEFORE_MESHED_POD: pods in an injecting namespace must wait for the zone control plane', () => {
  // GIVEN: the Kong release waits for its namespace, not for the zone release
  const broken = platform({ depends_on: ['kubernetes_namespace_v1.kong_ns'] });
  // THEN
  const violations = rule('ORDER_INJECTOR_BEFORE_MESHED_POD').check(broken);
  assert.deepEqual(violations.map((v) => v.address), ['platform/helm_release.kong']);
  assert.match(violations[0].message, /helm_release\.zone/);
  const fixed = platform({ depends_on: ['kubernetes_namespace_v1.kong_ns', 'helm_release.zone'] });
  assert.deepEqual(rule('ORDER_INJECTOR_BEFORE_MESHED_POD').check(fixed), []);
});

test('ORDER_INJECTOR_BEFORE_MESHED_POD: a global control plane installs no injector', () => {
  const app = new AppView({
    platform: {
      resource: {
        kubernetes_namespace_v1: { kong_ns: namespace },
        helm_release: { zone: globalRelease, kong: { chart: 'kong', namespace: 'kong', provider: 'helm.gke' } },
      },
    },
  });
  assert.deepEqual(rule('ORDER_INJECTOR_BEFORE_MESHED_POD').check(app), []);
});

test('ORDER_INJECTOR_BEFORE_MESHED_POD: a Deployment counts, through a dependency chain too', () => {
  const deployment = (dependsOn: string[]) =>
    new AppView({
      platform: {
        resource: {
          kubernetes_namespace_v1: { kong_ns: namespace },
          helm_release: { zone: zoneRelease },
          kubernetes_service_v1: { svc: { metadata: [{ name: 'api', namespace: 'kong' }], provider: 'kubernetes.gke', depends_on: ['helm_release.zone'] } },
          kubernetes_deployment_v1: { api: { metadata: [{ name: 'api', namespace: 'kong' }], provider: 'kubernetes.gke', depends_on: dependsOn } },
        },
      },
    });
  assert.equal(rule('ORDER_INJECTOR_BEFORE_MESHED_POD').check(deployment(['kubernetes_namespace_v1.kong_ns'])).length, 1);
  assert.deepEqual(rule('ORDER_INJECTOR_BEFORE_MESHED_POD').check(deployment(['kubernetes_service_v1.svc'])), []);
});

test('ORDER_SECRET_BEFORE_CONTROL_PLANE: a control plane release that reads a Secret of its namespace must wait for it', () => {
  // GIVEN: the Kong Mesh license Secret in the release's namespace, named by controlPlane.secrets
  const license = { metadata: [{ name: 'kong-mesh-license', namespace: 'kong-mesh-system' }], provider: 'kubernetes.gke', data: { 'license.json': '${var.kong_mesh_license}' } };
  const values = ['kuma:\n  controlPlane:\n    secrets:\n      - Env: KMESH_LICENSE_INLINE\n        Secret: kong-mesh-license\n        Key: license.json\n'];
  const view = (release: Record<string, unknown>) =>
    new AppView({ platform: { resource: { kubernetes_secret_v1: { license }, helm_release: { cp: { chart: 'kong-mesh', namespace: 'kong-mesh-system', provider: 'helm.gke', values, ...release } } } } });
  // THEN: no edge is a violation; depends_on is the edge; a Secret the values do not name is not a prerequisite
  assert.deepEqual(rule('ORDER_SECRET_BEFORE_CONTROL_PLANE').check(view({})).map((v) => v.address), ['platform/helm_release.cp']);
  assert.deepEqual(rule('ORDER_SECRET_BEFORE_CONTROL_PLANE').check(view({ depends_on: ['kubernetes_secret_v1.license'] })), []);
  assert.deepEqual(rule('ORDER_SECRET_BEFORE_CONTROL_PLANE').check(view({ values: ['kuma:\n  controlPlane:\n    mode: zone\n'] })), []);
});
