/**
 * A production-hardened AKS cluster with its own network, reserved egress
 * addresses and a connection for later-stage stacks.
 *
 * Each hard-coded hardening cites the Checkov check (and through it the CIS AKS
 * benchmark item) it follows; settings nobody should relax are not props.
 */
import { Construct } from 'constructs';
import { TimeSleep } from '../private/time-provider';
import { Fn, ITerraformDependable } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Cloud } from '../core/cloud';
import { AzurePublicAddress, AzurePublicAddressOptions } from '../network/azure-public-address';
import { azureProvider } from '../private/cloud-providers';
import {
  ValidationError,
  assertDns1123Label,
  assertIntegerInRange,
  assertIpv4Cidr,
  assertNoCidrOverlap,
  assertNonEmpty,
  isUnresolved,
  parseIpv4Cidr,
} from '../private/validation';
import { assertOwnership, ownershipTags, recordWaiver } from '../private/ownership';
import { assertNodeCounts } from '../private/node-counts';
import { AKS_CLUSTER_NAME_MAX_LENGTH, AZURE_PUBLIC_IP_NAME_MAX_LENGTH, aksNodeCountDefaults, apiServerAccessDeclared, azureResourceGroupNameProblem, publicAddressName } from '../private/cluster-names';
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { IReservedAddress } from '../network/reserved-address';
import { ICluster } from './cluster';
import { ClusterConnection, IClusterConnection } from './cluster-connection';
import { ClusterNetworkRange } from './cluster-network-range';

/** An AKS cluster as later stages and the cert-manager identity need it, created here or imported. */
export interface IAksCluster extends ICluster {
  /** Subscription of the cluster. */
  readonly subscriptionId: string;
  /** Resource group holding the cluster (and, by default, the addresses reserved for it). */
  readonly resourceGroupName: string;
  /** The OIDC issuer URL, for federating workload identities (cert-manager's DNS-01 solver). */
  readonly oidcIssuerUrl: string;
  /** {@link ICluster.reservePublicAddress} with Azure's options, returning the Azure public IP. */
  reserveAzurePublicAddress(id: string, options?: AzurePublicAddressOptions): AzurePublicAddress;
}

/** What {@link AksCluster.fromClusterAttributes} needs to reach an existing AKS cluster and reserve addresses for it. */
export interface AksClusterAttributes {
  /** The cluster's name, as Azure knows it. */
  readonly clusterName: string;
  /** The resource group that holds the cluster. */
  readonly resourceGroupName: string;
  /** Subscription of the cluster. */
  readonly subscriptionId: string;
  /** Azure location of the cluster, e.g. `westeurope` (the reserved addresses must be in it). */
  readonly location: string;
  /**
   * The cluster's OIDC issuer URL (its `oidc_issuer_profile`), for workload identities.
   * @default looked up by name (`data.azurerm_kubernetes_cluster`) when first asked for
   */
  readonly oidcIssuerUrl?: string;
  /**
   * Principal (object) id of the cluster's control-plane identity
   * (`az aks show --query identity.principalId`, or `az identity show --query principalId`
   * for a user-assigned one). When given, every address reserved for the cluster grants it
   * Network Contributor on the address's resource group, as a created cluster gets: AKS binds
   * a static IP outside its node resource group only with that grant.
   * @default none: the identity must hold the grant already, or LoadBalancer Services stay pending
   */
  readonly identityPrincipalId?: string;
  /**
   * Ephemeral mode of the addresses reserved for the cluster: no delete protection;
   * `owner` and `expiresAt` become required.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Owner tag of the resources created for the cluster (required when ephemeral).
   * @default no owner tag
   */
  readonly owner?: string;
  /**
   * `expires-at` tag, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry tag
   */
  readonly expiresAt?: string;
  /**
   * Extra tags of the resources created for the cluster.
   * @default none
   */
  readonly tags?: { [key: string]: string };
}

