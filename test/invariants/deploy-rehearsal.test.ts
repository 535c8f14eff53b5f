import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthEphemeralExample, synthReferenceExample, synthTopology } from '../helpers/examples';
import { EXTERNAL_GLOBAL_CA_PEM, generateTopology } from '../helpers/generated-topology';
import { MATRIX, matrixName } from '../helpers/matrix';
import { Cloud } from '../../lib/core/cloud';
import { rehearseDeploy } from './deploy-rehearsal';

// Each prerequisite kind is proved able to fail on a hand-made app, and to pass on its fix.

const gkeProvider = (alias: string) => ({
  kubernetes: [{ alias, host: 'https://${data.google_container_cluster.gke.endpoint}' }],
  helm: [{ alias, kubernetes: { host: 'https://${data.google_container_cluster.gke.endpoint}' } }],
});
const infra = {
  resource: {
    google_container_cluster: { gke_cluster: { name: 'gke', workload_identity_config: { workload_pool: 'p.svc.id.goog' } } },
    google_container_node_pool: { gke_pool: { cluster: '${google_container_cluster.gke_cluster.id}' } },
  },
  output: { 'cross-stack-output-google_container_clustergke_clustername': { value: '${google_container_cluster.gke_cluster.name}', sensitive: true } },
};
const clusterData = {
  google_container_cluster: { gke: { name: '${data.terraform_remote_state.infra.outputs.cross-stack-output-google_container_clustergke_clustername}' } },
};

test('the reference example: every prerequisite is created first and destroyed last', () => {
  const rehearsal = rehearseDeploy(synthReferenceExample());
  assert.ok(rehearsal.prerequisites.length > 50, 'the rehearsal found the prerequisites it checks');
  assert.deepEqual(rehearsal.violations, []);
  // Stacks are applied in order and destroyed in reverse.
  const stacksIn = (steps: { stack: string }[]) => [...new Set(steps.map((step) => step.stack))];
  assert.deepEqual(stacksIn(rehearsal.create), ['acme-infra', 'acme-platform', 'acme-mesh']);
  assert.deepEqual(stacksIn(rehearsal.destroy), ['acme-mesh', 'acme-platform', 'acme-infra']);
});

test('a workload without an edge to its namespace is reported; depends_on fixes it', () => {
  const app = (dependsOn?: string[]) => ({
    infra,
    platform: {
      data: clusterData,
      provider: gkeProvider('gke'),
      resource: {
        kubernetes_namespace_v1: { ns: { metadata: [{ name: 'api' }], provider: 'kubernetes.gke' } },
        kubernetes_deployment_v1: { api: { metadata: [{ name: 'api', namespace: 'api' }], provider: 'kubernetes.gke', depends_on: dependsOn } },
      },
    },
  });
  const broken = rehearseDeploy(app());
  assert.equal(broken.violations.length, 1, broken.violations.join('\n'));
  assert.match(broken.violations[0], /^platform\/kubernetes_deployment_v1\.api needs platform\/kubernetes_namespace_v1\.ns first/);
  assert.deepEqual(rehearseDeploy(app(['kubernetes_namespace_v1.ns'])).violations, []);
});

test('the cluster and its node pool must come from an earlier stack', () => {
  // GIVEN: the platform stack is (wrongly) applied before the infra stack
  const reversed = {
    platform: { data: clusterData, provider: gkeProvider('gke'), resource: { kubernetes_namespace_v1: { ns: { metadata: [{ name: 'x' }], provider: 'kubernetes.gke' } } } },
    infra,
  };
  const violations = rehearseDeploy(reversed).violations;
  assert.equal(violations.length, 2, violations.join('\n'));
  assert.ok(violations.every((violation) => /needs infra\/google_container_(cluster|node_pool)/.test(violation)));
});

test('a custom resource beside the release that installs its CRD needs an edge (and belongs in a later stage)', () => {
  const app = (dependsOn?: string[]) => ({
    infra,
    platform: {
      data: clusterData,
      provider: gkeProvider('gke'),
      resource: {
        helm_release: { cm: { chart: 'cert-manager', namespace: 'cert-manager', create_namespace: true, provider: 'helm.gke' } },
        kubernetes_manifest: { issuer: { manifest: { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'i' } }, provider: 'kubernetes.gke', depends_on: dependsOn } },
      },
    },
  });
  assert.equal(rehearseDeploy(app()).violations.length, 1);
  assert.deepEqual(rehearseDeploy(app(['helm_release.cm'])).violations, []);
});

