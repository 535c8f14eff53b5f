/**
 * Google Cloud rules, mirroring Checkov's checks (bridgecrewio/checkov@3.3.13) of every
 * Google type the library emits: `google_container_cluster`, `google_container_node_pool`,
 * the network (`google_compute_network`, `_subnetwork`, `_firewall`) and project IAM.
 * Each comment names the Checkov class whose logic the rule follows
 * (checkov/terraform/checks/resource/gcp/<Class>.py, graph checks under
 * checkov/terraform/checks/graph_checks/gcp/). Node settings live in `node_config` of a
 * node pool; a cluster that removes its default pool is judged on its own node_config
 * only where Checkov does so. A rule may be stricter than Checkov, never laxer.
 */
import { asList, get, isExpression, isFalse, isSet, isTrue } from '../attributes';
import { CheckOutcome, PASSED, PolicyRule, RuleContext, RuleFamily, failed } from '../types';

const CLUSTER = 'google_container_cluster';
const NODE_POOL = 'google_container_node_pool';
const NETWORK = 'google_compute_network';
const SUBNETWORK = 'google_compute_subnetwork';
const FIREWALL = 'google_compute_firewall';
const PROJECT_IAM = ['google_project_iam_member', 'google_project_iam_binding'];
const EVERYWHERE = '0.0.0.0/0';

/** The Compute Engine default service account: `<project-number>-compute@developer.gserviceaccount.com`. */
const DEFAULT_COMPUTE_SA = /^\d+-compute@developer\.gserviceaccount\.com$/;