/** Props of {@link AksCluster}. */
export interface AksClusterProps {
  /** Cluster name: a DNS-1123 label of at most 54 characters (also the API server's DNS prefix). */
  readonly name: string;
  /** Azure location, e.g. `westeurope`. */
  readonly location: string;
  /** Subscription the cluster lives in. */
  readonly subscriptionId: string;
  /**
   * Existing resource group for every resource of the cluster.
   * @default a new resource group `<name>-rg`
   */
  readonly resourceGroupName?: string;
  /**
   * Address space of the cluster's own virtual network.
   * @default "10.10.0.0/16"
   */
  readonly vnetCidr?: string;
  /**
   * Node subnet, inside `vnetCidr`.
   * @default the first /20 of `vnetCidr` ("10.10.0.0/20" for the default VNet)
   */
  readonly nodeSubnetCidr?: string;
  /**
   * Overlay pod range (Azure CNI overlay: never routed outside the cluster).
   * @default "192.168.0.0/16"
   */
  readonly podCidr?: string;
  /**
   * Service range; must not overlap the node network or the pod range.
   * @default "10.0.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * An existing subnet for the nodes instead of a new virtual network (then
   * `vnetCidr` and `nodeSubnetCidr` must be left out). The cluster identity gets
   * Network Contributor on it.
   * @default a new virtual network and subnet
   */
  readonly existingSubnetId?: string;
  /**
   * Kubernetes version (`1.33` or `1.33.2`) at creation; afterwards the automatic
   * upgrade channel moves it, and the construct ignores the drift.
   * @default the region's default version
   */
  readonly kubernetesVersion?: string;
  /**
   * Automatic upgrade channel: `patch`, `stable` or `rapid`.
   * @default "stable"
   */
  readonly upgradeChannel?: string;
  /**
   * Network policy engine: `cilium` (Azure CNI powered by Cilium, eBPF, like GKE
   * Dataplane V2) or `azure` (Azure Network Policy Manager, iptables).
   * @default "cilium"
   */
  readonly networkPolicy?: string;
  /**
   * VM size of the system node pool (needs a cache or temp disk of at least 64 GiB for the ephemeral OS disk).
   * @default "Standard_D4ds_v5" ("Standard_D2ds_v5" when ephemeral)
   */
  readonly systemNodeVmSize?: string;
  /**
   * VM size of the user (workload) node pool.
   * @default "Standard_D4ds_v5" ("Standard_D2ds_v5" when ephemeral)
   */
  readonly nodeVmSize?: string;
  /**
   * Minimum node count of the autoscaling user pool.
   * @default 2 (1 when ephemeral)
   */
  readonly minNodes?: number;
  /**
   * Maximum node count of the autoscaling user pool.
   * @default 5 (3 when ephemeral)
   */
  readonly maxNodes?: number;
  /**
   * Public CIDRs allowed to reach the API server (where Terraform and operators run).
   * Required unless `privateCluster` or `allowPublicApiServer` is set.
   * @default none
   */
  readonly apiServerAuthorizedIpRanges?: string[];
  /**
   * Private API server (reachable only from the virtual network and peered networks);
   * the platform and mesh stages must then run from such a network.
   * @default false
   */
  readonly privateCluster?: boolean;
  /**
   * Explicit waiver: let the API server accept connections from any address when
   * neither `apiServerAuthorizedIpRanges` nor `privateCluster` is set. Insecure.
   * @default false
   */
  readonly allowPublicApiServer?: boolean;
  /**
   * Entra ID groups that get cluster-admin through Azure RBAC.
   * @default none (the deploying principal gets a data-plane role instead, see `grantDeployerClusterAdmin`)
   */
  readonly adminGroupObjectIds?: string[];
  /**
   * Entra ID tenant whose users and groups sign in to the cluster.
   * @default the tenant of the credentials Terraform runs with (`data.azurerm_client_config`)
   */
  readonly tenantId?: string;
  /**
   * Grant whoever runs Terraform (the `azurerm` provider's principal) the built-in role
   * "Azure Kubernetes Service RBAC Cluster Admin" on this cluster. With Azure RBAC on and
   * local accounts disabled nobody else can reach the Kubernetes API, and the platform and
   * mesh stages sign in with kubelogin as that same principal (`az login`): without a
   * data-plane role they get 403. Creating the assignment needs
   * `Microsoft.Authorization/roleAssignments/write` (Owner, or Role Based Access Control
   * Administrator) for the deployer, like the identity's network grants. Turn it off when
   * `adminGroupObjectIds` or a role assignment made elsewhere already covers that principal,
   * or when the later stages sign in as another principal than the azurerm provider.
   * @default true
   */
  readonly grantDeployerClusterAdmin?: boolean;
  /**
   * Disk encryption set (customer-managed keys) for node OS disks and volumes (CKV_AZURE_117).
   * The cluster's control-plane identity ({@link AksCluster.identityPrincipalId}) must be
   * allowed to read it before the cluster is created.
   * @default platform-managed keys (recorded as a waiver of CKV_AZURE_117)
   */
  readonly diskEncryptionSetId?: string;
  /**
   * An existing network security group to associate with the node subnet the construct
   * creates (CKV2_AZURE_31). AKS does not write rules for LoadBalancer Services into a
   * subnet NSG (only into the NSG it manages on the node NICs), so this NSG must itself
   * allow the public ports of KDS, zone ingresses and gateways.
   * @default no subnet NSG: the AKS-managed NSG on the node NICs filters inbound traffic
   * (recorded as a waiver of CKV2_AZURE_31)
   */
  readonly nodeSubnetNetworkSecurityGroupId?: string;
  /**
   * Encryption at host (temp disks and caches). Needs the subscription feature
   * `Microsoft.Compute/EncryptionAtHost` registered and a VM size that supports it.
   * @default true
   */
  readonly encryptionAtHost?: boolean;
  /**
   * Existing Log Analytics workspace for Container Insights.
   * @default a new workspace `<name>-logs` with 30 days retention
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Number of reserved public IPs the cluster's outbound traffic leaves from.
   * @default 1
   */
  readonly egressAddressCount?: number;
  /**
   * Ephemeral mode: no delete protection, Free tier, smallest sizes, a spot user
   * pool; `owner` and `expiresAt` become required.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Owner tag on every resource (required when ephemeral).
   * @default no owner tag
   */
  readonly owner?: string;
  /**
   * `expires-at` tag on every resource, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry tag
   */
  readonly expiresAt?: string;
  /**
   * Extra tags on every resource.
   * @default none
   */
  readonly tags?: { [key: string]: string };
}

const DEFAULT_VNET_CIDR = '10.10.0.0/16';
const DEFAULT_POD_CIDR = '192.168.0.0/16';
const DEFAULT_SERVICE_CIDR = '10.0.0.0/16';
const UPGRADE_CHANNELS = ['patch', 'stable', 'rapid'];
const NETWORK_POLICIES = ['cilium', 'azure'];
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether `value` is a GUID, the form of Azure subscription, tenant and object ids. Pure (the topology validator asks it too). */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}
const KUBERNETES_VERSION = /^\d+\.\d+(\.\d+)?$/;
/**
 * The built-in role that lets a principal do everything in the Kubernetes API of an AKS
 * cluster with Azure RBAC (data action `Microsoft.ContainerService/managedClusters/*`),
 * and list the user kubeconfig that `data.azurerm_kubernetes_cluster` reads.
 */
