import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { KONG_RULES } from './kong';
import { renderSkip } from '../helm/render';

const rule = (id: string) => KONG_RULES.find((r) => r.id === id)!;
const addresses = (id: string, app: AppView) => rule(id).check(app).map((v) => v.address);

/** A Kong release on cluster `gke` in namespace `kong`, with the given values document. */
function kongRelease(values: string) {
  return { chart: 'kong', name: 'gateway', namespace: 'kong', provider: 'helm.gke', values: [values] };
}
const meshService = {
  provider: 'kubernetes.gke',
  metadata: { name: 'gateway-mesh', namespace: 'kong' },
  spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'kong', 'app.kubernetes.io/instance': 'gateway' }, port: [{ port: 443, target_port: '9443' }] },
};
const app = (resources: Record<string, Record<string, unknown>>) => new AppView({ platform: { resource: resources } as any });

test('KONG_MESH_SERVICE_PODS_NOT_GATEWAY: the chart default or "disabled" keeps Kuma from making a MeshService; null passes', () => {
  // GIVEN: no podAnnotations at all (the chart's kuma.io/gateway: enabled stays), then "disabled", then null.
  const inherited = app({ helm_release: { kong: kongRelease('env:\n  database: "off"\n') }, kubernetes_service_v1: { mesh: meshService } });
  const disabled = app({ helm_release: { kong: kongRelease('podAnnotations:\n  kuma.io/gateway: disabled\n') }, kubernetes_service_v1: { mesh: meshService } });
  const deleted = app({ helm_release: { kong: kongRelease('podAnnotations:\n  kuma.io/gateway: null\n') }, kubernetes_service_v1: { mesh: meshService } });
  // THEN
  assert.deepEqual(addresses('KONG_MESH_SERVICE_PODS_NOT_GATEWAY', inherited), ['platform/kubernetes_service_v1.mesh']);
  assert.deepEqual(addresses('KONG_MESH_SERVICE_PODS_NOT_GATEWAY', disabled), ['platform/kubernetes_service_v1.mesh']);
  assert.deepEqual(addresses('KONG_MESH_SERVICE_PODS_NOT_GATEWAY', deleted), []);
});

test('KONG_SERVICE_TARGETS_A_LISTENER: a target port Kong does not listen on is reported', () => {
  const broken = app({ helm_release: { kong: kongRelease('podAnnotations:\n  kuma.io/gateway: null\n') }, kubernetes_service_v1: { mesh: meshService } });
  const fixed = app({ helm_release: { kong: kongRelease('env:\n  proxy_listen: 0.0.0.0:8000, 0.0.0.0:9443 http2 ssl\n') }, kubernetes_service_v1: { mesh: meshService } });
  assert.deepEqual(addresses('KONG_SERVICE_TARGETS_A_LISTENER', broken), ['platform/kubernetes_service_v1.mesh']);
  assert.deepEqual(addresses('KONG_SERVICE_TARGETS_A_LISTENER', fixed), []);
});

test('KONG_PUBLIC_PORTS_BYPASS_SIDECAR: a regular mesh workload must exclude 8000, 8443 and the webhook port; a delegated gateway need not', () => {
  const broken = app({ helm_release: { kong: kongRelease('podAnnotations:\n  kuma.io/gateway: null\n  traffic.kuma.io/exclude-inbound-ports: "8000"\n') } });
  const fixed = app({ helm_release: { kong: kongRelease('podAnnotations:\n  kuma.io/gateway: null\n  traffic.kuma.io/exclude-inbound-ports: 8000,8443,8100,8080,10254\n') } });
  const delegated = app({ helm_release: { kong: kongRelease('podAnnotations: {}\n') } });
  assert.deepEqual(addresses('KONG_PUBLIC_PORTS_BYPASS_SIDECAR', broken), ['platform/helm_release.kong']);
  assert.match(rule('KONG_PUBLIC_PORTS_BYPASS_SIDECAR').check(broken)[0].message, /8443, 8080/);
  assert.deepEqual(addresses('KONG_PUBLIC_PORTS_BYPASS_SIDECAR', fixed), []);
  assert.deepEqual(addresses('KONG_PUBLIC_PORTS_BYPASS_SIDECAR', delegated), []);
});

const ingress = (className: string, annotations: Record<string, string> = {}, port: Record<string, unknown> = { number: 443 }, dependsOn: string[] = []) => ({
  provider: 'kubernetes.gke',
  depends_on: dependsOn,
  metadata: { name: 'route', namespace: 'kong', annotations },
  spec: { ingress_class_name: className, rule: [{ host: 'a.example', http: { path: [{ path: '/', backend: { service: { name: 'backend', port } } }] } }] },
});
const externalName = { provider: 'kubernetes.gke', metadata: { name: 'backend', namespace: 'kong' }, spec: { type: 'ExternalName', external_name: 'x.example', port: [{ name: 'https', port: 443 }] } };

test('KONG_INGRESS_CLASS_SERVED: an Ingress of a class no controller of its cluster serves is reported', () => {
  const values = 'ingressController:\n  ingressClass: kong-gateway\n';
  const broken = app({ helm_release: { kong: kongRelease(values) }, kubernetes_ingress_v1: { route: ingress('kong') } });
  const fixed = app({ helm_release: { kong: kongRelease(values) }, kubernetes_ingress_v1: { route: ingress('kong-gateway') } });
  assert.deepEqual(addresses('KONG_INGRESS_CLASS_SERVED', broken), ['platform/kubernetes_ingress_v1.route']);
  assert.deepEqual(addresses('KONG_INGRESS_CLASS_SERVED', fixed), []);
});

