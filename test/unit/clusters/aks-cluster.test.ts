import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { AksCluster, AksClusterProps, aksClusterNetworkRanges } from '../../../lib/clusters/aks-cluster';
import { ValidationError } from '../../../lib/private/validation';
import { StackJson, onlyResource, resourcesOfType, synthApp, synthStack } from '../../helpers/synth';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const BASE: AksClusterProps = {
  name: 'acme-azure',
  location: 'westeurope',
  subscriptionId: SUBSCRIPTION,
  apiServerAuthorizedIpRanges: ['203.0.113.0/24'],
};

function synthAks(props: Partial<AksClusterProps> = {}, extra?: (cluster: AksCluster) => void): StackJson {
  return synthStack((stack) => {
    const cluster = new AksCluster(stack, 'azure', { ...BASE, ...props });
    extra?.(cluster);
  });
}

/** Expects a ValidationError whose message names the field and shows the bad value. */
function assertRejected(props: Partial<AksClusterProps>, field: string, shownValue: string): void {
  assert.throws(
    () => new AksCluster(new TerraformStack(new App(), 'test'), 'azure', { ...BASE, ...props }),
    (error: Error) => {
      assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
      assert.ok(error.message.includes(`azure.${field}`), `message names the field ${field}: ${error.message}`);
      assert.ok(error.message.includes(shownValue), `message shows ${shownValue}: ${error.message}`);
      return true;
    },
  );
}

// One synthesis shared by the default-setting tests keeps the suite fast.
const defaults = synthAks();
const cluster = onlyResource(defaults, 'azurerm_kubernetes_cluster');
const userPool = onlyResource(defaults, 'azurerm_kubernetes_cluster_node_pool');

test('Azure CNI in overlay mode (CKV2_AZURE_29)', () => {
  // THEN
  assert.equal(cluster.network_profile.network_plugin, 'azure');
  assert.equal(cluster.network_profile.network_plugin_mode, 'overlay');
  assert.equal(cluster.network_profile.pod_cidr, '192.168.0.0/16');
  assert.equal(cluster.network_profile.service_cidr, '10.0.0.0/16');
  assert.equal(cluster.network_profile.dns_service_ip, '10.0.0.10');
});

test('a network policy engine is on, Cilium by default (CKV_AZURE_7)', () => {
  assert.equal(cluster.network_profile.network_policy, 'cilium');
  assert.equal(cluster.network_profile.network_data_plane, 'cilium');
});

test('networkPolicy "azure" selects Azure Network Policy Manager', () => {
  // WHEN
  const json = synthAks({ networkPolicy: 'azure' });
  // THEN
  const profile = onlyResource(json, 'azurerm_kubernetes_cluster').network_profile;
  assert.equal(profile.network_policy, 'azure');
  assert.equal(profile.network_data_plane, 'azure');
});

test('OIDC issuer and workload identity are enabled', () => {
  assert.equal(cluster.oidc_issuer_enabled, true);
  assert.equal(cluster.workload_identity_enabled, true);
});

test('Entra ID with Azure RBAC, Kubernetes RBAC, and no local accounts (CKV_AZURE_5, CKV_AZURE_141)', () => {
  assert.equal(cluster.role_based_access_control_enabled, true);
  assert.equal(cluster.local_account_disabled, true);
  assert.equal(cluster.azure_active_directory_role_based_access_control.azure_rbac_enabled, true);
});

test('admin groups are passed to Entra ID integration', () => {
  // WHEN
  const group = '11111111-2222-3333-4444-555555555555';
  const json = synthAks({ adminGroupObjectIds: [group] });
  // THEN
  assert.deepEqual(onlyResource(json, 'azurerm_kubernetes_cluster').azure_active_directory_role_based_access_control.admin_group_object_ids, [group]);
});

test('the API server only answers the authorized ranges (CKV_AZURE_6)', () => {
  assert.deepEqual(cluster.api_server_access_profile.authorized_ip_ranges, ['203.0.113.0/24']);
  assert.equal(cluster.private_cluster_enabled, false);
});

