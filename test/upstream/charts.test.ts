/**
 * Every helm_release of every corpus app, rendered with the real pinned chart templates
 * (./helm/render.ts): a template that errors, or a `fail`/`required` that fires, is what
 * `helm install` would report, so it fails here naming the release. Identical inputs are
 * rendered once (renderChart caches by input hash).
 *
 * The second half proves the renderer catches what Helm catches, on the chart lines that
 * matter to us, and pins the Helm input rules it reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView, type ResourceRef } from './app-view';
import { CORPUS, viewOf } from './corpus';
import { clusterInventory } from './inventory';
import {
  HelmRenderError, placeholderFor, releaseRequest, renderChart, renderRelease, renderSkip, substituteExpressions,
} from './helm/render';

const skip = renderSkip();

/** A one-release app, the way a stack's JSON holds it. */
function release(config: Record<string, unknown>, extra: Record<string, Record<string, unknown>> = {}): { app: AppView; ref: ResourceRef } {
  const app = new AppView({ platform: { resource: { helm_release: { r: { name: 'r', namespace: 'ns', ...config } }, ...extra } } });
  return { app, ref: app.find('platform', 'helm_release.r')! };
}

const KONG = { chart: 'kong', version: '3.4.1' };
const KUMA = { chart: 'kuma', version: '2.14.3' };

/**
 * Charts whose templates /work/shared/upstream does not hold, each with what guards its
 * values instead. Releases of these are left out of the render below, and only these: any
 * other chart without templates still fails.
 */
const CHARTS_WITHOUT_TEMPLATES: Record<string, string> = {
  'aws-load-balancer-controller':
    'kubernetes-sigs/aws-load-balancer-controller@v2.17.1 chart 1.17.1 is not among the pinned upstream files; test/unit/aws/aws-load-balancer-controller.test.ts checks its values (clusterName, which the chart requires, region and vpcId) and policy',
};

for (const entry of CORPUS) {
  test(`${entry.name}: every helm_release renders with its pinned chart`, { skip }, () => {
    const app = viewOf(entry);
    const releases = app.resources('helm_release').filter((ref) => !(String(ref.config?.chart) in CHARTS_WITHOUT_TEMPLATES));
    assert.ok(releases.length > 0, 'the app has helm releases');
    const failures: string[] = [];
    for (const ref of releases) {
      try {
        const { objects, warnings } = renderRelease(ref, app);
        // Helm only warns when a value replaces a table of the chart (or the reverse), but the
        // template then reads a shape it does not expect: treat it as a failure.
        failures.push(...warnings.map((warning) => `${ref.address}: ${warning}`));
        // A release that renders nothing installs nothing: that is a broken values set too.
        if (!objects.some((item) => !item.crd && item.object.kind === 'Deployment')) failures.push(`${ref.address}: rendered no Deployment`);
      } catch (error) {
        if (!(error instanceof HelmRenderError)) throw error;
        failures.push(error.message);
      }
    }
    assert.deepEqual(failures, []);
  });

  test(`${entry.name}: every chart object is of a kind its cluster serves`, { skip }, () => {
    // Helm maps each object to an API resource before creating anything
    // (helm/helm@v3.18.4:pkg/kube/client.go#Build): an unknown kind fails the install.
    const unserved = [...clusterInventory(viewOf(entry)).entries()].flatMap(([cluster, inventory]) => inventory.unservedObjects()
      .filter((object) => object.origin.type === 'helm_release')
      .map((object) => `${object.origin.address} on ${cluster}: ${object.apiVersion} ${object.kind} ${object.metadata.name} (${object.template})`));
    assert.deepEqual(unserved, []);
  });
}

