/**
 * Each AZURERM_* rule passes on the synthesized reference example and fails on a copy
 * broken the way the provider or Azure would refuse it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthReferenceExample } from '../../helpers/examples';
import type { StackJson } from '../../helpers/synth';
import { AppView } from '../app-view';
import type { UpstreamRule } from '../types';
import { AZURERM_RULES } from './azurerm';

const INFRA = 'acme-infra';
const PLATFORM = 'acme-platform';

function rule(id: string): UpstreamRule {
  const found = AZURERM_RULES.find((candidate) => candidate.id === id);
  assert.ok(found, `rule ${id} exists`);
  return found;
}

/** A deep copy of the reference example, changed by `mutate`. */
function reference(mutate: (stacks: Record<string, StackJson>) => void = () => {}): AppView {
  const stacks = structuredClone(synthReferenceExample()) as Record<string, any>;
  mutate(stacks);
  return new AppView(stacks);
}

function only(stacks: Record<string, any>, stack: string, type: string, filter: (config: any) => boolean = () => true): any {
  const matches = Object.values<any>(stacks[stack].resource[type] ?? {}).filter(filter);
  assert.equal(matches.length, 1, `one ${type} in ${stack}`);
  return matches[0];
}

const aks = (stacks: Record<string, any>) => only(stacks, INFRA, 'azurerm_kubernetes_cluster');
const userPool = (stacks: Record<string, any>) => only(stacks, INFRA, 'azurerm_kubernetes_cluster_node_pool');

/** Asserts the rule passes on the reference example and reports `broken` with a message matching `why`. */
function assertCatches(id: string, broken: AppView, why: RegExp): void {
  assert.deepEqual(rule(id).check(reference()), [], `${id} passes on the reference example`);
  const violations = rule(id).check(broken);
  assert.ok(violations.length > 0, `${id} reports the broken stack`);
  assert.ok(violations.some((violation) => why.test(violation.message)), `${id}: ${violations.map((violation) => violation.message).join('; ')} matches ${why}`);
}

test('every AZURERM rule has a failing case below', () => {
  const tested = [
    'AZURERM_AKS_AAD_TENANT_OR_ADMIN_GROUPS',
    'AZURERM_AKS_WORKLOAD_IDENTITY_NEEDS_OIDC_ISSUER',
    'AZURERM_AKS_DATA_PLANE_ACCESS_BEFORE_USE',
    'AZURERM_AKS_LOAD_BALANCER_OUTBOUND',
    'AZURERM_AKS_NETWORK_PROFILE',
    'AZURERM_AKS_POOL_AUTOSCALING',
    'AZURERM_AKS_POOL_NAMES_AND_ROTATION',
    'AZURERM_AKS_SPOT_SETTINGS',
    'AZURERM_AKS_CRITICAL_ADDONS_NEED_USER_POOL',
    'AZURERM_AKS_ROLE_ASSIGNMENTS_BEFORE_CLUSTER',
    'AZURERM_ROLE_ASSIGNMENT_DEFINITION',
    'AZURERM_PUBLIC_IP_STANDARD_STATIC',
    'AZURERM_FEDERATED_CREDENTIAL_MATCHES_WORKLOAD',
    'AZURERM_POSTGRES_ADMIN_LOGIN',
  ];
  assert.deepEqual(AZURERM_RULES.map((candidate) => candidate.id).sort(), [...tested].sort());
});

test('AZURERM_AKS_AAD_TENANT_OR_ADMIN_GROUPS: an Entra ID block with neither tenant nor admin groups is refused', () => {
  // GIVEN: the block as the library emitted it before (azure_rbac_enabled alone)
  const broken = reference((stacks) => {
    aks(stacks).azure_active_directory_role_based_access_control = { azure_rbac_enabled: true };
  });
  // THEN
  assertCatches('AZURERM_AKS_AAD_TENANT_OR_ADMIN_GROUPS', broken, /neither tenant_id nor admin_group_object_ids/);
  // An admin group alone satisfies AtLeastOneOf.
  const groupsOnly = reference((stacks) => {
    aks(stacks).azure_active_directory_role_based_access_control = { azure_rbac_enabled: true, admin_group_object_ids: ['66666666-7777-8888-9999-000000000000'] };
  });
  assert.deepEqual(rule('AZURERM_AKS_AAD_TENANT_OR_ADMIN_GROUPS').check(groupsOnly), []);
});