export const AKS_RBAC_CLUSTER_ADMIN_ROLE = 'Azure Kubernetes Service RBAC Cluster Admin';
/** How long the infra stage waits for a new AKS data-plane role assignment to take effect. */
const ROLE_PROPAGATION_WAIT = '120s';
/**
 * Node pool names: lowercase letter first, then lowercase letters and digits, 12 at most
 * (hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/containers/validate/kubernetes.go#KubernetesAgentPoolName).
 */
const SYSTEM_POOL = 'system';
const SYSTEM_POOL_ROTATION = 'systemtmp';
const USER_POOL = 'workload';
const USER_POOL_ROTATION = 'workloadtmp';
/** AKS limits the DNS prefix, which is the cluster name here, to 54 characters. */
const MAX_NAME_LENGTH = AKS_CLUSTER_NAME_MAX_LENGTH;

/**
 * The IPv4 ranges an {@link AksCluster} with these props uses, for overlap checks
 * across a topology. Pure: no construct is created. `fieldPrefix` names the props
 * in error messages (a construct path or a topology field).
 */
export function aksClusterNetworkRanges(props: AksClusterProps, fieldPrefix = 'AksCluster'): ClusterNetworkRange[] {
  const ranges: ClusterNetworkRange[] = [];
  if (props.existingSubnetId === undefined) {
    ranges.push({ field: `${fieldPrefix}.vnetCidr`, cidr: props.vnetCidr ?? DEFAULT_VNET_CIDR, clusterLocal: false });
  }
  ranges.push(
    { field: `${fieldPrefix}.podCidr`, cidr: props.podCidr ?? DEFAULT_POD_CIDR, clusterLocal: true },
    { field: `${fieldPrefix}.serviceCidr`, cidr: props.serviceCidr ?? DEFAULT_SERVICE_CIDR, clusterLocal: true },
  );
  return ranges;
}

/**
 * An AKS cluster with production defaults: Azure CNI overlay with a network
 * policy engine, OIDC issuer and workload identity, Entra ID with Azure RBAC and
 * no local accounts, an automatic upgrade channel, a system pool for critical
 * add-ons only and a separate autoscaling user pool, ephemeral OS disks with
 * encryption at host, no node public IPs, the Azure Policy add-on and Container
 * Insights. Outbound traffic leaves through reserved public IPs
 * ({@link egressAddresses}) so that KDS and zone ingresses can allow-list them.
 */
