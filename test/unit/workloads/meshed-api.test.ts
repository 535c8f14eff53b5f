import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshedApi } from '../../../lib/workloads/meshed-api';
import { onlyResource, synthStack } from '../../helpers/synth';
import { fakeConnection } from '../../helpers/fakes';

test('an API is a non-root Deployment and an HTTP Service of the same name', () => {
  // WHEN
  const json = synthStack((stack) => {
    new MeshedApi(stack, 'catalog', { connection: fakeConnection('gke'), name: 'catalog', namespace: 'catalog', zoneName: 'gcp' });
  });
  // THEN
  const deployment = onlyResource(json, 'kubernetes_deployment_v1');
  const service = onlyResource(json, 'kubernetes_service_v1');
  assert.equal(deployment.spec.replicas, '2');
  assert.equal(deployment.spec.template.spec.security_context.run_as_non_root, true);
  assert.deepEqual(deployment.spec.template.spec.container[0].security_context.capabilities.drop, ['ALL']);
  assert.ok(deployment.spec.template.spec.container[0].args.includes('-text=catalog in gcp'));
  assert.equal(service.metadata.name, 'catalog');
  assert.equal(service.spec.type, 'ClusterIP');
  assert.equal(service.spec.port[0].app_protocol, 'http');
});

test('ephemeral APIs run one replica', () => {
  const json = synthStack((stack) => {
    new MeshedApi(stack, 'catalog', { connection: fakeConnection('gke'), name: 'catalog', namespace: 'catalog', ephemeral: true });
  });
  assert.equal(onlyResource(json, 'kubernetes_deployment_v1').spec.replicas, '1');
});

test('a bad API name is rejected with the field and a suggestion', () => {
  assert.throws(
    () => synthStack((stack) => new MeshedApi(stack, 'api', { connection: fakeConnection('gke'), name: 'Catalog_API', namespace: 'catalog' })),
    /"Catalog_API" \(test\/api\.name\).*"catalog-api"/,
  );
});

test('the pod mounts no API token for the app but hands the Kuma injector a projected token for the sidecar', () => {
  // WHEN
  const json = synthStack((stack) => {
    new MeshedApi(stack, 'catalog', { connection: fakeConnection('gke'), name: 'catalog', namespace: 'catalog' });
  });
  // THEN: kuma-dp reads its token from the service account path, and the injector mounts only
  // a token it can find (kumahq/kuma@v2.14.3 injector.go#NewVolumeMounts); without one the sidecar never starts.
  const template = onlyResource(json, 'kubernetes_deployment_v1').spec.template;
  assert.equal(template.spec.automount_service_account_token, false);
  const volumeName = template.metadata.annotations['kuma.io/service-account-token-volume'];
  const volume = template.spec.volume.find((v: any) => v.name === volumeName);
  assert.ok(volume, `the annotation names volume ${volumeName}, which the pod must have`);
  assert.equal(volume.projected[0].sources[0].service_account_token.path, 'token');
});

test('the default image passes the Checkov workload checks: digest, pull policy, liveness probe, CPU and memory limits', () => {
  // WHEN
  const json = synthStack((stack) => {
    new MeshedApi(stack, 'catalog', { connection: fakeConnection('gke'), name: 'catalog', namespace: 'catalog' });
  });
  // THEN
  const container = onlyResource(json, 'kubernetes_deployment_v1').spec.template.spec.container[0];
  assert.match(container.image, /@sha256:[0-9a-f]{64}$/); // CKV_K8S_43
  assert.equal(container.image_pull_policy, 'Always'); // CKV_K8S_15
  assert.ok(container.liveness_probe); // CKV_K8S_8
  assert.ok(container.resources.limits.cpu); // CKV_K8S_11
  assert.ok(container.resources.limits.memory); // CKV_K8S_12
});
