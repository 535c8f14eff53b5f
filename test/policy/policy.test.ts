import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import { AksCluster } from '../../lib/clusters/aks-cluster';
import { GkeCluster } from '../../lib/clusters/gke-cluster';
import { MeshedApi } from '../../lib/workloads/meshed-api';
import { fakeConnection } from '../helpers/fakes';
import { StackJson, synthApp } from '../helpers/synth';
import { ephemeralExampleStacks, referenceExampleStacks } from './example-stacks';
import { ALL_RULES } from './rules';
import { AWS_RULES } from './rules/aws';
import { describeFailures, evaluatePolicies } from './run-policies';
import { PolicyRule, Result, RuleFamily } from './types';
import { recordWaiver } from './waivers';
import * as bad from './fixtures';

/**
 * Every Checkov check (bridgecrewio/checkov@3.3.13, checkov/terraform/checks/resource/{azure,gcp,kubernetes}
 * and graph_checks/{azure,gcp}) whose resource types include a type the library emits, plus
 * this project's own rules. The suite must have exactly one rule for each: a check missing
 * here is a peer verdict nobody mirrors. Checks that Checkov scopes to types we never emit
 * (e.g. `kubernetes_deployment` without `_v1` only) are left out on purpose.
 */
const EXPECTED_RULE_IDS = [
  // azurerm_kubernetes_cluster, _node_pool, virtual network, subnet, PostgreSQL flexible server
  'CKV_AZURE_4', 'CKV_AZURE_5', 'CKV_AZURE_6', 'CKV_AZURE_7', 'CKV_AZURE_8', 'CKV_AZURE_115', 'CKV_AZURE_116',
  'CKV_AZURE_117', 'CKV_AZURE_136', 'CKV_AZURE_141', 'CKV_AZURE_143', 'CKV_AZURE_168', 'CKV_AZURE_169', 'CKV_AZURE_170',
  'CKV_AZURE_171', 'CKV_AZURE_172', 'CKV_AZURE_182', 'CKV_AZURE_183', 'CKV_AZURE_226', 'CKV_AZURE_227',
  'CKV_AZURE_232', 'CKV_AZURE_246', 'CKV2_AZURE_26', 'CKV2_AZURE_29', 'CKV2_AZURE_31', 'CKV2_AZURE_57',
  // google_container_cluster and _node_pool
  'CKV_GCP_1', 'CKV_GCP_7', 'CKV_GCP_8', 'CKV_GCP_9', 'CKV_GCP_10', 'CKV_GCP_12', 'CKV_GCP_13', 'CKV_GCP_18',
  'CKV_GCP_20', 'CKV_GCP_21', 'CKV_GCP_22', 'CKV_GCP_23', 'CKV_GCP_24', 'CKV_GCP_25', 'CKV_GCP_61', 'CKV_GCP_64',
  'CKV_GCP_65', 'CKV_GCP_66', 'CKV_GCP_68', 'CKV_GCP_69', 'CKV_GCP_70', 'CKV_GCP_71', 'CKV_GCP_72', 'CKV_GCP_123',
  'CKV2_GCP_1', 'CKV2_GCP_19',
  // networks, subnetworks, firewalls, project IAM, Cloud DNS
  'CKV_GCP_2', 'CKV_GCP_3', 'CKV_GCP_26', 'CKV_GCP_74', 'CKV_GCP_75', 'CKV_GCP_76', 'CKV_GCP_77', 'CKV_GCP_88',
  'CKV_GCP_106', 'CKV2_GCP_12', 'CKV2_GCP_18', 'CKV_GCP_41', 'CKV_GCP_42', 'CKV_GCP_46', 'CKV_GCP_49', 'CKV_GCP_117',
  'CKV_GCP_16', 'CKV_GCP_17',
  // EKS, its VPC, KMS key, log groups, launch template (lib/aws; no example uses EKS yet)
  'CKV_AWS_7', 'CKV_AWS_33', 'CKV_AWS_37', 'CKV_AWS_38', 'CKV_AWS_39', 'CKV_AWS_58', 'CKV_AWS_60', 'CKV_AWS_61',
  'CKV_AWS_66', 'CKV_AWS_79', 'CKV_AWS_88', 'CKV_AWS_100', 'CKV_AWS_130', 'CKV_AWS_158', 'CKV_AWS_227', 'CKV_AWS_338',
  'CKV_AWS_339', 'CKV_AWS_341', 'CKV2_AWS_11', 'CKV2_AWS_12',
  // kubernetes_*_v1 workloads, Services, Ingresses, Secrets
  'CKV_K8S_8', 'CKV_K8S_9', 'CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13', 'CKV_K8S_14', 'CKV_K8S_15',
  'CKV_K8S_16', 'CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19', 'CKV_K8S_20', 'CKV_K8S_21', 'CKV_K8S_22', 'CKV_K8S_25',
  'CKV_K8S_26', 'CKV_K8S_27', 'CKV_K8S_28', 'CKV_K8S_29', 'CKV_K8S_30', 'CKV_K8S_35', 'CKV_K8S_37', 'CKV_K8S_39',
  'CKV_K8S_43',
  // this project's own
  'MESH_MTLS_STRICT', 'MESH_NO_ALLOW_ALL', 'KDS_TLS_VERIFIED', 'POSTGRES_TLS_VERIFIED', 'KONG_ADMIN_NOT_EXPOSED', 'LB_RESERVED_ADDRESS',
  'CONTAINERS_NON_ROOT', 'DELETE_PROTECTION', 'HELM_ATOMIC', 'DRIFT_IGNORED',
];