test('privateCluster makes the API server private (CKV_AZURE_115)', () => {
  // WHEN
  const json = synthAks({ apiServerAuthorizedIpRanges: undefined, privateCluster: true });
  // THEN
  const resource = onlyResource(json, 'azurerm_kubernetes_cluster');
  assert.equal(resource.private_cluster_enabled, true);
  assert.equal(resource.api_server_access_profile, undefined);
});

test('allowPublicApiServer is the explicit waiver for an open API server', () => {
  // WHEN
  const json = synthAks({ apiServerAuthorizedIpRanges: undefined, allowPublicApiServer: true });
  // THEN
  assert.equal(onlyResource(json, 'azurerm_kubernetes_cluster').api_server_access_profile, undefined);
});

test('an automatic upgrade channel is chosen (CKV_AZURE_171)', () => {
  assert.equal(cluster.automatic_upgrade_channel, 'stable');
  assert.equal(cluster.node_os_upgrade_channel, 'NodeImage');
});

test('the system pool runs critical add-ons only (CKV_AZURE_232)', () => {
  assert.equal(cluster.default_node_pool.only_critical_addons_enabled, true);
});

test('both pools use ephemeral OS disks (CKV_AZURE_226)', () => {
  assert.equal(cluster.default_node_pool.os_disk_type, 'Ephemeral');
  assert.equal(userPool.os_disk_type, 'Ephemeral');
});

test('both pools encrypt at host (CKV_AZURE_227), and encryptionAtHost: false opts out', () => {
  assert.equal(cluster.default_node_pool.host_encryption_enabled, true);
  assert.equal(userPool.host_encryption_enabled, true);
  // WHEN
  const json = synthAks({ encryptionAtHost: false });
  // THEN
  assert.equal(onlyResource(json, 'azurerm_kubernetes_cluster').default_node_pool.host_encryption_enabled, false);
  assert.equal(onlyResource(json, 'azurerm_kubernetes_cluster_node_pool').host_encryption_enabled, false);
});

test('nodes have no public IPs (CKV_AZURE_143)', () => {
  assert.equal(cluster.default_node_pool.node_public_ip_enabled, false);
  assert.equal(userPool.node_public_ip_enabled, false);
});

test('the Azure Policy add-on is on (CKV_AZURE_116)', () => {
  assert.equal(cluster.azure_policy_enabled, true);
});

test('Container Insights logs to a new Log Analytics workspace (CKV_AZURE_4)', () => {
  const [[workspaceName, workspace]] = resourcesOfType(defaults, 'azurerm_log_analytics_workspace');
  assert.equal(cluster.oms_agent.log_analytics_workspace_id, `\${azurerm_log_analytics_workspace.${workspaceName}.id}`);
  assert.equal(cluster.oms_agent.msi_auth_for_monitoring_enabled, true);
  assert.equal(workspace.retention_in_days, 30);
});

test('an existing Log Analytics workspace is used instead of a new one', () => {
  // WHEN
  const json = synthAks({ logAnalyticsWorkspaceId: '/subscriptions/x/workspaces/shared' });
  // THEN
  assert.equal(resourcesOfType(json, 'azurerm_log_analytics_workspace').length, 0);
  assert.equal(onlyResource(json, 'azurerm_kubernetes_cluster').oms_agent.log_analytics_workspace_id, '/subscriptions/x/workspaces/shared');
});

test('at least 50 pods per node (CKV_AZURE_168)', () => {
  assert.ok(cluster.default_node_pool.max_pods >= 50);
  assert.ok(userPool.max_pods >= 50);
});

test('the Standard tier outside ephemeral mode (CKV_AZURE_170)', () => {
  assert.equal(cluster.sku_tier, 'Standard');
});

test('a separate autoscaling user pool with default sizes', () => {
  assert.equal(userPool.mode, 'User');
  assert.equal(userPool.auto_scaling_enabled, true);
  assert.equal(userPool.min_count, 2);
  assert.equal(userPool.max_count, 5);
  assert.equal(userPool.vm_size, 'Standard_D4ds_v5');
  assert.equal(userPool.priority, undefined);
  assert.deepEqual(userPool.lifecycle.ignore_changes, ['node_count', 'orchestrator_version']);
});