export const GKE_RULES: readonly PolicyRule[] = [
  {
    // GKEClusterLogging: fails only on logging_service = "none".
    id: 'CKV_GCP_1',
    title: 'GKE logging (Cloud Logging) is enabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (get(c, 'logging_service') === 'none' ? failed('logging_service is "none"') : PASSED),
  },
  {
    // GKEMonitoringEnabled: fails only on monitoring_service = "none".
    id: 'CKV_GCP_8',
    title: 'GKE monitoring (Cloud Monitoring) is enabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (get(c, 'monitoring_service') === 'none' ? failed('monitoring_service is "none"') : PASSED),
  },
  {
    // GKEDisableLegacyAuth: enable_legacy_abac must not be true.
    id: 'CKV_GCP_7',
    title: 'GKE legacy ABAC is disabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'enable_legacy_abac')) ? failed('enable_legacy_abac is true') : PASSED),
  },
  {
    // GKENodePoolAutoRepairEnabled.
    id: 'CKV_GCP_9',
    title: 'GKE node auto-repair is enabled',
    family: RuleFamily.GKE,
    resourceTypes: [NODE_POOL],
    check: (c) => (isTrue(get(c, 'management.auto_repair')) ? PASSED : failed('management.auto_repair is not true')),
  },
  {
    // GKENodePoolAutoUpgradeEnabled.
    id: 'CKV_GCP_10',
    title: 'GKE node auto-upgrade is enabled',
    family: RuleFamily.GKE,
    resourceTypes: [NODE_POOL],
    check: (c) => (isTrue(get(c, 'management.auto_upgrade')) ? PASSED : failed('management.auto_upgrade is not true')),
  },
  {
    // GKENetworkPolicyEnabled: passes on network_policy.enabled = true, or on an explicit
    // network_policy { enabled = false } beside datapath_provider = ADVANCED_DATAPATH.
    // Dataplane V2 without a network_policy block fails.
    id: 'CKV_GCP_12',
    title: 'GKE enforces network policy (Calico, or Dataplane V2 with network_policy.enabled = false)',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const policy = get(c, 'network_policy');
      if (policy === undefined || get(policy, 'enabled') === undefined) return failed('no network_policy block with enabled (Checkov wants network_policy { enabled = false } next to Dataplane V2)');
      if (isTrue(get(policy, 'enabled'))) return PASSED;
      return get(c, 'datapath_provider') === 'ADVANCED_DATAPATH'
        ? PASSED
        : failed('network_policy.enabled is false and datapath_provider is not "ADVANCED_DATAPATH"');
    },
  },
  {
    // GKEClientCertificateDisabled: issue_client_certificate explicitly false.
    id: 'CKV_GCP_13',
    title: 'GKE client certificate authentication is disabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (isFalse(get(c, 'master_auth.client_certificate_config.issue_client_certificate'))
      ? PASSED
      : failed('master_auth.client_certificate_config.issue_client_certificate is not false')),
  },
  {
    // GKEMasterAuthorizedNetworksEnabled: a master_authorized_networks_config block.
    id: 'CKV_GCP_20',
    title: 'GKE master authorized networks are enabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const config = get(c, 'master_authorized_networks_config');
      if (config === undefined) return failed('no master_authorized_networks_config block');
      return asList(config?.cidr_blocks).length > 0 || config?.gcp_public_cidrs_access_enabled === false
        ? PASSED
        : failed('master_authorized_networks_config has no cidr_blocks');
    },
  },
  {
    // GKEHasLabels: non-empty resource_labels.
    id: 'CKV_GCP_21',
    title: 'GKE cluster has labels',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (isSet(get(c, 'resource_labels')) ? PASSED : failed('resource_labels is empty')),
  },
  {
    // GKEUseCosImage: node image type starts with "cos" (COS_CONTAINERD).
    id: 'CKV_GCP_22',
    title: 'GKE nodes use Container-Optimized OS',
    family: RuleFamily.GKE,
    resourceTypes: [NODE_POOL],
    check: (c) => {
      const image = get(c, 'node_config.image_type');
      return typeof image === 'string' && image.toLowerCase().startsWith('cos')
        ? PASSED
        : failed(`node_config.image_type is ${image ?? 'unset'}; set COS_CONTAINERD`);
    },
  },
  {
    // GKEAliasIpEnabled: an ip_allocation_policy block (VPC-native).
    id: 'CKV_GCP_23',
    title: 'GKE uses alias IP ranges (VPC-native)',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (get(c, 'ip_allocation_policy') !== undefined ? PASSED : failed('no ip_allocation_policy block')),
  },
  {
    // GKEPrivateClusterConfig: a private_cluster_config block.
    id: 'CKV_GCP_25',
    title: 'GKE cluster is private',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => privateNodes(c),
  },
  {
    // GKEPrivateNodes: stricter than Checkov's block-exists test, the block must enable private nodes.
    id: 'CKV_GCP_64',
    title: 'GKE nodes are private',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => privateNodes(c),
  },
  {
    // Intranode visibility (Checkov's GKEEnableVPCFlowLogs).
    id: 'CKV_GCP_61',
    title: 'GKE intranode visibility is enabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'enable_intranode_visibility')) ? PASSED : failed('enable_intranode_visibility is not true')),
  },
  {
    // GKESecureBootforShieldedNodes: only node pools (and a cluster node_config) carry the setting.
    id: 'CKV_GCP_68',
    title: 'GKE shielded nodes use secure boot',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER, NODE_POOL],
    appliesTo: hasNodeConfigOrIsPool,
    check: (c) => (isTrue(get(c, 'node_config.shielded_instance_config.enable_secure_boot'))
      ? PASSED
      : failed('node_config.shielded_instance_config.enable_secure_boot is not true')),
  },
  {
    // GKEEnableShieldedNodes: explicit, so a provider default change cannot silently turn it off.
    id: 'CKV_GCP_71',
    title: 'GKE shielded nodes are enabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'enable_shielded_nodes')) ? PASSED : failed('enable_shielded_nodes is not true')),
  },
  {
    // GKEEnsureIntegrityMonitoring: fails only on an explicit false (the default is true).
    id: 'CKV_GCP_72',
    title: 'GKE shielded nodes have integrity monitoring',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER, NODE_POOL],
    appliesTo: hasNodeConfigOrIsPool,
    check: (c) => (isFalse(get(c, 'node_config.shielded_instance_config.enable_integrity_monitoring'))
      ? failed('node_config.shielded_instance_config.enable_integrity_monitoring is false')
      : PASSED),
  },
  {
    // GKEMetadataServerIsEnabled: workload_metadata_config.mode = GKE_METADATA (needed for workload identity).
    // Checkov fails a cluster without node_config too, so every cluster is judged.
    id: 'CKV_GCP_69',
    title: 'GKE metadata server is enabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER, NODE_POOL],
    check: (c) => (get(c, 'node_config.workload_metadata_config.mode') === 'GKE_METADATA'
      ? PASSED
      : failed('node_config.workload_metadata_config.mode is not GKE_METADATA')),
  },
  {
    // GKEReleaseChannel: release_channel.channel has any value.
    id: 'CKV_GCP_70',
    title: 'GKE release channel is set',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const channel = get(c, 'release_channel.channel');
      return isSet(channel) && channel !== 'UNSPECIFIED' ? PASSED : failed(`release_channel.channel is ${channel ?? 'unset'}`);
    },
  },
  {
    // GKEDontUseNodePools: no inline node_pool blocks (they cannot change without replacing the cluster).
    id: 'CKV_GCP_123',
    title: 'GKE cluster declares no inline node_pool',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    // Checkov excludes a cluster with remove_default_node_pool = true.
    check: (c) => (c?.node_pool === undefined || isTrue(get(c, 'remove_default_node_pool')) ? PASSED : failed('inline node_pool block: use google_container_node_pool')),
  },
  {
    // GKEBinaryAuthorization: binary_authorization.evaluation_mode = PROJECT_SINGLETON_POLICY_ENFORCE
    // (or the deprecated enabled / enable_binary_authorization = true).
    id: 'CKV_GCP_66',
    title: 'GKE uses Binary Authorization',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (get(c, 'binary_authorization.evaluation_mode') === 'PROJECT_SINGLETON_POLICY_ENFORCE'
      || isTrue(get(c, 'binary_authorization.enabled')) || isTrue(get(c, 'enable_binary_authorization'))
      ? PASSED
      : failed(`binary_authorization.evaluation_mode is ${get(c, 'binary_authorization.evaluation_mode') ?? 'unset'}`)),
  },
  {
    // GKEKubernetesRBACGoogleGroups: authenticator_groups_config.security_group has any value.
    id: 'CKV_GCP_65',
    title: 'GKE manages RBAC users with Google Groups',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (isSet(get(c, 'authenticator_groups_config.security_group')) ? PASSED : failed('no authenticator_groups_config.security_group')),
  },
  {
    // GKEPublicControlPlane: no authorized network contains 0.0.0.0/0.
    id: 'CKV_GCP_18',
    title: 'GKE control plane is not open to every address',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (asList(get(c, 'master_authorized_networks_config')?.cidr_blocks).some((block: any) => String(block?.cidr_block ?? '').includes(EVERYWHERE))
      ? failed(`master_authorized_networks_config lists ${EVERYWHERE}`)
      : PASSED),
  },
  {
    // GKEPodSecurityPolicyEnabled: judged only when min_master_version is below 1.25 (PSP was removed in 1.25).
    id: 'CKV_GCP_24',
    title: 'GKE below 1.25 enables the PodSecurityPolicy controller',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    appliesTo: (c) => {
      const [major, minor] = String(get(c, 'min_master_version') ?? '').split('.').map(Number);
      return Number.isFinite(major) && Number.isFinite(minor) && major + minor / 100 < 1.25;
    },
    check: (c) => (isTrue(get(c, 'pod_security_policy_config.enabled')) ? PASSED : failed('min_master_version below 1.25 without pod_security_policy_config.enabled')),
  },
  {
    // Graph check GCPdisableAlphaClusterFeatureInKubernetesEngineClusters.
    id: 'CKV2_GCP_19',
    title: 'GKE alpha cluster features are disabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (String(get(c, 'enable_kubernetes_alpha') ?? '').toLowerCase() === 'true' ? failed('enable_kubernetes_alpha is true') : PASSED),
  },
  {
    // GoogleSubnetworkLoggingEnabled: a log_config block (VPC flow logs).
    id: 'CKV_GCP_26',
    title: 'VPC flow logs are enabled on every subnetwork',
    family: RuleFamily.GKE,
    resourceTypes: [SUBNETWORK],
    appliesTo: notProxyOnly,
    check: (c) => (get(c, 'log_config') !== undefined ? PASSED : failed('no log_config block')),
  },
  {
    // GoogleSubnetworkPrivateGoogleEnabled: private_ip_google_access = true.
    id: 'CKV_GCP_74',
    title: 'Subnetworks have Private Google Access',
    family: RuleFamily.GKE,
    resourceTypes: [SUBNETWORK],
    appliesTo: notProxyOnly,
    check: (c) => (isTrue(get(c, 'private_ip_google_access')) ? PASSED : failed('private_ip_google_access is not true')),
  },
  {
    // GoogleSubnetworkIPV6PrivateGoogleEnabled: judged only on dual-stack subnetworks.
    id: 'CKV_GCP_76',
    title: 'Dual-stack subnetworks have Private Google Access for IPv6',
    family: RuleFamily.GKE,
    resourceTypes: [SUBNETWORK],
    appliesTo: (c, context) => notProxyOnly(c, context) && get(c, 'stack_type') === 'IPV4_IPV6',
    check: (c) => (['ENABLE_OUTBOUND_VM_ACCESS_TO_GOOGLE', 'ENABLE_BIDIRECTIONAL_ACCESS_TO_GOOGLE'].includes(get(c, 'private_ipv6_google_access'))
      ? PASSED
      : failed(`private_ipv6_google_access is ${get(c, 'private_ipv6_google_access') ?? 'unset'}`)),
  },
  {
    // Graph check GCPNetworkDoesNotUseDefaultFirewall: a google_compute_firewall is connected to the network.
    id: 'CKV2_GCP_18',
    title: 'Every VPC network has a firewall of its own',
    family: RuleFamily.GKE,
    resourceTypes: [NETWORK],
    check: (_c, ctx) => (Object.values<any>(ctx.stack.resource?.[FIREWALL] ?? {}).some((firewall) => String(firewall?.network ?? '').includes(`${NETWORK}.${ctx.resourceName}.`))
      ? PASSED
      : failed('no google_compute_firewall references this network')),
  },
  ...[
    // AbsGoogleComputeFirewallUnrestrictedIngress subclasses: no allowed port open to 0.0.0.0/0.
    { id: 'CKV_GCP_2', port: 22, what: 'SSH' },
    { id: 'CKV_GCP_3', port: 3389, what: 'RDP' },
    { id: 'CKV_GCP_75', port: 21, what: 'FTP' },
    { id: 'CKV_GCP_77', port: 20, what: 'FTP data' },
    { id: 'CKV_GCP_88', port: 3306, what: 'MySQL' },
    { id: 'CKV_GCP_106', port: 80, what: 'HTTP' },
  ].map(({ id, port, what }): PolicyRule => ({
    id,
    title: `Firewalls do not open ${what} (${port}) to the internet`,
    family: RuleFamily.GKE,
    resourceTypes: [FIREWALL],
    check: (c) => (asList(c?.source_ranges).includes(EVERYWHERE) && asList(c?.allow).some((allow: any) => portsCover(asList(allow?.ports), port))
      ? failed(`allows port ${port} from ${EVERYWHERE}`)
      : PASSED),
  })),
  {
    // Graph check GCPComputeFirewallOverlyPermissiveToAllTraffic.
    id: 'CKV2_GCP_12',
    title: 'Firewalls do not allow every protocol from the internet',
    family: RuleFamily.GKE,
    resourceTypes: [FIREWALL],
    check: (c) => {
      if (isTrue(c?.disabled) || c?.direction === 'EGRESS') return PASSED;
      const open = asList(c?.source_ranges).some((range: string) => ['::/0', '::0', '0.0.0.0', EVERYWHERE].includes(range));
      const all = asList(c?.allow).some((allow: any) => allow?.protocol === 'all');
      return open && all ? failed('allows protocol "all" from the internet') : PASSED;
    },
  },
  {
    // GoogleRoleServiceAccountUser.
    id: 'CKV_GCP_41',
    title: 'No Service Account User or Token Creator role at project level',
    family: RuleFamily.GKE,
    resourceTypes: PROJECT_IAM,
    check: (c) => (['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator'].includes(c?.role) ? failed(`role ${c.role} at project level`) : PASSED),
  },
  {
    // GoogleProjectAdminServiceAccount: a user-managed service account holds no admin, editor or owner role.
    id: 'CKV_GCP_42',
    title: 'Service accounts have no admin role at project level',
    family: RuleFamily.GKE,
    resourceTypes: ['google_project_iam_member'],
    check: (c) => (/@.*\.iam\.gserviceaccount\.com$/.test(String(c?.member ?? '')) && /(admin|Admin|editor|owner)/.test(String(c?.role ?? ''))
      ? failed(`service account ${c.member} holds ${c.role}`)
      : PASSED),
  },
  {
    // AbsGoogleIAMMemberDefaultServiceAccount: no Compute Engine or App Engine default service account.
    id: 'CKV_GCP_46',
    title: 'Default service accounts get no project roles',
    family: RuleFamily.GKE,
    resourceTypes: PROJECT_IAM,
    check: (c) => {
      const members = asList(c?.members ?? c?.member).map(String);
      const found = members.find((member) => /-compute@developer\.gserviceaccount\.com|@appspot\.gserviceaccount\.com/.test(member));
      return found ? failed(`default service account ${found}`) : PASSED;
    },
  },
  {
    // AbsGoogleImpersonationRoles: no role that impersonates or manages service accounts at
    // project level. Stricter than Checkov's list: every iam.serviceAccount* role and every service agent role.
    id: 'CKV_GCP_49',
    title: 'No role that impersonates service accounts at project level',
    family: RuleFamily.GKE,
    resourceTypes: PROJECT_IAM,
    check: (c) => (IMPERSONATING_ROLE.test(String(c?.role ?? '')) ? failed(`role ${c.role} lets its member act as service accounts`) : PASSED),
  },
  {
    // AbsGoogleBasicRoles.
    id: 'CKV_GCP_117',
    title: 'No basic role (owner, editor, viewer) at project level',
    family: RuleFamily.GKE,
    resourceTypes: PROJECT_IAM,
    check: (c) => (['roles/owner', 'roles/editor', 'roles/viewer'].includes(c?.role) ? failed(`basic role ${c.role}`) : PASSED),
  },
  {
    // Graph check: nodes do not run as the Compute Engine default service account.
    id: 'CKV2_GCP_1',
    title: 'GKE nodes do not use the default Compute Engine service account',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER, NODE_POOL],
    appliesTo: hasNodeConfigOrIsPool,
    check: (c, ctx) => nodeServiceAccount(c, ctx),
  },
];

