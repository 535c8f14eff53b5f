/**
 * Cross-field checks of the accounts' provider settings (`accounts.azure.provider`,
 * `accounts.gcp.provider`): settings that the provider would silently ignore.
 */
import { TopologySpec } from './topology-spec';
import { AddIssue } from './validate-topology';

export function checkProviders(spec: TopologySpec, add: AddIssue): void {
  const azure = spec.accounts.azure?.provider;
  // azurerm enables OIDC (and so reads the token file) only with use_oidc or use_aks_workload_identity
  // (hashicorp/terraform-provider-azurerm@v4.55.0:internal/provider/provider.go#providerConfigure, enableOidc).
  if (azure?.oidcTokenFilePath !== undefined && azure.useOidc !== true && azure.useAksWorkloadIdentity !== true) {
    add('accounts.azure.provider.oidcTokenFilePath', azure.oidcTokenFilePath, 'is read only with OpenID Connect authentication: set accounts.azure.provider.useOidc: true (or useAksWorkloadIdentity: true), or remove it');
  }
  const gcp = spec.accounts.gcp?.provider;
  // The google provider bills quota to billing_project only when user_project_override is set
  // (hashicorp/terraform-provider-google@v6.50.0:google/transport/config.go, "UserProjectOverride && c.BillingProject").
  if (gcp?.billingProject !== undefined && gcp.userProjectOverride !== true) {
    add('accounts.gcp.provider.billingProject', gcp.billingProject, 'is used only with userProjectOverride: set accounts.gcp.provider.userProjectOverride: true, or remove it');
  }
}