test('sizes, counts and the Kubernetes version are props', () => {
  // WHEN
  const json = synthAks({ kubernetesVersion: '1.33', systemNodeVmSize: 'Standard_D8ds_v5', nodeVmSize: 'Standard_E4ds_v5', minNodes: 3, maxNodes: 10 });
  // THEN
  const resource = onlyResource(json, 'azurerm_kubernetes_cluster');
  const pool = onlyResource(json, 'azurerm_kubernetes_cluster_node_pool');
  assert.equal(resource.kubernetes_version, '1.33');
  assert.equal(resource.default_node_pool.vm_size, 'Standard_D8ds_v5');
  assert.equal(pool.vm_size, 'Standard_E4ds_v5');
  assert.equal(pool.min_count, 3);
  assert.equal(pool.max_count, 10);
});

test('outbound traffic leaves through reserved Standard static public IPs', () => {
  // WHEN
  let egress: string[] = [];
  const json = synthAks({ egressAddressCount: 2 }, (aks) => (egress = aks.egressAddresses));
  // THEN
  const profile = onlyResource(json, 'azurerm_kubernetes_cluster').network_profile;
  const ips = resourcesOfType(json, 'azurerm_public_ip');
  assert.equal(profile.outbound_type, 'loadBalancer');
  assert.equal(ips.length, 2);
  assert.deepEqual(profile.load_balancer_profile.outbound_ip_address_ids, ips.map(([name]) => `\${azurerm_public_ip.${name}.id}`));
  for (const [, ip] of ips) {
    assert.equal(ip.sku, 'Standard');
    assert.equal(ip.allocation_method, 'Static');
  }
  assert.equal(egress.length, 2);
});

test('the node subnet has no implicit default outbound access', () => {
  assert.equal(onlyResource(defaults, 'azurerm_subnet').default_outbound_access_enabled, false);
  assert.deepEqual(onlyResource(defaults, 'azurerm_subnet').address_prefixes, ['10.10.0.0/20']);
  assert.deepEqual(onlyResource(defaults, 'azurerm_virtual_network').address_space, ['10.10.0.0/16']);
});

test('the control-plane identity is Network Contributor on the resource group before the cluster exists', () => {
  const [grantName, grant] = resourcesOfType(defaults, 'azurerm_role_assignment').find(([, config]) => config.role_definition_name === 'Network Contributor')!;
  const [[identityName]] = resourcesOfType(defaults, 'azurerm_user_assigned_identity');
  const [[groupName]] = resourcesOfType(defaults, 'azurerm_resource_group');
  assert.equal(grant.scope, `\${azurerm_resource_group.${groupName}.id}`);
  assert.equal(grant.principal_id, `\${azurerm_user_assigned_identity.${identityName}.principal_id}`);
  assert.deepEqual(cluster.identity, { type: 'UserAssigned', identity_ids: [`\${azurerm_user_assigned_identity.${identityName}.id}`] });
  assert.ok(cluster.depends_on.includes(`azurerm_role_assignment.${grantName}`));
});

test('delete protection and drift tolerance outside ephemeral mode', () => {
  assert.equal(cluster.lifecycle.prevent_destroy, true);
  assert.deepEqual(cluster.lifecycle.ignore_changes, ['kubernetes_version', 'default_node_pool[0].orchestrator_version', 'default_node_pool[0].node_count']);
  for (const [, ip] of resourcesOfType(defaults, 'azurerm_public_ip')) assert.equal(ip.lifecycle.prevent_destroy, true);
});

test('an existing resource group is used, not created', () => {
  // WHEN
  const json = synthAks({ resourceGroupName: 'platform-rg' });
  // THEN
  assert.equal(resourcesOfType(json, 'azurerm_resource_group').length, 0);
  assert.equal(onlyResource(json, 'azurerm_kubernetes_cluster').resource_group_name, 'platform-rg');
  const networkGrants = resourcesOfType(json, 'azurerm_role_assignment').filter(([, grant]) => grant.role_definition_name === 'Network Contributor');
  assert.deepEqual(networkGrants.map(([, grant]) => grant.scope), [`/subscriptions/${SUBSCRIPTION}/resourceGroups/platform-rg`]);
});