const IMPERSONATING_ROLE = /^roles\/(owner|editor|iam\.(securityAdmin|serviceAccount\w*|workloadIdentityUser)|[\w.]+\.serviceAgent|[\w.]+Agent|dataflow\.(developer|admin)|deploymentmanager\.editor|cloudbuild\.builds\.(editor|builder)|composer\.worker|run\.sourceDeveloper|assuredoss\.admin|securitycenter\.admin|backupdr\.computeEngineOperator)$/;

/** Checkov skips proxy-only subnetworks for flow logs and Private Google Access. */
function notProxyOnly(config: any, _context: RuleContext): boolean {
  return !['INTERNAL_HTTPS_LOAD_BALANCER', 'REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY'].includes(get(config, 'purpose'));
}

/** Whether a firewall `ports` list (`"22"`, `"20-23"`) covers `port`; an empty list covers nothing, as in Checkov. */
function portsCover(ports: unknown[], port: number): boolean {
  return ports.some((entry) => {
    const [from, to = from] = String(entry).split('-').map(Number);
    return from <= port && port <= to;
  });
}

function privateNodes(cluster: any): CheckOutcome {
  const config = get(cluster, 'private_cluster_config');
  if (config === undefined) return failed('no private_cluster_config block');
  return isTrue(get(config, 'enable_private_nodes')) ? PASSED : failed('private_cluster_config.enable_private_nodes is not true');
}

/** Cluster-level node settings matter only when the cluster declares them (its default pool is usually removed). */
function hasNodeConfigOrIsPool(config: any, context: RuleContext): boolean {
  return context.resourceType === NODE_POOL || config?.node_config !== undefined;
}

function nodeServiceAccount(config: any, context: RuleContext): CheckOutcome {
  const account = get(config, 'node_config.service_account');
  if (!isSet(account) || account === 'default') return failed('node_config.service_account is unset: nodes run as the Compute Engine default service account');
  if (typeof account === 'string' && DEFAULT_COMPUTE_SA.test(account)) return failed(`node_config.service_account ${account} is the Compute Engine default`);
  if (isExpression(account)) {
    // A reference is fine when it names a service account this app creates (or looks up by a non-default id).
    const ref = /\$\{(data\.)?google_service_account\.([A-Za-z0-9_-]+)\.(email|name)\}/.exec(account);
    if (ref) return PASSED;
    return failed(`node_config.service_account ${account} does not reference a google_service_account (in ${context.address})`);
  }
  return PASSED;
}
