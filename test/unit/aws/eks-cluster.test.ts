import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { EKS_CONTROL_PLANE_LOG_TYPES, EksCluster, EksClusterProps, eksClusterNetworkRanges } from '../../../lib/aws/eks-cluster';
import { ValidationError } from '../../../lib/private/validation';
import { StackJson, onlyResource, resourcesOfType, synthApp, synthStack } from '../../helpers/synth';

const BASE: EksClusterProps = { name: 'acme-aws', region: 'eu-west-1' };
const EPHEMERAL: Partial<EksClusterProps> = { ephemeral: true, owner: 'platform-team', expiresAt: '2030-01-31' };

function synthEks(props: Partial<EksClusterProps> = {}, extra?: (cluster: EksCluster) => void): StackJson {
  return synthStack((stack) => {
    const cluster = new EksCluster(stack, 'aws', { ...BASE, ...props });
    extra?.(cluster);
  });
}

/** Expects a ValidationError whose message names the field and shows the bad value. */
function assertRejected(props: Partial<EksClusterProps>, field: string, shownValue: string): void {
  assert.throws(
    () => new EksCluster(new TerraformStack(new App(), 'test'), 'aws', { ...BASE, ...props }),
    (error: Error) => {
      assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
      assert.ok(error.message.includes(`aws.${field}`), `message names the field ${field}: ${error.message}`);
      assert.ok(error.message.includes(shownValue), `message shows ${shownValue}: ${error.message}`);
      return true;
    },
  );
}

// One synthesis shared by the default-setting tests keeps the suite fast.
const defaults = synthEks();
const cluster = onlyResource(defaults, 'aws_eks_cluster');
const template = onlyResource(defaults, 'aws_launch_template');
const nodeGroup = onlyResource(defaults, 'aws_eks_node_group');
const key = onlyResource(defaults, 'aws_kms_key');
const logGroup = resourcesOfType(defaults, 'aws_cloudwatch_log_group').map(([, g]) => g).find((g) => g.name.endsWith('/cluster'));

test('the API endpoint is private only by default (CKV_AWS_39), so no CIDR list is open (CKV_AWS_38)', () => {
  assert.equal(cluster.vpc_config.endpoint_private_access, true);
  assert.equal(cluster.vpc_config.endpoint_public_access, false);
  assert.equal(cluster.vpc_config.public_access_cidrs, undefined);
});

test('no waiver is recorded when the endpoint is private', () => {
  const json = synthApp((app) => new EksCluster(new TerraformStack(app, 'infra'), 'aws', BASE)).infra;
  assert.equal(onlyResource(json, 'aws_eks_cluster')['//'].waivers, undefined);
});

test('given CIDRs, the public endpoint opens for them alone, recorded as a waiver of CKV_AWS_39', () => {
  // WHEN (waivers live in the `//` block, which only a synthesis to disk keeps)
  const json = synthApp((app) => new EksCluster(new TerraformStack(app, 'infra'), 'aws', { ...BASE, publicAccessCidrs: ['203.0.113.0/24'] })).infra;
  const c = onlyResource(json, 'aws_eks_cluster');
  assert.equal(c.vpc_config.endpoint_public_access, true);
  // EKS's own default for public_access_cidrs is 0.0.0.0/0: leaving the list out would open it to all.
  assert.deepEqual(c.vpc_config.public_access_cidrs, ['203.0.113.0/24']);
  assert.equal(c['//'].waivers.CKV_AWS_39, 'publicAccessCidrs');
});

test('secrets are envelope-encrypted with the cluster key (CKV_AWS_58), which rotates (CKV_AWS_7)', () => {
  assert.deepEqual(cluster.encryption_config.resources, ['secrets']);
  const [keyName] = resourcesOfType(defaults, 'aws_kms_key')[0];
  assert.equal(cluster.encryption_config.provider.key_arn, `\${aws_kms_key.${keyName}.arn}`);
  assert.equal(key.enable_key_rotation, true);
  assert.equal(key.is_enabled, true);
});

test('the key policy names no wildcard principal (CKV_AWS_33) and lets CloudWatch Logs use it for this cluster\'s group only', () => {
  const policy = JSON.parse(key.policy);
  for (const statement of policy.Statement) {
    assert.notEqual(statement.Principal, '*');
    assert.notEqual(statement.Principal?.AWS, '*');
  }
  const logs = policy.Statement.find((s: any) => s.Principal.Service === 'logs.eu-west-1.amazonaws.com');
  const groups: string[] = logs.Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn'];
  assert.deepEqual(groups.map((arn) => arn.replace(/^.*:log-group:/, '')).sort(), ['/aws/eks/acme-aws/cluster', '/aws/eks/acme-aws/vpc-flow-logs']);
  // Both groups the key encrypts are named in its policy: a group outside it could not be written.
  const logGroups = resourcesOfType(defaults, 'aws_cloudwatch_log_group').map(([, g]) => g.name).sort();
  assert.deepEqual(groups.map((arn) => arn.replace(/^.*:log-group:/, '')).sort(), logGroups);
});

