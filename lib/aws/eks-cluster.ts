/**
 * A production-hardened EKS cluster with its own VPC, NAT on reserved Elastic IPs,
 * EKS Pod Identity, and a connection for later-stage stacks.
 *
 * Each hard-coded hardening cites the Checkov check (bridgecrewio/checkov@3.3.13:
 * checkov/terraform/checks/resource/aws/*) it satisfies; settings nobody should relax
 * are not props.
 *
 * Workload identity: EKS Pod Identity, not IRSA. A Pod Identity role trusts one service
 * principal (`pods.eks.amazonaws.com`) narrowed by `aws:SourceArn` to this cluster, so
 * no IAM OIDC provider (with its thumbprint) is created and no trust policy embeds the
 * cluster's issuer URL; the binding is an `aws_eks_pod_identity_association` created in
 * this stage, so ServiceAccounts of later stages carry no `eks.amazonaws.com/role-arn`
 * annotation and the charts need no AWS values. cert-manager's AWS SDK finds the
 * credentials the agent injects (cert-manager/cert-manager@v1.21.1:
 * pkg/apis/acme/v1/types_issuer.go#ACMEIssuerDNS01ProviderRoute53 `region` says so).
 */
import { Construct } from 'constructs';
import { DataResource, Fn, ITerraformDependable, Op, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsEksAddon } from '@cdktf/provider-aws/lib/data-aws-eks-addon';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsSubnet } from '@cdktf/provider-aws/lib/data-aws-subnet';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster as EksClusterResource } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { ICluster } from '../clusters/cluster';
import { IReservedAddress } from '../network/reserved-address';
import { IClusterConnection } from '../clusters/cluster-connection';
import { assertNodeCounts } from '../private/node-counts';
import { assertOwnership, ownershipTags, recordWaiver } from '../private/ownership';
import { Cloud } from '../core/cloud';
import {
  ValidationError,
  assertIntegerInRange,
  assertIpv4Cidr,
  assertNoCidrOverlap,
  assertNonEmpty,
  isUnresolved,
} from '../private/validation';
import { AWS_CLOUD, AWS_REGION, awsProvider } from './aws-provider';
import { EKS_CLUSTER_NAME, EksClusterAttributes, eksClusterAttributeProblems } from './eks-cluster-attributes';
import { EksClusterConnection } from './eks-cluster-connection';
import { DEFAULT_EKS_SERVICES_CIDR, EKS_SERVICES_PREFIX_LENGTHS, eksClusterNetworkRanges, eksNodeCountDefaults } from './eks-cluster-defaults';
import { EksVpc, eksFlowLogGroupName, validateEksVpcProps } from './eks-vpc';
import { ElasticIpAddress, ElasticIpAddressOptions } from './elastic-ip-address';
import { IPodIdentityCluster } from './pod-identity-role';

export { eksClusterNetworkRanges, eksNodeCountDefaults } from './eks-cluster-defaults';
export { EksClusterAttributes, eksClusterAttributeProblems } from './eks-cluster-attributes';

/** An EKS cluster as later stages, Pod Identity roles and the load balancer controller need it, created here or imported. */
export interface IEksCluster extends ICluster, IPodIdentityCluster {
  /** The cluster's VPC. */
  readonly vpcId: string;
  /** Public subnets, one per zone: where internet-facing load balancers and their Elastic IPs go. */
  readonly publicSubnetIds: string[];
  /** {@link ICluster.reservePublicAddress} with options, returning the Elastic IPs (one per public subnet). */
  reserveElasticIpAddress(id: string, options?: ElasticIpAddressOptions): ElasticIpAddress;
}

