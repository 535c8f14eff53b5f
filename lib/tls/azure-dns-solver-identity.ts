/**
 * The Azure identity cert-manager answers DNS-01 challenges with (stage "infra"): a
 * user-assigned managed identity allowed to write only the given DNS zone, federated
 * with the cert-manager service account of one AKS cluster. No client secret exists.
 * https://cert-manager.io/docs/configuration/acme/dns01/azuredns/#managed-identity-using-aad-workload-identity
 */
import { Construct } from 'constructs';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { azureProvider } from '../private/cloud-providers';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';
import { ownershipTags } from '../private/ownership';
import { AksWorkloadIdentity } from '../clusters/aks-workload-identity';
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_SERVICE_ACCOUNT } from './cert-manager';

/** Audience of Entra ID workload identity federation. */
const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** Built-in role: manage DNS zones and record sets, nothing else. */
const DNS_ZONE_CONTRIBUTOR = 'DNS Zone Contributor';

/** Props of {@link AzureDnsSolverIdentity}. */
export interface AzureDnsSolverIdentityProps {
  /** Name of the managed identity. */
  readonly name: string;
  readonly subscriptionId: string;
  /** Resource group of the identity. */
  readonly resourceGroupName: string;
  /** Azure location of the identity, e.g. `westeurope`. */
  readonly location: string;
  /** Resource id of the DNS zone the identity may write (the role's only scope). */
  readonly dnsZoneId: string;
  /** OIDC issuer URL of the AKS cluster running cert-manager. */
  readonly oidcIssuerUrl: string;
  /**
   * Extra tags.
   * @default only the managed-by tag
   */
  readonly tags?: { [key: string]: string };
}

/** A managed identity for cert-manager's Azure DNS solver. */
export class AzureDnsSolverIdentity extends Construct {
  /** Client id for the ClusterIssuer's `managedIdentity.clientID` and the service account. */
  public readonly clientId: string;
  public readonly principalId: string;
  public readonly subscriptionId: string;
  public readonly resourceGroupName: string;
  public readonly identity: UserAssignedIdentity;
  /** What cert-manager's service account and pods carry to act as it (`CertManagerProps.workloadIdentity`). */
  public readonly workloadIdentity: AksWorkloadIdentity;

  constructor(scope: Construct, id: string, props: AzureDnsSolverIdentityProps) {
    super(scope, id);
    const path = this.node.path;
    assertNonEmpty(props.name, `${path}.name`, 'acme-azure-cert-manager');
    assertNonEmpty(props.subscriptionId, `${path}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
    assertNonEmpty(props.resourceGroupName, `${path}.resourceGroupName`, 'acme-azure-rg');
    assertNonEmpty(props.location, `${path}.location`, 'westeurope');
    assertNonEmpty(props.dnsZoneId, `${path}.dnsZoneId`, '/subscriptions/.../dnszones/acme.example');
    if (!isUnresolved(props.dnsZoneId) && !/\/providers\/Microsoft\.Network\/dnszones\//i.test(props.dnsZoneId)) {
      throw new ValidationError(`${path}.dnsZoneId`, props.dnsZoneId, 'must be the resource id of an Azure DNS zone (…/providers/Microsoft.Network/dnszones/<zone>); the role is scoped to that zone only');
    }
    if (!isUnresolved(props.oidcIssuerUrl) && !/^https:\/\//.test(props.oidcIssuerUrl ?? '')) {
      throw new ValidationError(`${path}.oidcIssuerUrl`, props.oidcIssuerUrl, 'must be the cluster\'s https OIDC issuer URL (AksCluster.oidcIssuerUrl)');
    }
    const provider = azureProvider(this, props.subscriptionId);
    this.identity = new UserAssignedIdentity(this, 'identity', {
      provider,
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: ownershipTags({}, props.tags),
    });
    new RoleAssignment(this, 'dns-zone-contributor', {
      provider,
      scope: props.dnsZoneId,
      roleDefinitionName: DNS_ZONE_CONTRIBUTOR,
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
      // A new identity takes a while to replicate in Entra ID; without this the assignment can fail.
      skipServicePrincipalAadCheck: true,
    });
    new FederatedIdentityCredential(this, 'federation', {
      provider,
      name: 'cert-manager',
      resourceGroupName: props.resourceGroupName,
      parentId: this.identity.id,
      issuer: props.oidcIssuerUrl,
      subject: `system:serviceaccount:${CERT_MANAGER_NAMESPACE}:${CERT_MANAGER_SERVICE_ACCOUNT}`,
      audience: [TOKEN_EXCHANGE_AUDIENCE],
    });
    this.clientId = this.identity.clientId;
    this.workloadIdentity = new AksWorkloadIdentity(this.clientId, `${path}.clientId`);
    this.principalId = this.identity.principalId;
    this.subscriptionId = props.subscriptionId;
    this.resourceGroupName = props.resourceGroupName;
  }
}
