/**
 * The AWS rules (bridgecrewio/checkov@3.3.13 mirrors) on the all-AWS infra stack, and each
 * rule failing on a resource stripped of the setting it checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAwsInfraStack } from '../../terraform/aws-infra-stack';
import { synthApp } from '../../helpers/synth';
import { evaluatePolicies } from '../run-policies';
import type { Result, StackJson } from '../types';
import { AWS_RULES } from './aws';

function statusOf(stacks: Record<string, StackJson>, ruleId: string, address: string): Result['status'] | undefined {
  const rule = AWS_RULES.find((candidate) => candidate.id === ruleId)!;
  return evaluatePolicies(stacks, [rule]).find((result) => result.address === address)?.status;
}

function single(resources: Record<string, Record<string, any>>): Record<string, StackJson> {
  return { infra: { resource: resources } };
}

test('the all-AWS infra stack passes every AWS rule; the public endpoint for named CIDRs is waived by publicAccessCidrs', () => {
  const stacks = synthApp((app) => buildAwsInfraStack(app));
  const results = evaluatePolicies(stacks, AWS_RULES);
  const notPassed = results.filter((r) => r.status !== 'passed').map((r) => `${r.ruleId} ${r.status} ${r.waivedBy ?? r.reason}`);
  assert.deepEqual(notPassed, ['CKV_AWS_39 waived publicAccessCidrs']);
  for (const rule of AWS_RULES) assert.ok(results.some((r) => r.ruleId === rule.id), `${rule.id} judged nothing`);
});

test('a private-endpoint cluster passes CKV_AWS_39 without a waiver', () => {
  const stacks = synthApp((app) => buildAwsInfraStack(app, { publicAccessCidrs: undefined }));
  assert.deepEqual(evaluatePolicies(stacks, AWS_RULES).filter((r) => r.status !== 'passed'), []);
});

test('every AWS rule fails on the insecure setting', () => {
  const at = (type: string) => `infra/${type}.x`;
  const cases: Array<[string, string, any]> = [
    ['CKV_AWS_37', 'aws_eks_cluster', { enabled_cluster_log_types: ['api', 'audit'] }],
    ['CKV_AWS_38', 'aws_eks_cluster', { vpc_config: { endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] } }],
    ['CKV_AWS_38', 'aws_eks_cluster', { vpc_config: { endpoint_public_access: true } }],
    ['CKV_AWS_39', 'aws_eks_cluster', { vpc_config: {} }],
    ['CKV_AWS_58', 'aws_eks_cluster', {}],
    ['CKV_AWS_339', 'aws_eks_cluster', { version: '1.27' }],
    ['CKV_AWS_100', 'aws_eks_node_group', { remote_access: { ec2_ssh_key: 'k' } }],
    ['CKV_AWS_79', 'aws_launch_template', { metadata_options: { http_tokens: 'optional' } }],
    ['CKV_AWS_79', 'aws_launch_template', {}],
    ['CKV_AWS_341', 'aws_launch_template', { metadata_options: { http_put_response_hop_limit: 2 } }],
    ['CKV_AWS_88', 'aws_launch_template', { network_interfaces: [{ associate_public_ip_address: 'true' }] }],
    ['CKV_AWS_7', 'aws_kms_key', { enable_key_rotation: false }],
    ['CKV_AWS_227', 'aws_kms_key', { is_enabled: false }],
    ['CKV_AWS_33', 'aws_kms_key', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*' }] }) }],
    ['CKV_AWS_66', 'aws_cloudwatch_log_group', {}],
    ['CKV_AWS_338', 'aws_cloudwatch_log_group', { retention_in_days: 30 }],
    ['CKV_AWS_158', 'aws_cloudwatch_log_group', {}],
    ['CKV_AWS_130', 'aws_subnet', { map_public_ip_on_launch: true }],
    ['CKV_AWS_60', 'aws_iam_role', { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) }],
    ['CKV_AWS_61', 'aws_iam_role', { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] }) }],
    ['CKV2_AWS_12', 'aws_vpc', {}],
    ['CKV2_AWS_11', 'aws_vpc', {}],
  ];
  for (const [id, type, config] of cases) {
    assert.equal(statusOf(single({ [type]: { x: config } }), id, at(type)), 'failed', `${id} on ${JSON.stringify(config)}`);
  }
  for (const rule of AWS_RULES) assert.ok(cases.some(([id]) => id === rule.id), `${rule.id} has a failing case`);
});

test('CKV2_AWS_12: a default security group with a rule fails its VPC; KMS wildcard under a condition passes, as in Checkov', () => {
  const vpc = { aws_vpc: { x: {} }, aws_default_security_group: { d: { vpc_id: '${aws_vpc.x.id}', ingress: [{ from_port: 0, to_port: 0, protocol: '-1', self: true }] } } };
  assert.equal(statusOf(single(vpc), 'CKV2_AWS_12', 'infra/aws_vpc.x'), 'failed');
  const conditioned = { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } }] }) };
  assert.equal(statusOf(single({ aws_kms_key: { x: conditioned } }), 'CKV_AWS_33', 'infra/aws_kms_key.x'), 'passed');
});
