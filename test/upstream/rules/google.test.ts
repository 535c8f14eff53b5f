import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthReferenceExample } from '../../helpers/examples';
import type { StackJson } from '../../helpers/synth';
import { AppView } from '../app-view';
import { GOOGLE_RULES } from './google';

const rule = (id: string) => GOOGLE_RULES.find((candidate) => candidate.id === id)!;

/** The reference example, deep-copied so a test may break it. */
function reference(): Record<string, StackJson> {
  return structuredClone(synthReferenceExample());
}

test('GOOGLE_DATAPLANE_V2_NO_CALICO: network_policy.enabled = true or the add-on beside Dataplane V2 is reported', () => {
  const cluster = (extra: object) => new AppView({ infra: { resource: { google_container_cluster: { c: { datapath_provider: 'ADVANCED_DATAPATH', ...extra } } } } });
  assert.equal(rule('GOOGLE_DATAPLANE_V2_NO_CALICO').check(cluster({ network_policy: { enabled: true, provider: 'CALICO' } })).length, 1);
  assert.equal(rule('GOOGLE_DATAPLANE_V2_NO_CALICO').check(cluster({ addons_config: { network_policy_config: { disabled: false } } })).length, 1);
  assert.deepEqual(rule('GOOGLE_DATAPLANE_V2_NO_CALICO').check(cluster({ network_policy: { enabled: false } })), []);
});

test('GOOGLE_PRIVATE_CLUSTER_WEBHOOK_FIREWALL: without the firewall, Kuma (5443) and Kong (8080) webhooks are unreachable; cert-manager (10250) is', () => {
  // GIVEN the reference example without its control-plane firewalls
  const broken = reference();
  delete broken['acme-infra'].resource!.google_compute_firewall;
  // WHEN
  const violations = rule('GOOGLE_PRIVATE_CLUSTER_WEBHOOK_FIREWALL').check(new AppView(broken));
  // THEN
  const ports = new Set(violations.map((violation) => /pod port (\d+)/.exec(violation.message)![1]));
  assert.deepEqual([...ports].sort(), ['5443', '8080']);
  assert.ok(violations.some((violation) => violation.message.includes('google_container_cluster.cluster-global_')), 'the global cluster runs Kuma webhooks too');
  assert.ok(violations.every((violation) => violation.address.startsWith('acme-platform/helm_release.')));
  // and a firewall that admits another source range does not count
  const elsewhere = reference();
  for (const firewall of Object.values<any>(elsewhere['acme-infra'].resource!.google_compute_firewall)) firewall.source_ranges = ['10.0.0.0/8'];
  assert.ok(rule('GOOGLE_PRIVATE_CLUSTER_WEBHOOK_FIREWALL').check(new AppView(elsewhere)).length > 0);
  // the example as synthesized passes
  assert.deepEqual(rule('GOOGLE_PRIVATE_CLUSTER_WEBHOOK_FIREWALL').check(new AppView(reference())), []);
});

test('GOOGLE_WORKLOAD_IDENTITY_POOL_FIRST: a binding to PROJECT.svc.id.goog[ns/sa] must wait for the cluster that enables the pool', () => {
  const app = (binding: object) => new AppView({
    infra: {
      resource: {
        google_container_cluster: { c: { workload_identity_config: { workload_pool: 'acme.svc.id.goog' } } },
        google_service_account_iam_member: { wi: { member: 'serviceAccount:acme.svc.id.goog[cert-manager/cert-manager]', role: 'roles/iam.workloadIdentityUser', ...binding } },
      },
    },
  });
  assert.deepEqual(rule('GOOGLE_WORKLOAD_IDENTITY_POOL_FIRST').check(app({})).map((violation) => violation.address), ['infra/google_service_account_iam_member.wi']);
  assert.deepEqual(rule('GOOGLE_WORKLOAD_IDENTITY_POOL_FIRST').check(app({ depends_on: ['google_container_cluster.c'] })), []);
});

test('GOOGLE_PRIVATE_NODES_NAT: private nodes without a Cloud NAT on their subnetwork are reported', () => {
  // GIVEN the reference example without NATs
  const broken = reference();
  delete broken['acme-infra'].resource!.google_compute_router_nat;
  // THEN both private clusters are reported
  assert.equal(rule('GOOGLE_PRIVATE_NODES_NAT').check(new AppView(broken)).length, 2);
  // a NAT of primary ranges of other subnetworks only does not count
  const other = reference();
  for (const nat of Object.values<any>(other['acme-infra'].resource!.google_compute_router_nat)) nat.subnetwork = [{ name: 'elsewhere', source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }];
  assert.equal(rule('GOOGLE_PRIVATE_NODES_NAT').check(new AppView(other)).length, 2);
  assert.deepEqual(rule('GOOGLE_PRIVATE_NODES_NAT').check(new AppView(reference())), []);
});

