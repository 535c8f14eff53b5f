import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import { AksCluster } from '../../lib/clusters/aks-cluster';
import { GkeCluster } from '../../lib/clusters/gke-cluster';
import { MeshedApi } from '../../lib/workloads/meshed-api';
import { fakeConnection } from '../helpers/fakes';
import { StackJson, synthApp } from '../helpers/synth';
import { ephemeralExampleStacks, referenceExampleStacks } from './example-stacks';
import { ALL_RULES } from './rules';
import { describeFailures, evaluatePolicies } from './run-policies';
import { PolicyRule, Result, RuleFamily } from './types';
import { recordWaiver } from './waivers';
import * as bad from './fixtures';

/** Every rule id issue 6 names; the suite must have exactly one rule for each. */
const ISSUE_RULE_IDS = [
  'CKV_AZURE_4', 'CKV_AZURE_5', 'CKV_AZURE_6', 'CKV_AZURE_7', 'CKV_AZURE_8', 'CKV_AZURE_115', 'CKV_AZURE_116',
  'CKV_AZURE_141', 'CKV_AZURE_143', 'CKV_AZURE_168', 'CKV_AZURE_170', 'CKV_AZURE_171', 'CKV_AZURE_226',
  'CKV_AZURE_227', 'CKV_AZURE_232', 'CKV2_AZURE_29',
  'CKV_GCP_1', 'CKV_GCP_8', 'CKV_GCP_7', 'CKV_GCP_9', 'CKV_GCP_10', 'CKV_GCP_12', 'CKV_GCP_13', 'CKV_GCP_20',
  'CKV_GCP_21', 'CKV_GCP_22', 'CKV_GCP_23', 'CKV_GCP_25', 'CKV_GCP_64', 'CKV_GCP_61', 'CKV_GCP_68', 'CKV_GCP_71',
  'CKV_GCP_72', 'CKV_GCP_69', 'CKV_GCP_70', 'CKV_GCP_123', 'CKV2_GCP_1',
  'MESH_MTLS_STRICT', 'MESH_NO_ALLOW_ALL', 'KDS_TLS_VERIFIED', 'KONG_ADMIN_NOT_EXPOSED', 'LB_RESERVED_ADDRESS',
  'CONTAINERS_NON_ROOT', 'DELETE_PROTECTION', 'HELM_ATOMIC', 'DRIFT_IGNORED',
];

function failedIds(results: readonly Result[], address?: string): string[] {
  return [...new Set(results.filter((r) => r.status === 'failed' && (!address || r.address === address)).map((r) => r.ruleId))].sort();
}

function evaluatedIds(results: readonly Result[]): Set<string> {
  return new Set(results.map((r) => r.ruleId));
}

const CLOUD_RULE_IDS = ISSUE_RULE_IDS.filter((id) => id.startsWith('CKV'));

test('the suite has exactly one rule per rule id of the issue', () => {
  // WHEN
  const ids = ALL_RULES.map((rule) => rule.id);
  // THEN
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  assert.deepEqual([...ids].sort(), [...ISSUE_RULE_IDS].sort());
});

test('the reference example passes every rule, waiving none', () => {
  // GIVEN
  const { stacks } = referenceExampleStacks();
  // WHEN
  const results = evaluatePolicies(stacks);
  // THEN
  assert.equal(describeFailures(results), '');
  assert.deepEqual(results.filter((r) => r.status === 'waived'), []);
  for (const id of CLOUD_RULE_IDS) assert.ok(evaluatedIds(results).has(id), `${id} judged no resource of the reference example`);
});

test('the ephemeral example fails nothing: what it relaxes is waived by a named prop', () => {
  // GIVEN
  const { stacks } = ephemeralExampleStacks();
  // WHEN
  const results = evaluatePolicies(stacks);
  // THEN
  assert.equal(describeFailures(results), '');
  const waived = results.filter((r) => r.status === 'waived');
  assert.ok(waived.length > 0, 'ephemeral mode relaxes rules (Free tier, public API server): they must show as waived');
  for (const result of waived) assert.match(result.waivedBy ?? '', /^[a-z][A-Za-z0-9]*$/, `${result.ruleId} must be waived by a prop name`);
});

