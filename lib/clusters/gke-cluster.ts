/**
 * A production-hardened regional GKE cluster with its own VPC, Cloud NAT on
 * reserved addresses and a connection for later-stage stacks.
 *
 * Each hard-coded hardening cites the Checkov check (CKV_GCP_*) or CIS GKE
 * benchmark item it follows, as terraform-google-modules' safer-cluster does;
 * settings nobody should relax are not props.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Cloud } from '../core/cloud';
import { GooglePublicAddress, GooglePublicAddressOptions } from '../network/google-public-address';
import { googleProvider } from '../private/cloud-providers';
import {
  ValidationError,
  assertIntegerInRange,
  assertIpv4Cidr,
  assertNoCidrOverlap,
  assertNonEmpty,
  isUnresolved,
} from '../private/validation';
import { assertNodeCounts } from '../private/node-counts';
import { GKE_CLUSTER_NAME, GKE_MASTER_CIDR_PREFIX_LENGTH, GOOGLE_COMPUTE_NAME_MAX_LENGTH, gkeNodeCountDefaults, gkeNodeServiceAccountId, apiServerAccessDeclared, publicAddressName } from '../private/cluster-names';
import { assertOwnership, ownershipLabels, recordWaiver } from '../private/ownership';
import { IReservedAddress } from '../network/reserved-address';
import { ICluster } from './cluster';
import { ClusterConnection, IClusterConnection } from './cluster-connection';
import { ClusterNetworkRange } from './cluster-network-range';

/** A GKE cluster as later stages need it, created here or imported. */
export interface IGkeCluster extends ICluster {
  /** Project of the cluster. */
  readonly project: string;
  /** {@link ICluster.reservePublicAddress} with Google's options, returning the compute address. */
  reserveGooglePublicAddress(id: string, options?: GooglePublicAddressOptions): GooglePublicAddress;
}

/** What {@link GkeCluster.fromClusterAttributes} needs to reach an existing GKE cluster and reserve addresses for it. */
export interface GkeClusterAttributes {
  /** The cluster's name, as GKE knows it. */
  readonly clusterName: string;
  /** Project of the cluster. */
  readonly project: string;
  /** Region of the (regional) cluster, e.g. `europe-west1`; its addresses are reserved there. */
  readonly region: string;
  /**
   * Ephemeral mode of the addresses reserved for the cluster: no delete protection;
   * `owner` and `expiresAt` become required.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * `owner` label of the resources created for the cluster (required when ephemeral).
   * @default no owner label
   */
  readonly owner?: string;
  /**
   * `expires-at` label, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry label
   */
  readonly expiresAt?: string;
  /**
   * Extra labels of the resources created for the cluster.
   * @default none
   */
  readonly labels?: { [key: string]: string };
}

