/**
 * `clusters[i].existing: true` on each cloud, through the cluster constructs'
 * `fromClusterAttributes`: nothing cluster-side is created, addresses and identities are,
 * and for EKS every attribute synth would reject is a `validate` issue at its YAML path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cloud } from '../../../lib/core/cloud';
import { ValidationError } from '../../../lib/private/validation';
import { TopologySpec } from '../../../lib/topology/topology-spec';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { synthTopology } from '../../helpers/examples';
import { generateTopology } from '../../helpers/generated-topology';
import { ALL_AWS } from '../../helpers/matrix';
import { existingAwsTopology, existingSubnetsOf as subnetsOf } from '../../helpers/existing-topology';
import { dataOfType, helmValues, resourcesOfType } from '../../helpers/synth';

/** A topology whose clusters on `cloud` are existing (AKS with its resource group). */
function existingOn(cloud: Cloud): any {
  const topology: any = JSON.parse(JSON.stringify(generateTopology({ zones: 2, globalCloud: cloud, cloudOfZone: () => cloud, dnsCloud: cloud })));
  topology.clusters = topology.clusters.map((cluster: any) => ({ name: cluster.name, cloud, existing: true, ...(cloud === Cloud.AZURE ? { resourceGroupName: `${cluster.name}-rg` } : {}) }));
  return topology;
}

const issuesOf = (topology: any) => topologyIssues(topology as TopologySpec).map((issue) => `${issue.path}: ${issue.message}`);

test('existing AKS: no cluster or network is created; addresses and the DNS solver identity live in the cluster\'s resource group', () => {
  const topology = existingOn(Cloud.AZURE);
  assert.deepEqual(issuesOf(topology), []);
  const infra = synthTopology(topology)['gen2-infra'];
  for (const type of ['azurerm_kubernetes_cluster', 'azurerm_virtual_network', 'azurerm_resource_group']) {
    assert.deepEqual(resourcesOfType(infra, type).map(([key]) => key).filter((key) => !key.startsWith('dns')), [], type);
  }
  const ips = resourcesOfType(infra, 'azurerm_public_ip').map(([, ip]) => ip);
  assert.ok(ips.length >= 3, 'KDS, zone ingresses and gateways');
  assert.ok(ips.every((ip) => /^(global|c1|c2)-rg$/.test(ip.resource_group_name)), JSON.stringify(ips.map((ip) => ip.resource_group_name)));
  // The federated credential needs the existing cluster's OIDC issuer: read by name.
  const lookups = dataOfType(infra, 'azurerm_kubernetes_cluster').map(([, lookup]) => lookup);
  assert.ok(lookups.length > 0 && lookups.every((lookup) => lookup.resource_group_name === `${lookup.name}-rg`));
});

test('existing GKE: no cluster or network is created; addresses are regional in the cluster\'s region', () => {
  const topology = existingOn(Cloud.GCP);
  assert.deepEqual(issuesOf(topology), []);
  const infra = synthTopology(topology)['gen2-infra'];
  for (const type of ['google_container_cluster', 'google_compute_network', 'google_compute_router_nat']) assert.deepEqual(resourcesOfType(infra, type), [], type);
  const addresses = resourcesOfType(infra, 'google_compute_address').map(([, address]) => address);
  assert.ok(addresses.length >= 3);
  assert.ok(addresses.every((address) => address.region === 'europe-west1' && address.address_type === 'EXTERNAL'));
});

test('existing EKS: read, not created; Elastic IPs per given subnet; controller and DNS-01 roles bound through Pod Identity', () => {
  const topology = existingAwsTopology();
  assert.deepEqual(issuesOf(topology), []);
  const stacks = synthTopology(topology);
  const infra = stacks['gen2-infra'];
  for (const type of ['aws_eks_cluster', 'aws_vpc', 'aws_nat_gateway', 'aws_eks_node_group', 'aws_eks_addon']) assert.deepEqual(resourcesOfType(infra, type), [], type);
  assert.deepEqual(dataOfType(infra, 'aws_eks_cluster').map(([, lookup]) => lookup.name).sort(), ['c1', 'c2', 'global']);
  // Every NLB's Elastic IPs: one per public subnet of its cluster.
  const eips = resourcesOfType(infra, 'aws_eip');
  assert.ok(eips.length > 0 && eips.length % 2 === 0);
  const associations = resourcesOfType(infra, 'aws_eks_pod_identity_association').map(([, a]) => `${a.cluster_name} ${a.namespace}/${a.service_account}`);
  for (const cluster of ['c1', 'c2', 'global']) assert.ok(associations.includes(`${cluster} kube-system/aws-load-balancer-controller`), cluster);
  assert.ok(associations.some((a) => a.endsWith('cert-manager/cert-manager')));
  // The controller's chart gets the VPC the cluster reports, and the NLB Services their subnets.
  const platform = stacks['gen2-platform'];
  const controller = resourcesOfType(platform, 'helm_release').find(([key]) => key.startsWith('aws-load-balancer-controller-c1'))![1];
  assert.equal(helmValues(controller).clusterName, 'c1');
  assert.ok(String(helmValues(controller).vpcId).length > 0);
  assert.ok(JSON.stringify(platform).includes(subnetsOf(1).join(',')), 'the zone c1 Services name its subnets');
});