test('AZURERM_AKS_WORKLOAD_IDENTITY_NEEDS_OIDC_ISSUER: workload identity without the OIDC issuer fails the create', () => {
  const broken = reference((stacks) => {
    aks(stacks).oidc_issuer_enabled = false;
  });
  assertCatches('AZURERM_AKS_WORKLOAD_IDENTITY_NEEDS_OIDC_ISSUER', broken, /oidc_issuer_enabled/);
});

test('AZURERM_AKS_DATA_PLANE_ACCESS_BEFORE_USE: no data-plane role for the deployer means 403 in the platform stage', () => {
  // GIVEN: no role assignment on the cluster (the library before the fix)
  const withoutGrant = reference((stacks) => {
    const grants = stacks[INFRA].resource!.azurerm_role_assignment;
    for (const [name, grant] of Object.entries<any>(grants)) if (grant.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin') delete grants[name];
  });
  assertCatches('AZURERM_AKS_DATA_PLANE_ACCESS_BEFORE_USE', withoutGrant, /403/);
  // A grant to some other principal, or of a control-plane role, does not help.
  const wrongPrincipal = reference((stacks) => {
    const grant = only(stacks, INFRA, 'azurerm_role_assignment', (config) => config.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin');
    grant.principal_id = '00000000-0000-0000-0000-00000000beef';
  });
  assert.ok(rule('AZURERM_AKS_DATA_PLANE_ACCESS_BEFORE_USE').check(wrongPrincipal).length > 0);
  const controlPlaneRole = reference((stacks) => {
    const grant = only(stacks, INFRA, 'azurerm_role_assignment', (config) => config.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin');
    grant.role_definition_name = 'Azure Kubernetes Service Cluster User Role';
  });
  assert.ok(rule('AZURERM_AKS_DATA_PLANE_ACCESS_BEFORE_USE').check(controlPlaneRole).length > 0);
  // An admin group is the other accepted way in.
  const adminGroup = reference((stacks) => {
    const grants = stacks[INFRA].resource!.azurerm_role_assignment;
    for (const [name, grant] of Object.entries<any>(grants)) if (grant.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin') delete grants[name];
    aks(stacks).azure_active_directory_role_based_access_control.admin_group_object_ids = ['66666666-7777-8888-9999-000000000000'];
  });
  assert.deepEqual(rule('AZURERM_AKS_DATA_PLANE_ACCESS_BEFORE_USE').check(adminGroup), []);
});

test('AZURERM_AKS_LOAD_BALANCER_OUTBOUND: managed outbound IPs conflict with reserved outbound IPs', () => {
  const broken = reference((stacks) => {
    aks(stacks).network_profile.load_balancer_profile.managed_outbound_ip_count = 2;
  });
  assertCatches('AZURERM_AKS_LOAD_BALANCER_OUTBOUND', broken, /managed_outbound_ip_count and outbound_ip_address_ids/);
  const basic = reference((stacks) => {
    aks(stacks).network_profile.load_balancer_sku = 'basic';
  });
  assert.match(rule('AZURERM_AKS_LOAD_BALANCER_OUTBOUND').check(basic)[0].message, /basic does not support/);
});

test('AZURERM_AKS_NETWORK_PROFILE: Cilium policy without the Cilium data plane, a DNS IP outside the service range', () => {
  const cilium = reference((stacks) => {
    aks(stacks).network_profile.network_data_plane = 'azure';
  });
  assertCatches('AZURERM_AKS_NETWORK_PROFILE', cilium, /network_policy cilium needs network_data_plane cilium/);
  const dns = reference((stacks) => {
    aks(stacks).network_profile.dns_service_ip = '10.1.0.10';
  });
  assert.match(rule('AZURERM_AKS_NETWORK_PROFILE').check(dns)[0].message, /outside service_cidr/);
  const noOverlay = reference((stacks) => {
    delete aks(stacks).network_profile.network_plugin_mode;
  });
  assert.ok(rule('AZURERM_AKS_NETWORK_PROFILE').check(noOverlay).some((violation) => /pod_cidr with network_plugin azure/.test(violation.message)));
});

test('AZURERM_AKS_POOL_AUTOSCALING: min above max, or counts on a fixed pool', () => {
  const inverted = reference((stacks) => {
    userPool(stacks).min_count = 9;
  });
  assertCatches('AZURERM_AKS_POOL_AUTOSCALING', inverted, /min_count 9 exceeds max_count/);
  const fixed = reference((stacks) => {
    aks(stacks).default_node_pool.auto_scaling_enabled = false;
  });
  assert.match(rule('AZURERM_AKS_POOL_AUTOSCALING').check(fixed)[0].message, /default_node_pool\.min_count and max_count must be null/);
});

test('AZURERM_AKS_POOL_NAMES_AND_ROTATION: a pool without a rotation name cannot be resized later', () => {
  // GIVEN: the user pool as emitted before (no temporary_name_for_rotation)
  const broken = reference((stacks) => {
    delete userPool(stacks).temporary_name_for_rotation;
  });
  assertCatches('AZURERM_AKS_POOL_NAMES_AND_ROTATION', broken, /temporary_name_for_rotation is not set/);
  const clash = reference((stacks) => {
    userPool(stacks).temporary_name_for_rotation = 'system';
  });
  assert.match(rule('AZURERM_AKS_POOL_NAMES_AND_ROTATION').check(clash)[0].message, /also the name of another pool/);
  const badName = reference((stacks) => {
    aks(stacks).default_node_pool.temporary_name_for_rotation = 'system-tmp';
  });
  assert.match(rule('AZURERM_AKS_POOL_NAMES_AND_ROTATION').check(badName)[0].message, /not a valid pool name/);
});

test('AZURERM_AKS_SPOT_SETTINGS: eviction policy on a regular pool is refused', () => {
  const broken = reference((stacks) => {
    userPool(stacks).eviction_policy = 'Delete';
  });
  assertCatches('AZURERM_AKS_SPOT_SETTINGS', broken, /only be set when priority is Spot/);
});

test('AZURERM_AKS_CRITICAL_ADDONS_NEED_USER_POOL: a tainted system pool alone leaves workloads Pending', () => {
  const broken = reference((stacks) => {
    delete stacks[INFRA].resource!.azurerm_kubernetes_cluster_node_pool;
  });
  assertCatches('AZURERM_AKS_CRITICAL_ADDONS_NEED_USER_POOL', broken, /CriticalAddonsOnly/);
});

test('AZURERM_AKS_ROLE_ASSIGNMENTS_BEFORE_CLUSTER: the cluster must wait for its identity\'s network rights', () => {
  const broken = reference((stacks) => {
    delete aks(stacks).depends_on;
  });
  assertCatches('AZURERM_AKS_ROLE_ASSIGNMENTS_BEFORE_CLUSTER', broken, /does not wait for azurerm_role_assignment\./);
  // A right the cluster needs only later (a LoadBalancer address in another resource group) need not come first.
  const later = reference((stacks) => {
    const network = only(stacks, INFRA, 'azurerm_role_assignment', (config) => config.role_definition_name === 'Network Contributor');
    stacks[INFRA].resource!.azurerm_role_assignment.edge = { ...network, scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/edge-rg' };
  });
  assert.deepEqual(rule('AZURERM_AKS_ROLE_ASSIGNMENTS_BEFORE_CLUSTER').check(later), []);
});

test('AZURERM_ROLE_ASSIGNMENT_DEFINITION: both or neither of role_definition_id and role_definition_name', () => {
  const broken = reference((stacks) => {
    only(stacks, INFRA, 'azurerm_role_assignment', (config) => config.role_definition_name === 'DNS Zone Contributor').role_definition_id = '/providers/Microsoft.Authorization/roleDefinitions/befefa01-2a29-4197-83a8-272ff33ce314';
  });
  assertCatches('AZURERM_ROLE_ASSIGNMENT_DEFINITION', broken, /exactly one/);
});

test('AZURERM_PUBLIC_IP_STANDARD_STATIC: a dynamic Standard public IP is refused', () => {
  const broken = reference((stacks) => {
    Object.values<any>(stacks[INFRA].resource!.azurerm_public_ip)[0].allocation_method = 'Dynamic';
  });
  assertCatches('AZURERM_PUBLIC_IP_STANDARD_STATIC', broken, /must be Static/);
});

test('AZURERM_FEDERATED_CREDENTIAL_MATCHES_WORKLOAD: subject, audience, issuer and pod label must line up', () => {
  const credential = (stacks: Record<string, any>) => only(stacks, INFRA, 'azurerm_federated_identity_credential');
  const certManager = (stacks: Record<string, any>) =>
    only(stacks, PLATFORM, 'helm_release', (config) => config.chart === 'cert-manager' && String(config.provider).includes('aks'));
  // Wrong service account name.
  const subject = reference((stacks) => {
    credential(stacks).subject = 'system:serviceaccount:cert-manager:cert-manager-controller';
  });
  assertCatches('AZURERM_FEDERATED_CREDENTIAL_MATCHES_WORKLOAD', subject, /runs as service account cert-manager-controller/);
  // Wrong audience.
  const audience = reference((stacks) => {
    credential(stacks).audience = ['api://AzureADTokenExchangeX'];
  });
  assert.ok(rule('AZURERM_FEDERATED_CREDENTIAL_MATCHES_WORKLOAD').check(audience).some((violation) => /audience/.test(violation.message)));
  // Pods without the webhook's label.
  const label = reference((stacks) => {
    const release = certManager(stacks);
    release.values = release.values.map((document: string) => document.replace(/podLabels:\n  azure\.workload\.identity\/use: "true"\n/, 'podLabels: {}\n'));
  });
  assert.ok(rule('AZURERM_FEDERATED_CREDENTIAL_MATCHES_WORKLOAD').check(label).some((violation) => /without pod label/.test(violation.message)));
  // A resource group other than the identity's.
  const group = reference((stacks) => {
    credential(stacks).resource_group_name = 'elsewhere-rg';
  });
  assert.ok(rule('AZURERM_FEDERATED_CREDENTIAL_MATCHES_WORKLOAD').check(group).some((violation) => /differs from the parent identity/.test(violation.message)));
  // An issuer without workload identity.
  const issuer = reference((stacks) => {
    aks(stacks).workload_identity_enabled = false;
  });
  assert.ok(rule('AZURERM_FEDERATED_CREDENTIAL_MATCHES_WORKLOAD').check(issuer).some((violation) => /lacks oidc_issuer_enabled and workload_identity_enabled/.test(violation.message)));
});

test('AZURERM_POSTGRES_ADMIN_LOGIN: reserved administrator logins are refused', () => {
  const server = (login: string) =>
    new AppView({ infra: { resource: { azurerm_postgresql_flexible_server: { global: { name: 'global', administrator_login: login } } } } });
  assert.deepEqual(rule('AZURERM_POSTGRES_ADMIN_LOGIN').check(server('kuma')), []);
  assert.equal(rule('AZURERM_POSTGRES_ADMIN_LOGIN').check(server('admin')).length, 1);
  assert.equal(rule('AZURERM_POSTGRES_ADMIN_LOGIN').check(server('pg_kuma')).length, 1);
});