test('GOOGLE_CONTROL_PLANE_REACHABLE_BY_LATER_STAGES: a private endpoint on a cluster that later stages deploy to is reported', () => {
  const app = (privateEndpoint: boolean) => new AppView({
    infra: { resource: { google_container_cluster: { c: { name: 'acme', private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: privateEndpoint } } } } },
    platform: {
      provider: { kubernetes: [{ alias: 'acme', host: 'https://${data.google_container_cluster.d.endpoint}' }] },
      data: { google_container_cluster: { d: { name: 'acme' } } },
      resource: { kubernetes_namespace_v1: { ns: { provider: 'kubernetes.acme', metadata: { name: 'kong' } } } },
    } as any,
  });
  assert.deepEqual(rule('GOOGLE_CONTROL_PLANE_REACHABLE_BY_LATER_STAGES').check(app(true)).map((violation) => violation.address), ['infra/google_container_cluster.c']);
  assert.deepEqual(rule('GOOGLE_CONTROL_PLANE_REACHABLE_BY_LATER_STAGES').check(app(false)), []);
});

test('GOOGLE_CLUSTER_SCHEMA: conflicting, empty or unknown cluster settings are reported', () => {
  const check = (config: object, extra: Record<string, any> = {}) => rule('GOOGLE_CLUSTER_SCHEMA').check(new AppView({ infra: { resource: { google_container_cluster: { c: config }, ...extra } } })).map((violation) => violation.message);
  assert.match(check({ private_cluster_config: {} }).join(), /AtLeastOneOf/);
  assert.match(check({ private_cluster_config: { master_ipv4_cidr_block: '172.16.0.0/24' } }).join(), /not a \/28/);
  assert.match(check({ ip_allocation_policy: { cluster_secondary_range_name: 'pods', cluster_ipv4_cidr_block: '10.0.0.0/14' } }).join(), /ConflictsWith/);
  assert.match(check({ binary_authorization: { enabled: true, evaluation_mode: 'DISABLED' } }).join(), /ConflictsWith/);
  assert.match(check({ network_policy: {} }).join(), /Required/);
  assert.match(check({ logging_config: { enable_components: ['EVERYTHING'] } }).join(), /EVERYTHING/);
  assert.match(check({ authenticator_groups_config: { security_group: 'admins@acme.example' } }).join(), /gke-security-groups/);
  assert.match(check(
    { subnetwork: '${google_compute_subnetwork.s.id}', ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'svc' } },
    { google_compute_subnetwork: { s: { secondary_ip_range: [{ range_name: 'pods' }] } } },
  ).join(), /svc is not a secondary range/);
  assert.deepEqual(check({ private_cluster_config: { enable_private_nodes: true, master_ipv4_cidr_block: '172.16.0.0/28' }, network_policy: { enabled: false } }), []);
});

test('GOOGLE_NODE_POOL_SCHEMA: per-zone and total limits together, or an unknown location policy, are reported', () => {
  const check = (autoscaling: object) => rule('GOOGLE_NODE_POOL_SCHEMA').check(new AppView({ infra: { resource: { google_container_node_pool: { p: { autoscaling } } } } })).length;
  assert.equal(check({ min_node_count: 1, total_max_node_count: 3 }), 1);
  assert.equal(check({ total_min_node_count: 1, total_max_node_count: 3, location_policy: 'EVEN' }), 1);
  assert.equal(check({ total_min_node_count: 4, total_max_node_count: 3 }), 1);
  assert.equal(check({ total_min_node_count: 1, total_max_node_count: 3, location_policy: 'BALANCED' }), 0);
});

test('GOOGLE_NAMES: names the provider validators reject are reported', () => {
  const app = new AppView({
    infra: {
      resource: {
        google_compute_router_nat: { n: { name: 'x' } },
        google_compute_firewall: { f: { name: 'Webhooks' } },
        google_service_account: { sa: { account_id: 'cm' } },
        google_project_iam_custom_role: { r: { role_id: 'cert-manager' } },
        google_compute_address: { ok: { name: 'acme-gke-egress-0' } },
      },
    },
  });
  assert.deepEqual(rule('GOOGLE_NAMES').check(app).map((violation) => violation.address).sort(), [
    'infra/google_compute_firewall.f', 'infra/google_compute_router_nat.n', 'infra/google_project_iam_custom_role.r', 'infra/google_service_account.sa',
  ]);
});

test('GOOGLE_IAM_MEMBER_FORMAT: a member without type: or a deleted one is reported', () => {
  const check = (member: string) => rule('GOOGLE_IAM_MEMBER_FORMAT').check(new AppView({ infra: { resource: { google_project_iam_member: { m: { member, role: 'roles/logging.logWriter' } } } } })).length;
  assert.equal(check('acme-gke-nodes@acme.iam.gserviceaccount.com'), 1);
  assert.equal(check('deleted:serviceAccount:x@acme.iam.gserviceaccount.com?uid=1'), 1);
  assert.equal(check('serviceAccount:${google_service_account.sa.email}'), 0);
  assert.equal(check('${google_service_account.sa.member}'), 0);
});