export class AksCluster extends Construct implements IAksCluster {
  /**
   * An AKS cluster that exists already: nothing is created for it but what is asked for
   * (addresses, the OIDC issuer lookup), and later stages reach it by name
   * ({@link ClusterConnection.fromAksCluster}). Those resources are created in `scope`,
   * beside the import, named after the cluster (`<clusterName>-address-<id>`,
   * `oidc-<clusterName>`), so that an app that reserved addresses for an existing cluster
   * before this import existed keeps them.
   */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: AksClusterAttributes): IAksCluster {
    return new ImportedAksCluster(scope, id, attrs);
  }

  public readonly cloud = Cloud.AZURE;
  /** Cluster name (a token: using it in another stack makes that stack depend on this one). */
  public readonly clusterName: string;
  /** Azure location. */
  public readonly region: string;
  /** Subscription of the cluster. */
  public readonly subscriptionId: string;
  /** Resource group holding the cluster, its network and its addresses. */
  public readonly resourceGroupName: string;
  /** The OIDC issuer URL, for federating workload identities (cert-manager's DNS-01 solver). */
  public readonly oidcIssuerUrl: string;
  /** Public IPv4 addresses the cluster's outbound traffic leaves from. */
  public readonly egressAddresses: string[];
  /** Principal id of the cluster's control-plane identity (Network Contributor on the resource group). */
  public readonly identityPrincipalId: string;
  /** The Terraform resource of the cluster, for settings this construct does not expose. */
  public readonly kubernetesCluster: KubernetesCluster;
  public readonly ephemeral: boolean;
  /** How later-stage stacks reach this cluster (a data source by name, kubelogin credentials). */
  public readonly connection: IClusterConnection;
  /**
   * The data-plane role of the principal that runs Terraform (see `grantDeployerClusterAdmin`);
   * undefined when turned off.
   */
  public readonly deployerAccess?: RoleAssignment;

  private readonly props: AksClusterProps;
  private readonly resourceGroupId: string;
  /** Resource groups (other than the cluster's) where the identity may already use addresses. */
  private readonly grantedResourceGroups = new Set<string>();

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const path = this.node.path;
    validate(path, props);

    const ephemeral = props.ephemeral ?? false;
    const provider = azureProvider(this, props.subscriptionId);
    const tags = ownershipTags(props, props.tags);
    this.props = props;
    this.ephemeral = ephemeral;
    this.region = props.location;
    this.subscriptionId = props.subscriptionId;
    // Stateful resources survive a mistaken destroy outside ephemeral environments.
    const protect = ephemeral ? undefined : { preventDestroy: true };

    let resourceGroupName: string;
    if (props.resourceGroupName !== undefined) {
      resourceGroupName = props.resourceGroupName;
      this.resourceGroupId = `/subscriptions/${props.subscriptionId}/resourceGroups/${props.resourceGroupName}`;
    } else {
      const group = new ResourceGroup(this, 'resource-group', { provider, name: `${props.name}-rg`, location: props.location, tags });
      resourceGroupName = group.name;
      this.resourceGroupId = group.id;
    }
    this.resourceGroupName = resourceGroupName;

    // The control-plane identity exists before the cluster, so its network rights
    // (outbound IPs, subnet, Service IPs) are in place when AKS first needs them.
    const identity = new UserAssignedIdentity(this, 'identity', {
      provider,
      name: `${props.name}-control-plane`,
      resourceGroupName,
      location: props.location,
      tags,
    });
    this.identityPrincipalId = identity.principalId;
    // What AKS needs in place before it first touches the network: the identity's rights, the subnet NSG.
    const networkGrants: ITerraformDependable[] = [
      new RoleAssignment(this, 'identity-network-contributor', {
        provider,
        scope: this.resourceGroupId,
        roleDefinitionName: 'Network Contributor',
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
        skipServicePrincipalAadCheck: true,
      }),
    ];

    let subnetId: string;
    if (props.existingSubnetId !== undefined) {
      subnetId = props.existingSubnetId;
      networkGrants.push(
        new RoleAssignment(this, 'identity-subnet-network-contributor', {
          provider,
          scope: props.existingSubnetId,
          roleDefinitionName: 'Network Contributor',
          principalId: identity.principalId,
          principalType: 'ServicePrincipal',
          skipServicePrincipalAadCheck: true,
        }),
      );
    } else {
      const vnet = new VirtualNetwork(this, 'vnet', {
        provider,
        name: `${props.name}-vnet`,
        resourceGroupName,
        location: props.location,
        addressSpace: [props.vnetCidr ?? DEFAULT_VNET_CIDR],
        tags,
      });
      const subnet = new Subnet(this, 'node-subnet', {
        provider,
        name: 'nodes',
        resourceGroupName,
        virtualNetworkName: vnet.name,
        addressPrefixes: [props.nodeSubnetCidr ?? defaultNodeSubnetCidr(props.vnetCidr ?? DEFAULT_VNET_CIDR)],
        // Outbound leaves through the reserved addresses only, never Azure's implicit default outbound IP.
        defaultOutboundAccessEnabled: false,
      });
      subnetId = subnet.id;
      if (props.nodeSubnetNetworkSecurityGroupId !== undefined) {
        // CKV2_AZURE_31. The pools wait for it: AKS must not place nodes before the NSG applies.
        networkGrants.push(
          new SubnetNetworkSecurityGroupAssociation(this, 'node-subnet-nsg', {
            provider,
            subnetId: subnet.id,
            networkSecurityGroupId: props.nodeSubnetNetworkSecurityGroupId,
          }),
        );
      } else {
        recordWaiver(subnet, 'CKV2_AZURE_31', 'nodeSubnetNetworkSecurityGroupId');
      }
    }

    const egress = Array.from({ length: props.egressAddressCount ?? 1 }, (_, index) =>
      new AzurePublicAddress(this, `egress-${index}`, {
        name: `${props.name}-egress-${index}`,
        resourceGroupName,
        location: props.location,
        subscriptionId: props.subscriptionId,
        ephemeral,
        owner: props.owner,
        expiresAt: props.expiresAt,
        tags: props.tags,
      }),
    );
    this.egressAddresses = egress.map((address) => address.address);

    // CKV_AZURE_4: Container Insights needs a Log Analytics workspace.
    const logAnalyticsWorkspaceId =
      props.logAnalyticsWorkspaceId ??
      new LogAnalyticsWorkspace(this, 'logs', {
        provider,
        name: `${props.name}-logs`,
        resourceGroupName,
        location: props.location,
        sku: 'PerGB2018',
        retentionInDays: 30,
        tags,
        lifecycle: protect,
      }).id;

    const systemVmSize = props.systemNodeVmSize ?? (ephemeral ? 'Standard_D2ds_v5' : 'Standard_D4ds_v5');
    const userVmSize = props.nodeVmSize ?? (ephemeral ? 'Standard_D2ds_v5' : 'Standard_D4ds_v5');
    const encryptionAtHost = props.encryptionAtHost ?? true;
    const networkPolicy = props.networkPolicy ?? 'cilium';
    const serviceCidr = props.serviceCidr ?? DEFAULT_SERVICE_CIDR;
    const authorizedRanges = props.apiServerAuthorizedIpRanges ?? [];
    // Who runs Terraform: its tenant signs users in, and (by default) it gets a data-plane role.
    const deployer = new DataAzurermClientConfig(this, 'deployer', { provider });

    this.kubernetesCluster = new KubernetesCluster(this, 'cluster', {
      provider,
      name: props.name,
      location: props.location,
      resourceGroupName,
      dnsPrefix: props.name,
      kubernetesVersion: props.kubernetesVersion,
      // CKV_AZURE_170: the Standard tier carries the API server SLA; Free is enough for a throwaway cluster.
      skuTier: ephemeral ? 'Free' : 'Standard',
      // CKV_AZURE_171: an automatic upgrade channel keeps the control plane and nodes patched.
      automaticUpgradeChannel: props.upgradeChannel ?? 'stable',
      nodeOsUpgradeChannel: 'NodeImage',
      // OIDC issuer + workload identity: pods get Entra ID tokens without stored secrets.
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      // CKV_AZURE_5: Kubernetes RBAC.
      roleBasedAccessControlEnabled: true,
      // CKV_AZURE_141: no local (certificate) accounts; every login goes through Entra ID.
      localAccountDisabled: true,
      // The provider requires tenant_id or admin_group_object_ids in this block (AtLeastOneOf,
      // hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/containers/kubernetes_cluster_resource.go);
      // the tenant is always known, so it is always set.
      azureActiveDirectoryRoleBasedAccessControl: {
        azureRbacEnabled: true,
        tenantId: props.tenantId ?? deployer.tenantId,
        adminGroupObjectIds: props.adminGroupObjectIds,
      },
      // CKV_AZURE_115: a private API server when asked for.
      privateClusterEnabled: props.privateCluster ?? false,
      // CKV_AZURE_6: the public API server only answers the authorized ranges.
      apiServerAccessProfile: authorizedRanges.length > 0 ? { authorizedIpRanges: authorizedRanges } : undefined,
      // CKV_AZURE_116: Azure Policy add-on (Gatekeeper) enforces pod security baselines.
      azurePolicyEnabled: true,
      // CKV_AZURE_4: control-plane and container logs go to Azure Monitor.
      omsAgent: { logAnalyticsWorkspaceId, msiAuthForMonitoringEnabled: true },
      // CKV_AZURE_172: the Key Vault CSI driver re-reads mounted secrets, so a rotated secret reaches pods.
      keyVaultSecretsProvider: { secretRotationEnabled: true },
      // CKV_AZURE_117: customer-managed keys for node disks when a disk encryption set is given.
      diskEncryptionSetId: props.diskEncryptionSetId,
      // CKV_AZURE_8 (Kubernetes dashboard disabled) holds by construction: azurerm 4 has no dashboard add-on.
      identity: { type: 'UserAssigned', identityIds: [identity.id] },
      networkProfile: {
        // CKV2_AZURE_29: Azure CNI; overlay mode keeps pod IPs out of the VNet address plan.
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        // CKV_AZURE_7: a network policy engine enforces NetworkPolicies.
        networkPolicy,
        networkDataPlane: networkPolicy === 'cilium' ? 'cilium' : 'azure',
        podCidr: props.podCidr ?? DEFAULT_POD_CIDR,
        serviceCidr,
        dnsServiceIp: dnsServiceIp(serviceCidr),
        loadBalancerSku: 'standard',
        outboundType: 'loadBalancer',
        // Outbound through addresses known before deploy, so other zones can allow-list them.
        loadBalancerProfile: { outboundIpAddressIds: egress.map((address) => address.publicIpId) },
      },
      defaultNodePool: {
        name: SYSTEM_POOL,
        vmSize: systemVmSize,
        vnetSubnetId: subnetId,
        autoScalingEnabled: true,
        minCount: ephemeral ? 1 : 2,
        maxCount: ephemeral ? 2 : 3,
        // CKV_AZURE_232: the system pool carries CriticalAddonsOnly=true:NoSchedule. In ephemeral
        // mode the user pool is spot (tainted by AKS), so the system pool also takes workloads
        // whose charts do not tolerate spot nodes.
        onlyCriticalAddonsEnabled: !ephemeral,
        // CKV_AZURE_168: at least 50 pods per node.
        maxPods: 110,
        // CKV_AZURE_226: ephemeral OS disks (on the VM cache/temp disk).
        osDiskType: 'Ephemeral',
        osDiskSizeGb: 64,
        osSku: 'AzureLinux',
        // CKV_AZURE_227: temp disks, caches and disk data flows encrypted at the host.
        hostEncryptionEnabled: encryptionAtHost,
        // CKV_AZURE_143: nodes get no public IPs.
        nodePublicIpEnabled: false,
        // Lets AKS change the VM size by rotating the pool instead of recreating the cluster.
        temporaryNameForRotation: SYSTEM_POOL_ROTATION,
        upgradeSettings: { maxSurge: '10%' },
        tags,
      },
      tags,
      dependsOn: networkGrants,
      lifecycle: {
        // The upgrade channel moves versions and the autoscaler moves node counts.
        ignoreChanges: ['kubernetes_version', 'default_node_pool[0].orchestrator_version', 'default_node_pool[0].node_count'],
        preventDestroy: ephemeral ? undefined : true,
      },
    });
    this.clusterName = this.kubernetesCluster.name;
    this.oidcIssuerUrl = this.kubernetesCluster.oidcIssuerUrl;
    // Relaxations are recorded on the resource, named after the prop that chose them, for policy reports.
    if (authorizedRanges.length === 0 && !props.privateCluster) {
      recordWaiver(this.kubernetesCluster, 'CKV_AZURE_6', 'allowPublicApiServer');
    }
    // Checkov's CKV_AZURE_115 passes on private_cluster_enabled only; authorized ranges do not count.
    if (!props.privateCluster) recordWaiver(this.kubernetesCluster, 'CKV_AZURE_115', 'privateCluster');
    if (props.diskEncryptionSetId === undefined) recordWaiver(this.kubernetesCluster, 'CKV_AZURE_117', 'diskEncryptionSetId');
    if (ephemeral) {
      recordWaiver(this.kubernetesCluster, 'CKV_AZURE_170', 'ephemeral');
      recordWaiver(this.kubernetesCluster, 'CKV_AZURE_232', 'ephemeral');
    }
    if (!encryptionAtHost) recordWaiver(this.kubernetesCluster, 'CKV_AZURE_227', 'encryptionAtHost');

    // Azure RBAC with local accounts disabled: only principals with an Azure role on the
    // cluster reach its API. The platform and mesh stages run as the deployer (kubelogin
    // --login azurecli), so the deployer gets cluster admin here, in the infra stage,
    // before any later stage talks to the cluster. Azure takes a while to propagate a new
    // assignment to the API server, so the infra stage ends only after a pause: a platform
    // stage applied straight after would otherwise start with 403s.
    if (props.grantDeployerClusterAdmin ?? true) {
      this.deployerAccess = new RoleAssignment(this, 'deployer-cluster-admin', {
        provider,
        scope: this.kubernetesCluster.id,
        roleDefinitionName: AKS_RBAC_CLUSTER_ADMIN_ROLE,
        principalId: deployer.objectId,
      });
      new TimeSleep(this, 'deployer-access-propagation', { createDuration: ROLE_PROPAGATION_WAIT, dependsOn: [this.deployerAccess] });
    }

    const userPool = new KubernetesClusterNodePool(this, 'user-pool', {
      provider,
      name: USER_POOL,
      kubernetesClusterId: this.kubernetesCluster.id,
      mode: 'User',
      vmSize: userVmSize,
      vnetSubnetId: subnetId,
      autoScalingEnabled: true,
      minCount: props.minNodes ?? aksNodeCountDefaults(ephemeral).min,
      maxCount: props.maxNodes ?? aksNodeCountDefaults(ephemeral).max,
      maxPods: 110,
      osDiskType: 'Ephemeral',
      osDiskSizeGb: 64,
      osSku: 'AzureLinux',
      hostEncryptionEnabled: encryptionAtHost,
      nodePublicIpEnabled: false,
      // Changing the VM size, disk or max pods cycles the pool through a temporary one; the
      // provider refuses such an update without this name (kubernetes_cluster_node_pool_resource.go, update).
      temporaryNameForRotation: USER_POOL_ROTATION,
      // Spot capacity is cheap and may vanish: fine for a throwaway environment. AKS adds
      // the spot taint itself; declaring it avoids a perpetual diff.
      ...(ephemeral
        ? { priority: 'Spot', evictionPolicy: 'Delete', spotMaxPrice: -1, nodeTaints: ['kubernetes.azure.com/scalesetpriority=spot:NoSchedule'] }
        : { upgradeSettings: { maxSurge: '10%' } }),
      tags,
      lifecycle: { ignoreChanges: ['node_count', 'orchestrator_version'] },
    });
    if (!encryptionAtHost) recordWaiver(userPool, 'CKV_AZURE_227', 'encryptionAtHost');

    this.connection = ClusterConnection.fromAksCluster({
      clusterName: this.clusterName,
      resourceGroupName,
      subscriptionId: props.subscriptionId,
      name: props.name,
    });
  }

  /** Reserves a static public IP (with the defaults of {@link reserveAzurePublicAddress}). */
  public reservePublicAddress(id: string): IReservedAddress {
    return this.reserveAzurePublicAddress(id);
  }

  /**
   * Reserves a static public IP that LoadBalancer Services of this cluster can bind
   * (KDS, zone ingress, gateways). It lives in the cluster's resource group unless
   * `options.resourceGroupName` says otherwise; the cluster identity gets Network
   * Contributor on that resource group.
   */
  public reserveAzurePublicAddress(id: string, options: AzurePublicAddressOptions = {}): AzurePublicAddress {
    const address = new AzurePublicAddress(this, `address-${id}`, {
      ...options,
      name: options.name ?? publicAddressName(this.props.name, id, AZURE_PUBLIC_IP_NAME_MAX_LENGTH),
      resourceGroupName: options.resourceGroupName ?? this.resourceGroupName,
      location: this.props.location,
      subscriptionId: this.props.subscriptionId,
      ephemeral: this.ephemeral,
      owner: this.props.owner,
      expiresAt: this.props.expiresAt,
      tags: { ...this.props.tags, ...options.tags },
    });
    // The cluster's own resource group is already covered by the identity's grant.
    const groupName = options.resourceGroupName;
    if (groupName !== undefined && groupName !== this.props.resourceGroupName && !this.grantedResourceGroups.has(groupName)) {
      address.allowUseBy(this.identityPrincipalId);
      this.grantedResourceGroups.add(groupName);
    }
    return address;
  }
}

