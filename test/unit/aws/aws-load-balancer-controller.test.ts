import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import {
  AWS_LOAD_BALANCER_CONTROLLER_CHART,
  AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
  AwsLoadBalancerController,
  AwsLoadBalancerControllerIdentity,
  awsLoadBalancerControllerStatements,
} from '../../../lib/aws/aws-load-balancer-controller';
import { EksCluster } from '../../../lib/aws/eks-cluster';
import { helmValues, onlyResource, resourcesOfType, synthApp } from '../../helpers/synth';

test('the release pins the chart and names the cluster, region and VPC the controller cannot discover behind IMDS hop limit 1', () => {
  const stacks = synthApp((app) => {
    const cluster = new EksCluster(new TerraformStack(app, 'infra'), 'aws', { name: 'acme-aws', region: 'eu-west-1' });
    new AwsLoadBalancerControllerIdentity(cluster, 'lbc', { cluster, roleName: 'acme-aws-lbc' });
    new AwsLoadBalancerController(new TerraformStack(app, 'platform'), 'lbc', {
      connection: cluster.connection, clusterName: cluster.clusterName, region: cluster.region, vpcId: cluster.vpc.vpcId,
    });
  });
  const release = onlyResource(stacks.platform, 'helm_release');
  assert.equal(release.chart, AWS_LOAD_BALANCER_CONTROLLER_CHART.chart);
  assert.equal(release.version, '1.17.1');
  assert.equal(release.atomic, true);
  const values = helmValues(release);
  // kubernetes-sigs/aws-load-balancer-controller@v2.17.1:helm/aws-load-balancer-controller/templates/deployment.yaml:
  // --cluster-name is `required`; --aws-region and --aws-vpc-id come from these values.
  assert.ok(values.clusterName);
  assert.equal(values.region, 'eu-west-1');
  assert.ok(values.vpcId);
  // _helpers.tpl serviceAccountName: the explicit name, which the Pod Identity association binds.
  assert.equal(values.serviceAccount.name, AWS_LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT);
  assert.equal(values.enableServiceMutatorWebhook, false);
  const association = onlyResource(stacks.infra, 'aws_eks_pod_identity_association');
  assert.equal(association.namespace, 'kube-system');
  assert.equal(association.service_account, values.serviceAccount.name);
  const [, role] = resourcesOfType(stacks.infra, 'aws_iam_role').find(([, r]) => r.name === 'acme-aws-lbc')!;
  assert.match(association.role_arn, /^\$\{aws_iam_role\./);
  assert.equal(JSON.parse(role.assume_role_policy).Statement[0].Principal.Service, 'pods.eks.amazonaws.com');
});

test('the controller may write only what carries its cluster tag, and never ALB-only services', () => {
  const statements = awsLoadBalancerControllerStatements();
  const actions = statements.flatMap((s) => s.actions);
  for (const prefix of ['wafv2:', 'waf-regional:', 'shield:', 'cognito-idp:', 'acm:']) assert.ok(!actions.some((a) => a.startsWith(prefix)), prefix);
  const deletes = statements.filter((s) => s.actions.some((a) => /Delete(LoadBalancer|TargetGroup|SecurityGroup)$/.test(a)));
  assert.ok(deletes.length > 0);
  for (const s of deletes) assert.deepEqual(s.conditions, { Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': ['false'] } });
  const creates = statements.find((s) => s.actions.includes('elasticloadbalancing:CreateLoadBalancer'))!;
  assert.deepEqual(creates.conditions, { Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': ['false'] } });
  assert.ok(!actions.includes('*') && !actions.some((a) => a.endsWith(':*')), 'no wildcard action (CKV_AWS_63)');
});
