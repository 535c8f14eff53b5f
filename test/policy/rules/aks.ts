/**
 * Azure rules, mirroring Checkov's checks of the azurerm types the library emits:
 * `azurerm_kubernetes_cluster` (and, where Checkov reads it too,
 * `azurerm_kubernetes_cluster_node_pool`), the node network and the control-plane database.
 * Each comment names the Checkov class (bridgecrewio/checkov@3.3.13:
 * checkov/terraform/checks/resource/azure/<Class>.py, or graph_checks/azure/<Id>.yaml)
 * whose logic the rule follows; where Checkov passes on an absent attribute the rule does
 * too, elsewhere an absent attribute fails.
 */
import { asList, get, isExpression, isFalse, isSet, isTrue } from '../attributes';
import { PASSED, PolicyRule, RuleFamily, failed } from '../types';

const CLUSTER = 'azurerm_kubernetes_cluster';
const NODE_POOL = 'azurerm_kubernetes_cluster_node_pool';
const SUBNET = 'azurerm_subnet';
const VNET = 'azurerm_virtual_network';
const POSTGRES = 'azurerm_postgresql_flexible_server';
const POSTGRES_FIREWALL_RULE = 'azurerm_postgresql_flexible_server_firewall_rule';

export const AKS_RULES: readonly PolicyRule[] = [
  {
    // AKSLoggingEnabled: `oms_agent.log_analytics_workspace_id` present (azurerm 3+), or the
    // azurerm 2 add-on enabled.
    id: 'CKV_AZURE_4',
    title: 'AKS logging to Azure Monitor is configured',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (get(c, 'oms_agent.log_analytics_workspace_id') !== undefined || isTrue(get(c, 'addon_profile.oms_agent.enabled'))
      ? PASSED
      : failed('no oms_agent.log_analytics_workspace_id: set oms_agent { log_analytics_workspace_id }')),
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
    // AKSEnablesPrivateClusters (a BaseResourceValueCheck on private_cluster_enabled, expected
    // true): authorized IP ranges do not count, only a private API server passes.
    id: 'CKV_AZURE_115',
    title: 'AKS is a private cluster',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'private_cluster_enabled')) ? PASSED : failed('private_cluster_enabled is not true')),
  },
  {
    // AKSUsesDiskEncryptionSet: disk_encryption_set_id with any value; absent fails.
    id: 'CKV_AZURE_117',
    title: 'AKS uses a disk encryption set (customer-managed keys)',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isSet(get(c, 'disk_encryption_set_id')) ? PASSED : failed('disk_encryption_set_id is not set')),
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
    // AKSNodePublicIpDisabled: the default node pool only (Checkov reads no node pool
    // resource here); fails only on an explicit true.
    id: 'CKV_AZURE_143',
    title: 'AKS nodes have no public IP',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const pool = get(c, 'default_node_pool');
      return get(pool, 'node_public_ip_enabled') === true || get(pool, 'enable_node_public_ip') === true
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
    // AKSPoolTypeIsScaleSet: fails only on default_node_pool.type AvailabilitySet.
    id: 'CKV_AZURE_169',
    title: 'AKS nodes use virtual machine scale sets',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (get(c, 'default_node_pool.type') === 'AvailabilitySet' ? failed('default_node_pool.type is AvailabilitySet') : PASSED),
  },
  {
    // AKSIsPaidSku: sku_tier must be exactly "Standard" (Checkov's expected value; Premium and
    // the old Paid fail there too).
    id: 'CKV_AZURE_170',
    title: 'AKS uses the Standard SKU tier (uptime SLA)',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const tier = get(c, 'sku_tier');
      return tier === 'Standard' ? PASSED : failed(`sku_tier is ${tier ?? 'unset (Free)'}; Checkov accepts only "Standard"`);
    },
  },
  {
    // AkSSecretStoreRotation: key_vault_secrets_provider.secret_rotation_enabled true; absent fails.
    id: 'CKV_AZURE_172',
    title: 'AKS rotates Key Vault CSI driver secrets',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'key_vault_secrets_provider.secret_rotation_enabled'))
      ? PASSED
      : failed('key_vault_secrets_provider.secret_rotation_enabled is not true')),
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
    // AKSEphemeralOSDisks: default_node_pool.os_disk_type is "Ephemeral"; absent fails.
    id: 'CKV_AZURE_226',
    title: 'AKS uses ephemeral OS disks',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const type = get(c, 'default_node_pool.os_disk_type');
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
    // KubernetesClusterHTTPApplicationRouting: fails only on http_application_routing_enabled true.
    id: 'CKV_AZURE_246',
    title: 'AKS HTTP application routing is disabled',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => (get(c, 'http_application_routing_enabled') === true ? failed('http_application_routing_enabled is true') : PASSED),
  },
  {
    // Graph check AzureAKSclusterAzureCNIEnabled: network_plugin `within` ["azure", "Azure"] (exact strings).
    id: 'CKV2_AZURE_29',
    title: 'AKS uses Azure CNI networking',
    family: RuleFamily.AKS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const plugin = get(c, 'network_profile.network_plugin');
      if (isExpression(plugin)) return failed('network_profile.network_plugin is an expression; it must be the literal "azure"');
      return plugin === 'azure' || plugin === 'Azure' ? PASSED : failed(`network_profile.network_plugin is ${plugin ?? 'unset'}`);
    },
  },
  {
    // VnetSingleDNSServer: a dns_servers list of exactly one address fails (a single point of failure).
    id: 'CKV_AZURE_182',
    title: 'A virtual network with custom DNS has at least two DNS servers',
    family: RuleFamily.AKS,
    resourceTypes: [VNET],
    check: (c) => (asList(c.dns_servers).length === 1 ? failed('dns_servers lists a single server') : PASSED),
  },
  {
    // VnetLocalDNS: custom dns_servers must include one inside the network's own address space.
    id: 'CKV_AZURE_183',
    title: 'A virtual network with custom DNS uses a DNS server inside its address space',
    family: RuleFamily.AKS,
    resourceTypes: [VNET],
    check: (c) => {
      const servers = asList(c.dns_servers).filter((server) => typeof server === 'string');
      if (servers.length === 0) return PASSED;
      const spaces = asList(c.address_space).filter((space) => typeof space === 'string');
      return servers.some((server) => spaces.some((space) => ipv4InCidr(server, space)))
        ? PASSED
        : failed(`no DNS server of ${servers.join(', ')} lies inside ${spaces.join(', ')}`);
    },
  },
  {
    // Graph check AzureSubnetConfigWithNSG: a subnet connected to an NSG or an NSG association
    // (GatewaySubnet, AzureFirewallSubnet and NetApp-delegated subnets are exempt).
    id: 'CKV2_AZURE_31',
    title: 'A subnet has a network security group',
    family: RuleFamily.AKS,
    resourceTypes: [SUBNET],
    check: (c, ctx) => {
      const name = String(c.name ?? '').toLowerCase();
      if (name === 'gatewaysubnet' || name === 'azurefirewallsubnet') return PASSED;
      if (asList(c.delegation).some((delegation) => String(get(delegation, 'service_delegation.name') ?? '').toLowerCase() === 'microsoft.netapp/volumes')) return PASSED;
      const self = `azurerm_subnet.${ctx.resourceName}`;
      const associations = Object.values<any>(ctx.stack.resource?.azurerm_subnet_network_security_group_association ?? {});
      return associations.some((association) => String(association.subnet_id ?? '').includes(`\${${self}.`))
        ? PASSED
        : failed('no azurerm_subnet_network_security_group_association names this subnet');
    },
  },
  {
    // PostgreSQLFlexiServerGeoBackupEnabled: geo_redundant_backup_enabled true (replicas excepted); absent fails.
    id: 'CKV_AZURE_136',
    title: 'PostgreSQL flexible server has geo-redundant backups',
    family: RuleFamily.AKS,
    resourceTypes: [POSTGRES],
    check: (c) => (c.create_mode === 'Replica' || isTrue(c.geo_redundant_backup_enabled)
      ? PASSED
      : failed('geo_redundant_backup_enabled is not true')),
  },
  {
    // Graph check AzurePostgreSQLFlexServerNotOverlyPermissive: neither start 0.0.0.0 nor end 255.255.255.255.
    id: 'CKV2_AZURE_26',
    title: 'PostgreSQL flexible server firewall rules are not overly permissive',
    family: RuleFamily.AKS,
    resourceTypes: [POSTGRES_FIREWALL_RULE],
    check: (c) => (c.start_ip_address === '0.0.0.0' || c.end_ip_address === '255.255.255.255'
      ? failed(`firewall rule ${c.start_ip_address}-${c.end_ip_address} is open to all of Azure or the internet`)
      : PASSED),
  },
  {
    // Graph check AzurePostgreSQLFlexibleServerConfigPrivEndpt: an azurerm_private_endpoint connects to the server.
    id: 'CKV2_AZURE_57',
    title: 'PostgreSQL flexible server has a private endpoint',
    family: RuleFamily.AKS,
    resourceTypes: [POSTGRES],
    check: (_c, ctx) => {
      const self = `${POSTGRES}.${ctx.resourceName}`;
      const endpoints = Object.values<any>(ctx.stack.resource?.azurerm_private_endpoint ?? {});
      return endpoints.some((endpoint) => JSON.stringify(endpoint).includes(`\${${self}.`))
        ? PASSED
        : failed('no azurerm_private_endpoint connects to this server');
    },
  },
];

function ipv4InCidr(address: string, cidr: string): boolean {
  const toNumber = (text: string) => text.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const [base, bits] = cidr.split('/');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || !/^\d+\.\d+\.\d+\.\d+$/.test(base ?? '')) return false;
  const size = 2 ** (32 - Number(bits ?? 32));
  const start = Math.floor(toNumber(base) / size) * size;
  return toNumber(address) >= start && toNumber(address) < start + size;
}