/** An existing AKS cluster, reached by name. */
class ImportedAksCluster extends Construct implements IAksCluster {
  public readonly cloud = Cloud.AZURE;
  public readonly clusterName: string;
  public readonly region: string;
  public readonly subscriptionId: string;
  public readonly resourceGroupName: string;
  public readonly ephemeral: boolean;
  public readonly connection: IClusterConnection;
  /** This app does not manage an existing cluster's outbound addresses. */
  public readonly egressAddresses: string[] = [];
  private readonly grantedResourceGroups = new Set<string>();
  private readonly attrs: AksClusterAttributes;
  private readonly host: Construct;
  private lookedUpOidcIssuerUrl?: string;

  constructor(scope: Construct, id: string, attrs: AksClusterAttributes) {
    super(scope, id);
    validateAttributes(`${this.node.path}`, attrs);
    this.attrs = attrs;
    this.host = scope;
    this.clusterName = attrs.clusterName;
    this.region = attrs.location;
    this.subscriptionId = attrs.subscriptionId;
    this.resourceGroupName = attrs.resourceGroupName;
    this.ephemeral = attrs.ephemeral ?? false;
    this.connection = ClusterConnection.fromAksCluster({ clusterName: attrs.clusterName, resourceGroupName: attrs.resourceGroupName, subscriptionId: attrs.subscriptionId });
  }

