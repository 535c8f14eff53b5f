import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { KUBERNETES_PROVIDER_RULES, helmMerge } from './kubernetes-provider';

const rule = (id: string) => KUBERNETES_PROVIDER_RULES.find((r) => r.id === id)!;
const addresses = (id: string, app: AppView) => rule(id).check(app).map((v) => v.address);
const app = (resources: Record<string, Record<string, unknown>>) => new AppView({ platform: { resource: resources } as any });
const namespace = { provider: 'kubernetes.gke', metadata: { name: 'catalog', labels: { 'kuma.io/sidecar-injection': 'enabled' } } };

function deployment(annotations: Record<string, string>, volume: unknown[]) {
  return {
    provider: 'kubernetes.gke',
    metadata: { name: 'api', namespace: 'catalog' },
    spec: { template: { metadata: { annotations }, spec: { automount_service_account_token: false, volume, container: [{ name: 'api', image: 'x' }] } } },
  };
}
const tokenVolume = { name: 'token', projected: [{ sources: [{ service_account_token: { path: 'token' } }] }] };

test('K8S_PROVIDER_POD_SIDECAR_TOKEN: a meshed pod without automounted token and without a token volume is reported', () => {
  const broken = app({ kubernetes_namespace_v1: { ns: namespace }, kubernetes_deployment_v1: { api: deployment({}, []) } });
  const dangling = app({ kubernetes_namespace_v1: { ns: namespace }, kubernetes_deployment_v1: { api: deployment({ 'kuma.io/service-account-token-volume': 'token' }, []) } });
  const fixed = app({ kubernetes_namespace_v1: { ns: namespace }, kubernetes_deployment_v1: { api: deployment({ 'kuma.io/service-account-token-volume': 'token' }, [tokenVolume]) } });
  const notMeshed = app({ kubernetes_deployment_v1: { api: deployment({}, []) } });
  assert.deepEqual(addresses('K8S_PROVIDER_POD_SIDECAR_TOKEN', broken), ['platform/kubernetes_deployment_v1.api']);
  assert.deepEqual(addresses('K8S_PROVIDER_POD_SIDECAR_TOKEN', dangling), ['platform/kubernetes_deployment_v1.api']);
  assert.deepEqual(addresses('K8S_PROVIDER_POD_SIDECAR_TOKEN', fixed), []);
  assert.deepEqual(addresses('K8S_PROVIDER_POD_SIDECAR_TOKEN', notMeshed), []);
});

test('K8S_PROVIDER_JOB_WAIT_OUTLASTS_DEADLINE: a create timeout shorter than the deadline (or the 1m default) is reported', () => {
  const job = (timeouts?: unknown) => ({ wait_for_completion: true, timeouts, spec: { active_deadline_seconds: 600 } });
  assert.deepEqual(addresses('K8S_PROVIDER_JOB_WAIT_OUTLASTS_DEADLINE', app({ kubernetes_job_v1: { check: job() } })), ['platform/kubernetes_job_v1.check']);
  assert.deepEqual(addresses('K8S_PROVIDER_JOB_WAIT_OUTLASTS_DEADLINE', app({ kubernetes_job_v1: { check: job({ create: '5m' }) } })), ['platform/kubernetes_job_v1.check']);
  assert.deepEqual(addresses('K8S_PROVIDER_JOB_WAIT_OUTLASTS_DEADLINE', app({ kubernetes_job_v1: { check: job({ create: '10m' }) } })), []);
});

test('K8S_PROVIDER_MANIFEST_NAMESPACE: a namespaced kind without namespace and a cluster kind with one are reported', () => {
  const m = (kind: string, metadata: Record<string, string>) => ({ manifest: { apiVersion: 'cert-manager.io/v1', kind, metadata } });
  const broken = app({ kubernetes_manifest: { cert: m('Certificate', { name: 'a' }), issuer: m('ClusterIssuer', { name: 'b', namespace: 'kong' }) } });
  const fixed = app({ kubernetes_manifest: { cert: m('Certificate', { name: 'a', namespace: 'kong' }), issuer: m('ClusterIssuer', { name: 'b' }) } });
  assert.deepEqual(addresses('K8S_PROVIDER_MANIFEST_NAMESPACE', broken).sort(), ['platform/kubernetes_manifest.cert', 'platform/kubernetes_manifest.issuer']);
  assert.deepEqual(addresses('K8S_PROVIDER_MANIFEST_NAMESPACE', fixed), []);
});

test('helmMerge merges maps, replaces lists and deletes keys set to null, as Helm does', () => {
  assert.deepEqual(
    helmMerge({ a: { x: 1, y: 2 }, l: [1, 2] }, { a: { y: null, z: 3 }, l: [3] }),
    { a: { x: 1, z: 3 }, l: [3] },
  );
});

test('K8S_RENDERED_POD_SIDECAR_TOKEN: judged on the API objects the provider creates, the same pods fail and pass', () => {
  const broken = app({ kubernetes_namespace_v1: { ns: namespace }, kubernetes_deployment_v1: { api: deployment({}, []) } });
  const fixed = app({ kubernetes_namespace_v1: { ns: namespace }, kubernetes_deployment_v1: { api: deployment({ 'kuma.io/service-account-token-volume': 'token' }, [tokenVolume]) } });
  assert.deepEqual(addresses('K8S_RENDERED_POD_SIDECAR_TOKEN', broken), ['platform/kubernetes_deployment_v1.api']);
  assert.deepEqual(addresses('K8S_RENDERED_POD_SIDECAR_TOKEN', fixed), []);
});