/** Props of {@link GkeCluster}. */
export interface GkeClusterProps {
  /** Cluster name: lower-case letters, digits and `-`, starting with a letter, at most 40 characters. */
  readonly name: string;
  /** Project of the cluster. */
  readonly project: string;
  /** Region of the (regional) cluster, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * Primary range of the node subnet.
   * @default "10.20.0.0/20"
   */
  readonly subnetCidr?: string;
  /**
   * Pod range (VPC-native: a secondary range routed in the VPC).
   * @default "10.24.0.0/14"
   */
  readonly podsCidr?: string;
  /**
   * Service range (a secondary range).
   * @default "10.28.0.0/20"
   */
  readonly servicesCidr?: string;
  /**
   * The control plane's /28 range, peered into the VPC.
   * @default "172.16.0.0/28"
   */
  readonly masterCidr?: string;
  /**
   * Existing VPC network (name or self link), together with `existingSubnetwork`,
   * instead of a new VPC; `subnetCidr` must then be left out. GKE creates the pod
   * and service secondary ranges on that subnetwork from `podsCidr` and `servicesCidr`.
   * @default a new VPC `<name>-vpc`
   */
  readonly existingNetwork?: string;
  /**
   * Existing subnetwork (name or self link) in `region`, together with `existingNetwork`.
   * The cluster still adds its own Cloud Router and NAT for this subnetwork, and its
   * control-plane webhook firewall rule on the network, so the subnetwork must not be
   * served by another Cloud NAT already (Cloud NAT allows one gateway per subnetwork range).
   * @default a new subnetwork `<name>-nodes`
   */
  readonly existingSubnetwork?: string;
  /**
   * Public CIDRs allowed to reach the API server. Required unless `allowPublicApiServer` is set.
   * The later stages (platform, mesh) talk to the API server from wherever Terraform
   * runs, so the runner's egress address must be in this list.
   * @default none
   */
  readonly masterAuthorizedNetworks?: string[];
  /**
   * Explicit waiver: an API server reachable from any address when
   * `masterAuthorizedNetworks` is empty. Insecure.
   * @default false
   */
  readonly allowPublicApiServer?: boolean;
  /**
   * Google Group whose members' groups Kubernetes RBAC may name (Google Groups for GKE,
   * CKV_GCP_65): it must be called `gke-security-groups@<your Workspace domain>` and exist.
   * @default none: RBAC names users and service accounts only, recorded as a waiver of CKV_GCP_65
   */
  readonly rbacSecurityGroup?: string;
  /**
   * Binary Authorization enforcing the project's singleton policy (CKV_GCP_66). The
   * project's default policy admits every image until someone tightens it; the
   * Binary Authorization API is enabled for the project (and left enabled on destroy).
   * `false` turns it off and is recorded as a waiver of CKV_GCP_66.
   * @default true
   */
  readonly binaryAuthorization?: boolean;
  /**
   * Ports, besides the defaults, on which the control plane must reach pods of a
   * private cluster (admission webhooks of charts other than Kuma, Kong and cert-manager).
   * @default none: only {@link CONTROL_PLANE_WEBHOOK_PORTS} are opened
   */
  readonly additionalWebhookPorts?: number[];
  /**
   * GKE release channel: `RAPID`, `REGULAR` or `STABLE`.
   * @default "REGULAR"
   */
  readonly releaseChannel?: string;
  /**
   * Machine type of the node pool.
   * @default "e2-standard-4" ("e2-standard-2" when ephemeral)
   */
  readonly machineType?: string;
  /**
   * Minimum node count of the autoscaling pool, across all zones of the region.
   * @default 3 (1 when ephemeral)
   */
  readonly minNodes?: number;
  /**
   * Maximum node count of the autoscaling pool, across all zones of the region.
   * @default 9 (3 when ephemeral)
   */
  readonly maxNodes?: number;
  /**
   * Number of reserved NAT addresses the cluster's outbound traffic leaves from.
   * @default 1
   */
  readonly egressAddressCount?: number;
  /**
   * Ephemeral mode: no deletion protection, spot nodes, smallest sizes; `owner`
   * and `expiresAt` become required.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Owner label on every labelled resource (required when ephemeral).
   * @default no owner label
   */
  readonly owner?: string;
  /**
   * `expires-at` label on every labelled resource, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry label
   */
  readonly expiresAt?: string;
  /**
   * Extra labels on the cluster, its nodes and its addresses.
   * @default none
   */
  readonly labels?: { [key: string]: string };
}