  public get oidcIssuerUrl(): string {
    if (this.attrs.oidcIssuerUrl !== undefined) return this.attrs.oidcIssuerUrl;
    // Looked up once, and only when a workload identity needs it.
    this.lookedUpOidcIssuerUrl ??= new DataAzurermKubernetesCluster(this.host, `oidc-${this.clusterName}`, {
      provider: azureProvider(this.host, this.subscriptionId),
      name: this.clusterName,
      resourceGroupName: this.resourceGroupName,
      // Without an issuer the data source reads "" and the federated credential, which does
      // not validate its issuer, fails only at apply, after the identity exists
      // (hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/containers/kubernetes_cluster_data_source.go#dataSourceKubernetesClusterRead).
      lifecycle: {
        postcondition: [{
          condition: '${self.oidc_issuer_enabled}',
          errorMessage: `AKS cluster "${this.clusterName}" has no OIDC issuer, which cert-manager's workload identity federation needs: az aks update -g ${this.resourceGroupName} -n ${this.clusterName} --enable-oidc-issuer --enable-workload-identity`,
        }],
      },
    }).oidcIssuerUrl;
    return this.lookedUpOidcIssuerUrl;
  }

  public reservePublicAddress(id: string): IReservedAddress {
    return this.reserveAzurePublicAddress(id);
  }