/**
 * What the reference example relaxes, each by a named prop the README policy table shows:
 * settings that need something only the adopter has (a disk encryption set, a subnet NSG
 * that knows their rules, a Google Workspace security group) or a private API server the
 * deploying machine could not reach.
 */
const REFERENCE_WAIVERS = ['CKV2_AZURE_31 nodeSubnetNetworkSecurityGroupId', 'CKV_AZURE_115 privateCluster', 'CKV_AZURE_117 diskEncryptionSetId', 'CKV_GCP_65 rbacSecurityGroup'];

/** Rules whose failing case lives in a test file of their own (the file names each id it proves). */
const PROVEN_IN_OWN_FILE: Record<string, string> = {
  'CKV_K8S_': 'rules/checkov-kubernetes.test.ts',
  'CKV_GCP_16': 'rules/dns.test.ts',
  'CKV_GCP_17': 'rules/dns.test.ts',
  'CKV_AWS_': 'rules/aws.test.ts',
  'CKV2_AWS_': 'rules/aws.test.ts',
};

function failedIds(results: readonly Result[], address?: string): string[] {
  return [...new Set(results.filter((r) => r.status === 'failed' && (!address || r.address === address)).map((r) => r.ruleId))].sort();
}

function evaluatedIds(results: readonly Result[]): Set<string> {
  return new Set(results.map((r) => r.ruleId));
}

const AWS_RULE_IDS = AWS_RULES.map((rule) => rule.id);

/** Checkov rules that have nothing to judge in the reference example, and why. */
const NOT_JUDGED_ON_REFERENCE: Record<string, string> = {
  CKV_AZURE_136: 'PostgreSQL flexible server: the topology creates no database',
  CKV2_AZURE_26: 'PostgreSQL flexible server: the topology creates no database',
  CKV2_AZURE_57: 'PostgreSQL flexible server: the topology creates no database',
  CKV_GCP_24: 'Checkov judges PodSecurityPolicy only on GKE versions below 1.25',
  CKV_GCP_76: 'Checkov judges it only on dual-stack subnetworks; ours are IPv4',
  ...Object.fromEntries(AWS_RULE_IDS.map((id) => [id, 'EKS (lib/aws): the topology has no cloud aws yet; rules/aws.test.ts judges an all-AWS stack'])),
};
const CLOUD_RULE_IDS = EXPECTED_RULE_IDS.filter((id) => id.startsWith('CKV') && !(id in NOT_JUDGED_ON_REFERENCE));