test('an existing subnet replaces the new network, with Network Contributor on it', () => {
  // WHEN
  const subnetId = '/subscriptions/x/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/aks';
  const json = synthAks({ existingSubnetId: subnetId });
  // THEN
  assert.equal(resourcesOfType(json, 'azurerm_virtual_network').length, 0);
  assert.equal(onlyResource(json, 'azurerm_kubernetes_cluster').default_node_pool.vnet_subnet_id, subnetId);
  assert.equal(onlyResource(json, 'azurerm_kubernetes_cluster_node_pool').vnet_subnet_id, subnetId);
  assert.ok(resourcesOfType(json, 'azurerm_role_assignment').some(([, grant]) => grant.scope === subnetId && grant.role_definition_name === 'Network Contributor'));
});

test('ephemeral mode: no delete protection, Free tier, a spot user pool, smallest sizes, owner and expiry on every tagged resource', () => {
  // WHEN
  const json = synthAks({ ephemeral: true, owner: 'ci', expiresAt: '2030-01-31' });
  // THEN
  const resource = onlyResource(json, 'azurerm_kubernetes_cluster');
  const pool = onlyResource(json, 'azurerm_kubernetes_cluster_node_pool');
  assert.equal(resource.lifecycle.prevent_destroy, undefined);
  assert.equal(resource.sku_tier, 'Free');
  assert.equal(resource.default_node_pool.vm_size, 'Standard_D2ds_v5');
  assert.equal(pool.priority, 'Spot');
  assert.equal(pool.eviction_policy, 'Delete');
  assert.deepEqual(pool.node_taints, ['kubernetes.azure.com/scalesetpriority=spot:NoSchedule']);
  // Spot nodes are tainted, so the system pool also accepts workloads in ephemeral mode.
  assert.equal(resource.default_node_pool.only_critical_addons_enabled, false);
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      assert.equal(config.lifecycle?.prevent_destroy, undefined, `${type}.${name} has no delete protection`);
      if ('tags' in config) {
        assert.equal(config.tags.owner, 'ci', `${type}.${name} has the owner tag`);
        assert.equal(config.tags['expires-at'], '2030-01-31', `${type}.${name} has the expires-at tag`);
      }
    }
  }
});

test('user tags are applied, owner and expiry tags win', () => {
  // WHEN
  const json = synthAks({ tags: { team: 'platform', owner: 'someone-else' }, owner: 'platform', expiresAt: '2031-12-31' });
  // THEN
  assert.deepEqual(onlyResource(json, 'azurerm_kubernetes_cluster').tags, { 'managed-by': 'cdktf-cross-cloud-mesh', team: 'platform', owner: 'platform', 'expires-at': '2031-12-31' });
});

test('exposes what later stages need', () => {
  synthAks({}, (aks) => {
    // THEN
    assert.equal(aks.cloud, 'azure');
    assert.equal(aks.region, 'westeurope');
    assert.equal(aks.subscriptionId, SUBSCRIPTION);
    assert.equal(aks.ephemeral, false);
    assert.match(aks.clusterName, /TfToken/);
    assert.match(aks.oidcIssuerUrl, /TfToken/);
    assert.equal(aks.connection.cloud, 'azure');
    assert.equal(aks.connection.clusterName, aks.clusterName);
  });
});

test('reservePublicAddress: a Standard static IP in the cluster resource group, bound by annotations', () => {
  // WHEN
  let reserved: any;
  const json = synthAks({}, (aks) => (reserved = aks.reservePublicAddress('gateway')));
  // THEN
  const [, ip] = resourcesOfType(json, 'azurerm_public_ip').find(([, config]) => config.name === 'acme-azure-gateway')!;
  const [[groupName]] = resourcesOfType(json, 'azurerm_resource_group');
  assert.equal(ip.sku, 'Standard');
  assert.equal(ip.allocation_method, 'Static');
  assert.equal(ip.resource_group_name, `\${azurerm_resource_group.${groupName}.name}`);
  assert.equal(reserved.cloud, 'azure');
  assert.equal(Object.keys(reserved.serviceAnnotations).includes('service.beta.kubernetes.io/azure-load-balancer-resource-group'), true);
  // The identity's grant on the cluster resource group already covers this address.
  assert.equal(resourcesOfType(json, 'azurerm_role_assignment').filter(([, grant]) => grant.role_definition_name === 'Network Contributor').length, 1);
});