  /**
   * Reserves a static public IP in the cluster's resource group (or
   * `options.resourceGroupName`), granting the cluster's identity Network Contributor there
   * when `identityPrincipalId` is known; otherwise the identity must hold it already.
   */
  public reserveAzurePublicAddress(id: string, options: AzurePublicAddressOptions = {}): AzurePublicAddress {
    const address = new AzurePublicAddress(this.host, `${this.clusterName}-address-${id}`, {
      ...options,
      name: options.name ?? publicAddressName(this.clusterName, id, AZURE_PUBLIC_IP_NAME_MAX_LENGTH),
      resourceGroupName: options.resourceGroupName ?? this.resourceGroupName,
      location: this.region,
      subscriptionId: this.subscriptionId,
      ephemeral: this.attrs.ephemeral,
      owner: this.attrs.owner,
      expiresAt: this.attrs.expiresAt,
      tags: this.attrs.tags === undefined && options.tags === undefined ? undefined : { ...this.attrs.tags, ...options.tags },
    });
    // One grant per resource group: Azure refuses a second identical role assignment
    // (409 RoleAssignmentExists), and the provider treats that as fatal
    // (hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/authorization/role_assignment_resource.go#resourceArmRoleAssignmentCreate).
    const groupName = options.resourceGroupName ?? this.resourceGroupName;
    if (this.attrs.identityPrincipalId !== undefined && !this.grantedResourceGroups.has(groupName)) {
      address.allowUseBy(this.attrs.identityPrincipalId);
      this.grantedResourceGroups.add(groupName);
    }
    return address;
  }
}

