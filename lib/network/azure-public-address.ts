/**
 * A static public IPv4 address on Azure, reserved in the infra stage so that KDS,
 * zone ingresses and gateways have addresses known before any Helm release exists.
 */
import { Construct } from 'constructs';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Cloud } from '../core/cloud';
import { azureProvider } from '../private/cloud-providers';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';
import { assertOwnership, ownershipTags } from '../private/ownership';
import { IReservedAddress } from './reserved-address';

/** The annotation that tells AKS's cloud provider which resource group holds a Service's public IP. */
export const AZURE_LOAD_BALANCER_RESOURCE_GROUP_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-resource-group';
/** The annotation that pins a LoadBalancer Service's IPv4 address on AKS (the successor of `spec.loadBalancerIP`). */
export const AZURE_LOAD_BALANCER_IPV4_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';

/** Built-in Azure role that may read and join public IPs and subnets (what the AKS cloud provider needs). */
const NETWORK_CONTRIBUTOR = 'Network Contributor';

/** What a standalone and a cluster-reserved Azure public address share. */
export interface AzurePublicAddressSettings {
  /**
   * Availability zones of the address; `["1", "2", "3"]` makes it zone-redundant in regions that have zones.
   * @default no zone (the region's default placement)
   */
  readonly zones?: string[];
  /**
   * DNS label, giving `<label>.<location>.cloudapp.azure.com`.
   * @default no Azure DNS name
   */
  readonly domainNameLabel?: string;
  /**
   * Extra tags.
   * @default only the owner / expiry tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Everything about an Azure public address except where it lives (used by `AksCluster.reservePublicAddress`).
 * Not a base of {@link AzurePublicAddressProps}: jsii forbids re-declaring `name` as required (JSII5015).
 */
export interface AzurePublicAddressOptions extends AzurePublicAddressSettings {
  /**
   * Name of the public IP resource.
   * @default derived by the caller (`AksCluster.reservePublicAddress`: `<cluster>-<id>`)
   */
  readonly name?: string;
  /**
   * Resource group holding the address.
   * @default the cluster's resource group when reserved through `AksCluster.reservePublicAddress`
   */
  readonly resourceGroupName?: string;
}

/** Props of a standalone {@link AzurePublicAddress}. */
export interface AzurePublicAddressProps extends AzurePublicAddressSettings {
  /** Name of the public IP resource. */
  readonly name: string;
  /** Resource group holding the address (it must exist). */
  readonly resourceGroupName: string;
  /** Azure location, e.g. `westeurope`. */
  readonly location: string;
  /** Subscription of the address. */
  readonly subscriptionId: string;
  /**
   * Ephemeral mode: no delete protection; owner and expiry become required tags.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Owner tag (required when ephemeral).
   * @default no owner tag
   */
  readonly owner?: string;
  /**
   * `expires-at` tag, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry tag
   */
  readonly expiresAt?: string;
}

/**
 * A Standard SKU, static IPv4 public IP. Bind it to a `LoadBalancer` Service with
 * `spec.loadBalancerIP = address` plus {@link serviceAnnotations}; the cluster's
 * identity needs Network Contributor on the address's resource group
 * ({@link allowUseBy}), which `AksCluster.reservePublicAddress` arranges.
 */
export class AzurePublicAddress extends Construct implements IReservedAddress {
  public readonly cloud = Cloud.AZURE;
  /** The IPv4 address (known after the infra stage is applied). */
  public readonly address: string;
  /** The public IP's Azure resource id. */
  public readonly publicIpId: string;
  /** Name of the public IP resource. */
  public readonly addressName: string;
  /** Resource group holding the address. */
  public readonly resourceGroupName: string;
  /** The LoadBalancer Service annotations that bind this address on AKS. */
  public readonly serviceAnnotations: { [key: string]: string };

  private readonly resourceGroupId: string;
  private readonly subscriptionId: string;
  private readonly grantedPrincipals = new Set<string>();

  constructor(scope: Construct, id: string, props: AzurePublicAddressProps) {
    super(scope, id);
    const path = this.node.path;
    assertNonEmpty(props.name, `${path}.name`, 'gateway-ip');
    if (!isUnresolved(props.name) && !/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(props.name)) {
      throw new ValidationError(`${path}.name`, props.name, 'must be 1-80 letters, digits, "_", "." or "-", starting with a letter or digit and ending with a letter, digit or "_"');
    }
    assertNonEmpty(props.resourceGroupName, `${path}.resourceGroupName`, 'acme-azure-rg');
    assertNonEmpty(props.location, `${path}.location`, 'westeurope');
    assertNonEmpty(props.subscriptionId, `${path}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
    assertOwnership(path, props);

    const publicIp = new PublicIp(this, 'address', {
      provider: azureProvider(this, props.subscriptionId),
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      // Standard SKU: static, zone-capable, and the only SKU a Standard load balancer (AKS) accepts.
      sku: 'Standard',
      allocationMethod: 'Static',
      ipVersion: 'IPv4',
      zones: props.zones,
      domainNameLabel: props.domainNameLabel,
      tags: ownershipTags(props, props.tags),
      // DNS records and allow-lists point at this address: losing it is an outage.
      lifecycle: props.ephemeral ? undefined : { preventDestroy: true },
    });

    this.address = publicIp.ipAddress;
    this.publicIpId = publicIp.id;
    this.addressName = props.name;
    this.resourceGroupName = props.resourceGroupName;
    this.resourceGroupId = `/subscriptions/${props.subscriptionId}/resourceGroups/${props.resourceGroupName}`;
    this.serviceAnnotations = {
      [AZURE_LOAD_BALANCER_RESOURCE_GROUP_ANNOTATION]: props.resourceGroupName,
      [AZURE_LOAD_BALANCER_IPV4_ANNOTATION]: this.address,
    };
    this.subscriptionId = props.subscriptionId;
  }

  /**
   * Lets a principal (an AKS cluster's control-plane identity) attach this address
   * to its load balancer: Network Contributor on the address's resource group, as
   * the AKS documentation asks for a static IP outside the node resource group.
   * Idempotent per principal.
   */
  public allowUseBy(principalId: string): void {
    if (this.grantedPrincipals.has(principalId)) return;
    new RoleAssignment(this, `use-${this.grantedPrincipals.size}`, {
      provider: azureProvider(this, this.subscriptionId),
      scope: this.resourceGroupId,
      roleDefinitionName: NETWORK_CONTRIBUTOR,
      principalId,
      principalType: 'ServicePrincipal',
      // A freshly created managed identity may not have replicated in Entra ID yet.
      skipServicePrincipalAadCheck: true,
    });
    this.grantedPrincipals.add(principalId);
  }
}
