/**
 * The AWS Load Balancer Controller, which turns `LoadBalancer` Services carrying
 * {@link ElasticIpAddress} annotations into internet-facing NLBs on reserved Elastic IPs.
 * The annotations claim a Service for this controller (`aws-load-balancer-type: external`),
 * which the cloud provider built into EKS leaves alone, so without the controller such a
 * Service never gets a load balancer.
 *
 * Two halves in two stages: {@link AwsLoadBalancerControllerIdentity} (stage "infra": the
 * IAM role and its Pod Identity association) and {@link AwsLoadBalancerController}
 * (stage "platform": the Helm release).
 */
import { Construct } from 'constructs';
import { Release } from '@cdktf/provider-helm/lib/release';
import { IClusterConnection } from '../clusters/cluster-connection';
import { HelmValues, RELEASE_SAFETY, mergeValues, renderValues } from '../private/helm-values';
import { assertNonEmpty } from '../private/validation';
import { IamPolicyStatement, IPodIdentityCluster, PodIdentityRole } from './pod-identity-role';

/**
 * The chart, pinned: kubernetes-sigs/aws-load-balancer-controller@v2.17.1:helm/aws-load-balancer-controller/Chart.yaml
 * (chart 1.17.1, app v2.17.1), published at aws/eks-charts.
 */
export const AWS_LOAD_BALANCER_CONTROLLER_CHART = {
  repository: 'https://aws.github.io/eks-charts',
  chart: 'aws-load-balancer-controller',
  version: '1.17.1',
};

/** Where the controller runs and the ServiceAccount its role is bound to. */
export const AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE = 'kube-system';
export const AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT = 'aws-load-balancer-controller';

/** The tag the controller puts on everything it creates, which scopes its write permissions. */
const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

/**
 * What the controller may do to serve NLB Services, written after the upstream policy
 * (kubernetes-sigs/aws-load-balancer-controller@v2.17.1:docs/install/iam_policy.json) with the
 * ALB-only grants (WAF, Shield, Cognito, ACM, listener rules) left out: creating and
 * changing load balancers, target groups and security groups only with, or on resources
 * carrying, the controller's cluster tag. Pure.
 */
export function awsLoadBalancerControllerStatements(): IamPolicyStatement[] {
  const tagged = { Null: { [`aws:ResourceTag/${CLUSTER_TAG}`]: ['false'] } };
  const taggedRequest = { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: ['false'] } };
  return [
    {
      sid: 'ServiceLinkedRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: ['*'],
      conditions: { StringEquals: { 'iam:AWSServiceName': ['elasticloadbalancing.amazonaws.com'] } },
    },
    {
      sid: 'Discover',
      actions: [
        'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags', 'ec2:GetSecurityGroupsForVpc', 'ec2:DescribeRouteTables',
        'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetHealth', 'elasticloadbalancing:DescribeTags',
      ],
      resources: ['*'],
    },
    { sid: 'CreateSecurityGroups', actions: ['ec2:CreateSecurityGroup'], resources: ['*'] },
    {
      sid: 'TagNewSecurityGroups',
      actions: ['ec2:CreateTags'],
      resources: ['arn:*:ec2:*:*:security-group/*'],
      conditions: { StringEquals: { 'ec2:CreateAction': ['CreateSecurityGroup'] }, ...taggedRequest },
    },
    {
      sid: 'OwnSecurityGroups',
      actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup', 'ec2:CreateTags', 'ec2:DeleteTags'],
      resources: ['*'],
      conditions: tagged,
    },
    // The node security group gets ingress rules from the NLB's group; it carries no controller tag.
    { sid: 'NodeSecurityGroupRules', actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], resources: ['*'] },
    {
      sid: 'CreateLoadBalancers',
      actions: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
      resources: ['*'],
      conditions: taggedRequest,
    },
    {
      sid: 'TagOnCreate',
      actions: ['elasticloadbalancing:AddTags'],
      resources: ['arn:*:elasticloadbalancing:*:*:targetgroup/*/*', 'arn:*:elasticloadbalancing:*:*:loadbalancer/net/*/*'],
      conditions: { StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] }, ...taggedRequest },
    },
    {
      sid: 'OwnLoadBalancers',
      actions: [
        'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetIpAddressType', 'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes', 'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyListenerAttributes', 'elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags',
      ],
      resources: ['*'],
      conditions: tagged,
    },
    {
      sid: 'Listeners',
      actions: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:ModifyListener'],
      resources: ['*'],
    },
    {
      sid: 'Targets',
      actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
      resources: ['arn:*:elasticloadbalancing:*:*:targetgroup/*/*'],
    },
  ];
}