function validateAttributes(path: string, attrs: AksClusterAttributes): void {
  assertNonEmpty(attrs.clusterName, `${path}.clusterName`, 'prod-aks-weu');
  assertNonEmpty(attrs.resourceGroupName, `${path}.resourceGroupName`, 'prod-aks-weu-rg');
  const problem = isUnresolved(attrs.resourceGroupName) ? undefined : azureResourceGroupNameProblem(attrs.resourceGroupName);
  if (problem) throw new ValidationError(`${path}.resourceGroupName`, attrs.resourceGroupName, `${problem}: it is an Azure resource group name, e.g. "prod-aks-weu-rg"`);
  assertNonEmpty(attrs.subscriptionId, `${path}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
  if (attrs.identityPrincipalId !== undefined) assertGuid(attrs.identityPrincipalId, `${path}.identityPrincipalId`);
  if (!isUnresolved(attrs.subscriptionId) && !GUID.test(attrs.subscriptionId)) {
    throw new ValidationError(`${path}.subscriptionId`, attrs.subscriptionId, 'must be a subscription id (a GUID), e.g. "00000000-0000-0000-0000-000000000000"');
  }
  assertNonEmpty(attrs.location, `${path}.location`, 'westeurope');
  if (attrs.oidcIssuerUrl !== undefined && !isUnresolved(attrs.oidcIssuerUrl) && !/^https:\/\/\S+$/.test(attrs.oidcIssuerUrl)) {
    throw new ValidationError(`${path}.oidcIssuerUrl`, attrs.oidcIssuerUrl, 'must be the cluster\'s OIDC issuer, an https URL (az aks show --query oidcIssuerProfile.issuerUrl), or be left out to look it up');
  }
  assertOwnership(path, attrs);
}

/** AKS's DNS service IP: the tenth address of the service range (the documented convention). */
function dnsServiceIp(serviceCidr: string): string {
  const parsed = isUnresolved(serviceCidr) ? undefined : parseIpv4Cidr(serviceCidr);
  if (!parsed) return Fn.cidrhost(serviceCidr, 10);
  const address = parsed.first + 10;
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.');
}

function validate(path: string, props: AksClusterProps): void {
  assertDns1123Label(props.name, `${path}.name`, 'AKS cluster name and DNS prefix');
  if (!isUnresolved(props.name) && props.name.length > MAX_NAME_LENGTH) {
    throw new ValidationError(`${path}.name`, props.name, `must be at most ${MAX_NAME_LENGTH} characters: it is also the API server's DNS prefix`);
  }
  assertNonEmpty(props.location, `${path}.location`, 'westeurope');
  assertNonEmpty(props.subscriptionId, `${path}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
  if (!isUnresolved(props.subscriptionId) && !GUID.test(props.subscriptionId)) {
    throw new ValidationError(`${path}.subscriptionId`, props.subscriptionId, 'must be a subscription id (a GUID), e.g. "00000000-0000-0000-0000-000000000000"');
  }
  if (props.resourceGroupName !== undefined) assertNonEmpty(props.resourceGroupName, `${path}.resourceGroupName`, 'acme-azure-rg');
  assertOwnership(path, props);

  if (props.existingSubnetId !== undefined) {
    assertNonEmpty(props.existingSubnetId, `${path}.existingSubnetId`, '/subscriptions/.../subnets/nodes');
    for (const prop of ['vnetCidr', 'nodeSubnetCidr'] as const) {
      if (props[prop] !== undefined) {
        throw new ValidationError(`${path}.${prop}`, props[prop], 'cannot be combined with existingSubnetId: leave it out to use the existing subnet, or drop existingSubnetId to create a network');
      }
    }
  } else {
    const vnet = assertIpv4Cidr(props.vnetCidr ?? DEFAULT_VNET_CIDR, `${path}.vnetCidr`);
    const subnetCidr = props.nodeSubnetCidr ?? defaultNodeSubnetCidr(props.vnetCidr ?? DEFAULT_VNET_CIDR);
    const subnet = assertIpv4Cidr(subnetCidr, `${path}.nodeSubnetCidr`);
    if (vnet && subnet && (subnet.first < vnet.first || subnet.last > vnet.last)) {
      throw new ValidationError(`${path}.nodeSubnetCidr`, subnetCidr, `must lie inside vnetCidr ("${vnet.text}")`);
    }
  }
  assertNoCidrOverlap(aksClusterNetworkRanges(props, path));

  if (props.kubernetesVersion !== undefined && !isUnresolved(props.kubernetesVersion) && !KUBERNETES_VERSION.test(props.kubernetesVersion)) {
    throw new ValidationError(`${path}.kubernetesVersion`, props.kubernetesVersion, 'must be a Kubernetes version like "1.33" or "1.33.2"');
  }
  if (props.upgradeChannel !== undefined && !UPGRADE_CHANNELS.includes(props.upgradeChannel)) {
    throw new ValidationError(`${path}.upgradeChannel`, props.upgradeChannel, `must be one of ${UPGRADE_CHANNELS.map((c) => `"${c}"`).join(', ')}`);
  }
  if (props.networkPolicy !== undefined && !NETWORK_POLICIES.includes(props.networkPolicy)) {
    throw new ValidationError(`${path}.networkPolicy`, props.networkPolicy, `must be one of ${NETWORK_POLICIES.map((c) => `"${c}"`).join(', ')}`);
  }
  for (const prop of ['systemNodeVmSize', 'nodeVmSize'] as const) {
    if (props[prop] !== undefined) assertNonEmpty(props[prop], `${path}.${prop}`, 'Standard_D4ds_v5');
  }
  assertNodeCounts(path, props.minNodes, props.maxNodes, aksNodeCountDefaults(props.ephemeral));
  assertIntegerInRange(props.egressAddressCount, `${path}.egressAddressCount`, 1, 16);

  const ranges = props.apiServerAuthorizedIpRanges ?? [];
  ranges.forEach((range, index) => assertIpv4Cidr(range, `${path}.apiServerAuthorizedIpRanges[${index}]`));
  if (props.privateCluster && ranges.length > 0) {
    throw new ValidationError(`${path}.apiServerAuthorizedIpRanges`, ranges, 'cannot be combined with privateCluster: a private API server has no public endpoint to restrict');
  }
  if (!apiServerAccessDeclared(ranges, props.allowPublicApiServer, props.privateCluster)) {
    throw new ValidationError(
      `${path}.apiServerAuthorizedIpRanges`,
      props.apiServerAuthorizedIpRanges,
      'must list the CIDRs allowed to reach the API server (e.g. ["203.0.113.0/24"]), or set privateCluster: true, or accept an API server open to the internet with allowPublicApiServer: true',
    );
  }
  if (props.tenantId !== undefined && !isUnresolved(props.tenantId) && !GUID.test(props.tenantId)) {
    throw new ValidationError(`${path}.tenantId`, props.tenantId, 'must be an Entra ID tenant id (a GUID)');
  }
  if (props.existingSubnetId !== undefined && props.nodeSubnetNetworkSecurityGroupId !== undefined) {
    throw new ValidationError(
      `${path}.nodeSubnetNetworkSecurityGroupId`,
      props.nodeSubnetNetworkSecurityGroupId,
      'cannot be combined with existingSubnetId: associate the NSG with your own subnet where it is defined',
    );
  }
  (props.adminGroupObjectIds ?? []).forEach((group, index) => {
    if (!isUnresolved(group) && !GUID.test(group)) {
      throw new ValidationError(`${path}.adminGroupObjectIds[${index}]`, group, 'must be an Entra ID group object id (a GUID)');
    }
  });
}

/**
 * The node subnet when none is given: the first /20 of the VNet (4,096 addresses: nodes
 * only, since pods use the overlay range), or the whole VNet when it is smaller.
 */
function defaultNodeSubnetCidr(vnetCidr: string): string {
  if (isUnresolved(vnetCidr)) return vnetCidr;
  const [address, prefix] = vnetCidr.split('/');
  return Number(prefix) >= 20 ? vnetCidr : `${address}/20`;
}

/** A GUID (an Entra ID object id), unless a token. */
function assertGuid(value: string, field: string): void {
  if (isUnresolved(value)) return;
  if (!isGuid(value)) {
    throw new ValidationError(field, value, 'must be the principal (object) id of the cluster\'s identity, a GUID such as "00000000-0000-0000-0000-000000000000" (az aks show --query identity.principalId)');
  }
}
