/**
 * Attributes whose change makes Terraform replace the resource (SDKv2 `ForceNew: true`,
 * plugin-framework `RequiresReplace`), for every resource type the library emits, read
 * from the provider sources at the pinned tags. Paths are dotted through nested blocks.
 * Only attributes the library sets, or may set, are listed; the day-2 test fails on a
 * resource type that has no entry here, so a new type cannot slip by unreviewed.
 */

const AZURERM = 'hashicorp/terraform-provider-azurerm@v4.55.0:internal/services';
const GOOGLE = 'hashicorp/terraform-provider-google@v6.50.0:google';
const KUBERNETES = 'hashicorp/terraform-provider-kubernetes@v2.38.0';
const HELM = 'hashicorp/terraform-provider-helm@v3.1.1:helm/resource_helm_release.go';
const TIME = 'hashicorp/terraform-provider-time@v0.14.0:internal/provider';
const TLS = 'hashicorp/terraform-provider-tls@v4.2.1:internal/provider';

/** `location` and `resource_group_name` come from commonschema.Location()/ResourceGroupName(), both ForceNew. */
const AZURE_PLACED = ['name', 'location', 'resource_group_name'];
/** kubernetes/schema_metadata.go#namespacedMetadataSchema: `name` and `namespace` are ForceNew. */
const KUBERNETES_METADATA = ['metadata.name', 'metadata.namespace', 'metadata.generate_name'];
/** google/services/container/node_config.go#schemaNodeConfig: the ForceNew fields the library sets or might. */
const NODE_CONFIG = ['service_account', 'oauth_scopes', 'spot', 'preemptible', 'metadata', 'shielded_instance_config', 'boot_disk_kms_key', 'local_ssd_count', 'min_cpu_platform'];

export interface ForceNewEntry {
  readonly source: string;
  readonly paths: readonly string[];
}