/** Props of {@link EksCluster}. */
export interface EksClusterProps {
  /** Cluster name: letters, digits, `-` and `_`, starting with a letter or digit, at most 100 characters. */
  readonly name: string;
  /** Region of the cluster, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * Kubernetes minor version, e.g. `"1.34"`, on EKS standard support (CKV_AWS_339 lists
   * the versions it accepts).
   * @default "1.34"
   */
  readonly kubernetesVersion?: string;
  /**
   * The VPC's IPv4 block (/16 to /20).
   * @default "10.30.0.0/16"
   */
  readonly vpcCidr?: string;
  /**
   * The Service range, outside the VPC and any range it peers with.
   * @default "172.20.0.0/16"
   */
  readonly servicesCidr?: string;
  /**
   * Availability zones of the subnets and nodes (2 to 6).
   * @default the region's first 3 zones that need no opt-in (2 when ephemeral)
   */
  readonly availabilityZones?: string[];
  /**
   * NAT gateways, each on a reserved Elastic IP ({@link egressAddresses}).
   * @default one per zone (1 when ephemeral)
   */
  readonly natGatewayCount?: number;
  /**
   * Public CIDRs allowed to reach the API server's public endpoint. Left out, the
   * endpoint is private only (CKV_AWS_39): Terraform's later stages must then run
   * inside the VPC or a network peered with it. Given, the public endpoint is on for
   * these CIDRs alone (CKV_AWS_38), recorded as a waiver of CKV_AWS_39; the runner's
   * egress address must be among them. Never `0.0.0.0/0`.
   * @default none: private endpoint only
   */
  readonly publicAccessCidrs?: string[];
  /**
   * IAM principals (role or user ARNs) given cluster-admin through EKS access entries,
   * besides the identity that creates the cluster (which EKS makes admin at creation).
   * @default none
   */
  readonly adminPrincipalArns?: string[];
  /**
   * EC2 instance types of the managed node group (several spread spot capacity).
   * @default ["m6i.xlarge"] (["m6i.large", "m6a.large", "m5.large"] on spot when ephemeral)
   */
  readonly instanceTypes?: string[];
  /**
   * Minimum node count, across all zones.
   * @default 3 (1 when ephemeral)
   */
  readonly minNodes?: number;
  /**
   * Maximum node count, across all zones.
   * @default 9 (3 when ephemeral)
   */
  readonly maxNodes?: number;
  /**
   * Root volume size of each node, in GiB.
   * @default 50
   */
  readonly nodeVolumeSizeGib?: number;
  /**
   * Ephemeral mode: no destroy protection, spot nodes, fewer zones and NAT gateways, a
   * KMS key deleted after 7 days; `owner` and `expiresAt` become required.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * `owner` tag on every tagged resource (required when ephemeral).
   * @default no owner tag
   */
  readonly owner?: string;
  /**
   * `expires-at` tag on every tagged resource, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry tag
   */
  readonly expiresAt?: string;
  /**
   * Extra tags on every tagged resource.
   * @default none
   */
  readonly tags?: { [key: string]: string };
}

const DEFAULT_KUBERNETES_VERSION = '1.34';
const CLUSTER_NAME = EKS_CLUSTER_NAME;
const KUBERNETES_VERSION = /^1\.\d{2}$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:(role|user|assumed-role)\/.+$/;
/** Days control-plane logs are kept (CKV_AWS_338 asks for a year at least). */
const LOG_RETENTION_DAYS = 365;
/** Root device of the AL2023 EKS-optimized AMIs the node group runs. */
const AL2023_ROOT_DEVICE = '/dev/xvda';

/** Every control-plane log type EKS can ship (CKV_AWS_37 asks for all of them). */
export const EKS_CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** AWS managed policies of the node role: join the cluster, pull images, run the VPC CNI. */
export const EKS_NODE_MANAGED_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonEKS_CNI_Policy'];

/**
 * An EKS cluster with production defaults: secrets envelope-encrypted with a rotating
 * customer-managed KMS key, every control-plane log type shipped to a KMS-encrypted log
 * group kept a year, a private API endpoint (public only for the CIDRs given), access
 * entries instead of the `aws-auth` ConfigMap, EKS Pod Identity, and a managed node group
 * in private subnets whose launch template requires IMDSv2 with a hop limit of 1 and
 * encrypts root volumes. Nodes reach the internet through NAT gateways on reserved
 * Elastic IPs ({@link egressAddresses}).
 */