const DEFAULT_SUBNET_CIDR = '10.20.0.0/20';
const DEFAULT_PODS_CIDR = '10.24.0.0/14';
const DEFAULT_SERVICES_CIDR = '10.28.0.0/20';
const DEFAULT_MASTER_CIDR = '172.16.0.0/28';
const PODS_RANGE_NAME = 'pods';
const SERVICES_RANGE_NAME = 'services';
const RELEASE_CHANNELS = ['RAPID', 'REGULAR', 'STABLE'];
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const RBAC_SECURITY_GROUP = /^gke-security-groups@[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const BINARY_AUTHORIZATION_API = 'binaryauthorization.googleapis.com';

/**
 * Ports on which the control plane of a private cluster calls admission webhooks that
 * this library's charts run in pods. GKE's own firewall rule lets the control plane
 * range reach nodes on 443 and 10250 only (cert-manager's webhook listens on 10250
 * for that reason: cert-manager/cert-manager@v1.21.1:deploy/charts/cert-manager/values.yaml
 * `webhook.securePort`), so a webhook on any other port times out: with Kuma's
 * `failurePolicy: Fail`, no meshed pod is created and no Kuma resource is accepted.
 */
export const CONTROL_PLANE_WEBHOOK_PORTS = [
  // Kuma's admission server (injector and validators): kumahq/kuma@v2.14.3:deployments/charts/kuma/values.yaml controlPlane.admissionServerPort.
  5443,
  // Kong's ingress controller admission webhook: Kong/charts@kong-3.4.1:charts/kong/values.yaml ingressController.admissionWebhook.port.
  8080,
];

/**
 * The only project roles the node service account gets: writing logs and metrics
 * (the GKE hardening guide's least-privilege node service account).
 */
export const GKE_NODE_SERVICE_ACCOUNT_ROLES = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/stackdriver.resourceMetadata.writer',
];

/**
 * The IPv4 ranges a {@link GkeCluster} with these props uses, for overlap checks
 * across a topology. Pure: no construct is created. With an existing network the
 * node subnet's range is unknown here and left out.
 */
export function gkeClusterNetworkRanges(props: GkeClusterProps, fieldPrefix = 'GkeCluster'): ClusterNetworkRange[] {
  const ranges: ClusterNetworkRange[] = [];
  if (props.existingSubnetwork === undefined) {
    ranges.push({ field: `${fieldPrefix}.subnetCidr`, cidr: props.subnetCidr ?? DEFAULT_SUBNET_CIDR, clusterLocal: false });
  }
  ranges.push(
    { field: `${fieldPrefix}.podsCidr`, cidr: props.podsCidr ?? DEFAULT_PODS_CIDR, clusterLocal: false },
    { field: `${fieldPrefix}.servicesCidr`, cidr: props.servicesCidr ?? DEFAULT_SERVICES_CIDR, clusterLocal: false },
    { field: `${fieldPrefix}.masterCidr`, cidr: props.masterCidr ?? DEFAULT_MASTER_CIDR, clusterLocal: false },
  );
  return ranges;
}

/**
 * A regional GKE Standard cluster with production defaults: VPC-native with
 * Dataplane V2, workload identity, private nodes, master authorized networks, a
 * release channel, shielded COS nodes with secure boot and integrity monitoring,
 * the GKE metadata server, a dedicated least-privilege node service account, no
 * legacy ABAC or client certificate, a separately managed autoscaling node pool,
 * intranode visibility, Cloud Logging and Monitoring. Private nodes reach the
 * internet through Cloud NAT on reserved addresses ({@link egressAddresses}).
 */