test('a workload identity binding must wait for the cluster that creates the identity pool', () => {
  const app = (member: string, dependsOn?: string[]) => ({
    infra: {
      ...infra,
      resource: {
        ...infra.resource,
        google_service_account_iam_member: { wi: { member, role: 'roles/iam.workloadIdentityUser', depends_on: dependsOn } },
      },
    },
  });
  const broken = rehearseDeploy(app('serviceAccount:p.svc.id.goog[cert-manager/cert-manager]'));
  assert.equal(broken.violations.length, 1);
  assert.match(broken.violations[0], /identity pool p\.svc\.id\.goog/);
  assert.deepEqual(rehearseDeploy(app('serviceAccount:p.svc.id.goog[cert-manager/cert-manager]', ['google_container_cluster.gke_cluster'])).violations, []);
  assert.deepEqual(rehearseDeploy(app('serviceAccount:someone@p.iam.gserviceaccount.com')).violations, []);
});

test('a dependency cycle is an error, as in Terraform', () => {
  const cyclic = {
    infra: {
      resource: {
        google_compute_network: { a: { name: '${google_compute_subnetwork.b.name}' } },
        google_compute_subnetwork: { b: { network: '${google_compute_network.a.id}' } },
      },
    },
  };
  assert.throws(() => rehearseDeploy(cyclic), /dependency cycle among google_compute_network\.a, google_compute_subnetwork\.b/);
});

const aksInfra = (grants: Record<string, any>) => ({
  resource: {
    azurerm_kubernetes_cluster: {
      aks_cluster: { name: 'aks', azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, tenant_id: 't' } },
    },
    azurerm_role_assignment: grants,
  },
  output: { 'cross-stack-output-azurerm_kubernetes_clusteraks_clustername': { value: '${azurerm_kubernetes_cluster.aks_cluster.name}', sensitive: true } },
});
const aksPlatform = {
  data: { azurerm_kubernetes_cluster: { aks: { name: '${data.terraform_remote_state.infra.outputs.cross-stack-output-azurerm_kubernetes_clusteraks_clustername}' } } },
  provider: { kubernetes: [{ alias: 'aks', host: '${data.azurerm_kubernetes_cluster.aks.kube_config[0].host}' }] },
  resource: { kubernetes_namespace_v1: { ns: { metadata: [{ name: 'x' }], provider: 'kubernetes.aks' } } },
};

test('an Azure-RBAC AKS cluster needs a data-plane role for the deployer, assigned in an earlier stage', () => {
  const broken = rehearseDeploy({ infra: aksInfra({}), platform: aksPlatform });
  assert.equal(broken.violations.length, 1, broken.violations.join('\n'));
  assert.match(broken.violations[0], /assigns no data-plane role/);
  const readerOnly = rehearseDeploy({
    infra: aksInfra({ r: { role_definition_name: 'Azure Kubernetes Service RBAC Reader', scope: '${azurerm_kubernetes_cluster.aks_cluster.id}' } }),
    platform: aksPlatform,
  });
  assert.equal(readerOnly.violations.length, 1, 'a read-only role cannot create anything');
  const admin = { admin: { role_definition_name: 'Azure Kubernetes Service RBAC Cluster Admin', scope: '${azurerm_kubernetes_cluster.aks_cluster.id}' } };
  const noPause = rehearseDeploy({ infra: aksInfra(admin), platform: aksPlatform });
  assert.equal(noPause.violations.length, 1, 'a grant used at once, before Azure propagates it');
  assert.match(noPause.violations[0], /time_sleep/);
  const infra = aksInfra(admin);
  (infra.resource as any).time_sleep = { wait: { create_duration: '120s', depends_on: ['azurerm_role_assignment.admin'] } };
  assert.deepEqual(rehearseDeploy({ infra, platform: aksPlatform }).violations, []);
});