test('Kong chart: an unquoted `env.database: off` (YAML 1.1 false) fails to render, the quoted string renders', { skip }, () => {
  // Kong/charts@kong-3.4.1:charts/kong/templates/_helpers.tpl#kong.env compares
  // `eq .Values.env.database "postgres"` (deployment.yaml includes it); text/template's eq
  // refuses a bool against a string, so `helm install` stops there.
  const broken = release({ ...KONG, values: ['env:\n  database: off\n'] });
  assert.throws(() => renderRelease(broken.ref, broken.app), (error: Error) => {
    assert.ok(error instanceof HelmRenderError);
    assert.match(error.message, /^platform\/helm_release\.r \(chart kong 3\.4\.1\)/);
    assert.match(error.message, /kong\/templates\/_helpers\.tpl:\d+:\d+: executing "kong\.env" at <eq \.Values\.env\.database "postgres">: error calling eq: incompatible types for comparison/);
    return true;
  });
  const fixed = release({ ...KONG, values: ['env:\n  database: "off"\n'] });
  const deployment = renderRelease(fixed.ref, fixed.app).objects.find((item) => item.object.kind === 'Deployment')!.object;
  const proxy = deployment.spec.template.spec.containers.find((container: any) => container.name === 'proxy');
  assert.deepEqual(proxy.env.find((env: any) => env.name === 'KONG_DATABASE'), { name: 'KONG_DATABASE', value: 'off' });
});

test('Kuma chart: `required` fires for a global KDS server secret the chart must create without a cert', { skip }, () => {
  // kumahq/kuma@v2.14.3:deployments/charts/kuma/templates/cp-kds-global-server-secret.yaml:13
  const { app, ref } = release({ ...KUMA, values: ['controlPlane:\n  mode: global\n  tls:\n    kdsGlobalServer:\n      create: true\n'] });
  assert.throws(() => renderRelease(ref, app), /cp-kds-global-server-secret\.yaml:13:.*you must provide a kds tls cert/);
});

test('Kuma chart: `fail` fires for a zone name that is not DNS-1123', { skip }, () => {
  // kumahq/kuma@v2.14.3:deployments/charts/kuma/templates/cp-deployment.yaml:27
  const { app, ref } = release({ ...KUMA, values: ['controlPlane:\n  mode: zone\n  zone: Azure_West\n'] });
  assert.throws(() => renderRelease(ref, app), /cp-deployment\.yaml.*controlPlane\.zone must consist of lower case alphanumeric/);
  const ok = release({ ...KUMA, values: ['controlPlane:\n  mode: zone\n  zone: azure-west\n  kdsGlobalAddress: grpcs://${google_compute_address.kds.address}:5685\n'] });
  const objects = renderRelease(ok.ref, ok.app).objects;
  const config = objects.find((item) => item.object.kind === 'Deployment' && item.object.metadata.name === 'kuma-control-plane')!.object;
  const env = config.spec.template.spec.containers[0].env;
  assert.equal(env.find((item: any) => item.name === 'KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS').value, `grpcs://${placeholderFor('google_compute_address.kds.address')}:5685`);
});

