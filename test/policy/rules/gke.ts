/**
 * GKE rules, mirroring Checkov's checks of `google_container_cluster` and
 * `google_container_node_pool`. Each comment names the Checkov class whose logic the rule
 * follows. Node settings live in `node_config` of a node pool; a cluster that removes its
 * default pool is judged on its own node_config only where Checkov does so.
 */
import { asList, get, isExpression, isFalse, isSet, isTrue } from '../attributes';
import { CheckOutcome, PASSED, PolicyRule, RuleContext, RuleFamily, failed } from '../types';

const CLUSTER = 'google_container_cluster';
const NODE_POOL = 'google_container_node_pool';

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
    // GKENetworkPolicyEnabled; Dataplane V2 enforces network policy without the Calico add-on.
    id: 'CKV_GCP_12',
    title: 'GKE enforces network policy (add-on or Dataplane V2)',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER],
    check: (c) => (isTrue(get(c, 'network_policy.enabled')) || get(c, 'datapath_provider') === 'ADVANCED_DATAPATH'
      ? PASSED
      : failed('neither network_policy.enabled nor datapath_provider = "ADVANCED_DATAPATH"')),
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
    id: 'CKV_GCP_69',
    title: 'GKE metadata server is enabled',
    family: RuleFamily.GKE,
    resourceTypes: [CLUSTER, NODE_POOL],
    appliesTo: hasNodeConfigOrIsPool,
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
    check: (c) => (c?.node_pool === undefined ? PASSED : failed('inline node_pool block: use google_container_node_pool')),
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