export class GkeCluster extends Construct implements IGkeCluster {
  /**
   * A GKE cluster that exists already: nothing is created for it but the addresses asked
   * for, and later stages reach it by name ({@link ClusterConnection.fromGkeCluster}).
   * The addresses are created in `scope`, beside the import, as `<clusterName>-address-<id>`,
   * so that an app that reserved addresses for an existing cluster before this import
   * existed keeps them.
   */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: GkeClusterAttributes): IGkeCluster {
    return new ImportedGkeCluster(scope, id, attrs);
  }

  public readonly cloud = Cloud.GCP;
  /** Cluster name (a token: using it in another stack makes that stack depend on this one). */
  public readonly clusterName: string;
  /** Project of the cluster. */
  public readonly project: string;
  /** Region of the cluster. */
  public readonly region: string;
  /** Workload identity pool, `<project>.svc.id.goog`. */
  public readonly workloadIdentityPool: string;
  /** Public IPv4 addresses of the cluster's Cloud NAT. */
  public readonly egressAddresses: string[];
  /** Email of the node service account. */
  public readonly nodeServiceAccountEmail: string;
  /** The Terraform resource of the cluster, for settings this construct does not expose. */
  public readonly containerCluster: ContainerCluster;
  public readonly ephemeral: boolean;
  /** How later-stage stacks reach this cluster (a data source by name, the Google access token). */
  public readonly connection: IClusterConnection;

  private readonly props: GkeClusterProps;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const path = this.node.path;
    validate(path, props);

    const ephemeral = props.ephemeral ?? false;
    const labels = ownershipLabels(path, props, props.labels);
    const provider = googleProvider(this, props.project, props.region);
    const project = props.project;
    const region = props.region;
    this.props = props;
    this.ephemeral = ephemeral;
    this.project = project;
    this.region = region;
    this.workloadIdentityPool = `${project}.svc.id.goog`;

    let network: string;
    let subnetwork: string;
    let ipAllocationPolicy: { clusterSecondaryRangeName?: string; servicesSecondaryRangeName?: string; clusterIpv4CidrBlock?: string; servicesIpv4CidrBlock?: string };
    if (props.existingNetwork !== undefined && props.existingSubnetwork !== undefined) {
      network = props.existingNetwork;
      subnetwork = props.existingSubnetwork;
      // GKE adds the secondary ranges to the existing subnetwork itself.
      ipAllocationPolicy = {
        clusterIpv4CidrBlock: props.podsCidr ?? DEFAULT_PODS_CIDR,
        servicesIpv4CidrBlock: props.servicesCidr ?? DEFAULT_SERVICES_CIDR,
      };
    } else {
      const vpc = new ComputeNetwork(this, 'network', {
        provider,
        project,
        name: `${props.name}-vpc`,
        autoCreateSubnetworks: false,
        routingMode: 'REGIONAL',
      });
      const subnet = new ComputeSubnetwork(this, 'subnetwork', {
        provider,
        project,
        region,
        name: `${props.name}-nodes`,
        network: vpc.id,
        ipCidrRange: props.subnetCidr ?? DEFAULT_SUBNET_CIDR,
        secondaryIpRange: [
          { rangeName: PODS_RANGE_NAME, ipCidrRange: props.podsCidr ?? DEFAULT_PODS_CIDR },
          { rangeName: SERVICES_RANGE_NAME, ipCidrRange: props.servicesCidr ?? DEFAULT_SERVICES_CIDR },
        ],
        // CKV_GCP_74: private nodes reach Google APIs without public IPs.
        privateIpGoogleAccess: true,
        // CKV_GCP_26: VPC flow logs.
        logConfig: { aggregationInterval: 'INTERVAL_10_MIN', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
      });
      network = vpc.id;
      subnetwork = subnet.id;
      ipAllocationPolicy = { clusterSecondaryRangeName: PODS_RANGE_NAME, servicesSecondaryRangeName: SERVICES_RANGE_NAME };
    }

    // Private nodes have no public IPs: Cloud NAT on reserved addresses gives them a
    // known way out (KDS and other zones' ingresses allow-list these addresses).
    const natAddresses = Array.from({ length: props.egressAddressCount ?? 1 }, (_, index) =>
      new GooglePublicAddress(this, `egress-${index}`, {
        name: `${props.name}-egress-${index}`,
        project,
        region,
        ephemeral,
        owner: props.owner,
        expiresAt: props.expiresAt,
        labels: props.labels,
      }),
    );
    this.egressAddresses = natAddresses.map((address) => address.address);
    const router = new ComputeRouter(this, 'router', { provider, project, region, name: `${props.name}-router`, network });
    new ComputeRouterNat(this, 'nat', {
      provider,
      project,
      region,
      name: `${props.name}-nat`,
      router: router.name,
      natIpAllocateOption: 'MANUAL_ONLY',
      natIps: natAddresses.map((address) => address.selfLink),
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ name: subnetwork, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });

    // CIS GKE 5.2.1: a dedicated node service account, never the Compute Engine default one (project Editor).
    const nodeServiceAccount = new ServiceAccount(this, 'node-service-account', {
      provider,
      project,
      accountId: gkeNodeServiceAccountId(props.name),
      displayName: `GKE nodes of ${props.name}`,
    });
    this.nodeServiceAccountEmail = nodeServiceAccount.email;
    const roleGrants = GKE_NODE_SERVICE_ACCOUNT_ROLES.map(
      (role) =>
        new ProjectIamMember(this, `node-service-account-${role.replace(/^roles\//, '').replace(/\./g, '-')}`, {
          provider,
          project,
          role,
          member: nodeServiceAccount.member,
        }),
    );

    // A private cluster's control plane reaches nodes only where a firewall rule lets it
    // (see CONTROL_PLANE_WEBHOOK_PORTS). The rule targets the node service account, so it
    // covers the nodes of this cluster and nothing else on a shared network; it also gives
    // the VPC a firewall of its own (CKV2_GCP_18).
    const webhookPorts = [...new Set([...CONTROL_PLANE_WEBHOOK_PORTS, ...(props.additionalWebhookPorts ?? [])])].sort((a, b) => a - b);
    new ComputeFirewall(this, 'control-plane-webhooks', {
      provider,
      project,
      name: `${props.name}-control-plane-webhooks`,
      description: `GKE control plane of ${props.name} to admission webhooks in its pods`,
      network,
      direction: 'INGRESS',
      sourceRanges: [props.masterCidr ?? DEFAULT_MASTER_CIDR],
      targetServiceAccounts: [nodeServiceAccount.email],
      allow: [{ protocol: 'tcp', ports: webhookPorts.map(String) }],
    });

    const binaryAuthorization = props.binaryAuthorization ?? true;
    const binaryAuthorizationApi = binaryAuthorization ? enableBinaryAuthorizationApi(this, provider, project) : undefined;

    const nodeConfig = {
      serviceAccount: nodeServiceAccount.email,
      // Access is governed by the service account's IAM roles, not legacy scopes.
      oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      // CKV_GCP_22: Container-Optimized OS with containerd.
      imageType: 'COS_CONTAINERD',
      // CKV_GCP_71 / CKV_GCP_68 / CKV_GCP_72: shielded nodes with secure boot and integrity monitoring.
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      // CKV_GCP_69: the GKE metadata server (workload identity; hides the node's credentials from pods).
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      // CKV_GCP_67: legacy metadata endpoints off.
      metadata: { 'disable-legacy-endpoints': 'true' },
    };

    const authorizedNetworks = props.masterAuthorizedNetworks ?? [];
    this.containerCluster = new ContainerCluster(this, 'cluster', {
      provider,
      project,
      name: props.name,
      location: region,
      network,
      subnetwork,
      // CKV_GCP_23: VPC-native (alias IPs).
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy,
      // CKV_GCP_12: Dataplane V2 (Cilium) enforces NetworkPolicies; it replaces the Calico add-on.
      datapathProvider: 'ADVANCED_DATAPATH',
      // Checkov's GKENetworkPolicyEnabled passes Dataplane V2 only next to an explicit
      // `network_policy { enabled = false }`; the provider sends no policy for it
      // (hashicorp/terraform-provider-google@v6.50.0 resource_container_cluster.go#expandNetworkPolicy)
      // and reads one back, while `enabled = true` would ask for Calico, which GKE refuses with Dataplane V2.
      networkPolicy: { enabled: false },
      // CKV_GCP_25 / CKV_GCP_64: private nodes; the endpoint stays public behind authorized networks.
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: false,
        masterIpv4CidrBlock: props.masterCidr ?? DEFAULT_MASTER_CIDR,
      },
      // CKV_GCP_20: only the authorized networks reach the API server (left out only under allowPublicApiServer).
      masterAuthorizedNetworksConfig:
        authorizedNetworks.length > 0
          ? { cidrBlocks: authorizedNetworks.map((cidrBlock) => ({ cidrBlock, displayName: cidrBlock })) }
          : undefined,
      // CKV_GCP_70: a release channel keeps the control plane and nodes patched.
      releaseChannel: { channel: props.releaseChannel ?? 'REGULAR' },
      // Workload identity: pods get Google credentials without exported keys.
      workloadIdentityConfig: { workloadPool: this.workloadIdentityPool },
      // CKV_GCP_71: shielded nodes cluster-wide.
      enableShieldedNodes: true,
      // CKV_GCP_66: only images the project's Binary Authorization policy admits.
      binaryAuthorization: { evaluationMode: binaryAuthorization ? 'PROJECT_SINGLETON_POLICY_ENFORCE' : 'DISABLED' },
      // CKV_GCP_65: Google Groups for RBAC, when the Workspace group is given.
      authenticatorGroupsConfig: props.rbacSecurityGroup !== undefined ? { securityGroup: props.rbacSecurityGroup } : undefined,
      // CKV_GCP_7: no legacy ABAC; RBAC only.
      enableLegacyAbac: false,
      // CKV_GCP_13: no client certificate.
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      // CKV_GCP_61: intranode visibility (pod-to-pod traffic on one node crosses the VPC and its flow logs).
      enableIntranodeVisibility: true,
      // CKV_GCP_1 / CKV_GCP_8: Cloud Logging and Cloud Monitoring.
      loggingService: 'logging.googleapis.com/kubernetes',
      monitoringService: 'monitoring.googleapis.com/kubernetes',
      loggingConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'] },
      monitoringConfig: { enableComponents: ['SYSTEM_COMPONENTS'], managedPrometheus: { enabled: true } },
      // CKV_GCP_21: labels for ownership and cost.
      resourceLabels: labels,
      deletionProtection: !ephemeral,
      // Node pools are managed separately; the provider still needs the default pool
      // to create the cluster, so it is hardened too and deleted at once.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig,
      dependsOn: [...roleGrants, ...(binaryAuthorizationApi ? [binaryAuthorizationApi] : [])],
      lifecycle: {
        // The default pool's settings no longer exist once it is removed; changing them would replace the cluster.
        ignoreChanges: ['node_config', 'initial_node_count'],
      },
    });
    this.clusterName = this.containerCluster.name;
    // The relaxation is recorded on the resource, named after the prop that chose it, for policy reports.
    if (authorizedNetworks.length === 0) recordWaiver(this.containerCluster, 'CKV_GCP_20', 'allowPublicApiServer');
    if (!binaryAuthorization) recordWaiver(this.containerCluster, 'CKV_GCP_66', 'binaryAuthorization');
    if (props.rbacSecurityGroup === undefined) recordWaiver(this.containerCluster, 'CKV_GCP_65', 'rbacSecurityGroup');

    new ContainerNodePool(this, 'node-pool', {
      provider,
      project,
      name: 'workload',
      location: region,
      cluster: this.containerCluster.id,
      initialNodeCount: 1,
      autoscaling: {
        totalMinNodeCount: props.minNodes ?? gkeNodeCountDefaults(ephemeral).min,
        totalMaxNodeCount: props.maxNodes ?? gkeNodeCountDefaults(ephemeral).max,
        locationPolicy: 'BALANCED',
      },
      // CKV_GCP_9 / CKV_GCP_10: automatic repair and upgrade.
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { maxSurge: 1, maxUnavailable: 0 },
      nodeConfig: {
        ...nodeConfig,
        machineType: props.machineType ?? (ephemeral ? 'e2-standard-2' : 'e2-standard-4'),
        diskType: 'pd-balanced',
        diskSizeGb: 50,
        // Spot VMs: cheap, may be reclaimed; fine for a throwaway environment.
        spot: ephemeral,
        resourceLabels: labels,
      },
      lifecycle: {
        // The autoscaler moves node counts and the release channel moves versions.
        ignoreChanges: ['initial_node_count', 'node_count', 'version'],
      },
    });

    this.connection = ClusterConnection.fromGkeCluster({
      clusterName: this.clusterName,
      location: region,
      project,
      name: props.name,
    });
  }

  /**
   * Reserves a regional static address that LoadBalancer Services of this cluster
   * can bind (KDS, zone ingress, gateways) with `spec.loadBalancerIP`.
   */
  public reservePublicAddress(id: string): IReservedAddress {
    return this.reserveGooglePublicAddress(id);
  }

  /** {@link reservePublicAddress} with options (name, tags), returning the compute address. */
  public reserveGooglePublicAddress(id: string, options: GooglePublicAddressOptions = {}): GooglePublicAddress {
    return new GooglePublicAddress(this, `address-${id}`, {
      name: options.name ?? publicAddressName(this.props.name, id, GOOGLE_COMPUTE_NAME_MAX_LENGTH),
      project: this.project,
      region: this.region,
      ephemeral: this.ephemeral,
      owner: this.props.owner,
      expiresAt: this.props.expiresAt,
      labels: { ...this.props.labels, ...options.labels },
    });
  }
}

