import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { CONTROL_PLANE_WEBHOOK_PORTS, GKE_NODE_SERVICE_ACCOUNT_ROLES, GkeCluster, GkeClusterProps, gkeClusterNetworkRanges } from '../../../lib/clusters/gke-cluster';
import { ValidationError } from '../../../lib/private/validation';
import { StackJson, onlyResource, resourcesOfType, synthApp, synthStack } from '../../helpers/synth';

const BASE: GkeClusterProps = {
  name: 'acme-gcp',
  project: 'acme-prod',
  region: 'europe-west1',
  masterAuthorizedNetworks: ['203.0.113.0/24'],
};

function synthGke(props: Partial<GkeClusterProps> = {}, extra?: (cluster: GkeCluster) => void): StackJson {
  return synthStack((stack) => {
    const cluster = new GkeCluster(stack, 'gcp', { ...BASE, ...props });
    extra?.(cluster);
  });
}

/** Expects a ValidationError whose message names the field and shows the bad value. */
function assertRejected(props: Partial<GkeClusterProps>, field: string, shownValue: string): void {
  assert.throws(
    () => new GkeCluster(new TerraformStack(new App(), 'test'), 'gcp', { ...BASE, ...props }),
    (error: Error) => {
      assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
      assert.ok(error.message.includes(`gcp.${field}`), `message names the field ${field}: ${error.message}`);
      assert.ok(error.message.includes(shownValue), `message shows ${shownValue}: ${error.message}`);
      return true;
    },
  );
}

// One synthesis shared by the default-setting tests keeps the suite fast.
const defaults = synthGke();
const cluster = onlyResource(defaults, 'google_container_cluster');
const pool = onlyResource(defaults, 'google_container_node_pool');

