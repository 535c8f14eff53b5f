import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import { MeshedApi } from '../../../lib/workloads/meshed-api';
import { fakeConnection } from '../../helpers/fakes';
import { synthApp } from '../../helpers/synth';
import { evaluatePolicies } from '../run-policies';
import { CHECKOV_KUBERNETES_RULES, checkovShape } from './checkov-kubernetes';

const failedIds = (stacks: any) => [...new Set(evaluatePolicies(stacks, CHECKOV_KUBERNETES_RULES).filter((r) => r.status === 'failed').map((r) => r.ruleId))].sort();

test('checkovShape wraps attributes and blocks in lists, as Checkov reads HCL, and maps only once', () => {
  assert.deepEqual(checkovShape({ metadata: { namespace: 'a', labels: { x: 'y' } }, port: [{ port: 1 }], args: ['a'] }), {
    metadata: [{ namespace: ['a'], labels: [{ x: 'y' }] }],
    port: [{ port: [1] }],
    args: [['a']],
  });
});

test('MeshedApi passes every Checkov Kubernetes check by default', () => {
  const stacks = synthApp((app) => {
    new MeshedApi(new TerraformStack(app, 'platform'), 'catalog', { connection: fakeConnection('gcp'), name: 'catalog', namespace: 'catalog' });
  });
  assert.deepEqual(failedIds(stacks), []);
  assert.ok(evaluatePolicies(stacks, CHECKOV_KUBERNETES_RULES).some((r) => r.ruleId === 'CKV_K8S_43' && r.status === 'passed'));
});

test('a Deployment stripped of its hardening fails the checks Checkov would fail, and a Job only CKV_K8S_21', () => {
  // GIVEN: a bare container in the default namespace, a tag without digest, no probes, no resources, no security context.
  const bare = { metadata: { name: 'api', namespace: 'default' }, spec: { template: { spec: { container: [{ name: 'api', image: 'api:1', security_context: { privileged: true, allow_privilege_escalation: true, capabilities: { add: ['SYS_ADMIN'] } }, port: [{ container_port: 80, host_port: 80 }] }], host_pid: true, host_network: true, host_ipc: true } } } };
  const job = { metadata: { name: 'check' }, spec: { template: { spec: { container: [{ name: 'c', image: 'curl' }] } } } };
  const stacks = { platform: { resource: { kubernetes_deployment_v1: { api: bare }, kubernetes_job_v1: { check: job } } } } as any;
  // THEN
  assert.deepEqual(failedIds(stacks), [
    'CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13', 'CKV_K8S_15', 'CKV_K8S_16', 'CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19',
    'CKV_K8S_20', 'CKV_K8S_21', 'CKV_K8S_22', 'CKV_K8S_25', 'CKV_K8S_26', 'CKV_K8S_28', 'CKV_K8S_37', 'CKV_K8S_39', 'CKV_K8S_43', 'CKV_K8S_8', 'CKV_K8S_9',
  ].sort());
  const jobResults = evaluatePolicies(stacks, CHECKOV_KUBERNETES_RULES).filter((r) => r.address.includes('kubernetes_job_v1'));
  assert.deepEqual(jobResults.map((r) => `${r.ruleId} ${r.status}`), ['CKV_K8S_21 failed']);
});