/**
 * The project's Binary Authorization API, once per stack and project (clusters of one
 * project share it). It stays enabled on destroy: other workloads may rely on it.
 */
function enableBinaryAuthorizationApi(scope: Construct, provider: ReturnType<typeof googleProvider>, project: string): ProjectService {
  const stack = TerraformStack.of(scope);
  const id = `${BINARY_AUTHORIZATION_API.split('.')[0]}-api-${project}`;
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof ProjectService) return existing;
  return new ProjectService(stack, id, {
    provider,
    project,
    service: BINARY_AUTHORIZATION_API,
    disableOnDestroy: false,
    disableDependentServices: false,
  });
}

/** An existing GKE cluster, reached by name. */
class ImportedGkeCluster extends Construct implements IGkeCluster {
  public readonly cloud = Cloud.GCP;
  public readonly clusterName: string;
  public readonly project: string;
  public readonly region: string;
  public readonly ephemeral: boolean;
  public readonly connection: IClusterConnection;
  /** This app does not manage an existing cluster's outbound addresses. */
  public readonly egressAddresses: string[] = [];
  private readonly attrs: GkeClusterAttributes;
  private readonly host: Construct;

  constructor(scope: Construct, id: string, attrs: GkeClusterAttributes) {
    super(scope, id);
    const path = this.node.path;
    assertNonEmpty(attrs.clusterName, `${path}.clusterName`, 'prod-gke-euw1');
    assertProjectId(attrs.project, `${path}.project`);
    assertNonEmpty(attrs.region, `${path}.region`, 'europe-west1');
    assertOwnership(path, attrs);
    this.attrs = attrs;
    this.host = scope;
    this.clusterName = attrs.clusterName;
    this.project = attrs.project;
    this.region = attrs.region;
    this.ephemeral = attrs.ephemeral ?? false;
    this.connection = ClusterConnection.fromGkeCluster({ clusterName: attrs.clusterName, location: attrs.region, project: attrs.project });
  }

