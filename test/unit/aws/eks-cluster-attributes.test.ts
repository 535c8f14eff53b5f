/**
 * EksCluster.fromClusterAttributes: an existing EKS cluster read at plan time, with what
 * the topology creates on it (Elastic IPs per public subnet, Pod Identity roles), and the
 * pure attribute checks the topology validator shares.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { AwsLoadBalancerControllerIdentity } from '../../../lib/aws/aws-load-balancer-controller';
import { EksCluster, EksClusterAttributes } from '../../../lib/aws/eks-cluster';
import { eksClusterAttributeProblems } from '../../../lib/aws/eks-cluster-attributes';
import { ValidationError } from '../../../lib/private/validation';
import { StackJson, dataOfType, onlyResource, resourcesOfType, synthApp, synthStack } from '../../helpers/synth';

const SUBNETS = ['subnet-0a1b2c3d4e5f60708', 'subnet-0b1c2d3e4f5a60718', 'subnet-0c1d2e3f4a5b60728'];
const ATTRS: EksClusterAttributes = { clusterName: 'prod-eks-euw1', region: 'eu-west-1', publicSubnetIds: SUBNETS };

function synthImport(attrs: Partial<EksClusterAttributes> = {}, extra?: (cluster: ReturnType<typeof EksCluster.fromClusterAttributes>, stack: TerraformStack) => void): StackJson {
  return synthStack((stack) => {
    const cluster = EksCluster.fromClusterAttributes(stack, 'existing', { ...ATTRS, ...attrs });
    extra?.(cluster, stack);
  });
}

const withRoles = synthImport({}, (cluster, stack) => {
  cluster.reservePublicAddress('kds');
  new AwsLoadBalancerControllerIdentity(stack, 'controller', { cluster, roleName: 'prod-eks-lb-controller' });
});
const [[clusterKey, clusterLookup]] = dataOfType(withRoles, 'aws_eks_cluster');

test('the cluster is read by name (data.aws_eks_cluster requires only `name`); nothing cluster-side is created', () => {
  // hashicorp/aws 5.100.0 schema (terraform providers schema -json): aws_eks_cluster data source, `name` required.
  assert.equal(clusterLookup.name, 'prod-eks-euw1');
  assert.deepEqual(resourcesOfType(withRoles, 'aws_eks_cluster'), []);
  assert.deepEqual(resourcesOfType(withRoles, 'aws_eks_addon'), []);
  assert.deepEqual(resourcesOfType(withRoles, 'aws_vpc'), []);
  assert.deepEqual(resourcesOfType(withRoles, 'aws_nat_gateway'), []);
});

test('one Elastic IP per public subnet, and the NLB annotations name those subnets in the same order (the controller pairs them by index)', () => {
  // kubernetes-sigs/aws-load-balancer-controller@v2.17.1:pkg/service/model_build_load_balancer.go#buildLoadBalancerSubnetMappings
  // refuses a Service whose counts of EIP allocations and subnets differ.
  let annotations: { [key: string]: string } = {};
  const stack = synthImport({}, (cluster) => (annotations = cluster.reservePublicAddress('gateway').serviceAnnotations));
  assert.equal(resourcesOfType(stack, 'aws_eip').length, SUBNETS.length);
  assert.equal(annotations['service.beta.kubernetes.io/aws-load-balancer-subnets'], SUBNETS.join(','));
  assert.equal(annotations['service.beta.kubernetes.io/aws-load-balancer-eip-allocations'].split(',').length, SUBNETS.length);
  assert.equal(annotations['service.beta.kubernetes.io/aws-load-balancer-scheme'], 'internet-facing');
});

test('each public subnet is looked up by id inside the cluster\'s VPC, so a subnet of another VPC fails the plan', () => {
  // aws_subnet data source (hashicorp/aws 5.100.0): `id` and `vpc_id` are filters; no match is an error.
  const lookups = dataOfType(withRoles, 'aws_subnet').map(([, subnet]) => subnet);
  assert.deepEqual(lookups.map((subnet) => subnet.id), SUBNETS);
  for (const subnet of lookups) assert.equal(subnet.vpc_id, `\${data.aws_eks_cluster.${clusterKey}.vpc_config[0].vpc_id}`, 'the VPC the cluster reports');
  const given = dataOfType(synthImport({ vpcId: 'vpc-0a1b2c3d4e5f60708' }), 'aws_subnet').map(([, subnet]) => subnet.vpc_id);
  assert.deepEqual(given, SUBNETS.map(() => 'vpc-0a1b2c3d4e5f60708'));
});

test('plan-time checks: the public subnets lie in distinct zones (the controller refuses two of one zone), a given VPC is the cluster\'s', () => {
  // subnet_resolver.go#validateSubnetsAZExclusivity: one subnet per availability zone.
  const [[, check]] = resourcesOfType(withRoles, 'terraform_data');
  const condition: string = check.lifecycle.precondition[0].condition;
  for (const [key] of dataOfType(withRoles, 'aws_subnet')) assert.ok(condition.includes(`data.aws_subnet.${key}.availability_zone`), condition);
  assert.match(condition, new RegExp(`^\\$\\{\\(length\\(distinct\\(\\[.*\\]\\)\\) == ${SUBNETS.length}\\)\\}$`));
  // The VPC read from the cluster needs no check; a given one is compared with the cluster's.
  assert.equal(dataOfType(withRoles, 'aws_eks_cluster')[0][1].lifecycle, undefined);
  const [[, cluster]] = dataOfType(synthImport({ vpcId: 'vpc-0a1b2c3d4e5f60708' }), 'aws_eks_cluster');
  assert.equal(cluster.lifecycle.postcondition[0].condition, '${self.vpc_config[0].vpc_id == "vpc-0a1b2c3d4e5f60708"}');
});

test('Pod Identity roles trust the existing cluster by its ARN and account, and their associations wait for the agent add-on', () => {
  const role = onlyResource(withRoles, 'aws_iam_role');
  const [statement] = JSON.parse(role.assume_role_policy).Statement;
  assert.equal(statement.Principal.Service, 'pods.eks.amazonaws.com');
  assert.equal(statement.Condition.ArnEquals['aws:SourceArn'], `\${data.aws_eks_cluster.${clusterKey}.arn}`);
  const [[accountKey]] = dataOfType(withRoles, 'aws_caller_identity');
  assert.equal(statement.Condition.StringEquals['aws:SourceAccount'], `\${data.aws_caller_identity.${accountKey}.account_id}`);
  const association = onlyResource(withRoles, 'aws_eks_pod_identity_association');
  assert.equal(association.cluster_name, 'prod-eks-euw1');
  const [[agentKey, agent]] = dataOfType(withRoles, 'aws_eks_addon');
  assert.equal(agent.addon_name, 'eks-pod-identity-agent');
  assert.equal(agent.cluster_name, 'prod-eks-euw1');
  assert.deepEqual(association.depends_on, [`data.aws_eks_addon.${agentKey}`]);
});

test('installPodIdentityAgent installs the add-on instead of reading it, and associations wait for it', () => {
  const stack = synthImport({ installPodIdentityAgent: true }, (cluster, s) => new AwsLoadBalancerControllerIdentity(s, 'controller', { cluster, roleName: 'r' }));
  assert.deepEqual(dataOfType(stack, 'aws_eks_addon'), []);
  const [[key, addon]] = resourcesOfType(stack, 'aws_eks_addon');
  assert.equal(addon.addon_name, 'eks-pod-identity-agent');
  assert.equal(addon.cluster_name, 'prod-eks-euw1');
  // Not ours to remove: destroy keeps the agent on the cluster.
  assert.equal(addon.preserve, true);
  assert.deepEqual(onlyResource(stack, 'aws_eks_pod_identity_association').depends_on, [`aws_eks_addon.${key}`]);
});

test('later stacks reach the cluster by name with aws eks get-token (the given profile), its VPC id crossing stacks', () => {
  const stacks = synthApp((app) => {
    const cluster = EksCluster.fromClusterAttributes(new TerraformStack(app, 'infra'), 'existing', { ...ATTRS, awsProfile: 'acme-prod' });
    cluster.connection.providers(new TerraformStack(app, 'platform'));
    assert.deepEqual(cluster.egressAddresses, []);
  });
  const [[, lookup]] = dataOfType(stacks.platform, 'aws_eks_cluster');
  assert.equal(lookup.name, 'prod-eks-euw1');
  const [provider] = (stacks.platform.provider as any).kubernetes;
  assert.equal(provider.exec[0].command, 'aws');
  assert.deepEqual(provider.exec[0].args.slice(-4), ['--profile', 'acme-prod', '--output', 'json']);
});

test('ephemeral: addresses and the installed agent carry owner and expiry, addresses are not protected', () => {
  const stack = synthImport({ ephemeral: true, owner: 'ci', expiresAt: '2030-01-31', installPodIdentityAgent: true }, (cluster) => cluster.reservePublicAddress('kds'));
  for (const [, eip] of resourcesOfType(stack, 'aws_eip')) {
    assert.equal(eip.lifecycle, undefined);
    assert.equal(eip.tags.owner, 'ci');
  }
  assert.equal(onlyResource(stack, 'aws_eks_addon').tags['expires-at'], '2030-01-31');
  const protectedStack = synthImport({}, (cluster) => cluster.reservePublicAddress('kds'));
  for (const [, eip] of resourcesOfType(protectedStack, 'aws_eip')) assert.deepEqual(eip.lifecycle, { prevent_destroy: true });
});

test('bad attributes are rejected with the field, the value and the fix', () => {
  const reject = (attrs: Partial<EksClusterAttributes>, field: string, shown: string) =>
    assert.throws(
      () => EksCluster.fromClusterAttributes(new TerraformStack(new App(), 'test'), 'existing', { ...ATTRS, ...attrs }),
      (error: Error) => {
        assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
        assert.ok(error.message.includes(`existing.${field}`), `names ${field}: ${error.message}`);
        assert.ok(error.message.includes(shown), `shows ${shown}: ${error.message}`);
        return true;
      },
    );
  reject({ publicSubnetIds: [SUBNETS[0]] }, 'publicSubnetIds', `["${SUBNETS[0]}"]`);
  reject({ publicSubnetIds: undefined as any }, 'publicSubnetIds', 'missing value');
  reject({ publicSubnetIds: [SUBNETS[0], 'subnet-xyz'] }, 'publicSubnetIds[1]', '"subnet-xyz"');
  reject({ publicSubnetIds: [SUBNETS[0], SUBNETS[1], SUBNETS[0]] }, 'publicSubnetIds[2]', `"${SUBNETS[0]}"`);
  reject({ vpcId: 'vpc-1' }, 'vpcId', '"vpc-1"');
  reject({ region: 'Ireland' }, 'region', '"Ireland"');
  reject({ clusterName: '-eks' }, 'clusterName', '"-eks"');
  reject({ awsProfile: ' ' }, 'awsProfile', '" "');
  reject({ ephemeral: true }, 'owner', 'missing value');
});

test('the pure checks report every problem at once, and none for good attributes', () => {
  assert.deepEqual(eksClusterAttributeProblems(ATTRS), []);
  assert.deepEqual(eksClusterAttributeProblems({ ...ATTRS, vpcId: 'vpc-0123456789abcdef0', publicSubnetIds: ['subnet-01234567', 'subnet-0123456789abcdef0'] }), [], '8- and 17-digit ids');
  const fields = eksClusterAttributeProblems({ clusterName: 'ok', region: 'nowhere', publicSubnetIds: ['subnet-1', 'subnet-2'], vpcId: 'x' }).map((problem) => problem.field);
  assert.deepEqual(fields, ['region', 'publicSubnetIds[0]', 'publicSubnetIds[1]', 'vpcId']);
});
