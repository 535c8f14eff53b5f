/**
 * The network of an {@link EksCluster}: a VPC spanning two or more availability zones,
 * each with a private subnet (nodes and pods) and a public subnet (NAT gateways and
 * internet-facing network load balancers), and NAT gateways on reserved Elastic IPs so
 * that the cluster's egress addresses are known before anything runs in it.
 */
import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ValidationError, assertIntegerInRange, assertIpv4Cidr, isUnresolved } from '../private/validation';
import { awsProvider } from './aws-provider';

/** Props of {@link EksVpc}. */
export interface EksVpcProps {
  /** Name prefix of the VPC's resources (their `Name` tags) and the cluster the subnets are tagged for. */
  readonly name: string;
  /** Region of the VPC. */
  readonly region: string;
  /**
   * The VPC's IPv4 block, a /16 to /20: each zone's private subnet gets an eighth of
   * it, and each zone's public subnet a /(prefix+8) from the last eighth.
   * @default "10.30.0.0/16"
   */
  readonly cidr?: string;
  /**
   * Availability zones, by name, one private and one public subnet each (2 to 6).
   * @default the first `availabilityZoneCount` zones of the region that need no opt-in
   */
  readonly availabilityZones?: string[];
  /**
   * How many zones, when `availabilityZones` is left out (2 to 6).
   * @default 3 (2 when ephemeral)
   */
  readonly availabilityZoneCount?: number;
  /**
   * NAT gateways, each on its own Elastic IP, in the first zones' public subnets; the
   * private subnets of zones without one route through the first. One per zone keeps a
   * zone outage from cutting the others' egress.
   * @default one per zone (1 when ephemeral)
   */
  readonly natGatewayCount?: number;
  /**
   * Ephemeral mode: fewer zones and NAT gateways, and the Elastic IPs may be destroyed.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * KMS key the flow-log group is encrypted with (CKV_AWS_158); its policy must let
   * CloudWatch Logs use it for `/aws/eks/<name>/vpc-flow-logs`.
   * @default the group is encrypted with CloudWatch Logs' own key
   */
  readonly logKmsKeyArn?: string;
  /**
   * Days flow logs are kept.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Tags of every resource (ownership tags included by the caller).
   * @default none
   */
  readonly tags?: { [key: string]: string };
}

/** The log group of the VPC's flow logs, next to EKS's `/aws/eks/<name>/cluster`. */
export function eksFlowLogGroupName(name: string): string {
  return `/aws/eks/${name}/vpc-flow-logs`;
}

/** The default VPC block of {@link EksVpc}. */
export { DEFAULT_EKS_VPC_CIDR } from './eks-cluster-defaults';
import { DEFAULT_EKS_VPC_CIDR, EKS_VPC_PREFIX_LENGTHS } from './eks-cluster-defaults';

/** The private and public subnet blocks of one zone. */
export interface EksZoneSubnetCidrs {
  readonly privateCidr: string;
  readonly publicCidr: string;
}

/**
 * The subnet blocks {@link EksVpc} carves out of `vpcCidr` for `zoneCount` zones. Pure:
 * private subnet `i` is the `i`-th eighth of the VPC (room for pods, which take VPC
 * addresses with the VPC CNI), public subnet `i` the `i`-th /(prefix+8) of the last eighth.
 */
export function eksSubnetCidrs(vpcCidr: string, zoneCount: number): EksZoneSubnetCidrs[] {
  const vpc = assertIpv4Cidr(vpcCidr, 'EksVpc.cidr');
  if (!vpc) return [];
  const block = (newBits: number, index: number): string => {
    const prefix = vpc.prefixLength + newBits;
    const first = vpc.first + index * 2 ** (32 - prefix);
    const octets = [24, 16, 8, 0].map((shift) => (first >>> shift) & 255);
    return `${octets.join('.')}/${prefix}`;
  };
  return Array.from({ length: zoneCount }, (_, i) => ({ privateCidr: block(3, i), publicCidr: block(8, 7 * 32 + i) }));
}

/**
 * Checks the props of an {@link EksVpc}; `cidrField` names the CIDR prop as the caller
 * knows it (`EksCluster.vpcCidr`), so errors name what the user wrote.
 */
