/**
 * Names, limits and defaults of the cluster constructs, as pure values and functions:
 * AksCluster and GkeCluster use them, and so do the topology's validator and planner,
 * so that no copy can disagree with the construct.
 */
import { fitName } from './names';

/** Node counts of an autoscaling pool when the props leave them out. */
export interface NodeCountDefaults {
  readonly min: number;
  readonly max: number;
}

/** AksCluster: 2-5 nodes, 1-3 when ephemeral. */
export function aksNodeCountDefaults(ephemeral: boolean | undefined): NodeCountDefaults {
  return ephemeral ? { min: 1, max: 3 } : { min: 2, max: 5 };
}

/** GkeCluster (regional pool, counts across all zones): 3-9 nodes, 1-3 when ephemeral. */
export function gkeNodeCountDefaults(ephemeral: boolean | undefined): NodeCountDefaults {
  return ephemeral ? { min: 1, max: 3 } : { min: 3, max: 9 };
}

/**
 * AKS cluster name: it is also the API server's DNS prefix, which AKS caps at 54
 * characters (hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/containers/validate/kubernetes.go#KubernetesDNSPrefix, the `dns_prefix` of azurerm_kubernetes_cluster).
 */
export const AKS_CLUSTER_NAME_MAX_LENGTH = 54;

/**
 * GKE cluster name: a letter first, then lower-case letters, digits and '-', at most 40
 * characters, ending with a letter or digit
 * (hashicorp/terraform-provider-google@v6.50.0:google/services/container/resource_container_cluster.go#name ValidateFunc).
 */
export const GKE_CLUSTER_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
export const GKE_CLUSTER_NAME_MAX_LENGTH = 40;

/** GKE private clusters take exactly a /28 for the control plane (`master_ipv4_cidr_block`). */
export const GKE_MASTER_CIDR_PREFIX_LENGTH = 28;

/**
 * A Google service account id: 6-30 characters, RFC 1035
 * (hashicorp/terraform-provider-google@v6.50.0:google/services/resourcemanager/resource_google_service_account.go#account_id, verify.ValidateRFC1035Name(6, 30)).
 */
export const GOOGLE_SERVICE_ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;
export const GOOGLE_SERVICE_ACCOUNT_ID_MAX_LENGTH = 30;

/** The node service account id of a GKE cluster; a cut name ends in a hash of the whole one. */
export function gkeNodeServiceAccountId(clusterName: string): string {
  return fitName(clusterName, '-nodes', GOOGLE_SERVICE_ACCOUNT_ID_MAX_LENGTH);
}

/** Google Compute names (addresses, networks, routers): RFC 1035, at most 63 characters. */
export const GOOGLE_COMPUTE_NAME_MAX_LENGTH = 63;
/** Azure public IP names: 1-80 characters (the rule AzurePublicAddress checks, after Azure's naming rules for Microsoft.Network/publicIPAddresses). */
export const AZURE_PUBLIC_IP_NAME_MAX_LENGTH = 80;

/** The name of a public address `id` reserved for cluster `clusterName`, within `max` characters. */
export function publicAddressName(clusterName: string, id: string, max: number): string {
  return fitName(`${clusterName}-${id}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-'), '', max).replace(/-+$/, '');
}

/**
 * An Azure resource group name: 1-90 ASCII letters, digits, '-', '_', '.', '(' and ')',
 * not ending with '.' (hashicorp/terraform-provider-azurerm@v4.55.0:vendor/github.com/hashicorp/go-azure-helpers/resourcemanager/resourcegroups/validate.go#ValidateName).
 */
export const AZURE_RESOURCE_GROUP_NAME = /^[-\w._()]{1,90}$/;

/** Why `name` is not an Azure resource group name, or undefined when it is one. */
export function azureResourceGroupNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 90) return 'must be 1 to 90 characters';
  if (!/^[-\w._()]+$/.test(name)) return 'may only contain letters, digits, "-", "_", ".", "(" and ")" (no spaces)';
  if (name.endsWith('.')) return 'must not end with "."';
  return undefined;
}

/**
 * Whether a cluster's API server access is declared: restricted to CIDRs, private, or public by
 * the named opt-in. AksCluster and GkeCluster refuse a cluster that says none of these
 * (CKV_AZURE_6, CKV_GCP_13: an API server open to the internet must be a choice, not a default).
 */
export function apiServerAccessDeclared(authorizedRanges: readonly string[] | undefined, allowPublicApiServer: boolean | undefined, privateCluster = false): boolean {
  return privateCluster || (authorizedRanges ?? []).length > 0 || allowPublicApiServer === true;
}

/** Longest Azure user-assigned identity name (Microsoft.ManagedIdentity: 3-128 characters). */
export const AZURE_IDENTITY_NAME_MAX_LENGTH = 128;

/** The Azure identity cert-manager of a cluster solves DNS-01 with. */
export function azureDnsSolverIdentityName(environment: string, clusterName: string): string {
  return fitName(`${environment}-${clusterName}`, '-cert-manager', AZURE_IDENTITY_NAME_MAX_LENGTH);
}

/** The Google service account (id, 6-30 characters) cert-manager of a cluster solves DNS-01 with. */
export function cloudDnsSolverServiceAccountId(environment: string, clusterName: string): string {
  return fitName(`${environment}-${clusterName}`, '-cm', GOOGLE_SERVICE_ACCOUNT_ID_MAX_LENGTH);
}
