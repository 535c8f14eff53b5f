/**
 * `cloud: aws` through the cloud seam alone (lib/aws/aws-cloud.ts): what the topology
 * emits for EKS zones, and the checks validate makes for them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Cloud } from '../../../lib/core/cloud';
import { TopologySpec } from '../../../lib/topology/topology-spec';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { synthTopology } from '../../helpers/examples';
import { generateTopology } from '../../helpers/generated-topology';
import { ALL_AWS } from '../../helpers/matrix';
import { manifests, resourcesOfType } from '../../helpers/synth';

const root = join(__dirname, '..', '..', '..');
const spec = (): any => JSON.parse(JSON.stringify(generateTopology(ALL_AWS)));
const stacks = synthTopology(generateTopology(ALL_AWS));

test('the releases that bind Elastic IPs wait for their cluster\'s AWS Load Balancer Controller (its NLBs bind them)', () => {
  const releases = new Map(resourcesOfType(stacks['gen2-platform'], 'helm_release'));
  const controller = (cluster: string) => [...releases.keys()].find((key) => key.startsWith(`aws-load-balancer-controller-${cluster}_`))!;
  const waitsFor = (prefix: string, cluster: string) => {
    const [, release] = [...releases.entries()].find(([key]) => key.startsWith(prefix))!;
    return (release.depends_on ?? []).some((entry: string) => entry.includes(`helm_release.${controller(cluster)}`));
  };
  assert.ok(controller('global') && controller('c1') && controller('c2'), 'one controller per EKS cluster');
  assert.ok(waitsFor('global_release', 'global'), 'the global (KDS NLB)');
  assert.ok(waitsFor('zone-z1_release', 'c1'), 'zone z1 (zone ingress NLB)');
  assert.ok(waitsFor('gateway-gw-z2_release', 'c2'), 'gateway gw-z2 (proxy NLB)');
});

test('cert-manager solves DNS-01 on Route 53 with ambient Pod Identity credentials: route53 { hostedZoneID, region }, no keys', () => {
  // cert-manager/cert-manager@v1.21.1:pkg/apis/acme/v1/types_issuer.go#ACMEIssuerDNS01ProviderRoute53
  const issuers = manifests(stacks['gen2-mesh']).filter(({ manifest }) => manifest.kind === 'ClusterIssuer');
  assert.equal(issuers.length, 2);
  for (const { manifest } of issuers) {
    const [solver] = manifest.spec.acme.solvers;
    assert.deepEqual(Object.keys(solver.dns01), ['route53']);
    assert.deepEqual(Object.keys(solver.dns01.route53).sort(), ['hostedZoneID', 'region']);
    assert.equal(solver.dns01.route53.region, 'eu-west-1');
  }
  const associations = resourcesOfType(stacks['gen2-infra'], 'aws_eks_pod_identity_association').map(([, a]) => `${a.namespace}/${a.service_account}`);
  assert.equal(associations.filter((sa) => sa === 'cert-manager/cert-manager').length, 2, 'one solver role per gateway cluster');
});

test('gateway host names are Route 53 A records of every Elastic IP of the gateway\'s NLB', () => {
  const records = resourcesOfType(stacks['gen2-infra'], 'aws_route53_record').map(([, r]) => r);
  const catalog = records.find((r) => r.name === 'catalog.z1.acme.example')!;
  assert.equal(catalog.type, 'A');
  assert.equal(catalog.records.length, 3, 'one address per public subnet');
  assert.ok(catalog.records.every((r: string) => /aws_eip\.cluster-c1_address-gateway-gw-z1/.test(r)));
});

test('accounts.aws provider settings reach every aws provider of every stage', () => {
  const topology = spec();
  topology.accounts.aws = { region: 'eu-west-1', profile: 'acme-prod', assumeRoleArn: 'arn:aws:iam::111122223333:role/deployer', allowedAccountIds: ['111122223333'] };
  const synthesized = synthTopology(topology as TopologySpec);
  for (const stage of ['infra', 'platform', 'mesh']) {
    const providers = (synthesized[`gen2-${stage}`].provider as any)?.aws ?? [];
    assert.ok(providers.length > 0, `${stage} has an aws provider`);
    for (const provider of providers) {
      assert.equal(provider.profile, 'acme-prod');
      assert.deepEqual(provider.assume_role, [{ role_arn: 'arn:aws:iam::111122223333:role/deployer' }]);
      assert.deepEqual(provider.allowed_account_ids, ['111122223333']);
    }
  }
});

const issuesOf = (mutate: (t: any) => void) => {
  const topology = spec();
  mutate(topology);
  return topologyIssues(topology).map((issue) => `${issue.path}: ${issue.message}`);
};

test('validate: EKS-specific fields, limits and unsupported choices are issues at their YAML paths', () => {
  const cases: Array<[string, (t: any) => void, string, RegExp]> = [
    ['no account', (t) => delete t.accounts.aws, 'clusters[0].cloud', /has no account: add accounts\.aws \(region\)/],
    ['existing EKS without its public subnets', (t) => { t.clusters[1].existing = true; delete t.clusters[1].network; }, 'clusters[1].publicSubnetIds', /public subnets of the cluster's VPC, one per availability zone, at least 2/],
    ['public API server', (t) => { t.clusters[1].allowPublicApiServer = true; delete t.clusters[1].apiServerAuthorizedRanges; }, 'clusters[1].allowPublicApiServer', /CKV_AWS_38/],
    ['VPC too small', (t) => (t.clusters[1].network.vpcCidr = '10.41.0.0/24'), 'clusters[1].network.vpcCidr', /\/16 to \/20/],
    ['Service range too large', (t) => (t.clusters[1].network.servicesCidr = '172.0.0.0/8'), 'clusters[1].network.servicesCidr', /\/12 to \/24/],
    ['GKE field on EKS', (t) => (t.clusters[1].network.podsCidr = '10.60.0.0/14'), 'clusters[1].network.podsCidr', /applies to GKE \(cloud gcp\) clusters only; this cluster is on aws: use vpcCidr, servicesCidr/],
    ['resource group on EKS', (t) => (t.clusters[1].resourceGroupName = 'aks-rg'), 'clusters[1].resourceGroupName', /applies to AKS clusters \(cloud azure\) only/],
    ['Azure DNS field on Route 53', (t) => (t.dns.resourceGroupName = 'dns-rg'), 'dns.resourceGroupName', /applies to Azure DNS only/],
    ['Cloud DNS field on Route 53', (t) => (t.dns.managedZoneName = 'acme-example'), 'dns.managedZoneName', /applies to Cloud DNS only/],
    ['overlapping VPCs', (t) => (t.clusters[2].network.vpcCidr = '10.41.0.0/16'), 'clusters[2].network.vpcCidr', /overlaps clusters\[1\]\.network\.vpcCidr/],
  ];
  for (const [name, mutate, path, message] of cases) {
    const issues = issuesOf(mutate);
    assert.ok(issues.some((issue) => issue.startsWith(`${path}: `) && message.test(issue)), `${name}: ${JSON.stringify(issues)}`);
  }
  assert.deepEqual(issuesOf(() => {}), [], 'the all-AWS topology itself is valid');
});

test('an EKS field on an AKS cluster names the cloud it belongs to', () => {
  const topology: any = generateTopology({ zones: 1, cloudOfZone: () => Cloud.AZURE });
  topology.clusters[1].network.vpcCidr = '10.70.0.0/16';
  const issues = topologyIssues(topology).map((issue) => `${issue.path}: ${issue.message}`);
  assert.ok(issues.some((issue) => /^clusters\[1\]\.network\.vpcCidr: applies to EKS \(cloud aws\) clusters only/.test(issue)), JSON.stringify(issues));
});

test('synthesizing an AKS/GKE topology, or asking the AWS entry of the registry a pure question, loads no AWS provider module (it is an optional peer)', () => {
  const script = [
    "const { cloudSupport } = require('./lib/core/cloud-registry');",
    "if (cloudSupport('aws').networkFields.length !== 2 || cloudSupport('aws').nodeCountDefaults(false).max !== 9) throw new Error('aws entry');",
    "const { synthTopology } = require('./test/helpers/examples');",
    "const { generateTopology } = require('./test/helpers/generated-topology');",
    'synthTopology(generateTopology({ zones: 2 }));',
    "process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('provider-aws'))));",
  ].join('\n');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), []);
});