export function validateEksVpcProps(path: string, props: Omit<EksVpcProps, 'name'>, cidrField = 'cidr'): void {
  const cidr = props.cidr ?? DEFAULT_EKS_VPC_CIDR;
  const vpcBlock = assertIpv4Cidr(cidr, `${path}.${cidrField}`);
  if (vpcBlock && (vpcBlock.prefixLength < EKS_VPC_PREFIX_LENGTHS.min || vpcBlock.prefixLength > EKS_VPC_PREFIX_LENGTHS.max)) {
    throw new ValidationError(`${path}.${cidrField}`, cidr, 'must be a /16 to /20 block (AWS allows /16 at most; each zone needs a private eighth and a public /(prefix+8) of at least 16 addresses), e.g. "10.30.0.0/16"');
  }
  if (props.availabilityZones !== undefined) {
    if (props.availabilityZones.length < 2 || props.availabilityZones.length > 6) {
      throw new ValidationError(`${path}.availabilityZones`, props.availabilityZones, 'must name 2 to 6 zones (EKS requires subnets in at least two), e.g. ["eu-west-1a", "eu-west-1b"]');
    }
    const seen = new Set<string>();
    props.availabilityZones.forEach((zone, index) => {
      if (isUnresolved(zone)) return;
      if (!zone.startsWith(props.region) || seen.has(zone)) {
        throw new ValidationError(`${path}.availabilityZones[${index}]`, zone, `must be a distinct zone of region ${props.region}, e.g. "${props.region}a"`);
      }
      seen.add(zone);
    });
    if (props.availabilityZoneCount !== undefined) {
      throw new ValidationError(`${path}.availabilityZoneCount`, props.availabilityZoneCount, 'cannot be combined with availabilityZones: the list already says how many');
    }
  }
  assertIntegerInRange(props.availabilityZoneCount, `${path}.availabilityZoneCount`, 2, 6);
  const zoneCount = props.availabilityZones?.length ?? props.availabilityZoneCount ?? (props.ephemeral ? 2 : 3);
  assertIntegerInRange(props.natGatewayCount, `${path}.natGatewayCount`, 1, zoneCount);
  // The retention values CloudWatch Logs accepts (PutRetentionPolicy).
  const retentions = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
  if (props.flowLogRetentionDays !== undefined && !retentions.includes(props.flowLogRetentionDays)) {
    throw new ValidationError(`${path}.flowLogRetentionDays`, props.flowLogRetentionDays, `must be one of CloudWatch Logs' retention periods: ${retentions.join(', ')}`);
  }
}

/** A VPC for EKS: private and public subnets over two or more zones, NAT on reserved addresses. */
export class EksVpc extends Construct {
  public readonly vpcId: string;
  /** Private subnets, one per zone, in zone order: nodes and pods. */
  public readonly privateSubnetIds: string[];
  /** Public subnets, one per zone, in zone order: NAT gateways and internet-facing load balancers. */
  public readonly publicSubnetIds: string[];
  /** Public IPv4 addresses of the NAT gateways: the cluster's egress addresses. */
  public readonly egressAddresses: string[];
  /** The NAT gateways: nodes wait for them, since a node without egress cannot join the cluster. */
  public readonly natGateways: NatGateway[];
  public readonly cidr: string;

