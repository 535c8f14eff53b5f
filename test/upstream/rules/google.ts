/**
 * What the Google provider (hashicorp/terraform-provider-google@v6.50.0) and Google Cloud
 * do with the Google resources we emit: schema rules the provider enforces at validate or
 * plan time, and platform behaviour that lives outside the code (private clusters, the
 * workload identity pool, Cloud NAT).
 */
import type { AppView, ResourceRef } from '../app-view';
import { clusterInventory, type ClusterInventory } from '../inventory';
import type { UpstreamRule, Violation } from '../types';

const PROVIDER = 'hashicorp/terraform-provider-google@v6.50.0';
const CLUSTER_GO = `${PROVIDER}:google/services/container/resource_container_cluster.go`;
const CLUSTER_DOCS = `${PROVIDER}:website/docs/r/container_cluster.html.markdown`;

/** Ports GKE's own firewall rule opens from the control plane range to the nodes of a private cluster. */
const GKE_DEFAULT_CONTROL_PLANE_PORTS = [443, 10250];

export const GOOGLE_RULES: readonly UpstreamRule[] = [
  {
    id: 'GOOGLE_DATAPLANE_V2_NO_CALICO',
    title: 'a Dataplane V2 cluster asks for no Calico network policy (network_policy.enabled, the network policy add-on)',
    sources: [
      // The provider sends a network policy only when enabled = true, and then with its provider (Calico) ...
      `${CLUSTER_GO}#expandNetworkPolicy`,
      // ... and reads an absent one back as enabled = false, so `enabled = false` is a no-op beside Dataplane V2.
      `${CLUSTER_GO}#flattenNetworkPolicy`,
      // Dataplane V2 is the network policy implementation of such a cluster (datapath_provider).
      `${CLUSTER_DOCS}:datapath_provider`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const cluster of app.resources('google_container_cluster')) {
        if (cluster.config.datapath_provider !== 'ADVANCED_DATAPATH') continue;
        if (first(cluster.config.network_policy)?.enabled === true) {
          violations.push({ address: cluster.address, message: 'network_policy.enabled = true asks GKE for Calico on a Dataplane V2 cluster, which GKE refuses; write network_policy { enabled = false }' });
        }
        if (first(first(cluster.config.addons_config)?.network_policy_config)?.disabled === false) {
          violations.push({ address: cluster.address, message: 'addons_config.network_policy_config enables the Calico add-on on a Dataplane V2 cluster; leave it disabled' });
        }
      }
      return violations;
    },
  },
  {
    id: 'GOOGLE_PRIVATE_CLUSTER_WEBHOOK_FIREWALL',
    title: 'the control plane of a private GKE cluster can reach every admission webhook of that cluster',
    sources: [
      // GKE's own firewall rule admits the control plane range to nodes on 443 and 10250 only, which is why
      // cert-manager's webhook listens on 10250 (its values.yaml says so) ...
      'cert-manager/cert-manager@v1.21.1:deploy/charts/cert-manager/values.yaml:webhook.securePort',
      // ... while Kuma's admission server (injector, validators; failurePolicy Fail) listens on 5443 ...
      'kumahq/kuma@v2.14.3:deployments/charts/kuma/templates/cp-webhooks-and-secrets.yaml',
      'kumahq/kuma@v2.14.3:deployments/charts/kuma/values.yaml:controlPlane.admissionServerPort',
      // ... and Kong's ingress controller admission webhook on 8080.
      'Kong/charts@kong-3.4.1:charts/kong/templates/admission-webhook.yaml',
      // The private cluster's master range, from which the control plane calls webhooks.
      `${CLUSTER_DOCS}:master_ipv4_cidr_block`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const [alias, inventory] of clusterInventory(app)) {
        const cluster = gkeClusterBehind(app, alias);
        if (!cluster || first(cluster.config.private_cluster_config)?.enable_private_nodes !== true) continue;
        const masterRange = first(cluster.config.private_cluster_config)?.master_ipv4_cidr_block;
        for (const target of webhookTargets(inventory)) {
          if (GKE_DEFAULT_CONTROL_PLANE_PORTS.includes(target.port)) continue;
          if (firewallsAdmitting(app, cluster, masterRange, target.port).length > 0) continue;
          violations.push({
            address: target.origin.address,
            message: `webhook ${target.webhook} is served on pod port ${target.port} in private cluster ${cluster.address}, but no google_compute_firewall admits ${masterRange ?? 'the control plane range'} to the nodes on tcp:${target.port} (GKE opens 443 and 10250 only): admission calls time out`,
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'GOOGLE_WORKLOAD_IDENTITY_POOL_FIRST',
    title: 'an IAM binding to a workload identity member waits for the cluster that creates the pool',
    sources: [
      // The pool PROJECT.svc.id.goog is what workload_identity_config turns on for the project ...
      `${CLUSTER_DOCS}:workload_identity_config`,
      // ... and the IAM member is checked by the API when the binding is written.
      `${PROVIDER}:google/tpgiamresource/resource_iam_member.go#resourceIamMemberCreate`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      const stacks = Object.keys(app.stacks);
      for (const binding of app.resources().filter((ref) => /^google_.*_iam_(member|binding)$/.test(ref.type))) {
        const members: string[] = [...(binding.config.members ?? []), ...(binding.config.member ? [binding.config.member] : [])];
        for (const member of members) {
          const pool = /^serviceAccount:([^[$]+)\[/.exec(String(member))?.[1];
          if (!pool) continue; // a pool named by reference orders itself
          const clusters = app.resources('google_container_cluster').filter((cluster) => first(cluster.config.workload_identity_config)?.workload_pool === pool);
          if (clusters.length === 0) continue; // an existing cluster's pool
          const first_ = clusters.some((cluster) => stacks.indexOf(cluster.stack) < stacks.indexOf(binding.stack) || app.dependsOn(binding, cluster));
          if (!first_) {
            violations.push({ address: binding.address, message: `member ${member} names pool ${pool}, which exists only once ${clusters[0].address} does, and nothing orders the binding after it` });
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'GOOGLE_PRIVATE_NODES_NAT',
    title: 'private nodes have a way out: a Cloud NAT on their network covering their subnetwork',
    sources: [
      // Private nodes have internal addresses only ...
      `${CLUSTER_DOCS}:enable_private_nodes`,
      // ... and a NAT covers all subnetworks, or the listed ones with the ranges named.
      `${PROVIDER}:google/services/compute/resource_compute_router_nat.go#ResourceComputeRouterNat`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const cluster of app.resources('google_container_cluster')) {
        if (first(cluster.config.private_cluster_config)?.enable_private_nodes !== true) continue;
        const nats = app.inStack(cluster.stack).filter((ref) => ref.type === 'google_compute_router_nat' && natCovers(app, ref, cluster));
        if (nats.length === 0) {
          violations.push({ address: cluster.address, message: `no google_compute_router_nat on network ${cluster.config.network} covers subnetwork ${cluster.config.subnetwork}: private nodes cannot pull images or reach KDS and other zones` });
        }
      }
      return violations;
    },
  },
  {
    id: 'GOOGLE_CONTROL_PLANE_REACHABLE_BY_LATER_STAGES',
    title: 'a cluster that later stages deploy to keeps its public endpoint',
    sources: [
      // enable_private_endpoint = true leaves only the private endpoint, inside the VPC, where Terraform does not run.
      `${CLUSTER_DOCS}:enable_private_endpoint`,
      // The Kubernetes and Helm providers of later stages dial `endpoint`.
      `${CLUSTER_GO}#resourceContainerClusterRead`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const stack of Object.keys(app.stacks)) {
        const aliases = new Set(app.inStack(stack).map((ref) => app.clusterOf(ref)).filter((alias): alias is string => alias !== undefined));
        for (const alias of aliases) {
          const cluster = gkeClusterBehind(app, alias);
          if (cluster && first(cluster.config.private_cluster_config)?.enable_private_endpoint === true) {
            violations.push({ address: cluster.address, message: `stack ${stack} deploys to this cluster from outside its VPC, but enable_private_endpoint = true removes the public endpoint` });
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'GOOGLE_CLUSTER_SCHEMA',
    title: 'google_container_cluster blocks satisfy the provider schema (ConflictsWith, AtLeastOneOf, ValidateFunc)',
    sources: [
      `${CLUSTER_GO}#ResourceContainerCluster`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const cluster of app.resources('google_container_cluster')) {
        const problem = (message: string) => violations.push({ address: cluster.address, message });
        const privateConfig = first(cluster.config.private_cluster_config);
        if (privateConfig !== undefined) {
          const keys = ['enable_private_endpoint', 'enable_private_nodes', 'master_ipv4_cidr_block', 'private_endpoint_subnetwork', 'master_global_access_config'];
          if (!keys.some((key) => privateConfig[key] !== undefined)) problem('private_cluster_config is empty (AtLeastOneOf)');
          const range = privateConfig.master_ipv4_cidr_block;
          if (isLiteral(range) && range !== '' && !/\/28$/.test(range)) problem(`master_ipv4_cidr_block ${range} is not a /28 (IsCIDRNetwork(28, 28))`);
        }
        const ip = first(cluster.config.ip_allocation_policy);
        if (ip && (ip.cluster_secondary_range_name || ip.services_secondary_range_name) && (ip.cluster_ipv4_cidr_block || ip.services_ipv4_cidr_block)) {
          problem('ip_allocation_policy mixes secondary range names with CIDR blocks (ConflictsWith)');
        }
        const binary = first(cluster.config.binary_authorization);
        if (binary?.enabled !== undefined && binary?.evaluation_mode !== undefined) problem('binary_authorization sets both enabled and evaluation_mode (ConflictsWith)');
        if (binary?.evaluation_mode !== undefined && !['DISABLED', 'PROJECT_SINGLETON_POLICY_ENFORCE'].includes(binary.evaluation_mode)) problem(`binary_authorization.evaluation_mode ${binary.evaluation_mode} is not DISABLED or PROJECT_SINGLETON_POLICY_ENFORCE`);
        const policy = first(cluster.config.network_policy);
        if (policy !== undefined && typeof policy.enabled !== 'boolean') problem('network_policy has no enabled (Required)');
        const datapath = cluster.config.datapath_provider;
        if (datapath !== undefined && !['DATAPATH_PROVIDER_UNSPECIFIED', 'LEGACY_DATAPATH', 'ADVANCED_DATAPATH'].includes(datapath)) problem(`datapath_provider ${datapath} is not a known datapath`);
        const logging = first(cluster.config.logging_config)?.enable_components ?? [];
        const knownLogs = ['SYSTEM_COMPONENTS', 'APISERVER', 'CONTROLLER_MANAGER', 'KCP_CONNECTION', 'KCP_SSHD', 'KCP_HPA', 'SCHEDULER', 'WORKLOADS'];
        for (const component of logging) if (isLiteral(component) && !knownLogs.includes(component)) problem(`logging_config.enable_components has ${component}`);
        const groups = first(cluster.config.authenticator_groups_config);
        if (groups !== undefined && isLiteral(groups.security_group) && !/^gke-security-groups@/.test(groups.security_group)) problem(`authenticator_groups_config.security_group ${groups.security_group} is not gke-security-groups@<domain>`);
        // A secondary range name must exist on the subnetwork this app creates.
        const subnet = referenced(app, cluster, cluster.config.subnetwork, 'google_compute_subnetwork');
        if (subnet && ip) {
          const names = (subnet.config.secondary_ip_range ?? []).map((range: any) => range.range_name);
          for (const key of ['cluster_secondary_range_name', 'services_secondary_range_name']) {
            if (isLiteral(ip[key]) && !names.includes(ip[key])) problem(`ip_allocation_policy.${key} ${ip[key]} is not a secondary range of ${subnet.address}`);
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'GOOGLE_NODE_POOL_SCHEMA',
    title: 'google_container_node_pool autoscaling uses per-zone or total limits, not both, with a known location policy',
    sources: [`${PROVIDER}:google/services/container/resource_container_node_pool.go#schemaNodePool`],
    check: (app) => {
      const violations: Violation[] = [];
      for (const pool of app.resources('google_container_node_pool')) {
        const scaling = first(pool.config.autoscaling);
        if (!scaling) continue;
        const perZone = scaling.min_node_count !== undefined || scaling.max_node_count !== undefined;
        const total = scaling.total_min_node_count !== undefined || scaling.total_max_node_count !== undefined;
        if (perZone && total) violations.push({ address: pool.address, message: 'autoscaling mixes per-zone and total limits ("cannot be used with")' });
        if (scaling.location_policy !== undefined && !['BALANCED', 'ANY'].includes(scaling.location_policy)) violations.push({ address: pool.address, message: `autoscaling.location_policy ${scaling.location_policy} is not BALANCED or ANY` });
        if (typeof scaling.total_min_node_count === 'number' && typeof scaling.total_max_node_count === 'number' && scaling.total_min_node_count > scaling.total_max_node_count) {
          violations.push({ address: pool.address, message: 'total_min_node_count exceeds total_max_node_count' });
        }
      }
      return violations;
    },
  },
  {
    id: 'GOOGLE_NAMES',
    title: 'names of compute resources, service accounts and custom roles pass the provider validators',
    sources: [
      `${PROVIDER}:google/verify/validation.go#ValidateRFC1035Name`,
      `${PROVIDER}:google/verify/validation.go:IAMCustomRoleIDRegex`,
      `${PROVIDER}:google/services/resourcemanager/resource_google_service_account.go#ResourceGoogleServiceAccount`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      const rfc1035 = (min: number, max: number) => (name: string) => name.length >= min && name.length <= max && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name);
      const checks: Array<[string, string, (name: string) => boolean, string]> = [
        ['google_compute_address', 'name', rfc1035(1, 63), 'a lower-case RFC 1035 name of at most 63 characters'],
        ['google_compute_router', 'name', rfc1035(1, 63), 'a lower-case RFC 1035 name of at most 63 characters'],
        ['google_compute_router_nat', 'name', rfc1035(2, 63), 'a lower-case RFC 1035 name of 2-63 characters'],
        ['google_compute_firewall', 'name', rfc1035(1, 63), 'a lower-case RFC 1035 name of at most 63 characters'],
        ['google_compute_network', 'name', rfc1035(1, 63), 'a lower-case RFC 1035 name of at most 63 characters'],
        ['google_compute_subnetwork', 'name', rfc1035(1, 63), 'a lower-case RFC 1035 name of at most 63 characters'],
        ['google_service_account', 'account_id', rfc1035(6, 30), 'a lower-case RFC 1035 name of 6-30 characters'],
        ['google_project_iam_custom_role', 'role_id', (name) => /^[a-zA-Z0-9_.]{3,64}$/.test(name), '3-64 letters, digits, "_" or "."'],
      ];
      for (const [type, field, valid, rule] of checks) {
        for (const ref of app.resources(type)) {
          const value = ref.config[field];
          if (isLiteral(value) && !valid(value)) violations.push({ address: ref.address, message: `${field} "${value}" must be ${rule}` });
        }
      }
      return violations;
    },
  },
  {
    id: 'GOOGLE_IAM_MEMBER_FORMAT',
    title: 'IAM members are type:value principals, never deleted ones',
    sources: [`${PROVIDER}:google/tpgiamresource/resource_iam_member.go#validateIAMMember`],
    check: (app) => {
      const violations: Violation[] = [];
      for (const binding of app.resources().filter((ref) => /^google_.*_iam_(member|binding)$/.test(ref.type))) {
        const members: unknown[] = [...(binding.config.members ?? []), ...(binding.config.member !== undefined ? [binding.config.member] : [])];
        for (const member of members) {
          const text = String(member);
          if (/^\$\{[^}]*\}$/.test(text)) continue; // wholly an expression (e.g. google_service_account.member)
          if (/^deleted/.test(text) || !/(.+:.+|projectOwners|projectReaders|projectWriters|allUsers|allAuthenticatedUsers)/.test(text)) {
            violations.push({ address: binding.address, message: `member "${text}" is not a type:value principal` });
          }
        }
      }
      return violations;
    },
  },
];

/** The first block of a nested block (cdktf writes one as an object, several as a list). */
function first(value: any): any {
  return Array.isArray(value) ? value[0] : value;
}

function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('${');
}

/** The resource of `type` in `from`'s stack that an expression like `${type.name.attr}` names. */
function referenced(app: AppView, from: ResourceRef, expression: unknown, type: string): ResourceRef | undefined {
  const match = new RegExp(`\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.`).exec(String(expression ?? ''));
  return match ? app.find(from.stack, `${type}.${match[1]}`) : undefined;
}

/**
 * The google_container_cluster resource behind a cluster alias: the stack's provider of that
 * alias reads a `data.google_container_cluster`, whose name comes from the cluster resource
 * (through a cross-stack output `cross-stack-output-google_container_cluster<name>name`, or
 * its own literal name).
 */
export function gkeClusterBehind(app: AppView, alias: string): ResourceRef | undefined {
  const clusters = app.resources('google_container_cluster');
  for (const [stack, json] of Object.entries(app.stacks)) {
    for (const type of ['kubernetes', 'helm']) {
      for (const provider of (json.provider as any)?.[type] ?? []) {
        if (provider.alias !== alias) continue;
        for (const match of JSON.stringify(provider).matchAll(/data\.google_container_cluster\.([A-Za-z0-9_-]+)/g)) {
          const data = app.find(stack, `data.google_container_cluster.${match[1]}`);
          const name = String(data?.config.name ?? '');
          const found = clusters.find((cluster) => name.includes(`cross-stack-output-google_container_cluster${cluster.name}name`) || (isLiteral(name) && cluster.config.name === name));
          if (found) return found;
        }
      }
    }
  }
  return undefined;
}

interface WebhookTarget {
  readonly webhook: string;
  readonly port: number;
  readonly origin: ResourceRef;
}

/** Every pod port an admission webhook of the cluster calls: clientConfig.service -> Service port -> targetPort -> container port. */
function webhookTargets(inventory: ClusterInventory): WebhookTarget[] {
  const targets: WebhookTarget[] = [];
  for (const configuration of [...inventory.objects('MutatingWebhookConfiguration'), ...inventory.objects('ValidatingWebhookConfiguration')]) {
    for (const webhook of configuration.webhooks ?? []) {
      const reference = webhook.clientConfig?.service;
      if (!reference) continue; // a URL webhook does not go to pods of the cluster
      const service = inventory.services().find((candidate) => candidate.metadata.name === reference.name && (candidate.metadata.namespace ?? 'default') === reference.namespace);
      const servicePort = (service?.spec?.ports ?? []).find((port: any) => Number(port.port) === Number(reference.port ?? 443));
      if (!service || !servicePort) continue;
      const targetPort = servicePort.targetPort ?? servicePort.port;
      for (const pod of inventory.podsSelectedBy(service)) {
        const numeric = Number(targetPort);
        const port = Number.isInteger(numeric)
          ? numeric
          : Number(pod.containers.flatMap((container) => container.ports).find((candidate) => candidate.name === targetPort)?.containerPort);
        if (Number.isInteger(port) && !targets.some((known) => known.webhook === webhook.name && known.port === port)) {
          targets.push({ webhook: webhook.name, port, origin: configuration.origin });
        }
      }
    }
  }
  return targets;
}

/** Ingress firewalls on the cluster's network that admit `source` on tcp:`port` to the cluster's nodes. */
function firewallsAdmitting(app: AppView, cluster: ResourceRef, source: string | undefined, port: number): ResourceRef[] {
  const pools = app.inStack(cluster.stack).filter((ref) => ref.type === 'google_container_node_pool' && String(ref.config.cluster).includes(`google_container_cluster.${cluster.name}.`));
  const nodeConfigs = [first(cluster.config.node_config), ...pools.map((pool) => first(pool.config.node_config))].filter(Boolean);
  const accounts = new Set(nodeConfigs.map((config) => config.service_account).filter(Boolean));
  const tags = new Set(nodeConfigs.flatMap((config) => config.tags ?? []));
  return app.inStack(cluster.stack).filter((firewall) => {
    if (firewall.type !== 'google_compute_firewall') return false;
    const config = firewall.config;
    if (config.disabled === true || (config.direction ?? 'INGRESS') !== 'INGRESS') return false;
    if (config.network !== cluster.config.network) return false;
    if (source !== undefined && !(config.source_ranges ?? []).includes(source)) return false;
    const targetAccounts: string[] = config.target_service_accounts ?? [];
    const targetTags: string[] = config.target_tags ?? [];
    const targetsNodes = (targetAccounts.length === 0 && targetTags.length === 0)
      || targetAccounts.some((account) => accounts.has(account)) || targetTags.some((tag) => tags.has(tag));
    if (!targetsNodes) return false;
    return (config.allow ?? []).some((allow: any) => (allow.protocol === 'tcp' || allow.protocol === 'all')
      && ((allow.ports ?? []).length === 0 || (allow.ports as string[]).some((entry) => {
        const [from, to = from] = String(entry).split('-').map(Number);
        return from <= port && port <= to;
      })));
  });
}

/** Whether a router NAT serves the cluster's network and covers its subnetwork's node range. */
function natCovers(app: AppView, nat: ResourceRef, cluster: ResourceRef): boolean {
  const router = referenced(app, nat, nat.config.router, 'google_compute_router');
  if (!router || router.config.network !== cluster.config.network) return false;
  const mode = nat.config.source_subnetwork_ip_ranges_to_nat;
  if (mode === 'ALL_SUBNETWORKS_ALL_IP_RANGES' || mode === 'ALL_SUBNETWORKS_ALL_PRIMARY_IP_RANGES') return true;
  if (mode !== 'LIST_OF_SUBNETWORKS') return false;
  return (nat.config.subnetwork ?? []).some((entry: any) => entry.name === cluster.config.subnetwork
    && (entry.source_ip_ranges_to_nat ?? []).some((range: string) => range === 'ALL_IP_RANGES' || range === 'PRIMARY_IP_RANGE'));
}
