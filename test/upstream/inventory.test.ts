/**
 * The cluster inventory: provider blocks converted to API objects as
 * hashicorp/terraform-provider-kubernetes@v2.38.0 expands them, Kubernetes selector
 * semantics, and chart objects placed as Helm places them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from './app-view';
import { CORPUS, viewOf } from './corpus';
import { renderSkip } from './helm/render';
import { clusterInventory, labelSelectorMatches, serviceSelects, toApiObject } from './inventory';

const skip = renderSkip();

function appOf(resources: Record<string, Record<string, unknown>>): AppView {
  return new AppView({ platform: { resource: resources } });
}

const DEPLOYMENT = {
  provider: 'kubernetes.gke',
  metadata: { name: 'catalog', namespace: '${kubernetes_namespace_v1.ns.metadata[0].name}', labels: { app: 'catalog' } },
  spec: {
    replicas: '2',
    selector: { match_labels: { app: 'catalog' } },
    template: {
      metadata: { labels: { app: 'catalog', tier: 'api' }, annotations: { 'kuma.io/gateway': 'disabled' } },
      spec: {
        service_account_name: 'catalog',
        security_context: { run_as_user: '65532', run_as_non_root: true },
        container: [{
          name: 'api', image: 'img:1',
          port: [{ container_port: 8080, name: 'http' }],
          readiness_probe: { http_get: { path: '/', port: '8080' } },
          env: [{ name: 'A', value: '1' }],
          volume_mount: [{ name: 'tmp', mount_path: '/tmp' }],
        }],
        volume: [{ name: 'tmp', empty_dir: { size_limit: '10Mi' } }],
      },
    },
  },
};

test('kubernetes_deployment_v1 -> Deployment (expandDeploymentSpec, expandPodSpec, expandContainers, expandContainerPort)', () => {
  // GIVEN: the JSON cdktf writes (single blocks as objects), the namespace by reference.
  const app = appOf({ kubernetes_namespace_v1: { ns: { provider: 'kubernetes.gke', metadata: { name: 'catalog' } } }, kubernetes_deployment_v1: { d: DEPLOYMENT } });
  // WHEN
  const object = toApiObject(app.find('platform', 'kubernetes_deployment_v1.d')!, app)!;
  // THEN: replicas is parsed from its string (structures_deployment.go#expandDeploymentSpec: strconv.ParseInt).
  assert.equal(object.kind, 'Deployment');
  assert.equal(object.apiVersion, 'apps/v1');
  assert.equal(object.metadata.namespace, 'catalog', 'the namespace reference resolves to its literal name');
  assert.equal(object.spec.replicas, 2);
  assert.deepEqual(object.spec.selector, { matchLabels: { app: 'catalog' } });
  const pod = object.spec.template.spec;
  assert.equal(pod.serviceAccountName, 'catalog');
  assert.deepEqual(pod.securityContext, { runAsUser: 65532, runAsNonRoot: true });
  // schema_pod_spec.go: automount_service_account_token defaults to true.
  assert.equal(pod.automountServiceAccountToken, true);
  // `container` -> containers, `port` -> ports, protocol defaults to TCP (schema_container.go).
  assert.deepEqual(pod.containers[0].ports, [{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
  // A probe port is intstr.Parse'd: a numeric string is a number.
  assert.deepEqual(pod.containers[0].readinessProbe, { httpGet: { path: '/', port: 8080 } });
  assert.deepEqual(pod.containers[0].env, [{ name: 'A', value: '1' }]);
  assert.deepEqual(pod.containers[0].volumeMounts, [{ name: 'tmp', mountPath: '/tmp' }]);
  assert.deepEqual(pod.volumes, [{ name: 'tmp', emptyDir: { sizeLimit: '10Mi' } }]);
  assert.deepEqual(object.spec.template.metadata, { labels: { app: 'catalog', tier: 'api' }, annotations: { 'kuma.io/gateway': 'disabled' } });
});

test('blocks written as one-element lists convert like objects (Terraform JSON accepts both)', () => {
  const listed = { ...DEPLOYMENT, metadata: [DEPLOYMENT.metadata], spec: [{ ...DEPLOYMENT.spec, selector: [DEPLOYMENT.spec.selector], template: [DEPLOYMENT.spec.template] }] };
  const app = appOf({ kubernetes_deployment_v1: { a: DEPLOYMENT, b: listed } });
  const a = toApiObject(app.find('platform', 'kubernetes_deployment_v1.a')!)!;
  const b = toApiObject(app.find('platform', 'kubernetes_deployment_v1.b')!)!;
  assert.deepEqual(b.spec, a.spec);
  assert.deepEqual(b.metadata, a.metadata);
});

test('kubernetes_service_v1 -> Service (expandServiceSpec, expandServicePort: target_port via intstr.Parse)', () => {
  const app = appOf({ kubernetes_service_v1: {
    s: { metadata: { name: 'catalog', namespace: 'catalog' }, spec: { selector: { app: 'catalog' }, port: [{ name: 'http', port: 80, target_port: '8080' }, { name: 'named', port: 81, target_port: 'http', protocol: 'UDP' }] } },
    bare: { metadata: { name: 'x' }, spec: { port: [{ port: 80, target_port: '80' }] } },
  } });
  const service = toApiObject(app.find('platform', 'kubernetes_service_v1.s')!)!;
  assert.deepEqual(service.spec, {
    selector: { app: 'catalog' },
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'named', port: 81, targetPort: 'http', protocol: 'UDP' }],
    type: 'ClusterIP', // resource_kubernetes_service_v1.go: type defaults to ClusterIP
  });
  // schema_metadata.go: a namespaced object without namespace goes to "default".
  assert.equal(toApiObject(app.find('platform', 'kubernetes_service_v1.bare')!)!.metadata.namespace, 'default');
});

test('kubernetes_secret_v1, kubernetes_ingress_v1, kubernetes_job_v1, kubernetes_namespace_v1 convert', () => {
  const app = appOf({
    kubernetes_secret_v1: { s: { metadata: { name: 'tls', namespace: 'n' }, type: 'kubernetes.io/tls', data: { 'tls.crt': '${tls_cert.x.cert_pem}' } } },
    kubernetes_ingress_v1: { i: { metadata: { name: 'i', namespace: 'n' }, spec: {
      ingress_class_name: 'kong',
      rule: [{ host: 'a.example.com', http: { path: [{ path: '/', path_type: 'Prefix', backend: { service: { name: 'svc', port: { number: 80 } } } }] } }],
      tls: [{ hosts: ['a.example.com'], secret_name: 'tls' }],
    } } },
    kubernetes_job_v1: { j: { metadata: { name: 'j', namespace: 'n' }, spec: { backoff_limit: 2, template: { metadata: {}, spec: { restart_policy: 'Never', container: [{ name: 'c', image: 'i', command: ['sh'] }] } } } } },
    kubernetes_namespace_v1: { ns: { metadata: { name: 'n', labels: { 'kuma.io/sidecar-injection': 'enabled' } } } },
  });
  const secret = toApiObject(app.find('platform', 'kubernetes_secret_v1.s')!)!;
  // resource_kubernetes_secret_v1.go: `data` is plain text the provider base64-encodes; as stringData it means the same.
  assert.deepEqual(secret.stringData, { 'tls.crt': '${tls_cert.x.cert_pem}' });
  assert.equal(secret.type, 'kubernetes.io/tls');
  const ingress = toApiObject(app.find('platform', 'kubernetes_ingress_v1.i')!)!;
  assert.deepEqual(ingress.spec, {
    ingressClassName: 'kong',
    rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'svc', port: { number: 80 } } } }] } }],
    tls: [{ hosts: ['a.example.com'], secretName: 'tls' }],
  });
  const job = toApiObject(app.find('platform', 'kubernetes_job_v1.j')!)!;
  assert.equal(job.spec.backoffLimit, 2);
  assert.equal(job.spec.template.spec.restartPolicy, 'Never');
  assert.deepEqual(job.spec.template.spec.containers[0].command, ['sh']);
  const namespace = toApiObject(app.find('platform', 'kubernetes_namespace_v1.ns')!)!;
  assert.deepEqual(namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { 'kuma.io/sidecar-injection': 'enabled' } } });
});

test('Service selection: every selector pair in the pod labels, same namespace; no selector selects nothing', () => {
  assert.equal(serviceSelects({ app: 'a' }, { app: 'a', tier: 'x' }), true);
  assert.equal(serviceSelects({ app: 'a', tier: 'y' }, { app: 'a', tier: 'x' }), false);
  assert.equal(serviceSelects(undefined, { app: 'a' }), false);
  assert.equal(serviceSelects({}, { app: 'a' }), false);
  const app = appOf({
    kubernetes_deployment_v1: { d: { ...DEPLOYMENT, metadata: { ...DEPLOYMENT.metadata, namespace: 'catalog' } } },
    kubernetes_service_v1: {
      match: { provider: 'kubernetes.gke', metadata: { name: 'match', namespace: 'catalog' }, spec: { selector: { app: 'catalog' }, port: [{ port: 80, target_port: '8080' }] } },
      otherNs: { provider: 'kubernetes.gke', metadata: { name: 'other-ns', namespace: 'default' }, spec: { selector: { app: 'catalog' }, port: [{ port: 80, target_port: '8080' }] } },
      noSelector: { provider: 'kubernetes.gke', metadata: { name: 'no-selector', namespace: 'catalog' }, spec: { port: [{ port: 80, target_port: '8080' }] } },
      tooStrict: { provider: 'kubernetes.gke', metadata: { name: 'too-strict', namespace: 'catalog' }, spec: { selector: { app: 'catalog', tier: 'db' }, port: [{ port: 80, target_port: '8080' }] } },
    },
  });
  const gke = clusterInventory(app, { renderCharts: false }).get('gke')!;
  const [pod] = gke.podTemplates();
  assert.equal(pod.owner.kind, 'Deployment');
  assert.equal(pod.serviceAccountName, 'catalog');
  assert.deepEqual(pod.containers.map((container) => container.ports), [[{ name: 'http', containerPort: 8080, protocol: 'TCP' }]]);
  assert.equal(pod.origin.address, 'platform/kubernetes_deployment_v1.d');
  assert.deepEqual(gke.servicesSelecting(pod).map((service) => service.metadata.name), ['match']);
  assert.deepEqual(gke.podsSelectedBy(gke.services().find((service) => service.metadata.name === 'no-selector')!), []);
});

test('label selectors: matchLabels and matchExpressions all hold; absent or empty matches everything', () => {
  const labels = { 'kuma.io/sidecar-injection': 'enabled', 'kubernetes.io/metadata.name': 'kong' };
  assert.equal(labelSelectorMatches(undefined, labels), true);
  assert.equal(labelSelectorMatches({}, labels), true);
  assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'kuma.io/sidecar-injection', operator: 'In', values: ['enabled', 'true'] }] }, labels), true);
  assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'kuma.io/sidecar-injection', operator: 'In', values: ['true'] }] }, labels), false);
  assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] }, labels), true);
  assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kong'] }] }, labels), false);
  assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'absent', operator: 'DoesNotExist' }] }, labels), true);
  assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'absent', operator: 'Exists' }] }, labels), false);
  assert.equal(labelSelectorMatches({ matchLabels: { 'kubernetes.io/metadata.name': 'kong' }, matchExpressions: [{ key: 'absent', operator: 'Exists' }] }, labels), false);
});

test('chart objects: in the release namespace, from the helm_release, test hooks left out, create_namespace adds the Namespace', { skip }, () => {
  const app = appOf({ helm_release: { kong: {
    provider: 'helm.gke', chart: 'kong', version: '3.4.1', name: 'gw', namespace: 'kong', create_namespace: true,
    values: ['env:\n  database: "off"\n'],
  } } });
  const gke = clusterInventory(app).get('gke')!;
  assert.equal(gke.complete, true);
  const origin = app.find('platform', 'helm_release.kong')!;
  assert.equal(gke.namespace('kong')?.origin, origin);
  const deployment = gke.objects('Deployment')[0];
  assert.equal(deployment.metadata.namespace, 'kong');
  assert.equal(deployment.origin, origin);
  assert.equal(deployment.template, 'kong/templates/deployment.yaml');
  assert.ok(gke.objects('ClusterRole').every((role) => role.metadata.namespace === undefined), 'cluster-scoped objects get no namespace');
  assert.ok(gke.objects().every((object) => !/test/.test(object.hook ?? '')), 'helm test hooks are not installed');
  assert.ok(gke.objects('CustomResourceDefinition').some((crd) => crd.metadata.name === 'kongplugins.configuration.konghq.com'), 'crds/ are installed first');
  assert.ok(gke.podTemplates().some((pod) => pod.containers.some((container) => container.name === 'proxy')));
});

test('a release that fails to render is recorded, not thrown', { skip }, () => {
  const app = appOf({ helm_release: { kong: { provider: 'helm.gke', chart: 'kong', version: '3.4.1', name: 'gw', namespace: 'kong', values: ['env:\n  database: off\n'] } } });
  const gke = clusterInventory(app).get('gke')!;
  assert.equal(gke.complete, false);
  assert.match(gke.renderFailures[0].message, /incompatible types for comparison/);
  assert.deepEqual(gke.objects('Deployment'), []);
});

test('reference example: Kuma injector webhooks come from the zone releases; the catalog Service selects the catalog pods', { skip }, () => {
  const app = viewOf(CORPUS.find((entry) => entry.name === 'example acme-corp')!);
  const inventories = clusterInventory(app);
  assert.ok(inventories.size >= 3);
  for (const inventory of inventories.values()) assert.deepEqual(inventory.renderFailures, []);
  const zone = [...inventories.values()].find((inventory) => inventory.mutatingWebhooks().some((webhook) => webhook.name === 'pods-kuma-injector.kuma.io'))!;
  const injector = zone.mutatingWebhooks().find((webhook) => webhook.name === 'pods-kuma-injector.kuma.io')!;
  assert.equal(injector.origin.type, 'helm_release');
  assert.equal(injector.origin.config.chart, 'kuma');
  // The injector only sees namespaces labelled for injection (kumahq/kuma@v2.14.3 cp-webhooks-and-secrets.yaml).
  assert.equal(labelSelectorMatches(injector.namespaceSelector, { 'kubernetes.io/metadata.name': 'kong' }), false);
  assert.equal(labelSelectorMatches(injector.namespaceSelector, { 'kubernetes.io/metadata.name': 'kong', 'kuma.io/sidecar-injection': 'enabled' }), true);
  const catalog = [...inventories.values()].flatMap((inventory) => inventory.podTemplates().map((pod) => ({ inventory, pod })))
    .find(({ pod }) => pod.origin.type === 'kubernetes_deployment_v1');
  assert.ok(catalog, 'the example deploys an API as kubernetes_deployment_v1');
  assert.ok(catalog.inventory.servicesSelecting(catalog.pod).length > 0);
});

test('served kinds: built-in kinds and those of CRDs in the inventory; a custom resource without its CRD is unserved', () => {
  const mesh = { provider: 'kubernetes.gke', manifest: { apiVersion: 'kuma.io/v1alpha1', kind: 'Mesh', metadata: { name: 'default' } } };
  const crd = { provider: 'kubernetes.gke', manifest: {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'meshes.kuma.io' },
    spec: { group: 'kuma.io', scope: 'Cluster', names: { kind: 'Mesh' }, versions: [{ name: 'v1alpha1', served: true }] },
  } };
  const without = clusterInventory(appOf({ kubernetes_manifest: { mesh }, kubernetes_namespace_v1: { ns: { provider: 'kubernetes.gke', metadata: { name: 'n' } } } }), { renderCharts: false }).get('gke')!;
  assert.deepEqual(without.unservedObjects().map((object) => object.kind), ['Mesh']);
  assert.equal(without.servedKinds().has('v1/Namespace'), true);
  const withCrd = clusterInventory(appOf({ kubernetes_manifest: { mesh, crd } }), { renderCharts: false }).get('gke')!;
  assert.deepEqual(withCrd.unservedObjects(), []);
});