  constructor(scope: Construct, id: string, props: EksVpcProps) {
    super(scope, id);
    const path = this.node.path;
    const ephemeral = props.ephemeral ?? false;
    const cidr = props.cidr ?? DEFAULT_EKS_VPC_CIDR;
    validateEksVpcProps(path, props);
    const zoneCount = props.availabilityZones?.length ?? props.availabilityZoneCount ?? (ephemeral ? 2 : 3);
    const natCount = props.natGatewayCount ?? (ephemeral ? 1 : zoneCount);

    const provider = awsProvider(this, props.region);
    const tags = props.tags ?? {};
    const named = (suffix: string): { [key: string]: string } => ({ ...tags, Name: `${props.name}-${suffix}` });
    let zones: string[];
    if (props.availabilityZones !== undefined) {
      zones = props.availabilityZones;
    } else {
      const available = new DataAwsAvailabilityZones(this, 'zones', {
        provider,
        state: 'available',
        // Opt-in zones (Local Zones, Wavelength) have no NAT gateways or managed node groups.
        filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      });
      // An index, not element(): element() wraps around and would put two subnets in one zone.
      zones = Array.from({ length: zoneCount }, (_, i) => Fn.lookupNested(available.names, [i]) as string);
    }

    const vpc = new Vpc(this, 'vpc', {
      provider,
      cidrBlock: cidr,
      // EKS requires DNS support and host names for nodes to register and for the private endpoint.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: named('vpc'),
    });
    // CKV2_AWS_12: the default security group allows nothing; the cluster has its own groups.
    new DefaultSecurityGroup(this, 'default-security-group', { provider, vpcId: vpc.id, ingress: [], egress: [], tags: named('default') });
    // CKV2_AWS_11: flow logs of all traffic, to a log group kept a year (CKV_AWS_66 / CKV_AWS_338).
    const flowLogGroup = new CloudwatchLogGroup(this, 'flow-logs', {
      provider,
      name: eksFlowLogGroupName(props.name),
      retentionInDays: props.flowLogRetentionDays ?? 365,
      kmsKeyId: props.logKmsKeyArn,
      tags,
    });
    const flowLogRole = new IamRole(this, 'flow-logs-role', {
      provider,
      name: `${props.name}-vpc-flow-logs`.slice(0, 64),
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags,
    });
    new IamRolePolicy(this, 'flow-logs-policy', {
      provider,
      role: flowLogRole.id,
      name: 'deliver-flow-logs',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
          Resource: [flowLogGroup.arn, `${flowLogGroup.arn}:*`],
        }],
      }),
    });
    new FlowLog(this, 'flow-log', {
      provider,
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: flowLogGroup.arn,
      iamRoleArn: flowLogRole.arn,
      maxAggregationInterval: 600,
      tags,
    });
    const internetGateway = new InternetGateway(this, 'internet-gateway', { provider, vpcId: vpc.id, tags: named('igw') });

    const subnetCidrs = eksSubnetCidrs(cidr, zoneCount);
    const publicRoutes = new RouteTable(this, 'public-routes', {
      provider,
      vpcId: vpc.id,
      route: [{ cidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id }],
      tags: named('public'),
    });
    const publicSubnets = zones.map((zone, i) => {
      const subnet = new Subnet(this, `public-${i}`, {
        provider,
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: subnetCidrs[i].publicCidr,
        // CKV_AWS_130: nothing in a public subnet gets a public IP by default; NAT gateways
        // and load balancers bring their own Elastic IPs.
        mapPublicIpOnLaunch: false,
        // The AWS Load Balancer Controller's subnet discovery for internet-facing load balancers.
        tags: { ...named(`public-${i}`), 'kubernetes.io/role/elb': '1' },
      });
      new RouteTableAssociation(this, `public-${i}-routes`, { provider, subnetId: subnet.id, routeTableId: publicRoutes.id });
      return subnet;
    });

    const natAddresses = Array.from({ length: natCount }, (_, i) =>
      new Eip(this, `nat-${i}-address`, {
        provider,
        domain: 'vpc',
        tags: named(`nat-${i}`),
        // Allow-lists of other zones and KDS name these addresses: losing one is an outage.
        lifecycle: ephemeral ? undefined : { preventDestroy: true },
      }),
    );
    this.natGateways = natAddresses.map((address, i) =>
      new NatGateway(this, `nat-${i}`, {
        provider,
        allocationId: address.allocationId,
        subnetId: publicSubnets[i].id,
        connectivityType: 'public',
        tags: named(`nat-${i}`),
        // A NAT gateway needs the VPC's internet gateway attached before it can route.
        dependsOn: [internetGateway],
      }),
    );

    const privateSubnets = zones.map((zone, i) => {
      const subnet = new Subnet(this, `private-${i}`, {
        provider,
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: subnetCidrs[i].privateCidr,
        mapPublicIpOnLaunch: false,
        tags: { ...named(`private-${i}`), 'kubernetes.io/role/internal-elb': '1' },
      });
      const routes = new RouteTable(this, `private-${i}-routes`, {
        provider,
        vpcId: vpc.id,
        // A zone's own NAT gateway when it has one, so its egress survives another zone's outage.
        route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: this.natGateways[i < natCount ? i : 0].id }],
        tags: named(`private-${i}`),
      });
      new RouteTableAssociation(this, `private-${i}-routes-association`, { provider, subnetId: subnet.id, routeTableId: routes.id });
      return subnet;
    });

    this.vpcId = vpc.id;
    this.cidr = cidr;
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.egressAddresses = natAddresses.map((address) => address.publicIp);
  }
}
