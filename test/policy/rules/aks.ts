/**
 * AKS rules, mirroring Checkov's checks of `azurerm_kubernetes_cluster` (and, where Checkov
 * reads it too, `azurerm_kubernetes_cluster_node_pool`). Each comment names the Checkov
 * class whose logic the rule follows; where Checkov passes on an absent attribute the rule
 * does too, elsewhere an absent attribute fails.
 */
import { asList, get, isExpression, isFalse, isSet, isTrue } from '../attributes';
import { PASSED, PolicyRule, RuleFamily, failed } from '../types';

const CLUSTER = 'azurerm_kubernetes_cluster';
const NODE_POOL = 'azurerm_kubernetes_cluster_node_pool';

export const AKS_RULES: readonly PolicyRule[] = [
  {
    // AKSLoggingEnabled: an `oms_agent` block (azurerm 3+) sends logs to Azure Monitor.
    id: 'CKV_AZURE_4',
    title: 'AKS logging to Azure Monitor is configured',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isSet(get(c, 'oms_agent')) || isTrue(get(c, 'addon_profile.oms_agent.enabled'))
      ? PASSED
      : failed('no oms_agent block: set oms_agent { log_analytics_workspace_id }')),
  },
  {
    // AKSRbacEnabled: passes when absent (the provider default is true), fails on false.
    id: 'CKV_AZURE_5',
    title: 'RBAC is enabled on AKS clusters',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isFalse(get(c, 'role_based_access_control_enabled')) || isFalse(get(c, 'role_based_access_control.enabled'))
      ? failed('role_based_access_control_enabled is false')
      : PASSED),
  },
  {
    // AKSApiServerAuthorizedIpRanges: authorized IP ranges set, or a private cluster (ranges cannot be set there).
    id: 'CKV_AZURE_6',
    title: 'AKS API server has authorized IP ranges (or is private)',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      if (isTrue(get(c, 'private_cluster_enabled'))) return PASSED;
      const ranges = asList(get(c, 'api_server_access_profile.authorized_ip_ranges') ?? get(c, 'api_server_authorized_ip_ranges'));
      if (ranges.length > 0) return PASSED;
      return failed('public API server without api_server_access_profile.authorized_ip_ranges');
    },
  },
  {
    // AKSNetworkPolicy: network_profile.network_policy has any value.
    id: 'CKV_AZURE_7',
    title: 'AKS cluster has a network policy',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isSet(get(c, 'network_profile.network_policy')) ? PASSED : failed('network_profile.network_policy is not set')),
  },
  {
    // AKSDashboardDisabled: fails only on an enabled kube_dashboard add-on.
    id: 'CKV_AZURE_8',
    title: 'Kubernetes dashboard is disabled',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'addon_profile.kube_dashboard.enabled')) ? failed('addon_profile.kube_dashboard is enabled') : PASSED),
  },
  {
    // AKSEnablesPrivateClusters (CKV_AZURE_115) or CKV_AZURE_6: the API server is not open to the internet.
    id: 'CKV_AZURE_115',
    title: 'AKS API access is restricted (private cluster or authorized ranges)',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      if (isTrue(get(c, 'private_cluster_enabled'))) return PASSED;
      if (asList(get(c, 'api_server_access_profile.authorized_ip_ranges')).length > 0) return PASSED;
      return failed('private_cluster_enabled is not true and no authorized_ip_ranges restrict the public API server');
    },
  },
  {
    // AKSUsesAzurePoliciesAddon.
    id: 'CKV_AZURE_116',
    title: 'AKS uses the Azure Policy add-on',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'azure_policy_enabled')) ? PASSED : failed('azure_policy_enabled is not true')),
  },
  {
    // AKSLocalAdminDisabled.
    id: 'CKV_AZURE_141',
    title: 'AKS local admin account is disabled',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'local_account_disabled')) ? PASSED : failed('local_account_disabled is not true')),
  },
  {
    // AKSNodePublicIpDisabled: fails only on an explicit true.
    id: 'CKV_AZURE_143',
    title: 'AKS nodes have no public IP',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER, NODE_POOL],
    check: (c, ctx) => {
      const pool = ctx.resourceType === CLUSTER ? get(c, 'default_node_pool') : c;
      return isTrue(get(pool, 'node_public_ip_enabled')) || isTrue(get(pool, 'enable_node_public_ip'))
        ? failed('node_public_ip_enabled is true')
        : PASSED;
    },
  },
  {
    // AKSMaxPodsMinimum: max_pods >= 50 (Azure's default is 30).
    id: 'CKV_AZURE_168',
    title: 'AKS nodes allow at least 50 pods',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER, NODE_POOL],
    check: (c, ctx) => {
      const maxPods = get(ctx.resourceType === CLUSTER ? get(c, 'default_node_pool') : c, 'max_pods');
      if (typeof maxPods === 'number' && maxPods >= 50) return PASSED;
      return failed(`max_pods is ${maxPods ?? 'unset (30)'}; set at least 50`);
    },
  },
  {
    // AKSIsPaidSku: the Standard (formerly Paid) tier carries the uptime SLA.
    id: 'CKV_AZURE_170',
    title: 'AKS uses a paid SKU (uptime SLA)',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const tier = get(c, 'sku_tier');
      return tier === 'Standard' || tier === 'Premium' || tier === 'Paid' ? PASSED : failed(`sku_tier is ${tier ?? 'unset (Free)'}`);
    },
  },
  {
    // AKSUpgradeChannel: an automatic upgrade channel other than `none`.
    id: 'CKV_AZURE_171',
    title: 'AKS has an automatic upgrade channel',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const channel = get(c, 'automatic_upgrade_channel') ?? get(c, 'automatic_channel_upgrade');
      return isSet(channel) && channel !== 'none' ? PASSED : failed(`automatic_upgrade_channel is ${channel ?? 'unset'}`);
    },
  },
  {
    // AKSEphemeralOSDisks: OS disks on local VM storage (azurerm 4 places os_disk_type in the pool).
    id: 'CKV_AZURE_226',
    title: 'AKS uses ephemeral OS disks',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const type = get(c, 'default_node_pool.os_disk_type') ?? get(c, 'os_disk_type');
      return type === 'Ephemeral' ? PASSED : failed(`default_node_pool.os_disk_type is ${type ?? 'unset (Managed)'}`);
    },
  },
  {
    // AKSEncryptionAtHostEnabled.
    id: 'CKV_AZURE_227',
    title: 'AKS nodes encrypt at host',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER, NODE_POOL],
    check: (c, ctx) => {
      const pool = ctx.resourceType === CLUSTER ? get(c, 'default_node_pool') : c;
      return isTrue(get(pool, 'host_encryption_enabled')) || isTrue(get(pool, 'enable_host_encryption'))
        ? PASSED
        : failed('host_encryption_enabled is not true');
    },
  },
  {
    // AKSOnlyCriticalPodsOnSystemNodes (id 232 since Checkov renumbered 229).
    id: 'CKV_AZURE_232',
    title: 'Only critical system pods run on the system node pool',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'default_node_pool.only_critical_addons_enabled'))
      ? PASSED
      : failed('default_node_pool.only_critical_addons_enabled is not true')),
  },
  {
    // Graph check AzureAKSclusterAzureCNIEnabled: network_plugin exists and is `azure`.
    id: 'CKV2_AZURE_29',
    title: 'AKS uses Azure CNI networking',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const plugin = get(c, 'network_profile.network_plugin');
      if (isExpression(plugin)) return failed('network_profile.network_plugin is an expression; it must be the literal "azure"');
      return String(plugin ?? '').toLowerCase() === 'azure' ? PASSED : failed(`network_profile.network_plugin is ${plugin ?? 'unset'}`);
    },
  },
];