test('reservePublicAddress in another resource group grants the cluster identity Network Contributor there, once', () => {
  // WHEN
  const json = synthAks({}, (aks) => {
    aks.reserveAzurePublicAddress('kds', { resourceGroupName: 'edge-rg' });
    aks.reserveAzurePublicAddress('ingress', { resourceGroupName: 'edge-rg' });
  });
  // THEN
  const [[identityName]] = resourcesOfType(json, 'azurerm_user_assigned_identity');
  const grants = resourcesOfType(json, 'azurerm_role_assignment').filter(([, grant]) => grant.scope === `/subscriptions/${SUBSCRIPTION}/resourceGroups/edge-rg`);
  assert.equal(grants.length, 1);
  assert.equal(grants[0][1].role_definition_name, 'Network Contributor');
  assert.equal(grants[0][1].principal_id, `\${azurerm_user_assigned_identity.${identityName}.principal_id}`);
});

test('aksClusterNetworkRanges lists the ranges with the prop they came from', () => {
  // WHEN
  const ranges = aksClusterNetworkRanges({ ...BASE, vnetCidr: '10.50.0.0/16', nodeSubnetCidr: '10.50.0.0/20' }, 'topology.zones[0].cluster');
  // THEN
  assert.deepEqual(ranges, [
    { field: 'topology.zones[0].cluster.vnetCidr', cidr: '10.50.0.0/16', clusterLocal: false },
    { field: 'topology.zones[0].cluster.podCidr', cidr: '192.168.0.0/16', clusterLocal: true },
    { field: 'topology.zones[0].cluster.serviceCidr', cidr: '10.0.0.0/16', clusterLocal: true },
  ]);
  assert.equal(aksClusterNetworkRanges({ ...BASE, existingSubnetId: '/x' }).some((range) => range.field.endsWith('vnetCidr')), false);
});

test('rejects a name that is not a DNS-1123 label', () => assertRejected({ name: 'Acme_Azure' }, 'name', '"Acme_Azure"'));
test('rejects an empty location', () => assertRejected({ location: ' ' }, 'location', '" "'));
test('rejects a subscription id that is not a GUID', () => assertRejected({ subscriptionId: 'my-sub' }, 'subscriptionId', '"my-sub"'));
test('rejects a malformed CIDR', () => assertRejected({ vnetCidr: '10.10.0.0/33' }, 'vnetCidr', '"10.10.0.0/33"'));
test('rejects a CIDR with host bits set', () => assertRejected({ podCidr: '192.168.1.0/16' }, 'podCidr', '"192.168.1.0/16"'));
test('rejects a node subnet outside the VNet', () => assertRejected({ nodeSubnetCidr: '10.11.0.0/20' }, 'nodeSubnetCidr', '"10.11.0.0/20"'));
test('rejects a service range overlapping the VNet', () => assertRejected({ serviceCidr: '10.10.128.0/20' }, 'serviceCidr', '"10.10.128.0/20"'));
test('rejects a pod range overlapping the service range', () => assertRejected({ podCidr: '10.0.0.0/8', vnetCidr: '172.20.0.0/16', nodeSubnetCidr: '172.20.0.0/20' }, 'serviceCidr', '"10.0.0.0/16"'));
test('rejects minNodes above maxNodes', () => assertRejected({ minNodes: 4, maxNodes: 2 }, 'maxNodes', '2'));
test('rejects zero nodes', () => assertRejected({ minNodes: 0 }, 'minNodes', '0'));
test('rejects a fractional node count', () => assertRejected({ maxNodes: 2.5 }, 'maxNodes', '2.5'));
test('rejects an API server with neither authorized ranges, nor private, nor the waiver', () =>
  assertRejected({ apiServerAuthorizedIpRanges: [] }, 'apiServerAuthorizedIpRanges', '[]'));