test('every control-plane log type Checkov asks for is shipped (CKV_AWS_37), to an encrypted group kept a year', () => {
  // bridgecrewio/checkov@3.3.13:checkov/terraform/checks/resource/aws/EKSControlPlaneLogging.py log_types
  const checkovLogTypes = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
  assert.deepEqual([...cluster.enabled_cluster_log_types].sort(), [...checkovLogTypes].sort());
  assert.deepEqual(EKS_CONTROL_PLANE_LOG_TYPES, cluster.enabled_cluster_log_types);
  // EKS writes to /aws/eks/<cluster>/cluster; a group of another name would leave EKS creating its own.
  assert.equal(logGroup.name, '/aws/eks/acme-aws/cluster');
  assert.ok(logGroup.retention_in_days >= 365, 'CKV_AWS_338');
  assert.match(logGroup.kms_key_id, /^\$\{aws_kms_key\./, 'CKV_AWS_158');
  assert.ok(cluster.depends_on.some((d: string) => d.startsWith('aws_cloudwatch_log_group.')), 'the group exists before EKS writes to it');
});

test('the Kubernetes version is one Checkov accepts as supported (CKV_AWS_339), on standard support', () => {
  // bridgecrewio/checkov@3.3.13:checkov/terraform/checks/resource/aws/EKSPlatformVersion.py get_expected_values
  assert.ok(['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'].includes(cluster.version), cluster.version);
  assert.equal(cluster.upgrade_policy.support_type, 'STANDARD');
});

test('access entries, not the aws-auth ConfigMap; admins are added by access policy', () => {
  assert.equal(cluster.access_config.authentication_mode, 'API');
  assert.equal(cluster.access_config.bootstrap_cluster_creator_admin_permissions, true);
  const json = synthEks({ adminPrincipalArns: ['arn:aws:iam::111122223333:role/platform-admins'] });
  assert.equal(onlyResource(json, 'aws_eks_access_entry').principal_arn, 'arn:aws:iam::111122223333:role/platform-admins');
  const association = onlyResource(json, 'aws_eks_access_policy_association');
  assert.match(association.policy_arn, /:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/);
  assert.deepEqual(association.access_scope, { type: 'cluster' });
});

test('nodes require IMDSv2 (CKV_AWS_79) with a hop limit of 1 (CKV_AWS_341), encrypted root volumes, no public IP (CKV_AWS_88)', () => {
  assert.equal(template.metadata_options.http_endpoint, 'enabled');
  assert.equal(template.metadata_options.http_tokens, 'required');
  assert.equal(template.metadata_options.http_put_response_hop_limit, 1);
  const [root] = template.block_device_mappings;
  // AL2023 EKS AMIs boot from /dev/xvda: a mapping of another device would leave the root volume unencrypted.
  assert.equal(nodeGroup.ami_type, 'AL2023_x86_64_STANDARD');
  assert.equal(root.device_name, '/dev/xvda');
  assert.equal(root.ebs.encrypted, 'true');
  assert.equal(template.network_interfaces, undefined, 'no interface with associate_public_ip_address');
  const [templateName] = resourcesOfType(defaults, 'aws_launch_template')[0];
  assert.equal(nodeGroup.launch_template.id, `\${aws_launch_template.${templateName}.id}`);
  assert.equal(nodeGroup.launch_template.version, `\${aws_launch_template.${templateName}.latest_version}`);
});

test('the managed node group runs in the private subnets, on demand, with no SSH access (CKV_AWS_100)', () => {
  const privateSubnets = resourcesOfType(defaults, 'aws_subnet').filter(([name]) => name.includes('private')).map(([name]) => `\${aws_subnet.${name}.id}`);
  assert.deepEqual(nodeGroup.subnet_ids, privateSubnets);
  assert.deepEqual(cluster.vpc_config.subnet_ids, privateSubnets);
  assert.equal(nodeGroup.capacity_type, 'ON_DEMAND');
  assert.equal(nodeGroup.remote_access, undefined);
  assert.deepEqual(nodeGroup.scaling_config, { min_size: 3, max_size: 9, desired_size: 3 });
  assert.ok(nodeGroup.lifecycle.ignore_changes.includes('scaling_config[0].desired_size'));
});

test('EKS Pod Identity: the agent add-on waits for nodes (a DaemonSet add-on stays degraded without them)', () => {
  const addon = onlyResource(defaults, 'aws_eks_addon');
  assert.equal(addon.addon_name, 'eks-pod-identity-agent');
  const [nodeGroupName] = resourcesOfType(defaults, 'aws_eks_node_group')[0];
  assert.ok(addon.depends_on.includes(`aws_eks_node_group.${nodeGroupName}`));
  assert.equal(resourcesOfType(defaults, 'aws_iam_openid_connect_provider').length, 0, 'no IRSA OIDC provider');
});

test('egress addresses are the NAT gateways\' reserved Elastic IPs', () => {
  const stack = new TerraformStack(new App(), 'test');
  const eks = new EksCluster(stack, 'aws', BASE);
  assert.equal(eks.egressAddresses.length, 3, 'one NAT gateway per zone by default');
  const natEips = resourcesOfType(defaults, 'aws_eip');
  const nats = resourcesOfType(defaults, 'aws_nat_gateway');
  assert.equal(nats.length, 3);
  for (const [, nat] of nats) assert.ok(natEips.some(([name]) => nat.allocation_id === `\${aws_eip.${name}.allocation_id}`));
});

test('production: destroy protection on the cluster, the key and the NAT addresses; a 30-day key deletion window', () => {
  assert.equal(cluster.lifecycle.prevent_destroy, true);
  assert.equal(key.lifecycle.prevent_destroy, true);
  for (const [, eip] of resourcesOfType(defaults, 'aws_eip')) assert.equal(eip.lifecycle.prevent_destroy, true);
  assert.equal(key.deletion_window_in_days, 30);
});

test('ephemeral: spot nodes of several types, small sizes, 2 zones and 1 NAT, nothing destroy-protected, owner and expiry tags', () => {
  const json = synthEks(EPHEMERAL);
  const group = onlyResource(json, 'aws_eks_node_group');
  assert.equal(group.capacity_type, 'SPOT');
  assert.ok(group.instance_types.length >= 2);
  assert.deepEqual(group.scaling_config, { min_size: 1, max_size: 3, desired_size: 1 });
  assert.equal(resourcesOfType(json, 'aws_subnet').length, 4);
  assert.equal(resourcesOfType(json, 'aws_nat_gateway').length, 1);
  for (const type of ['aws_eks_cluster', 'aws_kms_key', 'aws_eip']) {
    for (const [name, resource] of resourcesOfType(json, type)) assert.equal(resource.lifecycle?.prevent_destroy, undefined, `${type}.${name}`);
  }
  const c = onlyResource(json, 'aws_eks_cluster');
  assert.equal(c.tags.owner, 'platform-team');
  assert.equal(c.tags['expires-at'], '2030-01-31');
  assert.equal(c.tags.ephemeral, 'true');
  assert.equal(onlyResource(json, 'aws_kms_key').deletion_window_in_days, 7);
});

test('overrides: version, node counts, instance types, zones', () => {
  const json = synthEks({ kubernetesVersion: '1.33', minNodes: 2, maxNodes: 4, instanceTypes: ['c6i.xlarge'], availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
  assert.equal(onlyResource(json, 'aws_eks_cluster').version, '1.33');
  const group = onlyResource(json, 'aws_eks_node_group');
  assert.deepEqual(group.scaling_config, { min_size: 2, max_size: 4, desired_size: 2 });
  assert.deepEqual(group.instance_types, ['c6i.xlarge']);
  assert.deepEqual(resourcesOfType(json, 'aws_subnet').map(([, s]) => s.availability_zone).sort(), ['eu-west-1a', 'eu-west-1a', 'eu-west-1b', 'eu-west-1b']);
  assert.equal(json.data?.aws_availability_zones, undefined, 'named zones need no lookup');
});

test('validation names the field, the value and the fix', () => {
  assertRejected({ name: 'acme aws' }, 'name', 'acme aws');
  assertRejected({ region: 'europe-west1' }, 'region', 'europe-west1');
  assertRejected({ kubernetesVersion: 'latest' }, 'kubernetesVersion', 'latest');
  assertRejected({ publicAccessCidrs: ['0.0.0.0/0'] }, 'publicAccessCidrs[0]', '0.0.0.0/0');
  assertRejected({ publicAccessCidrs: ['203.0.113.1/24'] }, 'publicAccessCidrs[0]', '203.0.113.1/24');
  assertRejected({ adminPrincipalArns: ['platform-admins'] }, 'adminPrincipalArns[0]', 'platform-admins');
  assertRejected({ minNodes: 5, maxNodes: 2 }, 'maxNodes', '2');
  assertRejected({ instanceTypes: [] }, 'instanceTypes', '[]');
  assertRejected({ servicesCidr: '10.30.0.0/16' }, 'servicesCidr', '10.30.0.0/16');
  assertRejected({ vpcCidr: '10.0.0.0/8' }, 'vpcCidr', '10.0.0.0/8');
  assertRejected({ availabilityZones: ['eu-west-1a'] }, 'availabilityZones', 'eu-west-1a');
  assertRejected({ availabilityZones: ['eu-west-1a', 'us-east-1a'] }, 'availabilityZones[1]', 'us-east-1a');
  assertRejected({ ephemeral: true, expiresAt: '2030-01-31' }, 'owner', 'missing value');
  assertRejected({ ephemeral: true, owner: 'platform-team' }, 'expiresAt', 'missing value');
});

test('eksClusterNetworkRanges: the VPC is routed (unique across a topology), the Service range is cluster-local', () => {
  assert.deepEqual(eksClusterNetworkRanges(BASE, 'infra/aws').map((r) => [r.field, r.cidr, r.clusterLocal]), [
    ['infra/aws.vpcCidr', '10.30.0.0/16', false],
    ['infra/aws.servicesCidr', '172.20.0.0/16', true],
  ]);
});
