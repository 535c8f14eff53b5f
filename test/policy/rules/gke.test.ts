/**
 * Failing and passing cases of the Google rules that follow Checkov's code closely
 * (bridgecrewio/checkov@3.3.13), beside the family tests of policy.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import { GkeCluster } from '../../../lib/clusters/gke-cluster';
import { synthApp } from '../../helpers/synth';
import { evaluatePolicies } from '../run-policies';
import type { Result, StackJson } from '../types';
import { GKE_RULES } from './gke';

function statusOf(stacks: Record<string, StackJson>, ruleId: string, address: string): Result['status'] | undefined {
  const rule = GKE_RULES.find((candidate) => candidate.id === ruleId)!;
  return evaluatePolicies(stacks, [rule]).find((result) => result.address === address)?.status;
}

function single(resources: Record<string, Record<string, any>>): Record<string, StackJson> {
  return { infra: { resource: resources } };
}

const hardened = synthApp((app) => {
  new GkeCluster(new TerraformStack(app, 'infra'), 'gcp', {
    name: 'acme-gcp', project: 'acme-prod', region: 'europe-west1', masterAuthorizedNetworks: ['203.0.113.0/24'], rbacSecurityGroup: 'gke-security-groups@acme.example',
  });
});

test('GkeCluster passes every Google rule, waiving none', () => {
  const results = evaluatePolicies(hardened, GKE_RULES);
  assert.deepEqual(results.filter((result) => result.status !== 'passed').map((result) => `${result.ruleId} ${result.address}: ${result.reason}`), []);
  for (const id of ['CKV_GCP_12', 'CKV_GCP_65', 'CKV_GCP_66', 'CKV2_GCP_18', 'CKV_GCP_2', 'CKV2_GCP_12', 'CKV_GCP_26', 'CKV_GCP_74', 'CKV_GCP_41', 'CKV_GCP_49']) {
    assert.ok(results.some((result) => result.ruleId === id), `${id} judged nothing`);
  }
});

test('CKV_GCP_12: Dataplane V2 alone fails; with network_policy { enabled = false } it passes; Calico passes', () => {
  const cluster = (extra: object) => single({ google_container_cluster: { c: { datapath_provider: 'ADVANCED_DATAPATH', ...extra } } });
  assert.equal(statusOf(cluster({}), 'CKV_GCP_12', 'infra/google_container_cluster.c'), 'failed');
  assert.equal(statusOf(cluster({ network_policy: { enabled: false } }), 'CKV_GCP_12', 'infra/google_container_cluster.c'), 'passed');
  assert.equal(statusOf(single({ google_container_cluster: { c: { network_policy: { enabled: false } } } }), 'CKV_GCP_12', 'infra/google_container_cluster.c'), 'failed');
  assert.equal(statusOf(single({ google_container_cluster: { c: { network_policy: { enabled: true, provider: 'CALICO' } } } }), 'CKV_GCP_12', 'infra/google_container_cluster.c'), 'passed');
});

test('CKV_GCP_69 judges a cluster without node_config, as Checkov does (it fails)', () => {
  assert.equal(statusOf(single({ google_container_cluster: { c: { remove_default_node_pool: true } } }), 'CKV_GCP_69', 'infra/google_container_cluster.c'), 'failed');
});

test('CKV_GCP_123 excludes a cluster that removes its default pool', () => {
  const pool = [{ name: 'inline' }];
  assert.equal(statusOf(single({ google_container_cluster: { c: { node_pool: pool } } }), 'CKV_GCP_123', 'infra/google_container_cluster.c'), 'failed');
  assert.equal(statusOf(single({ google_container_cluster: { c: { node_pool: pool, remove_default_node_pool: true } } }), 'CKV_GCP_123', 'infra/google_container_cluster.c'), 'passed');
});

test('cluster rules added from Checkov fail on the insecure setting', () => {
  const c = 'infra/google_container_cluster.c';
  assert.equal(statusOf(single({ google_container_cluster: { c: { binary_authorization: { evaluation_mode: 'DISABLED' } } } }), 'CKV_GCP_66', c), 'failed');
  assert.equal(statusOf(single({ google_container_cluster: { c: {} } }), 'CKV_GCP_65', c), 'failed');
  assert.equal(statusOf(single({ google_container_cluster: { c: { master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '0.0.0.0/0' }] } } } }), 'CKV_GCP_18', c), 'failed');
  assert.equal(statusOf(single({ google_container_cluster: { c: { enable_kubernetes_alpha: true } } }), 'CKV2_GCP_19', c), 'failed');
  assert.equal(statusOf(single({ google_container_cluster: { c: { min_master_version: '1.24.3' } } }), 'CKV_GCP_24', c), 'failed');
  assert.equal(statusOf(single({ google_container_cluster: { c: { min_master_version: '1.30' } } }), 'CKV_GCP_24', c), undefined, 'not judged from 1.25 on');
});

test('network rules: subnetwork flow logs and Private Google Access, a firewall per network, no port open to the internet', () => {
  const s = 'infra/google_compute_subnetwork.s';
  assert.equal(statusOf(single({ google_compute_subnetwork: { s: {} } }), 'CKV_GCP_26', s), 'failed');
  assert.equal(statusOf(single({ google_compute_subnetwork: { s: { private_ip_google_access: false } } }), 'CKV_GCP_74', s), 'failed');
  assert.equal(statusOf(single({ google_compute_subnetwork: { s: { stack_type: 'IPV4_IPV6' } } }), 'CKV_GCP_76', s), 'failed');
  assert.equal(statusOf(single({ google_compute_network: { n: {} } }), 'CKV2_GCP_18', 'infra/google_compute_network.n'), 'failed');
  assert.equal(statusOf(single({ google_compute_network: { n: {} }, google_compute_firewall: { f: { network: '${google_compute_network.n.id}' } } }), 'CKV2_GCP_18', 'infra/google_compute_network.n'), 'passed');
  const open = (allow: object) => single({ google_compute_firewall: { f: { source_ranges: ['0.0.0.0/0'], allow: [allow] } } });
  for (const [id, port] of [['CKV_GCP_2', '22'], ['CKV_GCP_3', '3389'], ['CKV_GCP_75', '21'], ['CKV_GCP_77', '20'], ['CKV_GCP_88', '3306'], ['CKV_GCP_106', '80']]) {
    assert.equal(statusOf(open({ protocol: 'tcp', ports: [port] }), id, 'infra/google_compute_firewall.f'), 'failed', id);
    assert.equal(statusOf(open({ protocol: 'tcp', ports: ['1-65535'] }), id, 'infra/google_compute_firewall.f'), 'failed', `${id} in a range`);
  }
  assert.equal(statusOf(open({ protocol: 'all' }), 'CKV2_GCP_12', 'infra/google_compute_firewall.f'), 'failed');
});

test('project IAM rules fail on impersonation, basic, admin and default-account grants', () => {
  const member = (config: object) => single({ google_project_iam_member: { m: { member: 'serviceAccount:x@acme-prod.iam.gserviceaccount.com', role: 'roles/logging.logWriter', ...config } } });
  const m = 'infra/google_project_iam_member.m';
  assert.equal(statusOf(member({ role: 'roles/iam.serviceAccountTokenCreator' }), 'CKV_GCP_41', m), 'failed');
  assert.equal(statusOf(member({ role: 'roles/container.admin' }), 'CKV_GCP_42', m), 'failed');
  assert.equal(statusOf(member({ member: 'serviceAccount:123-compute@developer.gserviceaccount.com' }), 'CKV_GCP_46', m), 'failed');
  assert.equal(statusOf(member({ role: 'roles/iam.workloadIdentityUser' }), 'CKV_GCP_49', m), 'failed');
  assert.equal(statusOf(member({ role: 'roles/editor' }), 'CKV_GCP_117', m), 'failed');
  for (const id of ['CKV_GCP_41', 'CKV_GCP_42', 'CKV_GCP_46', 'CKV_GCP_49', 'CKV_GCP_117']) assert.equal(statusOf(member({}), id, m), 'passed', id);
});