test('rejects authorized ranges on a private cluster', () => assertRejected({ privateCluster: true }, 'apiServerAuthorizedIpRanges', '"203.0.113.0/24"'));
test('rejects an authorized range that is not a CIDR', () => assertRejected({ apiServerAuthorizedIpRanges: ['my-office'] }, 'apiServerAuthorizedIpRanges[0]', '"my-office"'));
test('rejects existingSubnetId together with vnetCidr', () => assertRejected({ existingSubnetId: '/x', vnetCidr: '10.10.0.0/16' }, 'vnetCidr', '"10.10.0.0/16"'));
test('rejects ephemeral mode without an owner', () => assertRejected({ ephemeral: true, expiresAt: '2030-01-01' }, 'owner', 'missing value'));
test('rejects ephemeral mode without an expiry', () => assertRejected({ ephemeral: true, owner: 'ci' }, 'expiresAt', 'missing value'));
test('rejects an expiry that is not a date', () => assertRejected({ expiresAt: '2030-02-30' }, 'expiresAt', '"2030-02-30"'));
test('rejects an unknown upgrade channel', () => assertRejected({ upgradeChannel: 'none' }, 'upgradeChannel', '"none"'));
test('rejects an unknown network policy', () => assertRejected({ networkPolicy: 'calico' }, 'networkPolicy', '"calico"'));
test('rejects a malformed Kubernetes version', () => assertRejected({ kubernetesVersion: 'latest' }, 'kubernetesVersion', '"latest"'));
test('rejects an admin group that is not a GUID', () => assertRejected({ adminGroupObjectIds: ['admins'] }, 'adminGroupObjectIds[0]', '"admins"'));
test('rejects too many egress addresses', () => assertRejected({ egressAddressCount: 17 }, 'egressAddressCount', '17'));
test('rejects a name longer than the 54-character DNS prefix limit', () => assertRejected({ name: 'a'.repeat(55) }, 'name', 'a'.repeat(55)));

test('relaxations are recorded as waivers named after the prop that chose them', () => {
  // WHEN (waivers live in the `//` block, which only a synthesis to disk keeps)
  const stacks = synthApp((app) => {
    new AksCluster(new TerraformStack(app, 'open'), 'azure', { ...BASE, apiServerAuthorizedIpRanges: undefined, allowPublicApiServer: true, encryptionAtHost: false });
    new AksCluster(new TerraformStack(app, 'throwaway'), 'azure', { ...BASE, ephemeral: true, owner: 'ci', expiresAt: '2030-01-31' });
    new AksCluster(new TerraformStack(app, 'strict'), 'azure', {
      ...BASE,
      apiServerAuthorizedIpRanges: undefined,
      privateCluster: true,
      diskEncryptionSetId: '/subscriptions/x/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/aks',
      nodeSubnetNetworkSecurityGroupId: '/subscriptions/x/resourceGroups/net/providers/Microsoft.Network/networkSecurityGroups/aks-nodes',
    });
  });
  // THEN
  const waivers = (stack: string, type = 'azurerm_kubernetes_cluster') => onlyResource(stacks[stack], type)['//']?.waivers;
  // Checkov's CKV_AZURE_115 reads private_cluster_enabled only (AKSEnablesPrivateClusters), so any public API server waives it.
  assert.deepEqual(waivers('open'), {
    CKV_AZURE_6: 'allowPublicApiServer',
    CKV_AZURE_115: 'privateCluster',
    CKV_AZURE_117: 'diskEncryptionSetId',
    CKV_AZURE_227: 'encryptionAtHost',
  });
  assert.deepEqual(waivers('open', 'azurerm_kubernetes_cluster_node_pool'), { CKV_AZURE_227: 'encryptionAtHost' });
  assert.deepEqual(waivers('open', 'azurerm_subnet'), { CKV2_AZURE_31: 'nodeSubnetNetworkSecurityGroupId' });
  assert.deepEqual(waivers('throwaway'), { CKV_AZURE_115: 'privateCluster', CKV_AZURE_117: 'diskEncryptionSetId', CKV_AZURE_170: 'ephemeral', CKV_AZURE_232: 'ephemeral' });
  assert.equal(waivers('strict'), undefined);
  assert.equal(waivers('strict', 'azurerm_subnet'), undefined);
});