test('validate reports what EksCluster.fromClusterAttributes would reject, at the YAML paths, and synth indeed rejects it', () => {
  const cases: Array<[string, (t: any) => void, string, RegExp]> = [
    ['no subnets', (t) => delete t.clusters[1].publicSubnetIds, 'clusters[1].publicSubnetIds', /at least 2/],
    ['one subnet', (t) => (t.clusters[1].publicSubnetIds = ['subnet-0a1b2c3d4e5f60708']), 'clusters[1].publicSubnetIds', /at least 2/],
    ['not a subnet id', (t) => (t.clusters[1].publicSubnetIds[1] = 'sn-123'), 'clusters[1].publicSubnetIds[1]', /must be a subnet id/],
    ['a subnet twice', (t) => (t.clusters[1].publicSubnetIds[1] = t.clusters[1].publicSubnetIds[0]), 'clusters[1].publicSubnetIds[1]', /repeats publicSubnetIds\[0\]/],
    ['not a VPC id', (t) => (t.clusters[2].vpcId = 'vpc-nope'), 'clusters[2].vpcId', /must be a VPC id/],
  ];
  for (const [name, mutate, path, message] of cases) {
    const topology = existingAwsTopology();
    mutate(topology);
    const issues = issuesOf(topology);
    assert.ok(issues.some((issue) => issue.startsWith(`${path}: `) && message.test(issue)), `${name}: ${JSON.stringify(issues)}`);
    // Without the validator, synth would stop at the import with the same complaint.
    assert.throws(() => synthTopology(topology), (error: Error) => error instanceof ValidationError && message.test(error.message), name);
  }
});

test('the existing-EKS fields on a created EKS cluster, an AKS or a GKE cluster are issues, not silently ignored', () => {
  const created: any = JSON.parse(JSON.stringify(generateTopology(ALL_AWS)));
  created.clusters[1].installPodIdentityAgent = true;
  created.clusters[2].publicSubnetIds = subnetsOf(2);
  const createdIssues = issuesOf(created);
  assert.ok(createdIssues.some((issue) => /^clusters\[1\]\.installPodIdentityAgent: applies to existing EKS clusters only/.test(issue)), JSON.stringify(createdIssues));
  assert.ok(createdIssues.some((issue) => /^clusters\[2\]\.publicSubnetIds: applies to existing EKS clusters only/.test(issue)), JSON.stringify(createdIssues));
  for (const cloud of [Cloud.AZURE, Cloud.GCP]) {
    const topology = existingOn(cloud);
    topology.clusters[1].vpcId = 'vpc-0a1b2c3d4e5f60708';
    const issues = issuesOf(topology);
    assert.ok(issues.some((issue) => /^clusters\[1\]\.vpcId: applies to existing EKS clusters \(cloud aws\) only/.test(issue)), `${cloud}: ${JSON.stringify(issues)}`);
  }
});

test('installLoadBalancerController: false leaves an existing EKS cluster\'s own controller alone (no role, no release, nothing to wait for)', () => {
  const topology = existingAwsTopology();
  topology.clusters[1].installLoadBalancerController = false;
  assert.deepEqual(issuesOf(topology), []);
  const stacks = synthTopology(topology);
  const associations = resourcesOfType(stacks['gen2-infra'], 'aws_eks_pod_identity_association').map(([, a]) => `${a.cluster_name} ${a.service_account}`);
  assert.ok(!associations.includes('c1 aws-load-balancer-controller'), JSON.stringify(associations));
  assert.ok(associations.includes('c2 aws-load-balancer-controller'));
  const releases = resourcesOfType(stacks['gen2-platform'], 'helm_release');
  assert.equal(releases.filter(([key]) => key.startsWith('aws-load-balancer-controller-c1')).length, 0);
  assert.equal(releases.filter(([key]) => key.startsWith('aws-load-balancer-controller-c2')).length, 1);
  const zone = releases.find(([key]) => key.startsWith('zone-z1_release'))![1];
  assert.ok(!(zone.depends_on ?? []).some((entry: string) => entry.includes('aws-load-balancer-controller')), 'zone z1 waits for no controller release');
  const other = releases.find(([key]) => key.startsWith('zone-z2_release'))![1];
  assert.ok((other.depends_on ?? []).some((entry: string) => entry.includes('helm_release.aws-load-balancer-controller-c2')), 'zone z2 still waits for its controller');
  // On a cluster the topology creates, the controller is always installed.
  const created: any = JSON.parse(JSON.stringify(generateTopology(ALL_AWS)));
  created.clusters[1].installLoadBalancerController = false;
  assert.ok(issuesOf(created).some((issue) => /^clusters\[1\]\.installLoadBalancerController: applies to existing EKS clusters only/.test(issue)));
});