test('KONG_EXTERNALNAME_NUMERIC_PORT: an ExternalName backend named by port name is reported', () => {
  const broken = app({ kubernetes_service_v1: { backend: externalName }, kubernetes_ingress_v1: { route: ingress('kong', {}, { name: 'https' }) } });
  const fixed = app({ kubernetes_service_v1: { backend: externalName }, kubernetes_ingress_v1: { route: ingress('kong', {}, { number: 443 }) } });
  assert.deepEqual(addresses('KONG_EXTERNALNAME_NUMERIC_PORT', broken), ['platform/kubernetes_ingress_v1.route']);
  assert.deepEqual(addresses('KONG_EXTERNALNAME_NUMERIC_PORT', fixed), []);
});

test('KONG_PLUGINS_BEFORE_INGRESS: a missing plugin, or one the Ingress does not wait for, is reported', () => {
  const plugin = { provider: 'kubernetes.gke', manifest: { apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name: 'limit', namespace: 'kong' }, plugin: 'rate-limiting' } };
  const missing = app({ kubernetes_ingress_v1: { route: ingress('kong', { 'konghq.com/plugins': 'limit' }) } });
  const unordered = app({ kubernetes_manifest: { limit: plugin }, kubernetes_ingress_v1: { route: ingress('kong', { 'konghq.com/plugins': 'limit' }) } });
  const ordered = app({ kubernetes_manifest: { limit: plugin }, kubernetes_ingress_v1: { route: ingress('kong', { 'konghq.com/plugins': 'limit' }, { number: 443 }, ['kubernetes_manifest.limit']) } });
  assert.deepEqual(addresses('KONG_PLUGINS_BEFORE_INGRESS', missing), ['platform/kubernetes_ingress_v1.route']);
  assert.deepEqual(addresses('KONG_PLUGINS_BEFORE_INGRESS', unordered), ['platform/kubernetes_ingress_v1.route']);
  assert.deepEqual(addresses('KONG_PLUGINS_BEFORE_INGRESS', ordered), []);
});

test('KONG_ANNOTATION_VALUES_READ: values the controller silently ignores are reported', () => {
  const broken = app({ kubernetes_ingress_v1: { route: ingress('kong', { 'konghq.com/protocols': 'HTTPS', 'konghq.com/https-redirect-status-code': '303', 'konghq.com/preserve-host': 'no' }) } });
  const fixed = app({ kubernetes_ingress_v1: { route: ingress('kong', { 'konghq.com/protocols': 'https', 'konghq.com/https-redirect-status-code': '301', 'konghq.com/preserve-host': 'false' }) } });
  assert.equal(rule('KONG_ANNOTATION_VALUES_READ').check(broken).length, 3);
  assert.deepEqual(addresses('KONG_ANNOTATION_VALUES_READ', fixed), []);
});

test('KONG_RENDERED_MESH_SERVICE_PODS_NOT_GATEWAY: the rendered chart keeps its kuma.io/gateway default unless the values delete it', { skip: renderSkip() }, () => {
  // GIVEN: the real kong-3.4.1 chart, rendered with our values; a Service selecting its pods.
  const release = (podAnnotations: string) => ({ ...kongRelease(`podAnnotations:\n${podAnnotations}`), repository: 'https://charts.konghq.com', version: '3.4.1' });
  const withService = (podAnnotations: string) => app({ helm_release: { kong: release(podAnnotations) }, kubernetes_service_v1: { mesh: meshService } });
  // THEN
  assert.deepEqual(addresses('KONG_RENDERED_MESH_SERVICE_PODS_NOT_GATEWAY', withService('  kuma.io/gateway: disabled\n')), ['platform/kubernetes_service_v1.mesh']);
  assert.deepEqual(addresses('KONG_RENDERED_MESH_SERVICE_PODS_NOT_GATEWAY', withService('  traffic.kuma.io/exclude-outbound-ports: "8444"\n')), ['platform/kubernetes_service_v1.mesh']);
  assert.deepEqual(addresses('KONG_RENDERED_MESH_SERVICE_PODS_NOT_GATEWAY', withService('  kuma.io/gateway: null\n')), []);
});

test('KONG_NO_NODEPORT_ON_MESHED_PODS: the chart\'s Kong Manager NodePort is reported in a meshed namespace, not once disabled', { skip: renderSkip() }, () => {
  // GIVEN: the real kong-3.4.1 chart in a namespace with sidecar injection
  const namespace = { provider: 'kubernetes.gke', metadata: [{ name: 'kong', labels: { 'kuma.io/sidecar-injection': 'enabled' } }] };
  const release = (values: string) => ({ ...kongRelease(values), repository: 'https://charts.konghq.com', version: '3.4.1' });
  const withValues = (values: string) => app({ helm_release: { kong: release(values) }, kubernetes_namespace_v1: { kong: namespace } });
  // THEN
  assert.deepEqual(addresses('KONG_NO_NODEPORT_ON_MESHED_PODS', withValues('env:\n  database: "off"\n')), ['platform/helm_release.kong']);
  assert.deepEqual(addresses('KONG_NO_NODEPORT_ON_MESHED_PODS', withValues('env:\n  database: "off"\nmanager:\n  enabled: false\n')), []);
});
