/**
 * The real `terraform validate` on the all-AWS infra stack, against hashicorp/aws 5.100.0
 * from the local filesystem mirror: every resource type, attribute and block we emit must
 * exist in the provider's schema with the right type and cardinality, and every reference
 * must resolve. Offline: the CLI config installs hashicorp/aws from the mirror only and
 * the stack uses no other provider. No credentials: validate does not configure the provider.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { EksClusterProps } from '../../lib/aws/eks-cluster';
import { CrossCloudMesh } from '../../lib/topology/cross-cloud-mesh';
import { generateTopology } from '../helpers/generated-topology';
import { ALL_AWS } from '../helpers/matrix';
import { existingAwsTopology } from '../helpers/existing-topology';
import { AWS_INFRA_STACK, buildAwsInfraStack } from './aws-infra-stack';

/** Where the machines of this project keep the provider mirror (override for other layouts). */
const MIRROR = process.env.TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
const AWS_SOURCE = 'registry.terraform.io/hashicorp/aws';
const AWS_VERSION = '5.100.0';

interface ValidateResult {
  readonly valid: boolean;
  readonly error_count: number;
  readonly diagnostics: Array<{ severity: string; summary: string; detail?: string; address?: string }>;
}

const work = mkdtempSync(join(tmpdir(), 'eks-validate-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const cliConfig = join(work, 'terraform.rc');
writeFileSync(cliConfig, [
  'provider_installation {',
  `  filesystem_mirror {\n    path    = ${JSON.stringify(MIRROR)}\n    include = ["${AWS_SOURCE}"]\n  }`,
  `  direct {\n    exclude = ["${AWS_SOURCE}"]\n  }`,
  '}',
  '',
].join('\n'));
const env = {
  ...process.env,
  TF_CLI_CONFIG_FILE: cliConfig,
  TF_IN_AUTOMATION: '1',
  CHECKPOINT_DISABLE: '1',
  // Shared by the cases below: the provider is linked from the mirror once, not per directory.
  TF_PLUGIN_CACHE_DIR: join(work, 'plugin-cache'),
};
mkdirSync(env.TF_PLUGIN_CACHE_DIR, { recursive: true });

function terraform(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  if (result.error) throw new Error(`terraform ${args.join(' ')}: ${result.error.message} (is terraform 1.11 on the PATH?)`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Synthesizes the stack and returns its directory, with `terraform init` done. */
function synthAndInit(mutate?: (json: any) => void, clusterProps: Partial<EksClusterProps> = {}): string {
  return synthAppAndInit((app) => buildAwsInfraStack(app, clusterProps), AWS_INFRA_STACK, mutate);
}

/** Synthesizes `build`'s app, returns the directory of `stackName`, with `terraform init` done. */
function synthAppAndInit(build: (app: App) => void, stackName: string, mutate?: (json: any) => void): string {
  const outdir = join(work, `out-${Math.random().toString(36).slice(2)}`);
  const app = new App({ outdir, skipValidation: false });
  build(app);
  app.synth();
  const dir = join(outdir, 'stacks', stackName);
  const file = join(dir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  if (mutate) {
    mutate(json);
    writeFileSync(file, JSON.stringify(json, null, 2));
  }
  const init = terraform(dir, 'init', '-backend=false', '-input=false', '-no-color');
  assert.equal(init.status, 0, `terraform init failed:\n${init.stdout}\n${init.stderr}`);
  return dir;
}

function validate(dir: string): ValidateResult {
  const result = terraform(dir, 'validate', '-json', '-no-color');
  return JSON.parse(result.stdout) as ValidateResult;
}

test('the mirror holds hashicorp/aws 5.100.0, the version @cdktf/provider-aws 20.1.0 binds', () => {
  const dir = join(MIRROR, AWS_SOURCE, AWS_VERSION);
  assert.ok(existsSync(dir), `no ${dir}: this test needs the local Terraform mirror (set TF_PLUGIN_MIRROR to its path)`);
  const binding = JSON.parse(readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8'));
  assert.equal(binding.cdktf.provider.name, AWS_SOURCE);
  assert.equal(binding.cdktf.provider.version, AWS_VERSION);
});

test('the all-AWS infra stack passes terraform validate against the real provider', () => {
  const dir = synthAndInit();
  const lock = readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8');
  assert.match(lock, new RegExp(`provider "${AWS_SOURCE}" \\{\\s*version\\s*=\\s*"${AWS_VERSION.replace(/\./g, '\\.')}"`), 'init installed the mirror\'s provider');
  const result = validate(dir);
  const problems = result.diagnostics.map((d) => `${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? `: ${d.detail}` : ''}`);
  assert.equal(result.valid, true, problems.join('\n'));
  assert.equal(result.error_count, 0, problems.join('\n'));
  // Warnings are deprecations of attributes we set: none allowed either.
  assert.deepEqual(problems, []);
});

test('the ephemeral variant (spot nodes, two zones, one NAT, a private endpoint, nothing protected) passes too', () => {
  const dir = synthAndInit(undefined, { ephemeral: true, owner: 'platform-team', expiresAt: '2030-01-31', publicAccessCidrs: undefined });
  const stack = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
  assert.equal((Object.values(stack.resource.aws_eks_node_group)[0] as any).capacity_type, 'SPOT');
  const result = validate(dir);
  assert.equal(result.valid, true, JSON.stringify(result.diagnostics));
  assert.deepEqual(result.diagnostics, []);
});

test('terraform validate fails on an attribute the provider does not have (the test can fail)', () => {
  const dir = synthAndInit((json) => {
    const [name] = Object.keys(json.resource.aws_eks_cluster);
    json.resource.aws_eks_cluster[name].vpc_config.endpoint_public = true;
  });
  const result = validate(dir);
  assert.equal(result.valid, false);
  assert.ok(result.diagnostics.some((d) => d.severity === 'error' && /Extraneous JSON object property/.test(d.summary) && /endpoint_public/.test(d.detail ?? '')), JSON.stringify(result.diagnostics));
});

test('terraform validate fails when a required argument is missing', () => {
  const dir = synthAndInit((json) => {
    const [name] = Object.keys(json.resource.aws_eks_node_group);
    delete json.resource.aws_eks_node_group[name].node_role_arn;
  });
  const result = validate(dir);
  assert.equal(result.valid, false);
  assert.ok(result.diagnostics.some((d) => d.severity === 'error' && /Missing required argument/.test(d.summary) && /node_role_arn/.test(d.detail ?? '')), JSON.stringify(result.diagnostics));
});

test('the infra stage of an all-AWS topology (cloud: aws everywhere, DNS on Route 53) passes terraform validate', () => {
  // The stage the topology builds through lib/aws/aws-cloud.ts: three EKS clusters, Elastic IPs
  // for KDS, zone ingresses and gateways, a Route 53 zone with records, solver and controller roles.
  const topology = generateTopology(ALL_AWS);
  const dir = synthAppAndInit((app) => new CrossCloudMesh(app, topology.environment, { topology }), `${topology.environment}-infra`);
  const stack = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
  const types = Object.keys(stack.resource);
  assert.deepEqual(types.filter((type) => !type.startsWith('aws_')), [], 'only hashicorp/aws resources');
  for (const type of ['aws_eks_cluster', 'aws_eip', 'aws_route53_zone', 'aws_route53_record', 'aws_eks_pod_identity_association']) assert.ok(types.includes(type), type);
  const result = validate(dir);
  const problems = result.diagnostics.map((d) => `${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? `: ${d.detail}` : ''}`);
  assert.equal(result.valid, true, problems.join('\n'));
  assert.deepEqual(problems, []);
});

test('the infra stage of an all-AWS topology on existing EKS clusters (read, not created) passes terraform validate', () => {
  // EksCluster.fromClusterAttributes: data sources aws_eks_cluster, aws_subnet (id + vpc_id),
  // aws_eks_addon (the Pod Identity agent), aws_caller_identity; Elastic IPs and Pod Identity roles on them.
  for (const install of [false, true]) {
    const topology = existingAwsTopology();
    if (install) topology.clusters[0].installPodIdentityAgent = true;
    const dir = synthAppAndInit((app) => new CrossCloudMesh(app, topology.environment, { topology }), `${topology.environment}-infra`);
    const stack = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
    assert.equal(stack.resource.aws_eks_cluster, undefined, 'no cluster is created');
    for (const type of ['aws_eks_cluster', 'aws_subnet', 'aws_caller_identity']) assert.ok(type in stack.data, type);
    assert.equal('aws_eks_addon' in stack.resource, install, 'the agent add-on is installed only when asked');
    const result = validate(dir);
    const problems = result.diagnostics.map((d) => `${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? `: ${d.detail}` : ''}`);
    assert.equal(result.valid, true, problems.join('\n'));
    assert.deepEqual(problems, []);
  }
});

test('terraform test (mocked hashicorp/aws): the existing-EKS plan-time checks fail a plan on subnets of one zone and on a VPC that is not the cluster\'s, and pass a consistent one', () => {
  // Terraform itself evaluates the lifecycle conditions (a terraform_data precondition over the
  // subnets' zones, a postcondition with `self` on data.aws_eks_cluster); the provider is
  // mocked (`mock_provider`, Terraform >= 1.7), so the plan runs offline and reads no account.
  const topology = existingAwsTopology();
  topology.clusters = [{ ...topology.clusters[0], vpcId: 'vpc-0a1b2c3d4e5f60708' }, ...topology.clusters.slice(1)];
  const dir = synthAppAndInit((app) => new CrossCloudMesh(app, topology.environment, { topology }), `${topology.environment}-infra`);
  const stack = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
  const subnets = Object.keys(stack.data.aws_subnet);
  const clusterLookups = Object.entries(stack.data.aws_eks_cluster as Record<string, any>);
  const checks = Object.keys(stack.resource.terraform_data).filter((name) => name.includes('public-subnets-check'));
  const [given] = clusterLookups.filter(([, lookup]) => lookup.lifecycle?.postcondition);
  assert.ok(subnets.length >= 4 && checks.length >= 2 && given, 'two existing clusters with two subnets each, one with a given VPC');
  const clusterOf = (subnet: string) => subnet.slice(0, subnet.indexOf('_public-subnet-'));
  const overrides = (zoneOf: (subnet: string, index: number) => string, vpcOfGiven: string) => [
    ...subnets.map((subnet, index) => `  override_data {\n    target = data.aws_subnet.${subnet}\n    values = { availability_zone = "${zoneOf(subnet, index)}" }\n  }`),
    ...clusterLookups.map(([name]) => `  override_data {\n    target = data.aws_eks_cluster.${name}\n    values = { vpc_config = [{ vpc_id = "${name === given[0] ? vpcOfGiven : 'vpc-0fffffffffffffff0'}" }] }\n  }`),
  ].join('\n');
  const byIndex = (subnet: string) => subnets.filter((other) => clusterOf(other) === clusterOf(subnet)).indexOf(subnet);
  const distinct = (subnet: string) => `eu-west-1${'abc'[byIndex(subnet)]}`;
  const firstCluster = clusterOf(subnets[0]);
  const sharedInFirst = (subnet: string) => (clusterOf(subnet) === firstCluster ? 'eu-west-1a' : distinct(subnet));
  const firstCheck = checks.find((name) => name.startsWith(firstCluster))!;
  mkdirSync(join(dir, 'tests'), { recursive: true });
  writeFileSync(join(dir, 'tests', 'checks.tftest.hcl'), [
    'mock_provider "aws" {}',
    '',
    'run "consistent" {',
    '  command = plan',
    overrides(distinct, 'vpc-0a1b2c3d4e5f60708'),
    '}',
    '',
    'run "two_subnets_in_one_zone" {',
    '  command = plan',
    overrides(sharedInFirst, 'vpc-0a1b2c3d4e5f60708'),
    `  expect_failures = [terraform_data.${firstCheck}]`,
    '}',
    '',
    'run "vpc_not_the_clusters" {',
    '  command = plan',
    overrides(distinct, 'vpc-0bbbbbbbbbbbbbbb0'),
    `  expect_failures = [data.aws_eks_cluster.${given[0]}]`,
    '}',
    '',
  ].join('\n'));
  const result = terraform(dir, 'test', '-no-color');
  assert.equal(result.status, 0, `terraform test failed:\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /3 passed, 0 failed/);
});