test('the creation settings of a cluster (network, nodes, API server access) on an existing one are issues, not silently ignored', () => {
  for (const cloud of [Cloud.AZURE, Cloud.GCP]) {
    const topology = existingOn(cloud);
    topology.clusters[0] = { ...topology.clusters[0], nodes: { min: 2 }, apiServerAuthorizedRanges: ['203.0.113.0/24'], allowPublicApiServer: true };
    const issues = issuesOf(topology).filter((issue) => issue.includes('applies only to clusters the topology creates'));
    assert.deepEqual(
      issues.map((issue) => issue.slice(0, issue.indexOf(':'))).sort(),
      ['clusters[0].allowPublicApiServer', 'clusters[0].apiServerAuthorizedRanges', 'clusters[0].nodes'],
      cloud,
    );
  }
  // The same settings on the created clusters of the generator are fine.
  assert.deepEqual(issuesOf(generateTopology({ zones: 2 })), []);
});

test('existing AKS with identityPrincipalId: each reserved address grants the cluster identity Network Contributor; the field is AKS-only and a GUID', () => {
  const principal = '11111111-2222-3333-4444-555555555555';
  const topology = existingOn(Cloud.AZURE);
  topology.clusters = topology.clusters.map((cluster: any) => ({ ...cluster, identityPrincipalId: principal }));
  assert.deepEqual(issuesOf(topology), []);
  const infra = synthTopology(topology)['gen2-infra'];
  const ips = resourcesOfType(infra, 'azurerm_public_ip');
  const grants = resourcesOfType(infra, 'azurerm_role_assignment').map(([, grant]) => grant).filter((grant) => grant.principal_id === principal);
  // One grant per resource group that holds a reserved address: Azure refuses a second identical
  // assignment (409 RoleAssignmentExists), fatal in role_assignment_resource.go#resourceArmRoleAssignmentCreate.
  const scopes = grants.map((grant) => grant.scope);
  assert.equal(new Set(scopes).size, scopes.length, `duplicate grants: ${JSON.stringify(scopes)}`);
  const groups = new Set(ips.map(([, ip]) => ip.resource_group_name));
  assert.deepEqual([...new Set(scopes.map((scope) => scope.split('/').pop()))].sort(), [...groups].sort(), 'every resource group with an address is granted');
  assert.ok(ips.length > groups.size, 'a cluster reserves several addresses in its group, so the test would see a duplicate');
  assert.ok(grants.every((grant) => grant.role_definition_name === 'Network Contributor' && /^\/subscriptions\/.+\/resourceGroups\/(global|c1|c2)-rg$/.test(grant.scope)), JSON.stringify(scopes));
  // Without it nothing is granted (the README says the identity must hold it already).
  const without = synthTopology(existingOn(Cloud.AZURE))['gen2-infra'];
  assert.equal(resourcesOfType(without, 'azurerm_role_assignment').filter(([, grant]) => grant.role_definition_name === 'Network Contributor').length, 0);
  // On a created AKS, a GKE or an EKS cluster it is an issue, and it must be a GUID.
  const created = generateTopology({ zones: 2 }) as any;
  created.clusters[0] = { ...created.clusters[0], identityPrincipalId: principal };
  assert.ok(issuesOf(created).some((issue) => issue.startsWith('clusters[0].identityPrincipalId:')), issuesOf(created).join('\n'));
  const gke = existingOn(Cloud.GCP);
  gke.clusters[0] = { ...gke.clusters[0], identityPrincipalId: principal };
  assert.ok(issuesOf(gke).some((issue) => issue.startsWith('clusters[0].identityPrincipalId:') && issue.includes('AKS clusters')));
  topology.clusters[0] = { ...topology.clusters[0], identityPrincipalId: 'cluster-identity' };
  assert.ok(issuesOf(topology).some((issue) => issue.startsWith('clusters[0].identityPrincipalId:') && issue.includes('GUID')));
});