test('a waiver turns a failure into "waived" with the prop, covers only its rule and never hides a pass', () => {
  // GIVEN an AKS cluster whose API server is open to the internet by the named prop
  const stacks = synthApp((app) => {
    new AksCluster(new TerraformStack(app, 'infra'), 'azure', {
      name: 'open', location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000000', allowPublicApiServer: true,
    });
  });
  const [name, cluster] = Object.entries(stacks.infra.resource!.azurerm_kubernetes_cluster)[0];
  const address = `infra/azurerm_kubernetes_cluster.${name}`;
  const statusOf = (id: string) => {
    const result = evaluatePolicies(stacks).find((r) => r.address === address && r.ruleId === id)!;
    return { status: result.status, waivedBy: result.waivedBy };
  };
  // THEN the construct recorded the waiver
  assert.deepEqual(statusOf('CKV_AZURE_6'), { status: 'waived', waivedBy: 'allowPublicApiServer' });
  // WHEN one waiver is removed, a waiver is added on a passing rule
  delete cluster['//'].waivers.CKV_AZURE_115;
  recordWaiver(cluster, 'CKV_AZURE_141', 'allowPublicApiServer');
  // THEN
  assert.deepEqual(statusOf('CKV_AZURE_6'), { status: 'waived', waivedBy: 'allowPublicApiServer' });
  assert.deepEqual(statusOf('CKV_AZURE_115'), { status: 'failed', waivedBy: undefined });
  assert.deepEqual(statusOf('CKV_AZURE_141'), { status: 'passed', waivedBy: undefined });
});

test('AKS family: every AKS rule fails on a cluster stripped of its hardening', () => {
  // GIVEN
  const stacks = synthApp((app) => {
    new AksCluster(new TerraformStack(app, 'infra'), 'azure', {
      name: 'bad', location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000000', apiServerAuthorizedIpRanges: ['203.0.113.0/24'],
    });
  });
  const [name, cluster] = Object.entries(stacks.infra.resource!.azurerm_kubernetes_cluster)[0];
  // WHEN
  bad.weakenAksCluster(cluster);
  // THEN
  const expected = ALL_RULES.filter((r) => r.resourceTypes.includes('azurerm_kubernetes_cluster') && r.id.includes('AZURE')).map((r) => r.id);
  assert.deepEqual(failedIds(evaluatePolicies(stacks), `infra/azurerm_kubernetes_cluster.${name}`).filter((id) => id.includes('AZURE')), [...expected].sort());
});

test('GKE family: every GKE rule fails on a cluster and node pool stripped of their hardening', () => {
  // GIVEN
  const stacks = synthApp((app) => {
    new GkeCluster(new TerraformStack(app, 'infra'), 'gcp', {
      name: 'bad', project: 'acme-project', region: 'europe-west1', masterAuthorizedNetworks: ['203.0.113.0/24'],
    });
  });
  const resources = stacks.infra.resource!;
  // WHEN
  for (const cluster of Object.values(resources.google_container_cluster)) bad.weakenGkeCluster(cluster);
  for (const pool of Object.values(resources.google_container_node_pool)) bad.weakenGkeNodePool(pool);
  // THEN
  const expected = ALL_RULES.filter((r) => r.id.includes('GCP')).map((r) => r.id);
  assert.deepEqual(failedIds(evaluatePolicies(stacks)).filter((id) => id.includes('GCP')), [...expected].sort());
});

test('mesh family: the hardened fixtures pass and each insecure variant fails its rule', () => {
  // GIVEN / WHEN
  const good = evaluatePolicies(bad.meshStacks(true), familyRules(RuleFamily.MESH));
  const insecure = evaluatePolicies(bad.meshStacks(false), familyRules(RuleFamily.MESH));
  const noMesh = evaluatePolicies(bad.globalWithoutMesh(), familyRules(RuleFamily.MESH));
  // THEN
  assert.equal(describeFailures(good), '');
  assert.ok(good.length > 0);
  assert.deepEqual(failedIds(noMesh), ['MESH_MTLS_STRICT']);
  assert.deepEqual(
    insecure.filter((r) => r.status === 'failed').map((r) => `${r.ruleId} ${r.address}`).sort(),
    [
      'KDS_TLS_VERIFIED platform/helm_release.global_no_secret',
      'KDS_TLS_VERIFIED platform/helm_release.zone_http_kds',
      'KDS_TLS_VERIFIED platform/helm_release.zone_skip_env',
      'KDS_TLS_VERIFIED platform/helm_release.zone_skip_verify',
      'MESH_MTLS_STRICT mesh/kubernetes_manifest.mesh_dangling_backend',
      'MESH_MTLS_STRICT mesh/kubernetes_manifest.mesh_no_mtls',
      'MESH_MTLS_STRICT mesh/kubernetes_manifest.mesh_permissive',
      'MESH_MTLS_STRICT mesh/kubernetes_manifest.meshtls_permissive',
      'MESH_NO_ALLOW_ALL mesh/kubernetes_manifest.mtp_allow_all',
      'MESH_NO_ALLOW_ALL mesh/kubernetes_manifest.mtp_trust_domain',
      'MESH_NO_ALLOW_ALL mesh/kubernetes_manifest.tp_wildcard',
    ].sort(),
  );
});