/** Props of {@link AwsLoadBalancerControllerIdentity}. */
export interface AwsLoadBalancerControllerIdentityProps {
  readonly cluster: IPodIdentityCluster;
  /** IAM role name. */
  readonly roleName: string;
  /**
   * Tags of the role.
   * @default none
   */
  readonly tags?: { [key: string]: string };
}

/** The controller's IAM role, bound to its ServiceAccount through Pod Identity (stage "infra"). */
export class AwsLoadBalancerControllerIdentity extends Construct {
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerIdentityProps) {
    super(scope, id);
    this.roleArn = new PodIdentityRole(this, 'role', {
      cluster: props.cluster,
      roleName: props.roleName,
      namespace: AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE,
      serviceAccount: AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
      statements: awsLoadBalancerControllerStatements(),
      tags: props.tags,
    }).roleArn;
  }
}

/** Inputs of {@link awsLoadBalancerControllerValues}. */
export interface AwsLoadBalancerControllerValuesInput {
  readonly clusterName: string;
  readonly region: string;
  readonly vpcId: string;
  readonly ephemeral: boolean;
}

/**
 * The chart's values. Pure.
 * - `region` and `vpcId` are given: the controller's pod is not on the host network, and
 *   the nodes' IMDS hop limit of 1 (EksCluster) keeps it from discovering them.
 * - the Service mutator webhook is off: it would claim every LoadBalancer Service, and
 *   with `failurePolicy: Fail` block Service creation while the controller is down;
 *   Services opt in by their annotations instead.
 */
export function awsLoadBalancerControllerValues(input: AwsLoadBalancerControllerValuesInput): HelmValues {
  return {
    clusterName: input.clusterName,
    region: input.region,
    vpcId: input.vpcId,
    replicaCount: input.ephemeral ? 1 : 2,
    serviceAccount: { create: true, name: AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT },
    enableServiceMutatorWebhook: false,
  };
}

/** Props of {@link AwsLoadBalancerController}. */
export interface AwsLoadBalancerControllerProps {
  readonly connection: IClusterConnection;
  /** Cluster name, as EKS knows it (the controller tags what it creates with it). */
  readonly clusterName: string;
  readonly region: string;
  /** VPC of the cluster. */
  readonly vpcId: string;
  /**
   * Ephemeral mode: one replica.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Chart version.
   * @default {@link AWS_LOAD_BALANCER_CONTROLLER_CHART}.version
   */
  readonly chartVersion?: string;
  /**
   * Values merged last.
   * @default none
   */
  readonly extraValues?: { [key: string]: unknown };
}

/** The controller's Helm release (stage "platform"). */
export class AwsLoadBalancerController extends Construct {
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerProps) {
    super(scope, id);
    const path = this.node.path;
    assertNonEmpty(props.clusterName, `${path}.clusterName`, 'acme-aws');
    assertNonEmpty(props.region, `${path}.region`, 'eu-west-1');
    assertNonEmpty(props.vpcId, `${path}.vpcId`, 'vpc-0123456789abcdef0');
    const values = awsLoadBalancerControllerValues({
      clusterName: props.clusterName,
      region: props.region,
      vpcId: props.vpcId,
      ephemeral: props.ephemeral ?? false,
    });
    this.release = new Release(this, 'release', {
      provider: props.connection.providers(this).helm,
      name: 'aws-load-balancer-controller',
      namespace: AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE,
      repository: AWS_LOAD_BALANCER_CONTROLLER_CHART.repository,
      chart: AWS_LOAD_BALANCER_CONTROLLER_CHART.chart,
      version: props.chartVersion ?? AWS_LOAD_BALANCER_CONTROLLER_CHART.version,
      ...RELEASE_SAFETY,
      values: [renderValues(mergeValues(values, props.extraValues))],
    });
  }
}
