import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { EksVpc, EksVpcProps, eksSubnetCidrs } from '../../../lib/aws/eks-vpc';
import { assertNoCidrOverlap, parseIpv4Cidr, ValidationError } from '../../../lib/private/validation';
import { onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';

const BASE: EksVpcProps = { name: 'acme-aws', region: 'eu-west-1' };

test('eksSubnetCidrs: private eighths and public blocks of the last eighth, disjoint and inside the VPC', () => {
  const blocks = eksSubnetCidrs('10.30.0.0/16', 6);
  assert.deepEqual(blocks[0], { privateCidr: '10.30.0.0/19', publicCidr: '10.30.224.0/24' });
  assert.deepEqual(blocks[2], { privateCidr: '10.30.64.0/19', publicCidr: '10.30.226.0/24' });
  const all = blocks.flatMap((b, i) => [{ field: `private-${i}`, cidr: b.privateCidr }, { field: `public-${i}`, cidr: b.publicCidr }]);
  assert.doesNotThrow(() => assertNoCidrOverlap(all));
  const vpc = parseIpv4Cidr('10.30.0.0/16')!;
  for (const { cidr } of all) {
    const block = parseIpv4Cidr(cidr)!;
    assert.ok(block.first >= vpc.first && block.last <= vpc.last, `${cidr} inside the VPC`);
  }
  // A /20 VPC still leaves each public subnet 16 addresses (AWS's smallest subnet is a /28).
  assert.equal(eksSubnetCidrs('10.40.0.0/20', 2)[1].publicCidr, '10.40.14.16/28');
});

test('subnets over the region\'s first zones (looked up by index, never wrapping), no public IPs on launch (CKV_AWS_130)', () => {
  const json = synthStack((stack) => new EksVpc(stack, 'network', BASE));
  const subnets = resourcesOfType(json, 'aws_subnet');
  assert.equal(subnets.length, 6);
  for (const [, subnet] of subnets) assert.equal(subnet.map_public_ip_on_launch, false);
  const zones = subnets.map(([, s]) => s.availability_zone);
  assert.equal(new Set(zones).size, 3);
  for (const zone of zones) assert.match(zone, /^\$\{data\.aws_availability_zones\.[^.]+\.names(\.\d|\[\d\])\}$/);
  const lookup = Object.values(json.data!.aws_availability_zones)[0] as any;
  assert.deepEqual(lookup.filter, [{ name: 'opt-in-status', values: ['opt-in-not-required'] }]);
});

test('load balancer subnet discovery tags: elb on public subnets, internal-elb on private ones', () => {
  const json = synthStack((stack) => new EksVpc(stack, 'network', BASE));
  for (const [name, subnet] of resourcesOfType(json, 'aws_subnet')) {
    const role = name.includes('public') ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb';
    assert.equal(subnet.tags[role], '1', name);
  }
});

test('each private subnet routes through its zone\'s NAT gateway; with one NAT all route through it', () => {
  const routesOf = (json: any) => resourcesOfType(json, 'aws_route_table').filter(([name]) => name.includes('private')).map(([, t]) => t.route[0].nat_gateway_id);
  const perZone = synthStack((stack) => new EksVpc(stack, 'network', BASE));
  assert.equal(new Set(routesOf(perZone)).size, 3);
  const single = synthStack((stack) => new EksVpc(stack, 'network', { ...BASE, natGatewayCount: 1 }));
  assert.equal(new Set(routesOf(single)).size, 1);
  assert.equal(resourcesOfType(single, 'aws_nat_gateway').length, 1);
  const nat = onlyResource(single, 'aws_nat_gateway');
  assert.ok(nat.depends_on.some((d: string) => d.startsWith('aws_internet_gateway.')));
});

test('the default security group allows nothing (CKV2_AWS_12)', () => {
  const json = synthStack((stack) => new EksVpc(stack, 'network', BASE));
  const group = onlyResource(json, 'aws_default_security_group');
  assert.deepEqual(group.ingress, []);
  assert.deepEqual(group.egress, []);
});

test('validation names the field and the value', () => {
  const reject = (props: Partial<EksVpcProps>, field: string) =>
    assert.throws(() => new EksVpc(new TerraformStack(new App(), 't'), 'network', { ...BASE, ...props }), (e: Error) => e instanceof ValidationError && e.message.includes(`network.${field}`));
  reject({ cidr: '10.30.0.0/24' }, 'cidr');
  reject({ availabilityZoneCount: 1 }, 'availabilityZoneCount');
  reject({ availabilityZones: ['eu-west-1a', 'eu-west-1a'] }, 'availabilityZones[1]');
  reject({ availabilityZones: ['eu-west-1a', 'eu-west-1b'], availabilityZoneCount: 2 }, 'availabilityZoneCount');
  reject({ natGatewayCount: 4 }, 'natGatewayCount');
});

test('flow logs of all traffic (CKV2_AWS_11) to a group kept a year, delivered by a role only the flow-log service assumes', () => {
  const json = synthStack((stack) => new EksVpc(stack, 'network', { ...BASE, logKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k' }));
  const flowLog = onlyResource(json, 'aws_flow_log');
  const [vpcName] = resourcesOfType(json, 'aws_vpc')[0];
  assert.equal(flowLog.vpc_id, `\${aws_vpc.${vpcName}.id}`);
  assert.equal(flowLog.traffic_type, 'ALL');
  const group = onlyResource(json, 'aws_cloudwatch_log_group');
  assert.equal(group.name, '/aws/eks/acme-aws/vpc-flow-logs');
  assert.equal(group.retention_in_days, 365);
  assert.equal(group.kms_key_id, 'arn:aws:kms:eu-west-1:111122223333:key/k');
  const trust = JSON.parse(onlyResource(json, 'aws_iam_role').assume_role_policy).Statement[0];
  assert.deepEqual(trust.Principal, { Service: 'vpc-flow-logs.amazonaws.com' });
  assert.throws(() => new EksVpc(new TerraformStack(new App(), 't'), 'network', { ...BASE, flowLogRetentionDays: 100 }), (e: Error) => e instanceof ValidationError && e.message.includes('network.flowLogRetentionDays'));
});