export class EksCluster extends Construct implements IEksCluster {
  /**
   * An EKS cluster that exists already. Read by name at plan time (`data.aws_eks_cluster`:
   * its ARN for Pod Identity trust policies, its VPC unless `vpcId` is given), its public
   * subnets looked up in that VPC, and the Pod Identity agent add-on read (or installed,
   * `installPodIdentityAgent`); later stages reach it with `aws eks get-token`. What is
   * created for it (Elastic IPs, Pod Identity roles) lives under the import.
   */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: EksClusterAttributes): IEksCluster {
    return new ImportedEksCluster(scope, id, attrs);
  }

  public readonly cloud: Cloud = AWS_CLOUD;
  /** Cluster name (a token: using it in another stack makes that stack depend on this one). */
  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly region: string;
  /** Account the cluster lives in. */
  public readonly accountId: string;
  /** Public IPv4 addresses of the NAT gateways. */
  public readonly egressAddresses: string[];
  public readonly ephemeral: boolean;
  /** How later-stage stacks reach this cluster (a data source by name, `aws eks get-token`). */
  public readonly connection: IClusterConnection;
  /** The cluster's VPC. */
  public readonly vpc: EksVpc;
  /** Id of the cluster's VPC. */
  public readonly vpcId: string;
  /** Public subnets, one per zone: where internet-facing load balancers and their Elastic IPs go. */
  public readonly publicSubnetIds: string[];
  /** The KMS key of secrets and control-plane logs. */
  public readonly kmsKeyArn: string;
  /** The Terraform resource of the cluster, for settings this construct does not expose. */
  public readonly eksCluster: EksClusterResource;
  public readonly nodeGroup: EksNodeGroup;
  /** The Pod Identity agent add-on; Pod Identity associations wait for it. */
  public readonly podIdentityAgent: EksAddon;

  private readonly props: EksClusterProps;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const path = this.node.path;
    validate(path, props);

    const ephemeral = props.ephemeral ?? false;
    const region = props.region;
    const provider = awsProvider(this, region);
    const tags = ownershipTags(props, props.tags);
    this.props = props;
    this.ephemeral = ephemeral;
    this.region = region;
    const protect = ephemeral ? undefined : { preventDestroy: true };

    const partition = new DataAwsPartition(this, 'partition', { provider }).partition;
    this.accountId = new DataAwsCallerIdentity(this, 'account', { provider }).accountId;
    const managedPolicy = (name: string): string => `arn:${partition}:iam::aws:policy/${name}`;
    const logGroupName = `/aws/eks/${props.name}/cluster`;

    const key = new KmsKey(this, 'key', {
      provider,
      description: `EKS ${props.name}: Kubernetes secrets, control-plane and VPC flow logs`,
      // CKV_AWS_7: yearly rotation of the key material.
      enableKeyRotation: true,
      // CKV_AWS_227: enabled.
      isEnabled: true,
      deletionWindowInDays: ephemeral ? 7 : 30,
      // CKV_AWS_33 / CKV2_AWS_64: an explicit policy without a wildcard principal: the
      // account administers (IAM decides who), CloudWatch Logs encrypts this cluster's two log groups only.
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: `arn:${partition}:iam::${this.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'ControlPlaneLogs',
            Effect: 'Allow',
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: {
              ArnEquals: {
                'kms:EncryptionContext:aws:logs:arn': [logGroupName, eksFlowLogGroupName(props.name)].map((group) => `arn:${partition}:logs:${region}:${this.accountId}:log-group:${group}`),
              },
            },
          },
        ],
      }),
      tags,
      lifecycle: protect,
    });
    this.kmsKeyArn = key.arn;

    this.vpc = new EksVpc(this, 'network', {
      name: props.name,
      region,
      cidr: props.vpcCidr,
      availabilityZones: props.availabilityZones,
      natGatewayCount: props.natGatewayCount,
      ephemeral,
      logKmsKeyArn: key.arn,
      tags: { ...tags, [`kubernetes.io/cluster/${props.name}`]: 'shared' },
    });
    this.vpcId = this.vpc.vpcId;
    this.egressAddresses = this.vpc.egressAddresses;
    this.publicSubnetIds = this.vpc.publicSubnetIds;


    // EKS writes to this group; created first so that retention and encryption are ours,
    // not those of a group EKS would create on its own (never expiring, unencrypted).
    const logGroup = new CloudwatchLogGroup(this, 'control-plane-logs', {
      provider,
      name: logGroupName,
      // CKV_AWS_66 / CKV_AWS_338: a retention, of a year.
      retentionInDays: LOG_RETENTION_DAYS,
      // CKV_AWS_158: encrypted with the cluster's key.
      kmsKeyId: key.arn,
      tags,
    });

    const clusterRole = new IamRole(this, 'cluster-role', {
      provider,
      name: `${props.name}-cluster`.slice(0, 64),
      assumeRolePolicy: servicePrincipalTrust('eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession']),
      tags,
    });
    const clusterPolicy = new IamRolePolicyAttachment(this, 'cluster-role-policy', {
      provider,
      role: clusterRole.name,
      policyArn: managedPolicy('AmazonEKSClusterPolicy'),
    });

    const publicCidrs = props.publicAccessCidrs ?? [];
    this.eksCluster = new EksClusterResource(this, 'cluster', {
      provider,
      name: props.name,
      roleArn: clusterRole.arn,
      version: props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
      // Standard support only: at its end EKS upgrades the control plane instead of
      // billing extended support; an unpatched control plane is the worse outcome.
      upgradePolicy: { supportType: 'STANDARD' },
      vpcConfig: {
        // The control plane's network interfaces go in the private subnets.
        subnetIds: this.vpc.privateSubnetIds,
        endpointPrivateAccess: true,
        // CKV_AWS_39 (private only) unless CIDRs are given; then CKV_AWS_38 (never 0.0.0.0/0).
        endpointPublicAccess: publicCidrs.length > 0,
        publicAccessCidrs: publicCidrs.length > 0 ? publicCidrs : undefined,
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: props.servicesCidr ?? DEFAULT_EKS_SERVICES_CIDR },
      // CKV_AWS_58: Kubernetes secrets envelope-encrypted with the customer-managed key.
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: key.arn } },
      // CKV_AWS_37: every control-plane log type.
      enabledClusterLogTypes: EKS_CONTROL_PLANE_LOG_TYPES,
      // Access entries (the EKS API) instead of the aws-auth ConfigMap, which any
      // cluster-admin can edit and a typo in which locks everyone out. The identity that
      // runs Terraform is made admin, so the later stages can deploy.
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      tags,
      dependsOn: [logGroup, clusterPolicy],
      lifecycle: protect,
    });
    this.clusterName = this.eksCluster.name;
    this.clusterArn = this.eksCluster.arn;
    if (publicCidrs.length > 0) recordWaiver(this.eksCluster, 'CKV_AWS_39', 'publicAccessCidrs');

    (props.adminPrincipalArns ?? []).forEach((principalArn, index) => {
      const entry = new EksAccessEntry(this, `admin-${index}`, { provider, clusterName: this.clusterName, principalArn, type: 'STANDARD', tags });
      new EksAccessPolicyAssociation(this, `admin-${index}-policy`, {
        provider,
        clusterName: this.clusterName,
        principalArn: entry.principalArn,
        policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: 'cluster' },
      });
    });

    const nodeRole = new IamRole(this, 'node-role', {
      provider,
      name: `${props.name}-nodes`.slice(0, 64),
      assumeRolePolicy: servicePrincipalTrust('ec2.amazonaws.com', ['sts:AssumeRole']),
      tags,
    });
    const nodePolicies = EKS_NODE_MANAGED_POLICIES.map((policy) =>
      new IamRolePolicyAttachment(this, `node-role-${policy}`, { provider, role: nodeRole.name, policyArn: managedPolicy(policy) }),
    );

    const launchTemplate = new LaunchTemplate(this, 'node-template', {
      provider,
      name: `${props.name}-nodes`,
      description: `Nodes of EKS ${props.name}`,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        // CKV_AWS_79: IMDSv2 only (session tokens), so an SSRF in a pod cannot read the node's credentials.
        httpTokens: 'required',
        // CKV_AWS_341: the token's response does not survive the hop into a pod's network
        // namespace, so pods (other than host-network ones: VPC CNI, Pod Identity agent)
        // cannot reach the node role at all; they get roles through Pod Identity.
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'disabled',
      },
      blockDeviceMappings: [{
        deviceName: AL2023_ROOT_DEVICE,
        ebs: {
          // Encrypted root volumes (with the account's EBS key, which the Auto Scaling
          // service-linked role may use without a key policy grant).
          encrypted: 'true',
          volumeSize: props.nodeVolumeSizeGib ?? 50,
          volumeType: 'gp3',
          deleteOnTermination: 'true',
        },
      }],
      tagSpecifications: [
        { resourceType: 'instance', tags: { ...tags, Name: `${props.name}-node` } },
        { resourceType: 'volume', tags },
      ],
      tags,
    });

    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      provider,
      clusterName: this.clusterName,
      nodeGroupName: 'workload',
      nodeRoleArn: nodeRole.arn,
      // Private subnets only: nodes have no public address and leave through NAT.
      subnetIds: this.vpc.privateSubnetIds,
      amiType: 'AL2023_x86_64_STANDARD',
      // Spot when ephemeral: cheap, may be reclaimed, several types to find capacity.
      capacityType: ephemeral ? 'SPOT' : 'ON_DEMAND',
      instanceTypes: props.instanceTypes ?? (ephemeral ? ['m6i.large', 'm6a.large', 'm5.large'] : ['m6i.xlarge']),
      // Token.asString: a number token interpolated into a template literal loses its token.
      launchTemplate: { id: launchTemplate.id, version: Token.asString(launchTemplate.latestVersion) },
      scalingConfig: {
        minSize: props.minNodes ?? eksNodeCountDefaults(ephemeral).min,
        maxSize: props.maxNodes ?? eksNodeCountDefaults(ephemeral).max,
        desiredSize: props.minNodes ?? eksNodeCountDefaults(ephemeral).min,
      },
      updateConfig: { maxUnavailable: 1 },
      // CKV_AWS_100: no remote_access block, so no SSH key and no SSH security group rule.
      nodeRepairConfig: { enabled: true },
      tags,
      // Nodes join only once the node role can do so and egress (NAT) exists.
      dependsOn: [...nodePolicies, ...this.vpc.natGateways],
      lifecycle: {
        // The cluster autoscaler moves the desired size.
        ignoreChanges: ['scaling_config[0].desired_size'],
      },
    });

    // The agent (a host-network DaemonSet) that hands Pod Identity credentials to pods.
    this.podIdentityAgent = new EksAddon(this, 'pod-identity-agent', {
      provider,
      clusterName: this.clusterName,
      addonName: 'eks-pod-identity-agent',
      resolveConflictsOnCreate: 'OVERWRITE',
      resolveConflictsOnUpdate: 'OVERWRITE',
      tags,
      // A DaemonSet add-on stays DEGRADED, and its creation times out, until nodes exist.
      dependsOn: [this.nodeGroup],
    });

    this.connection = EksClusterConnection.fromEksCluster({ clusterName: this.clusterName, region, name: props.name });
  }

  /**
   * Reserves Elastic IPs, one per public subnet, that an internet-facing NLB of this
   * cluster (KDS, zone ingress, gateway) binds through the Service annotations of the
   * returned address; the AWS Load Balancer Controller must run in the cluster.
   */
  public reservePublicAddress(id: string): IReservedAddress {
    return this.reserveElasticIpAddress(id);
  }

  /** {@link reservePublicAddress} with options (name, tags), returning the Elastic IPs. */
  public reserveElasticIpAddress(id: string, options: ElasticIpAddressOptions = {}): ElasticIpAddress {
    return new ElasticIpAddress(this, `address-${id}`, {
      name: options.name ?? `${this.props.name}-${id}`,
      region: this.region,
      publicSubnetIds: this.publicSubnetIds,
      ephemeral: this.ephemeral,
      owner: this.props.owner,
      expiresAt: this.props.expiresAt,
      tags: { ...this.props.tags, ...options.tags },
    });
  }
}

/** An existing EKS cluster, read by name. */
class ImportedEksCluster extends Construct implements IEksCluster {
  public readonly cloud: Cloud = AWS_CLOUD;
  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly region: string;
  public readonly accountId: string;
  public readonly vpcId: string;
  public readonly publicSubnetIds: string[];
  public readonly ephemeral: boolean;
  public readonly connection: IClusterConnection;
  /** This app does not manage an existing cluster's NAT. */
  public readonly egressAddresses: string[] = [];
  public readonly podIdentityAgent: ITerraformDependable;
  private readonly attrs: EksClusterAttributes;

  constructor(scope: Construct, id: string, attrs: EksClusterAttributes) {
    super(scope, id);
    const path = this.node.path;
    const [problem] = eksClusterAttributeProblems(attrs);
    if (problem) throw new ValidationError(`${path}.${problem.field}`, problem.value, problem.fix);
    assertOwnership(path, attrs);
    this.attrs = attrs;
    this.ephemeral = attrs.ephemeral ?? false;
    this.clusterName = attrs.clusterName;
    this.region = attrs.region;
    const provider = awsProvider(this, attrs.region);

    const cluster = new DataAwsEksCluster(this, 'cluster', {
      provider,
      name: attrs.clusterName,
      // A given VPC must be the cluster's: the subnets are looked up in it and the load
      // balancer controller runs against it.
      lifecycle: attrs.vpcId === undefined ? undefined : {
        postcondition: [{
          condition: `\${self.vpc_config[0].vpc_id == "${attrs.vpcId}"}`,
          errorMessage: `vpcId "${attrs.vpcId}" is not the VPC of EKS cluster "${attrs.clusterName}": leave vpcId out to read it from the cluster`,
        }],
      },
    });
    this.clusterArn = cluster.arn;
    // The cluster is read with the provider's credentials, and EKS describes only clusters of
    // the caller's own account: that account is the cluster's. (A reference, not a function of
    // the ARN, keeps the trust policy parseable JSON for policy scanners before apply.)
    this.accountId = new DataAwsCallerIdentity(this, 'account', { provider }).accountId;
    this.vpcId = attrs.vpcId ?? cluster.vpcConfig.get(0).vpcId;
    // Looked up by id and VPC: a subnet id of another VPC, or a typo, fails the plan
    // ("no matching EC2 Subnet found") instead of the controller's reconcile later.
    // Later stages get the ids as given (the NLB annotations); the lookups are checks only.
    const subnets = attrs.publicSubnetIds.map((subnetId, index) => new DataAwsSubnet(this, `public-subnet-${index}`, { provider, id: subnetId, vpcId: this.vpcId }));
    this.publicSubnetIds = [...attrs.publicSubnetIds];
    // The controller refuses named subnets that share an availability zone
    // (kubernetes-sigs/aws-load-balancer-controller@v2.17.1:pkg/networking/subnet_resolver.go#validateSubnetsAZExclusivity):
    // the Service would never get its load balancer. Checked at plan, where the zones are known.
    new DataResource(this, 'public-subnets-check', {
      lifecycle: {
        precondition: [{
          condition: Op.eq(Fn.lengthOf(Fn.distinct(subnets.map((subnet) => subnet.availabilityZone))), subnets.length),
          errorMessage: `publicSubnetIds of EKS cluster "${attrs.clusterName}" must lie in distinct availability zones (one subnet per zone): the AWS Load Balancer Controller refuses two subnets of one zone`,
        }],
      },
    });

    // Pod Identity associations hand out credentials only where the agent runs.
    this.podIdentityAgent = attrs.installPodIdentityAgent
      ? new EksAddon(this, 'pod-identity-agent', {
        provider,
        clusterName: attrs.clusterName,
        addonName: 'eks-pod-identity-agent',
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'OVERWRITE',
        // The cluster is not ours: destroying the environment (or turning the flag off) must
        // not remove the agent every other workload's Pod Identity credentials come from.
        preserve: true,
        tags: ownershipTags(attrs, attrs.tags),
      })
      // The data source fails the plan when the add-on is missing
      // (hashicorp/terraform-provider-aws:internal/service/eks/addon_data_source.go#dataSourceAddonRead).
      : new DataAwsEksAddon(this, 'pod-identity-agent', { provider, clusterName: attrs.clusterName, addonName: 'eks-pod-identity-agent' });

    this.connection = EksClusterConnection.fromEksCluster({ clusterName: attrs.clusterName, region: attrs.region, awsProfile: attrs.awsProfile });
  }

  public reservePublicAddress(id: string): IReservedAddress {
    return this.reserveElasticIpAddress(id);
  }

  /** {@link reservePublicAddress} with options (name, tags), returning the Elastic IPs. */
  public reserveElasticIpAddress(id: string, options: ElasticIpAddressOptions = {}): ElasticIpAddress {
    return new ElasticIpAddress(this, `address-${id}`, {
      name: options.name ?? `${this.clusterName}-${id}`,
      region: this.region,
      publicSubnetIds: this.publicSubnetIds,
      ephemeral: this.ephemeral,
      owner: this.attrs.owner,
      expiresAt: this.attrs.expiresAt,
      tags: { ...this.attrs.tags, ...options.tags },
    });
  }
}

/** A trust policy for one AWS service principal. */
function servicePrincipalTrust(service: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: actions }],
  });
}

function validate(path: string, props: EksClusterProps): void {
  assertNonEmpty(props.name, `${path}.name`, 'acme-aws');
  if (!isUnresolved(props.name) && !CLUSTER_NAME.test(props.name)) {
    throw new ValidationError(`${path}.name`, props.name, 'must be an EKS cluster name: letters, digits, "-" and "_", starting with a letter or digit, at most 100 characters, e.g. "acme-aws"');
  }
  assertNonEmpty(props.region, `${path}.region`, 'eu-west-1');
  if (!isUnresolved(props.region) && !AWS_REGION.test(props.region)) {
    throw new ValidationError(`${path}.region`, props.region, 'must be an AWS region name, e.g. "eu-west-1"');
  }
  if (props.kubernetesVersion !== undefined && !isUnresolved(props.kubernetesVersion) && !KUBERNETES_VERSION.test(props.kubernetesVersion)) {
    throw new ValidationError(`${path}.kubernetesVersion`, props.kubernetesVersion, 'must be a Kubernetes minor version on EKS standard support, e.g. "1.34"');
  }
  assertOwnership(path, props);
  validateEksVpcProps(path, { region: props.region, cidr: props.vpcCidr, availabilityZones: props.availabilityZones, natGatewayCount: props.natGatewayCount, ephemeral: props.ephemeral }, 'vpcCidr');
  const services = assertIpv4Cidr(props.servicesCidr ?? DEFAULT_EKS_SERVICES_CIDR, `${path}.servicesCidr`);
  if (services && (services.prefixLength < EKS_SERVICES_PREFIX_LENGTHS.min || services.prefixLength > EKS_SERVICES_PREFIX_LENGTHS.max)) {
    throw new ValidationError(`${path}.servicesCidr`, props.servicesCidr, 'must be a /12 to /24 block (EKS limits the Service range), e.g. "172.20.0.0/16"');
  }
  assertNoCidrOverlap(eksClusterNetworkRanges(props, path));
  (props.publicAccessCidrs ?? []).forEach((cidr, index) => {
    const field = `${path}.publicAccessCidrs[${index}]`;
    const block = assertIpv4Cidr(cidr, field);
    if (block && block.prefixLength === 0) {
      throw new ValidationError(field, cidr, 'would open the API server to the whole internet (CKV_AWS_38): list the CIDRs of the Terraform runners and operators, e.g. "203.0.113.0/24", or leave publicAccessCidrs out for a private endpoint');
    }
  });
  (props.adminPrincipalArns ?? []).forEach((arn, index) => {
    if (!isUnresolved(arn) && !PRINCIPAL_ARN.test(arn)) {
      throw new ValidationError(`${path}.adminPrincipalArns[${index}]`, arn, 'must be an IAM role or user ARN, e.g. "arn:aws:iam::111122223333:role/platform-admins"');
    }
  });
  if (props.instanceTypes !== undefined) {
    if (props.instanceTypes.length === 0) {
      throw new ValidationError(`${path}.instanceTypes`, props.instanceTypes, 'must list at least one EC2 instance type, e.g. ["m6i.xlarge"]');
    }
    props.instanceTypes.forEach((type, index) => assertNonEmpty(type, `${path}.instanceTypes[${index}]`, 'm6i.xlarge'));
  }
  assertNodeCounts(path, props.minNodes, props.maxNodes, eksNodeCountDefaults(props.ephemeral));
  assertIntegerInRange(props.nodeVolumeSizeGib, `${path}.nodeVolumeSizeGib`, 20, 16384);
}