export const FORCE_NEW: { readonly [type: string]: ForceNewEntry } = {
  azurerm_resource_group: { source: `${AZURERM}/resource/resource_group_resource.go`, paths: ['name', 'location'] },
  azurerm_virtual_network: { source: `${AZURERM}/network/virtual_network_resource.go`, paths: AZURE_PLACED },
  azurerm_subnet: { source: `${AZURERM}/network/subnet_resource.go`, paths: ['name', 'resource_group_name', 'virtual_network_name'] },
  azurerm_public_ip: { source: `${AZURERM}/network/public_ip_resource.go`, paths: [...AZURE_PLACED, 'sku', 'sku_tier', 'zones', 'ip_version', 'ip_tags', 'public_ip_prefix_id'] },
  azurerm_kubernetes_cluster: {
    source: `${AZURERM}/containers/kubernetes_cluster_resource.go`,
    paths: [
      ...AZURE_PLACED,
      'dns_prefix',
      'dns_prefix_private_cluster',
      'node_resource_group',
      'private_cluster_enabled',
      'private_dns_zone_id',
      'role_based_access_control_enabled',
      'disk_encryption_set_id',
      'network_profile.network_plugin',
      'network_profile.network_mode',
      'network_profile.pod_cidr',
      'network_profile.service_cidr',
      'network_profile.dns_service_ip',
      'network_profile.load_balancer_sku',
      'network_profile.ip_versions',
      'kubelet_identity.client_id',
      'kubelet_identity.object_id',
      'kubelet_identity.user_assigned_identity_id',
    ],
  },
  azurerm_kubernetes_cluster_node_pool: {
    source: `${AZURERM}/containers/kubernetes_cluster_node_pool_resource.go`,
    paths: ['name', 'kubernetes_cluster_id', 'priority', 'eviction_policy', 'spot_max_price', 'os_type', 'node_public_ip_prefix_id', 'proximity_placement_group_id'],
  },
  azurerm_log_analytics_workspace: { source: `${AZURERM}/loganalytics/log_analytics_workspace_resource.go`, paths: AZURE_PLACED },
  azurerm_role_assignment: {
    source: `${AZURERM}/authorization/role_assignment_resource.go`,
    paths: ['name', 'scope', 'role_definition_id', 'role_definition_name', 'principal_id', 'principal_type', 'condition', 'condition_version', 'description'],
  },
  azurerm_user_assigned_identity: { source: `${AZURERM}/managedidentity/user_assigned_identity_resource.go`, paths: AZURE_PLACED },
  azurerm_federated_identity_credential: { source: `${AZURERM}/managedidentity/federated_identity_credential_resource.go`, paths: ['name', 'parent_id', 'resource_group_name'] },
  azurerm_dns_zone: { source: `${AZURERM}/dns/dns_zone_resource.go`, paths: ['name', 'resource_group_name'] },
  azurerm_dns_a_record: { source: `${AZURERM}/dns/dns_a_record_resource.go`, paths: ['name', 'resource_group_name', 'zone_name'] },

  google_compute_address: {
    source: `${GOOGLE}/services/compute/resource_compute_address.go`,
    paths: ['name', 'project', 'region', 'address', 'address_type', 'network_tier', 'purpose', 'network', 'subnetwork', 'ip_version', 'description', 'prefix_length'],
  },
  google_compute_network: { source: `${GOOGLE}/services/compute/resource_compute_network.go`, paths: ['name', 'project', 'auto_create_subnetworks', 'description', 'network_profile'] },
  google_compute_subnetwork: { source: `${GOOGLE}/services/compute/resource_compute_subnetwork.go`, paths: ['name', 'project', 'region', 'network', 'description'] },
  google_compute_firewall: { source: `${GOOGLE}/services/compute/resource_compute_firewall.go`, paths: ['name', 'project', 'direction'] },
  google_compute_router: { source: `${GOOGLE}/services/compute/resource_compute_router.go`, paths: ['name', 'project', 'region', 'network'] },
  google_compute_router_nat: { source: `${GOOGLE}/services/compute/resource_compute_router_nat.go`, paths: ['name', 'project', 'region', 'router', 'type', 'endpoint_types'] },
  google_container_cluster: {
    source: `${GOOGLE}/services/container/resource_container_cluster.go`,
    paths: [
      'name',
      'project',
      'location',
      'network',
      'subnetwork',
      'networking_mode',
      'datapath_provider',
      'initial_node_count',
      'default_max_pods_per_node',
      'description',
      'enable_autopilot',
      'node_pool',
      'ip_allocation_policy.cluster_secondary_range_name',
      'ip_allocation_policy.services_secondary_range_name',
      'ip_allocation_policy.cluster_ipv4_cidr_block',
      'ip_allocation_policy.services_ipv4_cidr_block',
      'private_cluster_config.enable_private_nodes',
      'private_cluster_config.master_ipv4_cidr_block',
      'private_cluster_config.private_endpoint_subnetwork',
      ...NODE_CONFIG.map((path) => `node_config.${path}`),
    ],
  },
  google_container_node_pool: {
    source: `${GOOGLE}/services/container/resource_container_node_pool.go (node_config: node_config.go#schemaNodeConfig)`,
    paths: ['name', 'name_prefix', 'project', 'cluster', 'location', 'initial_node_count', 'max_pods_per_node', 'placement_policy', ...NODE_CONFIG.map((path) => `node_config.${path}`)],
  },
  google_dns_managed_zone: { source: `${GOOGLE}/services/dns/resource_dns_managed_zone.go`, paths: ['name', 'project', 'dns_name', 'visibility'] },
  google_dns_record_set: { source: `${GOOGLE}/services/dns/resource_dns_record_set.go`, paths: ['name', 'project', 'managed_zone'] },
  google_service_account: { source: `${GOOGLE}/services/resourcemanager/resource_google_service_account.go`, paths: ['account_id', 'project'] },
  google_project_service: { source: `${GOOGLE}/services/resourcemanager/resource_google_project_service.go`, paths: ['project', 'service'] },
  google_project_iam_custom_role: { source: `${GOOGLE}/services/resourcemanager/resource_google_project_iam_custom_role.go`, paths: ['project', 'role_id'] },
  // The parent's id attribute (project, service_account_id) is ForceNew in the IAM parent schemas too.
  google_project_iam_member: { source: `${GOOGLE}/tpgiamresource/resource_iam_member.go`, paths: ['project', 'role', 'member', 'condition'] },
  google_service_account_iam_member: { source: `${GOOGLE}/tpgiamresource/resource_iam_member.go`, paths: ['service_account_id', 'role', 'member', 'condition'] },

  kubernetes_namespace_v1: { source: `${KUBERNETES}:kubernetes/schema_metadata.go#metadataSchema`, paths: ['metadata.name', 'metadata.generate_name'] },
  kubernetes_secret_v1: { source: `${KUBERNETES}:kubernetes/resource_kubernetes_secret_v1.go`, paths: [...KUBERNETES_METADATA, 'type'] },
  kubernetes_service_v1: { source: `${KUBERNETES}:kubernetes/resource_kubernetes_service_v1.go`, paths: [...KUBERNETES_METADATA, 'spec.cluster_ip', 'spec.cluster_ips', 'spec.load_balancer_class'] },
  kubernetes_deployment_v1: { source: `${KUBERNETES}:kubernetes/resource_kubernetes_deployment_v1.go`, paths: [...KUBERNETES_METADATA, 'spec.selector'] },
  kubernetes_ingress_v1: { source: `${KUBERNETES}:kubernetes/resource_kubernetes_ingress_v1.go`, paths: KUBERNETES_METADATA },
  // Data changes force a new ConfigMap only when `immutable` is set, which the library never sets (CustomizeDiff).
  kubernetes_config_map_v1: { source: `${KUBERNETES}:kubernetes/resource_kubernetes_config_map_v1.go`, paths: KUBERNETES_METADATA },
  kubernetes_job_v1: {
    source: `${KUBERNETES}:kubernetes/schema_job_spec.go#jobSpecFields`,
    paths: [...KUBERNETES_METADATA, 'spec.template', 'spec.selector', 'spec.completions', 'spec.completion_mode', 'spec.pod_failure_policy', 'spec.backoff_limit_per_index'],
  },
  // PlanResourceChange: apiVersion, kind, metadata.name always; metadata.namespace for namespaced kinds.
  kubernetes_manifest: { source: `${KUBERNETES}:manifest/provider/plan.go#PlanResourceChange`, paths: ['manifest.apiVersion', 'manifest.kind', 'manifest.metadata.name', 'manifest.metadata.namespace'] },

  helm_release: { source: `${HELM}#Schema`, paths: ['name', 'namespace'] },
  time_sleep: { source: `${TIME}/resource_time_sleep.go#Schema`, paths: ['triggers'] },
  // Offsets change in place from the stored base (ModifyPlan); only `triggers` replaces.
  time_offset: { source: `${TIME}/resource_time_offset.go#Schema`, paths: ['triggers'] },
  terraform_data: { source: 'hashicorp/terraform@v1.11.0:internal/builtin/providers/terraform/resource_data.go (triggers_replace)', paths: ['triggers_replace'] },
  tls_private_key: { source: `${TLS}/resource_private_key.go`, paths: ['algorithm', 'rsa_bits', 'ecdsa_curve'] },
  tls_self_signed_cert: {
    source: `${TLS}/resource_self_signed_cert.go`,
    paths: ['subject', 'dns_names', 'ip_addresses', 'uris', 'validity_period_hours', 'is_ca_certificate', 'allowed_uses', 'set_subject_key_id', 'set_authority_key_id', 'max_path_length'],
  },
  tls_cert_request: { source: `${TLS}/resource_cert_request.go`, paths: ['subject', 'dns_names', 'ip_addresses', 'uris'] },
  tls_locally_signed_cert: { source: `${TLS}/resource_locally_signed_cert.go`, paths: ['validity_period_hours', 'is_ca_certificate', 'allowed_uses', 'set_subject_key_id', 'max_path_length'] },
};