test('cert-manager chart: values are validated against its values.schema.json, as Helm does', { skip }, () => {
  const certManager = { chart: 'cert-manager', version: 'v1.21.1' };
  const broken = release({ ...certManager, values: ['replicaCount: two\n'] });
  assert.throws(() => renderRelease(broken.ref, broken.app), /values don't meet the specifications of the schema.*replicaCount/);
  const unknownKey = release({ ...certManager, values: ['replicas: 2\n'] });
  assert.throws(() => renderRelease(unknownKey.ref, unknownKey.app), /must NOT have additional properties/);
  const fixed = release({ ...certManager, values: ['replicaCount: 2\n'] });
  const controller = renderRelease(fixed.ref, fixed.app).objects.find((item) => item.object.kind === 'Deployment' && item.object.metadata.name === 'r-cert-manager')!;
  assert.equal(controller.object.spec.replicas, 2);
});

test('values: documents merge in order, a user null deletes a chart default, set applies last', { skip }, () => {
  const { app, ref } = release({
    ...KONG,
    values: ['env:\n  database: "off"\nproxy:\n  annotations:\n    a: "1"\n', 'proxy:\n  annotations:\n    b: "2"\nenv:\n  router_flavor: null\n'],
    set: [{ name: 'replicaCount', value: '3' }, { name: 'podAnnotations.kuma\\.io/gateway', value: 'enabled' }, { name: 'env.nginx_worker_processes', value: '4', type: 'string' }],
  });
  const { values, objects } = renderRelease(ref, app);
  assert.deepEqual(values.proxy.annotations, { a: '1', b: '2' });
  assert.equal('router_flavor' in values.env, false, 'a user null removes the default router_flavor');
  assert.equal(values.replicaCount, 3);
  assert.equal(values.env.nginx_worker_processes, '4');
  const deployment = objects.find((item) => item.object.kind === 'Deployment')!.object;
  assert.equal(deployment.spec.replicas, 3);
  assert.equal(deployment.spec.template.metadata.annotations['kuma.io/gateway'], 'enabled');
});

test('a scalar where the chart has a table is reported as Helm warns about it', { skip }, () => {
  const { app, ref } = release({ ...KONG, values: ['env:\n  database: "off"\nnodeSelector: ""\n'] });
  assert.deepEqual(renderRelease(ref, app).warnings, ['cannot overwrite table with non table for nodeSelector (map[])']);
});

test('Kong Mesh renders with the Kuma chart: values under `kuma:`, Kong Mesh defaults first, globals merged', { skip }, () => {
  const { app, ref } = release({
    chart: 'kong-mesh', version: '2.14.3', namespace: 'kong-mesh-system',
    values: ['kuma:\n  controlPlane:\n    mode: global\nglobal:\n  image:\n    tag: "2.14.3"\n'],
  });
  const { values, objects } = renderRelease(ref, app);
  assert.equal(values.controlPlane.mode, 'global');
  assert.equal(values.global.image.registry, 'docker.io/kong', 'Kong Mesh parent default');
  assert.equal(values.global.image.tag, '2.14.3', 'parent global merged into the subchart');
  const cp = objects.find((item) => item.object.kind === 'Deployment')!;
  assert.match(cp.template, /^kong-mesh\/charts\/kuma\/templates\//);
  assert.equal(cp.object.metadata.name, 'kong-mesh-control-plane');
  assert.equal(cp.object.spec.template.spec.containers[0].image, 'docker.io/kong/kuma-cp:2.14.3');
});

test('a chart or version without pinned templates is an error naming the release', { skip }, () => {
  const other = release({ chart: 'kong', version: '2.0.0' });
  assert.throws(() => releaseRequest(other.ref, other.app), /platform\/helm_release\.r: chart kong version "2\.0\.0" is not the pinned 3\.4\.1/);
  const unknown = release({ chart: 'ingress', version: '0.24.0' });
  assert.throws(() => releaseRequest(unknown.ref, unknown.app), /chart "ingress" has no pinned templates/);
  const postgres = release({ ...KONG, values: ['env:\n  database: postgres\npostgresql:\n  enabled: true\n'] });
  assert.throws(() => renderRelease(postgres.ref, postgres.app), /dependency "postgresql" is enabled/);
});

test('Terraform expressions become placeholders of the right shape; a namespace reference resolves', () => {
  assert.match(placeholderFor('azurerm_public_ip.x.ip_address'), /^198\.51\.100\.\d{1,3}$/);
  assert.match(placeholderFor('data.terraform_remote_state.infra.outputs.cross-stack-output-google_compute_addressx_CA363776address'), /^198\.51\.100\.\d{1,3}$/);
  assert.match(placeholderFor('google_service_account.x.email'), /^tfref-[0-9a-f]{8}$/);
  assert.equal(placeholderFor('a.b.c'), placeholderFor('a.b.c'), 'deterministic');
  assert.equal(substituteExpressions('x ${a.b.address}/32 ${f({a = 1})} y'), `x ${placeholderFor('a.b.address')}/32 ${placeholderFor('f({a = 1})')} y`);
  const { app, ref } = release(
    { ...KUMA, namespace: '${kubernetes_namespace_v1.ns.metadata[0].name}' },
    { kubernetes_namespace_v1: { ns: { metadata: { name: 'kuma-system' } } } },
  );
  assert.equal(releaseRequest(ref, app).namespace, 'kuma-system');
});

test('renders are cached by input: the same release twice costs one render', { skip }, () => {
  const a = release({ ...KONG, name: 'same', values: ['env:\n  database: "off"\n'] });
  const first = renderRelease(a.ref, a.app);
  assert.equal(renderChart(releaseRequest(a.ref, a.app)), first);
});