  public reservePublicAddress(id: string): IReservedAddress {
    return this.reserveGooglePublicAddress(id);
  }

  /** {@link reservePublicAddress} with options (name, tags), returning the compute address. */
  public reserveGooglePublicAddress(id: string, options: GooglePublicAddressOptions = {}): GooglePublicAddress {
    return new GooglePublicAddress(this.host, `${this.clusterName}-address-${id}`, {
      name: options.name ?? publicAddressName(this.clusterName, id, GOOGLE_COMPUTE_NAME_MAX_LENGTH),
      project: this.project,
      region: this.region,
      ephemeral: this.attrs.ephemeral,
      owner: this.attrs.owner,
      expiresAt: this.attrs.expiresAt,
      labels: this.attrs.labels === undefined && options.labels === undefined ? undefined : { ...this.attrs.labels, ...options.labels },
    });
  }
}

function assertProjectId(project: string, field: string): void {
  assertNonEmpty(project, field, 'acme-prod');
  if (!isUnresolved(project) && !PROJECT_ID.test(project)) {
    throw new ValidationError(field, project, 'must be a Google Cloud project id: 6-30 lower-case letters, digits and "-", starting with a letter, e.g. "acme-prod"');
  }
}

function validate(path: string, props: GkeClusterProps): void {
  assertNonEmpty(props.name, `${path}.name`, 'acme-gcp');
  if (!isUnresolved(props.name) && !GKE_CLUSTER_NAME.test(props.name)) {
    throw new ValidationError(`${path}.name`, props.name, 'must be a GKE cluster name: lower-case letters, digits and "-", starting with a letter, ending with a letter or digit, at most 40 characters, e.g. "acme-gcp"');
  }
  assertProjectId(props.project, `${path}.project`);
  assertNonEmpty(props.region, `${path}.region`, 'europe-west1');
  assertOwnership(path, props);

  const hasNetwork = props.existingNetwork !== undefined;
  const hasSubnetwork = props.existingSubnetwork !== undefined;
  if (hasNetwork !== hasSubnetwork) {
    const missing = hasNetwork ? 'existingSubnetwork' : 'existingNetwork';
    throw new ValidationError(`${path}.${missing}`, undefined, `is required together with ${hasNetwork ? 'existingNetwork' : 'existingSubnetwork'}: give both to use an existing VPC, or neither to create one`);
  }
  if (hasNetwork) {
    assertNonEmpty(props.existingNetwork, `${path}.existingNetwork`, 'shared-vpc');
    assertNonEmpty(props.existingSubnetwork, `${path}.existingSubnetwork`, 'gke-nodes');
    if (props.subnetCidr !== undefined) {
      throw new ValidationError(`${path}.subnetCidr`, props.subnetCidr, 'cannot be combined with existingNetwork/existingSubnetwork: the existing subnetwork has its own range');
    }
  }
  const master = assertIpv4Cidr(props.masterCidr ?? DEFAULT_MASTER_CIDR, `${path}.masterCidr`);
  if (master && master.prefixLength !== GKE_MASTER_CIDR_PREFIX_LENGTH) {
    throw new ValidationError(`${path}.masterCidr`, props.masterCidr, 'must be a /28 block (GKE private clusters need exactly 16 addresses), e.g. "172.16.0.0/28"');
  }
  assertNoCidrOverlap(gkeClusterNetworkRanges(props, path));

  if (props.releaseChannel !== undefined && !RELEASE_CHANNELS.includes(props.releaseChannel)) {
    throw new ValidationError(`${path}.releaseChannel`, props.releaseChannel, `must be one of ${RELEASE_CHANNELS.map((c) => `"${c}"`).join(', ')}`);
  }
  if (props.machineType !== undefined) assertNonEmpty(props.machineType, `${path}.machineType`, 'e2-standard-4');
  assertNodeCounts(path, props.minNodes, props.maxNodes, gkeNodeCountDefaults(props.ephemeral));
  assertIntegerInRange(props.egressAddressCount, `${path}.egressAddressCount`, 1, 16);

  if (props.rbacSecurityGroup !== undefined && !isUnresolved(props.rbacSecurityGroup) && !RBAC_SECURITY_GROUP.test(props.rbacSecurityGroup)) {
    throw new ValidationError(`${path}.rbacSecurityGroup`, props.rbacSecurityGroup, 'must be the Google Group named gke-security-groups@<your domain>, e.g. "gke-security-groups@acme.example"');
  }
  (props.additionalWebhookPorts ?? []).forEach((port, index) => assertIntegerInRange(port, `${path}.additionalWebhookPorts[${index}]`, 1, 65535));

  const networks = props.masterAuthorizedNetworks ?? [];
  networks.forEach((cidr, index) => assertIpv4Cidr(cidr, `${path}.masterAuthorizedNetworks[${index}]`));
  if (!apiServerAccessDeclared(networks, props.allowPublicApiServer)) {
    throw new ValidationError(
      `${path}.masterAuthorizedNetworks`,
      props.masterAuthorizedNetworks,
      'must list the CIDRs allowed to reach the API server (e.g. ["203.0.113.0/24"]), or accept an API server open to the internet with allowPublicApiServer: true',
    );
  }
}