test('Kubernetes family: the hardened fixtures and MeshedApi pass, each insecure variant fails its rule', () => {
  // GIVEN
  const meshedApi = synthApp((app) => {
    new MeshedApi(new TerraformStack(app, 'platform'), 'catalog', { connection: fakeConnection('gcp'), name: 'catalog', namespace: 'catalog' });
  });
  // WHEN
  const rules = familyRules(RuleFamily.KUBERNETES);
  const good = evaluatePolicies({ ...bad.kubernetesStacks(true), ...prefixed('api-', meshedApi) }, rules);
  const insecure = evaluatePolicies(bad.kubernetesStacks(false), rules);
  // THEN
  assert.equal(describeFailures(good), '');
  assert.ok(good.some((r) => r.ruleId === 'CONTAINERS_NON_ROOT' && r.address.startsWith('api-platform/kubernetes_deployment')));
  assert.deepEqual(
    insecure.filter((r) => r.status === 'failed').map((r) => `${r.ruleId} ${r.address}`).sort(),
    [
      'CONTAINERS_NON_ROOT platform/helm_release.kong_root',
      'CONTAINERS_NON_ROOT platform/kubernetes_deployment_v1.root_api',
      'CONTAINERS_NON_ROOT platform/kubernetes_deployment_v1.unset_api',
      'KONG_ADMIN_NOT_EXPOSED platform/helm_release.kong_admin_ingress',
      'KONG_ADMIN_NOT_EXPOSED platform/helm_release.kong_admin_nodeport',
      'KONG_ADMIN_NOT_EXPOSED platform/kubernetes_service_v1.admin_lb',
      'LB_RESERVED_ADDRESS platform/helm_release.kong_admin_ingress',
      'LB_RESERVED_ADDRESS platform/helm_release.kong_admin_nodeport',
      'LB_RESERVED_ADDRESS platform/helm_release.kong_root',
      'LB_RESERVED_ADDRESS platform/helm_release.kuma_global_lb',
      'LB_RESERVED_ADDRESS platform/helm_release.kuma_zone_ingress_lb',
      'LB_RESERVED_ADDRESS platform/kubernetes_manifest.service_lb',
      'LB_RESERVED_ADDRESS platform/kubernetes_service_v1.admin_lb',
    ].sort(),
  );
});

test('reliability family: unprotected, non-atomic and drifting resources fail', () => {
  // GIVEN / WHEN
  const good = evaluatePolicies(bad.reliabilityStacks(true), familyRules(RuleFamily.RELIABILITY));
  const insecure = evaluatePolicies(bad.reliabilityStacks(false), familyRules(RuleFamily.RELIABILITY));
  // THEN
  assert.equal(describeFailures(good), '');
  assert.deepEqual(
    insecure.filter((r) => r.status === 'failed').map((r) => `${r.ruleId} ${r.address}`).sort(),
    [
      'DELETE_PROTECTION infra/azurerm_dns_zone.unprotected',
      'DELETE_PROTECTION infra/google_container_cluster.ephemeral_protected',
      'DELETE_PROTECTION infra/google_container_cluster.unprotected',
      'DRIFT_IGNORED infra/azurerm_kubernetes_cluster_node_pool.autoscaled',
      'DRIFT_IGNORED infra/google_container_node_pool.autoscaled',
      'HELM_ATOMIC platform/helm_release.non_atomic',
    ].sort(),
  );
});

test('every rule is proven able to fail by one of the bad stacks', () => {
  // GIVEN
  const aks = synthApp((app) => {
    new AksCluster(new TerraformStack(app, 'infra'), 'azure', {
      name: 'bad', location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000000', allowPublicApiServer: true,
    });
  });
  const gke = synthApp((app) => {
    new GkeCluster(new TerraformStack(app, 'infra'), 'gcp', { name: 'bad', project: 'acme-project', region: 'europe-west1', allowPublicApiServer: true });
  });
  Object.values(aks.infra.resource!.azurerm_kubernetes_cluster).forEach(bad.weakenAksCluster);
  Object.values(gke.infra.resource!.google_container_cluster).forEach(bad.weakenGkeCluster);
  Object.values(gke.infra.resource!.google_container_node_pool).forEach(bad.weakenGkeNodePool);
  // WHEN
  const all = [aks, gke, bad.meshStacks(false), bad.globalWithoutMesh(), bad.kubernetesStacks(false), bad.reliabilityStacks(false)].flatMap((stacks) => evaluatePolicies(stacks));
  // THEN
  assert.deepEqual(failedIds(all), ALL_RULES.map((r) => r.id).sort());
});

function familyRules(family: RuleFamily): PolicyRule[] {
  return ALL_RULES.filter((rule) => rule.family === family);
}

function prefixed(prefix: string, stacks: Record<string, StackJson>): Record<string, StackJson> {
  return Object.fromEntries(Object.entries(stacks).map(([name, stack]) => [`${prefix}${name}`, stack]));
}