test('an AKS cluster on its own subnet waits for its identity\'s Network Contributor role', () => {
  const app = (dependsOn?: string[]) => ({
    infra: {
      resource: {
        azurerm_user_assigned_identity: { id1: { name: 'aks' } },
        azurerm_role_assignment: { net: { role_definition_name: 'Network Contributor', principal_id: '${azurerm_user_assigned_identity.id1.principal_id}', scope: '/x' } },
        azurerm_kubernetes_cluster: {
          aks: {
            name: 'aks',
            identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.id1.id}'] },
            default_node_pool: { vnet_subnet_id: '/subnet' },
            depends_on: dependsOn,
          },
        },
      },
    },
  });
  assert.equal(rehearseDeploy(app()).violations.length, 1);
  assert.deepEqual(rehearseDeploy(app(['azurerm_role_assignment.net'])).violations, []);
});

test('destroy gets past the Mesh: an ephemeral environment lets the global delete it with dataplanes attached; without that, the meshed workloads of the later-destroyed stage block it', () => {
  // GIVEN the ephemeral example as synthesized
  const stacks = synthEphemeralExample();
  const rehearsal = rehearseDeploy(stacks);
  const destroyOrder = rehearsal.destroy.map((step) => step.address);
  const meshAt = destroyOrder.findIndex((address) => /^pr-42-mesh\/kubernetes_manifest\.mesh_resource/.test(address));
  const gatewayAt = destroyOrder.findIndex((address) => /^pr-42-platform\/helm_release\.gateway-gateway_release/.test(address));
  // The Mesh goes before the gateways that run in it (cdktf destroys the mesh stack first) ...
  assert.ok(meshAt >= 0 && gatewayAt > meshAt, 'the mesh stack is destroyed before the platform stack');
  // ... which only works because the global runs with store.unsafeDelete.
  assert.deepEqual(rehearsal.violations, []);

  // WHEN the global keeps Kuma's check (the switch removed from its values)
  const guarded = JSON.parse(JSON.stringify(stacks));
  const releases = guarded['pr-42-platform'].resource.helm_release;
  const global = Object.keys(releases).find((name) => name.startsWith('global_release'))!;
  assert.match(releases[global].values[0], /KUMA_STORE_UNSAFE_DELETE: "true"/);
  releases[global].values = [releases[global].values[0].replace(/KUMA_STORE_UNSAFE_DELETE: "true"/, 'KUMA_STORE_UNSAFE_DELETE: "false"')];
  // THEN every meshed workload still running at that point is reported
  const blocked = rehearseDeploy(guarded).violations;
  assert.ok(blocked.length >= 3, blocked.join('\n'));
  assert.ok(blocked.some((violation) => /pr-42-mesh\/kubernetes_manifest\.mesh_resource\S* \(Mesh "\S+"\) while pr-42-platform\/helm_release\.gateway-gateway_release\S* still runs its dataplanes/.test(violation)), blocked.join('\n'));
});

test('outside ephemeral mode the Mesh keeps Kuma\'s delete checks: it is delete-protected, like the clusters', () => {
  // GIVEN the reference example (not ephemeral)
  const stacks = synthReferenceExample();
  const releases = (stacks['acme-platform'] as any).resource.helm_release;
  const global = Object.keys(releases).find((name) => name.startsWith('global_release'))!;
  // THEN its global does not set the switch (which would also unguard the mesh CA Secret), and that is no violation
  assert.doesNotMatch(releases[global].values[0], /KUMA_STORE_UNSAFE_DELETE/);
  assert.deepEqual(rehearseDeploy(stacks).violations, []);
});

// The topologies with EKS zones: their clusters and node groups must come from stage infra, the
// load balancer controller before the releases whose NLBs bind the reserved Elastic IPs.
for (const options of MATRIX.filter((candidate) => Array.from({ length: candidate.zones }, (_, i) => candidate.cloudOfZone?.(i)).includes(Cloud.AWS))) {
  test(`matrix ${matrixName(options)}: every prerequisite is created first and destroyed last`, () => {
    const rehearsal = rehearseDeploy(synthTopology(generateTopology(options), EXTERNAL_GLOBAL_CA_PEM));
    // Existing clusters bring their own node groups; the topology creates none for them.
    if (!options.existingClusters) assert.ok(rehearsal.prerequisites.some((prerequisite) => /aws_eks_node_group/.test(JSON.stringify(prerequisite))), 'the EKS node groups are prerequisites the rehearsal checks');
    assert.deepEqual(rehearsal.violations, []);
  });
}
