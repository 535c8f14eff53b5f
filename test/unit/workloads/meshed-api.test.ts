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