test('VPC-native with secondary ranges of its own subnetwork (CKV_GCP_23)', () => {
  // THEN
  const subnet = onlyResource(defaults, 'google_compute_subnetwork');
  assert.equal(cluster.networking_mode, 'VPC_NATIVE');
  assert.deepEqual(cluster.ip_allocation_policy, { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' });
  assert.equal(subnet.ip_cidr_range, '10.20.0.0/20');
  assert.deepEqual(subnet.secondary_ip_range, [
    { range_name: 'pods', ip_cidr_range: '10.24.0.0/14' },
    { range_name: 'services', ip_cidr_range: '10.28.0.0/20' },
  ]);
  assert.equal(onlyResource(defaults, 'google_compute_network').auto_create_subnetworks, false);
});

test('the subnetwork has Private Google Access and flow logs (CKV_GCP_74, CKV_GCP_26)', () => {
  const subnet = onlyResource(defaults, 'google_compute_subnetwork');
  assert.equal(subnet.private_ip_google_access, true);
  assert.ok(subnet.log_config);
});

test('Dataplane V2 with an explicit network_policy { enabled = false } (CKV_GCP_12 passes only so; enabled = true asks for Calico)', () => {
  assert.equal(cluster.datapath_provider, 'ADVANCED_DATAPATH');
  assert.deepEqual(cluster.network_policy, { enabled: false });
  assert.equal(cluster.addons_config?.network_policy_config, undefined);
});

test('Binary Authorization enforces the project policy, with its API enabled once per project (CKV_GCP_66)', () => {
  // GIVEN two clusters of one project in one stack
  const json = synthStack((stack) => {
    new GkeCluster(stack, 'a', { ...BASE, name: 'acme-a' });
    new GkeCluster(stack, 'b', { ...BASE, name: 'acme-b', masterCidr: '172.16.0.16/28', subnetCidr: '10.40.0.0/20', podsCidr: '10.44.0.0/14', servicesCidr: '10.48.0.0/20' });
  });
  // THEN
  const services = resourcesOfType(json, 'google_project_service');
  assert.deepEqual(services.map(([, service]) => [service.service, service.disable_on_destroy]), [['binaryauthorization.googleapis.com', false]]);
  for (const [, created] of resourcesOfType(json, 'google_container_cluster')) {
    assert.deepEqual(created.binary_authorization, { evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
    assert.ok(created.depends_on.includes(`google_project_service.${services[0][0]}`), 'the cluster waits for the API');
  }
});

test('binaryAuthorization: false disables it, enables no API and records the waiver', () => {
  // WHEN
  const stacks = synthApp((app) => new GkeCluster(new TerraformStack(app, 'infra'), 'gcp', { ...BASE, binaryAuthorization: false }));
  // THEN
  const created = onlyResource(stacks.infra, 'google_container_cluster');
  assert.deepEqual(created.binary_authorization, { evaluation_mode: 'DISABLED' });
  assert.equal(created['//'].waivers.CKV_GCP_66, 'binaryAuthorization');
  assert.equal(resourcesOfType(stacks.infra, 'google_project_service').length, 0);
});

test('rbacSecurityGroup enables Google Groups for RBAC (CKV_GCP_65); without it the waiver names the prop', () => {
  // WHEN
  const stacks = synthApp((app) => {
    new GkeCluster(new TerraformStack(app, 'groups'), 'gcp', { ...BASE, rbacSecurityGroup: 'gke-security-groups@acme.example' });
    new GkeCluster(new TerraformStack(app, 'users'), 'gcp', BASE);
  });
  // THEN
  assert.deepEqual(onlyResource(stacks.groups, 'google_container_cluster').authenticator_groups_config, { security_group: 'gke-security-groups@acme.example' });
  assert.equal(onlyResource(stacks.users, 'google_container_cluster').authenticator_groups_config, undefined);
  assert.equal(onlyResource(stacks.users, 'google_container_cluster')['//'].waivers.CKV_GCP_65, 'rbacSecurityGroup');
});

test('the control plane range reaches the webhook ports of Kuma and Kong on this cluster\'s nodes only', () => {
  // THEN: GKE's own rule admits 443 and 10250 only; Kuma's admission server listens on 5443, Kong's on 8080
  const firewall = onlyResource(defaults, 'google_compute_firewall');
  const [[networkName]] = resourcesOfType(defaults, 'google_compute_network');
  const [[accountName]] = resourcesOfType(defaults, 'google_service_account');
  assert.deepEqual(CONTROL_PLANE_WEBHOOK_PORTS, [5443, 8080]);
  assert.equal(firewall.direction, 'INGRESS');
  assert.equal(firewall.network, `\${google_compute_network.${networkName}.id}`);
  assert.deepEqual(firewall.source_ranges, ['172.16.0.0/28']);
  assert.deepEqual(firewall.target_service_accounts, [`\${google_service_account.${accountName}.email}`]);
  assert.deepEqual(firewall.allow, [{ protocol: 'tcp', ports: ['5443', '8080'] }]);
  // WHEN more ports are needed
  const more = onlyResource(synthGke({ additionalWebhookPorts: [9443, 8080], masterCidr: '172.16.0.32/28' }), 'google_compute_firewall');
  // THEN
  assert.deepEqual(more.allow, [{ protocol: 'tcp', ports: ['5443', '8080', '9443'] }]);
  assert.deepEqual(more.source_ranges, ['172.16.0.32/28']);
});

test('workload identity with the project pool', () => {
  assert.deepEqual(cluster.workload_identity_config, { workload_pool: 'acme-prod.svc.id.goog' });
});

test('private nodes behind a public endpoint, control plane in masterCidr (CKV_GCP_25, CKV_GCP_64)', () => {
  assert.deepEqual(cluster.private_cluster_config, { enable_private_nodes: true, enable_private_endpoint: false, master_ipv4_cidr_block: '172.16.0.0/28' });
});

test('master authorized networks come from the prop (CKV_GCP_20)', () => {
  assert.deepEqual(cluster.master_authorized_networks_config.cidr_blocks.map((block: any) => block.cidr_block), ['203.0.113.0/24']);
});

test('allowPublicApiServer is the explicit waiver for an open API server', () => {
  // WHEN
  const json = synthGke({ masterAuthorizedNetworks: undefined, allowPublicApiServer: true });
  // THEN
  assert.equal(onlyResource(json, 'google_container_cluster').master_authorized_networks_config, undefined);
});

test('a release channel, REGULAR by default (CKV_GCP_70)', () => {
  assert.deepEqual(cluster.release_channel, { channel: 'REGULAR' });
  const json = synthGke({ releaseChannel: 'STABLE' });
  assert.deepEqual(onlyResource(json, 'google_container_cluster').release_channel, { channel: 'STABLE' });
});

test('shielded nodes with secure boot and integrity monitoring (CKV_GCP_71, CKV_GCP_68, CKV_GCP_72)', () => {
  assert.equal(cluster.enable_shielded_nodes, true);
  for (const config of [cluster.node_config, pool.node_config]) {
    assert.deepEqual(config.shielded_instance_config, { enable_secure_boot: true, enable_integrity_monitoring: true });
  }
});

test('a dedicated node service account with only logging and monitoring writer roles (CIS GKE 5.2.1)', () => {
  const [[accountName]] = resourcesOfType(defaults, 'google_service_account');
  const email = `\${google_service_account.${accountName}.email}`;
  assert.equal(pool.node_config.service_account, email);
  assert.equal(cluster.node_config.service_account, email);
  const roles = resourcesOfType(defaults, 'google_project_iam_member').map(([, member]) => member.role).sort();
  assert.deepEqual(roles, [...GKE_NODE_SERVICE_ACCOUNT_ROLES].sort());
  assert.ok(roles.every((role) => /^roles\/(logging|monitoring|stackdriver)\./.test(role) && /[Ww]riter$/.test(role)));
});

test('no legacy ABAC and no client certificate (CKV_GCP_7, CKV_GCP_13)', () => {
  assert.equal(cluster.enable_legacy_abac, false);
  assert.deepEqual(cluster.master_auth, { client_certificate_config: { issue_client_certificate: false } });
});

test('Container-Optimized OS with containerd (CKV_GCP_22)', () => {
  assert.equal(pool.node_config.image_type, 'COS_CONTAINERD');
  assert.equal(cluster.node_config.image_type, 'COS_CONTAINERD');
});

test('the default pool is removed and a separate autoscaling pool is managed (no inline node_pool)', () => {
  assert.equal(cluster.remove_default_node_pool, true);
  assert.equal(cluster.node_pool, undefined);
  assert.deepEqual(cluster.lifecycle.ignore_changes, ['node_config', 'initial_node_count']);
  assert.deepEqual(pool.autoscaling, { total_min_node_count: 3, total_max_node_count: 9, location_policy: 'BALANCED' });
  assert.equal(pool.node_config.machine_type, 'e2-standard-4');
  assert.equal(pool.node_config.spot, false);
  assert.deepEqual(pool.lifecycle.ignore_changes, ['initial_node_count', 'node_count', 'version']);
});

test('automatic node repair and upgrade (CKV_GCP_9, CKV_GCP_10)', () => {
  assert.deepEqual(pool.management, { auto_repair: true, auto_upgrade: true });
});

test('the GKE metadata server and no legacy metadata endpoints (CKV_GCP_69, CKV_GCP_67)', () => {
  assert.deepEqual(pool.node_config.workload_metadata_config, { mode: 'GKE_METADATA' });
  assert.equal(pool.node_config.metadata['disable-legacy-endpoints'], 'true');
});

test('intranode visibility (CKV_GCP_61)', () => {
  assert.equal(cluster.enable_intranode_visibility, true);
});

test('Cloud Logging and Monitoring (CKV_GCP_1, CKV_GCP_8)', () => {
  assert.equal(cluster.logging_service, 'logging.googleapis.com/kubernetes');
  assert.equal(cluster.monitoring_service, 'monitoring.googleapis.com/kubernetes');
  assert.deepEqual(cluster.logging_config.enable_components, ['SYSTEM_COMPONENTS', 'WORKLOADS']);
});

test('deletion protection outside ephemeral mode', () => {
  assert.equal(cluster.deletion_protection, true);
  for (const [, address] of resourcesOfType(defaults, 'google_compute_address')) assert.equal(address.lifecycle.prevent_destroy, true);
});

test('Cloud NAT on reserved regional external addresses', () => {
  // WHEN
  let egress: string[] = [];
  const json = synthGke({ egressAddressCount: 2 }, (gke) => (egress = gke.egressAddresses));
  // THEN
  const nat = onlyResource(json, 'google_compute_router_nat');
  const [[routerName]] = resourcesOfType(json, 'google_compute_router');
  const [[subnetName]] = resourcesOfType(json, 'google_compute_subnetwork');
  const addresses = resourcesOfType(json, 'google_compute_address');
  assert.equal(addresses.length, 2);
  for (const [, address] of addresses) {
    assert.equal(address.address_type, 'EXTERNAL');
    assert.equal(address.region, 'europe-west1');
  }
  assert.equal(nat.router, `\${google_compute_router.${routerName}.name}`);
  assert.equal(nat.nat_ip_allocate_option, 'MANUAL_ONLY');
  assert.deepEqual(nat.nat_ips, addresses.map(([name]) => `\${google_compute_address.${name}.self_link}`));
  assert.deepEqual(nat.subnetwork, [{ name: `\${google_compute_subnetwork.${subnetName}.id}`, source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }]);
  assert.equal(egress.length, 2);
});

test('an existing network and subnetwork: no new VPC, GKE-managed secondary ranges, NAT on that subnetwork', () => {
  // WHEN
  const json = synthGke({ existingNetwork: 'shared-vpc', existingSubnetwork: 'gke-nodes' });
  // THEN
  const resource = onlyResource(json, 'google_container_cluster');
  assert.equal(resourcesOfType(json, 'google_compute_network').length, 0);
  assert.equal(resourcesOfType(json, 'google_compute_subnetwork').length, 0);
  assert.equal(resource.network, 'shared-vpc');
  assert.equal(resource.subnetwork, 'gke-nodes');
  assert.deepEqual(resource.ip_allocation_policy, { cluster_ipv4_cidr_block: '10.24.0.0/14', services_ipv4_cidr_block: '10.28.0.0/20' });
  assert.equal(onlyResource(json, 'google_compute_router_nat').subnetwork[0].name, 'gke-nodes');
});

test('ephemeral mode: no deletion protection, spot nodes, smallest sizes, owner and expiry labels', () => {
  // WHEN
  const json = synthGke({ ephemeral: true, owner: 'ci', expiresAt: '2030-01-31', labels: { team: 'platform' } });
  // THEN
  const resource = onlyResource(json, 'google_container_cluster');
  const nodePool = onlyResource(json, 'google_container_node_pool');
  const expected = { 'managed-by': 'cdktf-cross-cloud-mesh', team: 'platform', owner: 'ci', 'expires-at': '2030-01-31', ephemeral: 'true' };
  assert.equal(resource.deletion_protection, false);
  assert.equal(nodePool.node_config.spot, true);
  assert.equal(nodePool.node_config.machine_type, 'e2-standard-2');
  assert.deepEqual(nodePool.autoscaling, { total_min_node_count: 1, total_max_node_count: 3, location_policy: 'BALANCED' });
  assert.deepEqual(resource.resource_labels, expected);
  assert.deepEqual(nodePool.node_config.resource_labels, expected);
  for (const [, address] of resourcesOfType(json, 'google_compute_address')) {
    assert.deepEqual(address.labels, expected);
    assert.equal(address.lifecycle?.prevent_destroy, undefined);
  }
});

test('exposes what later stages need', () => {
  synthGke({}, (gke) => {
    // THEN
    assert.equal(gke.cloud, 'gcp');
    assert.equal(gke.region, 'europe-west1');
    assert.equal(gke.project, 'acme-prod');
    assert.equal(gke.workloadIdentityPool, 'acme-prod.svc.id.goog');
    assert.match(gke.clusterName, /TfToken/);
    assert.equal(gke.connection.cloud, 'gcp');
  });
});

test('reservePublicAddress: a regional external address bound by loadBalancerIP alone', () => {
  // WHEN
  let reserved: any;
  const json = synthGke({ labels: { team: 'platform' } }, (gke) => (reserved = gke.reservePublicAddress('gateway')));
  // THEN
  const [, address] = resourcesOfType(json, 'google_compute_address').find(([, config]) => config.name === 'acme-gcp-gateway')!;
  assert.equal(address.address_type, 'EXTERNAL');
  assert.equal(address.region, 'europe-west1');
  assert.equal(address.project, 'acme-prod');
  assert.deepEqual(address.labels, { 'managed-by': 'cdktf-cross-cloud-mesh', team: 'platform' });
  assert.equal(reserved.cloud, 'gcp');
  assert.deepEqual(reserved.serviceAnnotations, {});
});

test('gkeClusterNetworkRanges lists the ranges with the prop they came from', () => {
  // WHEN
  const ranges = gkeClusterNetworkRanges(BASE, 'topology.zones[1].cluster');
  // THEN
  assert.deepEqual(ranges.map((range) => [range.field, range.cidr, range.clusterLocal]), [
    ['topology.zones[1].cluster.subnetCidr', '10.20.0.0/20', false],
    ['topology.zones[1].cluster.podsCidr', '10.24.0.0/14', false],
    ['topology.zones[1].cluster.servicesCidr', '10.28.0.0/20', false],
    ['topology.zones[1].cluster.masterCidr', '172.16.0.0/28', false],
  ]);
});

test('rejects a name GKE does not accept', () => assertRejected({ name: '1-cluster' }, 'name', '"1-cluster"'));
test('rejects a name longer than 40 characters', () => assertRejected({ name: 'a'.repeat(41) }, 'name', 'a'.repeat(41)));
test('rejects a malformed project id', () => assertRejected({ project: 'Acme' }, 'project', '"Acme"'));
test('rejects an empty region', () => assertRejected({ region: '' }, 'region', '""'));
test('rejects a malformed CIDR', () => assertRejected({ subnetCidr: '10.20.0.0' }, 'subnetCidr', '"10.20.0.0"'));
test('rejects a master range that is not a /28', () => assertRejected({ masterCidr: '172.16.0.0/24' }, 'masterCidr', '"172.16.0.0/24"'));
test('rejects overlapping pod and subnet ranges', () => assertRejected({ podsCidr: '10.20.0.0/14' }, 'podsCidr', '"10.20.0.0/14"'));
test('rejects minNodes above maxNodes', () => assertRejected({ minNodes: 5, maxNodes: 4 }, 'maxNodes', '4'));
test('rejects a minNodes above the default maximum', () => assertRejected({ minNodes: 12 }, 'minNodes', '12'));
test('rejects no authorized networks without the waiver', () => assertRejected({ masterAuthorizedNetworks: undefined }, 'masterAuthorizedNetworks', 'missing value'));
test('rejects an authorized network that is not a CIDR', () => assertRejected({ masterAuthorizedNetworks: ['office'] }, 'masterAuthorizedNetworks[0]', '"office"'));
test('rejects an existing network without a subnetwork', () => assertRejected({ existingNetwork: 'shared-vpc' }, 'existingSubnetwork', 'missing value'));
test('rejects an existing network together with subnetCidr', () =>
  assertRejected({ existingNetwork: 'shared-vpc', existingSubnetwork: 'gke', subnetCidr: '10.20.0.0/20' }, 'subnetCidr', '"10.20.0.0/20"'));
test('rejects a Google Group not named gke-security-groups@<domain>', () => assertRejected({ rbacSecurityGroup: 'admins@acme.example' }, 'rbacSecurityGroup', '"admins@acme.example"'));
test('rejects a webhook port outside 1-65535', () => assertRejected({ additionalWebhookPorts: [70000] }, 'additionalWebhookPorts[0]', '70000'));
test('rejects an unknown release channel', () => assertRejected({ releaseChannel: 'regular' }, 'releaseChannel', '"regular"'));
test('rejects ephemeral mode without owner', () => assertRejected({ ephemeral: true, expiresAt: '2030-01-01' }, 'owner', 'missing value'));
test('rejects an owner that is not a valid label value', () => assertRejected({ owner: 'Jane Doe' }, 'owner', '"Jane Doe"'));
test('rejects a label key Google does not accept', () => assertRejected({ labels: { Team: 'x' } }, 'labels.Team', '"Team"'));

test('an open API server is recorded as a waiver named after allowPublicApiServer', () => {
  // WHEN (waivers live in the `//` block, which only a synthesis to disk keeps)
  const stacks = synthApp((app) => {
    new GkeCluster(new TerraformStack(app, 'open'), 'gcp', { ...BASE, masterAuthorizedNetworks: undefined, allowPublicApiServer: true });
    new GkeCluster(new TerraformStack(app, 'strict'), 'gcp', BASE);
  });
  // The `strict` cluster names no Google Group, the only relaxation left (CKV_GCP_65).
  // THEN
  assert.deepEqual(onlyResource(stacks.open, 'google_container_cluster')['//']?.waivers, { CKV_GCP_20: 'allowPublicApiServer', CKV_GCP_65: 'rbacSecurityGroup' });
  assert.deepEqual(onlyResource(stacks.strict, 'google_container_cluster')['//']?.waivers, { CKV_GCP_65: 'rbacSecurityGroup' });
});
