import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { KumactlResourceSink, toUniversal } from '../../../lib/mesh/kumactl-resource-sink';
import { Construct, IConstruct } from 'constructs';
import { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { KumaResource, kumaResourcesApplied } from '../../../lib/mesh/kuma-resource';
import { fakeConnection } from '../../helpers/fakes';
import { onlyResource, synthStack } from '../../helpers/synth';

const mesh: KumaResource = { apiVersion: 'kuma.io/v1alpha1', kind: 'Mesh', metadata: { name: 'acme' }, spec: { mtls: { enabledBackend: 'ca-1' } } };
const tls: KumaResource = { apiVersion: 'kuma.io/v1alpha1', kind: 'MeshTLS', metadata: { name: 't', namespace: 'kuma-system', labels: { 'kuma.io/mesh': 'acme' } }, spec: { targetRef: { kind: 'Mesh' } } };

test('toUniversal: Mesh fields at the top level; policies keep spec and name their mesh', () => {
  // GIVEN / WHEN / THEN
  assert.deepEqual(toUniversal(mesh), { type: 'Mesh', name: 'acme', mtls: { enabledBackend: 'ca-1' } });
  assert.deepEqual(toUniversal(tls), { type: 'MeshTLS', name: 't', mesh: 'acme', spec: { targetRef: { kind: 'Mesh' } } });
});

test('KumactlResourceSink: one ConfigMap (Mesh first, later applies included) and one waited Job named by content', () => {
  // GIVEN
  const sink = new KumactlResourceSink({ connection: fakeConnection('global'), namespace: 'kuma-global', apiUrl: 'https://cp:5682', adminTokenSecretName: 'admin' });
  const build = (extra: boolean) => synthStack((s) => {
    sink.apply(s, 'tls', tls);
    sink.apply(s, 'mesh', mesh);
    if (extra) sink.apply(s, 'tls2', { ...tls, metadata: { ...tls.metadata, name: 't2' } });
  });
  // WHEN
  const stack = build(false);
  const configMap = onlyResource(stack, 'kubernetes_config_map_v1');
  const job = onlyResource(stack, 'kubernetes_job_v1');
  // THEN
  const documents = Object.keys(configMap.data).sort().map((key) => parse(configMap.data[key]));
  assert.deepEqual(documents.map((d) => d.type), ['Mesh', 'MeshTLS']);
  assert.equal(job.wait_for_completion, true);
  assert.equal(job.provider, 'kubernetes.global');
  const script = job.spec.template.spec.container[0].command.join(' ');
  assert.match(script, /--address "https:\/\/cp:5682" --auth-type tokens --auth-conf "token=\$\(cat /);
  assert.match(script, /kumactl apply -f/);
  assert.match(job.metadata.name, /^kumactl-apply-[0-9a-f]{10}$/);
  assert.notEqual(onlyResource(build(true), 'kubernetes_job_v1').metadata.name, job.metadata.name);
});

test('KumactlResourceSink: a construct whose resource it applies is complete when the Job is, so dependents wait for the Job', () => {
  // GIVEN
  const sink = new KumactlResourceSink({ connection: fakeConnection('global'), namespace: 'kuma-global', apiUrl: 'https://cp:5682' });
  let applied: IConstruct | undefined;
  let policy: Construct | undefined;
  // WHEN
  synthStack((s) => {
    policy = new Construct(s, 'policy');
    sink.apply(policy, 'resource', tls);
    applied = kumaResourcesApplied(policy);
  });
  // THEN: the policy construct itself holds no Terraform resource; the apply Job does.
  assert.ok(applied instanceof JobV1, 'the kumactl apply Job');
  assert.notEqual(applied, policy);
  const other = new Construct(undefined as any, 'other');
  assert.equal(kumaResourcesApplied(other), other);
});