test('Entra ID integration names a tenant: the provider wants tenant_id or admin_group_object_ids (AtLeastOneOf)', () => {
  // THEN: by default the tenant of the credentials Terraform runs with
  const [[configName]] = Object.entries(defaults.data?.azurerm_client_config ?? {});
  assert.equal(cluster.azure_active_directory_role_based_access_control.tenant_id, `\${data.azurerm_client_config.${configName}.tenant_id}`);
  assert.equal(cluster.azure_active_directory_role_based_access_control.azure_rbac_enabled, true);
  // WHEN
  const tenant = '11111111-2222-3333-4444-555555555555';
  const group = '66666666-7777-8888-9999-000000000000';
  const explicit = onlyResource(synthAks({ tenantId: tenant, adminGroupObjectIds: [group] }), 'azurerm_kubernetes_cluster');
  // THEN
  assert.equal(explicit.azure_active_directory_role_based_access_control.tenant_id, tenant);
  assert.deepEqual(explicit.azure_active_directory_role_based_access_control.admin_group_object_ids, [group]);
});

test('whoever deploys gets a data-plane role on the cluster, so the later stages are not refused (403)', () => {
  // THEN
  const [clusterName] = resourcesOfType(defaults, 'azurerm_kubernetes_cluster')[0];
  const [[configName]] = Object.entries(defaults.data?.azurerm_client_config ?? {});
  const admins = resourcesOfType(defaults, 'azurerm_role_assignment').filter(([, grant]) => grant.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin');
  assert.equal(admins.length, 1);
  assert.equal(admins[0][1].scope, `\${azurerm_kubernetes_cluster.${clusterName}.id}`);
  assert.equal(admins[0][1].principal_id, `\${data.azurerm_client_config.${configName}.object_id}`);
  // WHEN: an admin group covers the deployer instead
  const json = synthAks({ grantDeployerClusterAdmin: false, adminGroupObjectIds: ['66666666-7777-8888-9999-000000000000'] });
  // THEN
  assert.equal(resourcesOfType(json, 'azurerm_role_assignment').filter(([, grant]) => grant.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin').length, 0);
});

test('both pools can be cycled: the provider refuses a VM size change without temporary_name_for_rotation', () => {
  assert.equal(cluster.default_node_pool.temporary_name_for_rotation, 'systemtmp');
  assert.equal(userPool.temporary_name_for_rotation, 'workloadtmp');
  for (const name of [cluster.default_node_pool.name, cluster.default_node_pool.temporary_name_for_rotation, userPool.name, userPool.temporary_name_for_rotation]) {
    assert.match(name, /^[a-z][a-z0-9]{0,11}$/, `${name} is a valid AKS pool name`);
  }
});

test('Key Vault secrets rotate into pods (CKV_AZURE_172)', () => {
  assert.deepEqual(cluster.key_vault_secrets_provider, { secret_rotation_enabled: true });
});

test('a disk encryption set and a subnet NSG are used when given (CKV_AZURE_117, CKV2_AZURE_31)', () => {
  // WHEN
  const des = '/subscriptions/x/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/aks';
  const nsg = '/subscriptions/x/resourceGroups/net/providers/Microsoft.Network/networkSecurityGroups/aks-nodes';
  const json = synthAks({ diskEncryptionSetId: des, nodeSubnetNetworkSecurityGroupId: nsg });
  // THEN
  const created = onlyResource(json, 'azurerm_kubernetes_cluster');
  assert.equal(created.disk_encryption_set_id, des);
  const [associationName, association] = resourcesOfType(json, 'azurerm_subnet_network_security_group_association')[0];
  assert.equal(association.network_security_group_id, nsg);
  assert.ok(created.depends_on.includes(`azurerm_subnet_network_security_group_association.${associationName}`), 'nodes wait for the NSG');
});

test('rejects a subnet NSG with an existing subnet, and a tenant that is not a GUID', () => {
  assertRejected(
    { existingSubnetId: '/subscriptions/x/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/aks', nodeSubnetNetworkSecurityGroupId: 'nsg' },
    'nodeSubnetNetworkSecurityGroupId',
    'nsg',
  );
  assertRejected({ tenantId: 'contoso' }, 'tenantId', 'contoso');
});