test('the suite has exactly one rule per applicable Checkov check and own rule', () => {
  // WHEN
  const ids = ALL_RULES.map((rule) => rule.id);
  // THEN
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  assert.deepEqual([...ids].sort(), [...EXPECTED_RULE_IDS].sort());
});

test('the reference example passes every rule, waiving only what needs the adopter\'s own resources', () => {
  // GIVEN
  const { stacks } = referenceExampleStacks();
  // WHEN
  const results = evaluatePolicies(stacks);
  // THEN
  assert.equal(describeFailures(results), '');
  const waived = [...new Set(results.filter((r) => r.status === 'waived').map((r) => `${r.ruleId} ${r.waivedBy}`))].sort();
  assert.deepEqual(waived, REFERENCE_WAIVERS);
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
  const clusterTypes = ['google_container_cluster', 'google_container_node_pool'];
  // CKV_GCP_18 (no 0.0.0.0/0 authorized network) needs the block CKV_GCP_20 wants absent: rules/gke.test.ts proves it.
  const expected = ALL_RULES.filter((r) => r.id.includes('GCP') && r.id !== 'CKV_GCP_18' && r.resourceTypes.every((type) => clusterTypes.includes(type))).map((r) => r.id);
  const judged = new Set(expected);
  assert.deepEqual(failedIds(evaluatePolicies(stacks)).filter((id) => judged.has(id)), [...expected].sort());
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
      'POSTGRES_TLS_VERIFIED platform/helm_release.universal_postgres_default',
      'POSTGRES_TLS_VERIFIED platform/helm_release.universal_postgres_unverified',
    ].sort(),
  );
});

test('Kubernetes family: the hardened fixtures and MeshedApi pass, each insecure variant fails its rule', () => {
  // GIVEN
  const meshedApi = synthApp((app) => {
    new MeshedApi(new TerraformStack(app, 'platform'), 'catalog', { connection: fakeConnection('gcp'), name: 'catalog', namespace: 'catalog' });
  });
  // WHEN: Checkov's own Kubernetes checks have their fixtures in rules/checkov-kubernetes.test.ts
  const rules = familyRules(RuleFamily.KUBERNETES).filter((rule) => !rule.id.startsWith('CKV_K8S_'));
  const good = evaluatePolicies({ ...bad.kubernetesStacks(true), ...prefixed('api-', meshedApi) }, rules);
  assert.equal(describeFailures(evaluatePolicies(meshedApi, familyRules(RuleFamily.KUBERNETES))), '', 'MeshedApi passes Checkov too');
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
  const all = [aks, gke, bad.azureResourceStacks(false), bad.meshStacks(false), bad.globalWithoutMesh(), bad.kubernetesStacks(false), bad.reliabilityStacks(false)].flatMap((stacks) => evaluatePolicies(stacks));
  // THEN: each rule fails here, or in the test file that proves its family
  const provenHere = new Set(failedIds(all));
  for (const rule of ALL_RULES) {
    if (provenHere.has(rule.id)) continue;
    const file = Object.entries(PROVEN_IN_OWN_FILE).find(([prefix]) => rule.id.startsWith(prefix))?.[1] ?? 'rules/gke.test.ts';
    const source = readFileSync(join(__dirname, file), 'utf8');
    assert.ok(source.includes(rule.id) || rule.id.startsWith('CKV_K8S_') && source.includes('CHECKOV_KUBERNETES_RULES'), `${rule.id} fails on no bad stack here, and ${file} does not prove it`);
  }
});

function familyRules(family: RuleFamily): PolicyRule[] {
  return ALL_RULES.filter((rule) => rule.family === family);
}

function prefixed(prefix: string, stacks: Record<string, StackJson>): Record<string, StackJson> {
  return Object.fromEntries(Object.entries(stacks).map(([name, stack]) => [`${prefix}${name}`, stack]));
}
