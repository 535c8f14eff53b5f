/**
 * What the azurerm provider (v4.55.0) and the Azure platform do with the values we emit:
 * schema rules the provider enforces at validate or plan time (AtLeastOneOf, ConflictsWith),
 * checks its create and update code makes before calling Azure, and the platform behaviour
 * that decides whether the later stages can reach an AKS cluster at all.
 */
import { chartValues, get } from '../../policy/attributes';
import type { AppView, ResourceRef } from '../app-view';
import type { UpstreamRule, Violation } from '../types';

const AZURERM = 'hashicorp/terraform-provider-azurerm@v4.55.0';
const CLUSTER_RESOURCE = `${AZURERM}:internal/services/containers/kubernetes_cluster_resource.go`;
const NODE_POOL_RESOURCE = `${AZURERM}:internal/services/containers/kubernetes_cluster_node_pool_resource.go`;
const DEFAULT_NODE_POOL = `${AZURERM}:internal/services/containers/kubernetes_nodepool.go`;
const CLUSTER_DOCS = `${AZURERM}:website/docs/r/kubernetes_cluster.html.markdown`;

/** The built-in roles whose data actions cover everything the platform and mesh stages do (CRDs, namespaces, releases). */
const CLUSTER_ADMIN_ROLES = ['Azure Kubernetes Service RBAC Cluster Admin'];
/** KubernetesAgentPoolName (internal/services/containers/validate/kubernetes.go). */
const POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
/** AdminUsernames (internal/services/postgres/validate/admin_usernames.go). */
const POSTGRES_RESERVED_LOGINS = ['azure_superuser', 'azure_pg_admin', 'admin', 'administrator', 'root', 'guest', 'public'];
/** The token audience the Azure workload identity webhook projects (pkg/webhook/consts.go#DefaultAudience). */
const WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';
/** The pod label the webhook's objectSelector matches (pkg/webhook/consts.go#UseWorkloadIdentityLabel). */
const WORKLOAD_IDENTITY_LABEL = 'azure.workload.identity/use';

export const AZURERM_RULES: readonly UpstreamRule[] = [
  {
    id: 'AZURERM_AKS_AAD_TENANT_OR_ADMIN_GROUPS',
    title: 'an Entra ID (AAD) RBAC block names tenant_id or admin_group_object_ids',
    sources: [`${CLUSTER_RESOURCE}#resourceKubernetesCluster (azure_active_directory_role_based_access_control: tenant_id, admin_group_object_ids AtLeastOneOf)`],
    check: (app) =>
      clusters(app).flatMap((cluster) => {
        const block = get(cluster.config, 'azure_active_directory_role_based_access_control');
        if (block === undefined) return [];
        return isGiven(block.tenant_id) || nonEmptyList(block.admin_group_object_ids)
          ? []
          : [{ address: cluster.address, message: 'azure_active_directory_role_based_access_control has neither tenant_id nor admin_group_object_ids: terraform validate rejects it (AtLeastOneOf); set tenant_id (e.g. data.azurerm_client_config.tenant_id)' }];
      }),
  },
  {
    id: 'AZURERM_AKS_WORKLOAD_IDENTITY_NEEDS_OIDC_ISSUER',
    title: 'workload identity is enabled only together with the OIDC issuer',
    sources: [`${CLUSTER_RESOURCE}#resourceKubernetesClusterCreate (workload_identity_enabled requires oidc_issuer_enabled)`],
    check: (app) =>
      clusters(app)
        .filter((cluster) => cluster.config.workload_identity_enabled === true && cluster.config.oidc_issuer_enabled !== true)
        .map((cluster) => ({ address: cluster.address, message: 'workload_identity_enabled without oidc_issuer_enabled: the create fails ("`oidc_issuer_enabled` must be set to `true` to enable Azure AD Workload Identity")' })),
  },
  {
    id: 'AZURERM_AKS_DATA_PLANE_ACCESS_BEFORE_USE',
    title: 'a cluster with Azure RBAC and no local accounts grants the stages that talk to it a data-plane role, in an earlier stage',
    sources: [
      // With local accounts disabled, only Entra ID principals holding an Azure role on the cluster reach the API.
      `${CLUSTER_DOCS}#local_account_disabled`,
      // The later stages read the user kubeconfig; a principal without listClusterUserCredential gets an empty kube_config.
      `${AZURERM}:internal/services/containers/kubernetes_cluster_data_source.go#dataSourceKubernetesClusterRead (ListClusterUserCredentials)`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      const stackOrder = Object.keys(app.stacks);
      for (const cluster of clusters(app)) {
        const aad = get(cluster.config, 'azure_active_directory_role_based_access_control');
        if (cluster.config.local_account_disabled !== true || aad?.azure_rbac_enabled !== true) continue;
        const users = kubernetesProvidersOf(app, cluster);
        if (users.length === 0) continue;
        if (nonEmptyList(aad.admin_group_object_ids)) continue;
        const grants = app
          .resources('azurerm_role_assignment')
          .filter((grant) => references(grant.config.scope, `${cluster.localAddress}.id`) && CLUSTER_ADMIN_ROLES.includes(grant.config.role_definition_name))
          .filter((grant) => /\$\{data\.azurerm_client_config\.[^.]+\.object_id\}/.test(String(grant.config.principal_id ?? '')));
        for (const user of users) {
          const before = grants.some((grant) => stackOrder.indexOf(grant.stack) < stackOrder.indexOf(user.stack));
          if (!before) {
            violations.push({
              address: cluster.address,
              message: `stack ${user.stack} signs in to this cluster (kubelogin, provider ${user.alias}) but no earlier stage gives that principal a data-plane role: the API answers 403. Grant "${CLUSTER_ADMIN_ROLES[0]}" on ${cluster.localAddress}.id to data.azurerm_client_config.object_id, or set admin_group_object_ids`,
            });
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'AZURERM_AKS_LOAD_BALANCER_OUTBOUND',
    title: 'a load balancer profile names one kind of outbound address, on the Standard load balancer',
    sources: [
      `${CLUSTER_RESOURCE}#resourceKubernetesCluster (load_balancer_profile: managed_outbound_ip_count, outbound_ip_address_ids, outbound_ip_prefix_ids ConflictsWith)`,
      `${CLUSTER_RESOURCE}#expandKubernetesClusterNetworkProfile (only load balancer SKU 'Standard' supports load balancer profiles)`,
    ],
    check: (app) =>
      clusters(app).flatMap((cluster) => {
        const profile = get(cluster.config, 'network_profile');
        const lb = get(profile, 'load_balancer_profile');
        if (!lb) return [];
        const kinds = ['managed_outbound_ip_count', 'outbound_ip_address_ids', 'outbound_ip_prefix_ids'].filter((key) => isGiven(lb[key]));
        const problems: string[] = [];
        if (kinds.length > 1) problems.push(`load_balancer_profile sets ${kinds.join(' and ')}, which conflict`);
        if (String(profile.load_balancer_sku ?? 'standard').toLowerCase() !== 'standard') problems.push(`load_balancer_sku ${profile.load_balancer_sku} does not support a load_balancer_profile`);
        return problems.map((message) => ({ address: cluster.address, message }));
      }),
  },
  {
    id: 'AZURERM_AKS_NETWORK_PROFILE',
    title: 'the network profile combines plugin, mode, policy, data plane and service range as AKS accepts them',
    sources: [
      `${AZURERM}:internal/services/containers/kubernetes_cluster_validate.go#validateKubernetesCluster (dns_service_ip with service_cidr; pod_cidr with azure only in overlay)`,
      `${CLUSTER_DOCS}#network_policy (cilium needs network_data_plane cilium; cilium data plane needs network_plugin azure and overlay or pod_subnet_id)`,
      `${CLUSTER_DOCS}#dns_service_ip (an address within the service range)`,
    ],
    check: (app) =>
      clusters(app).flatMap((cluster) => {
        const profile = get(cluster.config, 'network_profile');
        if (!profile) return [];
        const problems: string[] = [];
        const plugin = profile.network_plugin;
        const overlay = profile.network_plugin_mode === 'overlay';
        if (isGiven(profile.dns_service_ip) !== isGiven(profile.service_cidr)) problems.push('dns_service_ip and service_cidr must both be set or both be left out');
        if (plugin === 'azure' && isGiven(profile.pod_cidr) && !overlay) problems.push('pod_cidr with network_plugin azure needs network_plugin_mode overlay');
        if (profile.network_policy === 'cilium' && profile.network_data_plane !== 'cilium') problems.push('network_policy cilium needs network_data_plane cilium');
        if (profile.network_data_plane === 'cilium') {
          if (plugin !== 'azure') problems.push('network_data_plane cilium needs network_plugin azure');
          if (!overlay && !isGiven(get(cluster.config, 'default_node_pool.pod_subnet_id'))) problems.push('network_data_plane cilium needs network_plugin_mode overlay or a pod_subnet_id');
        }
        const dns = literal(profile.dns_service_ip);
        const range = literal(profile.service_cidr);
        if (dns && range && !ipv4InCidr(dns, range)) problems.push(`dns_service_ip ${dns} lies outside service_cidr ${range}`);
        return problems.map((message) => ({ address: cluster.address, message }));
      }),
  },
  {
    id: 'AZURERM_AKS_POOL_AUTOSCALING',
    title: 'an autoscaled pool sets min_count <= max_count; a fixed pool sets neither',
    sources: [`${DEFAULT_NODE_POOL}#ExpandDefaultNodePool`, `${NODE_POOL_RESOURCE}#resourceKubernetesClusterNodePoolCreate`],
    check: (app) =>
      pools(app).flatMap(({ owner, pool, path }) => {
        const min = pool.min_count;
        const max = pool.max_count;
        const problems: string[] = [];
        if (pool.auto_scaling_enabled === true) {
          if (typeof min !== 'number' || typeof max !== 'number') problems.push(`${path}auto_scaling_enabled needs min_count and max_count`);
          else if (min > max) problems.push(`${path}min_count ${min} exceeds max_count ${max}`);
          if (typeof pool.node_count === 'number' && typeof min === 'number' && typeof max === 'number' && (pool.node_count < min || pool.node_count > max)) {
            problems.push(`${path}node_count ${pool.node_count} lies outside ${min}..${max}`);
          }
        } else if (isGiven(min) || isGiven(max)) {
          problems.push(`${path}min_count and max_count must be null unless auto_scaling_enabled is true`);
        }
        return problems.map((message) => ({ address: owner.address, message }));
      }),
  },
  {
    id: 'AZURERM_AKS_POOL_NAMES_AND_ROTATION',
    title: 'every pool has a valid name and a distinct temporary_name_for_rotation, so resizing it later can be applied',
    sources: [
      `${AZURERM}:internal/services/containers/validate/kubernetes.go#KubernetesAgentPoolName`,
      `${CLUSTER_RESOURCE}#resourceKubernetesClusterUpdate (temporary_name_for_rotation must be specified when updating vm_size, os_disk_size_gb, max_pods, ...)`,
      `${NODE_POOL_RESOURCE}#resourceKubernetesClusterNodePoolUpdate (the same for a separate node pool)`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const cluster of clusters(app)) {
        const own = pools(app).filter((entry) => entry.cluster === cluster.localAddress && entry.stack === cluster.stack);
        const names = own.flatMap(({ pool }) => [pool.name, pool.temporary_name_for_rotation]).filter((name) => typeof name === 'string');
        for (const { owner, pool, path } of own) {
          const rotation = pool.temporary_name_for_rotation;
          if (typeof pool.name === 'string' && !POOL_NAME.test(pool.name)) violations.push({ address: owner.address, message: `${path}name "${pool.name}" is not a valid pool name (${POOL_NAME})` });
          if (!isGiven(rotation)) {
            violations.push({ address: owner.address, message: `${path}temporary_name_for_rotation is not set: a later change of vm_size or disk fails at apply` });
          } else if (!POOL_NAME.test(rotation)) {
            violations.push({ address: owner.address, message: `${path}temporary_name_for_rotation "${rotation}" is not a valid pool name (${POOL_NAME})` });
          } else if (names.filter((name) => name === rotation).length > 1) {
            violations.push({ address: owner.address, message: `${path}temporary_name_for_rotation "${rotation}" is also the name of another pool of the cluster` });
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'AZURERM_AKS_SPOT_SETTINGS',
    title: 'eviction_policy and spot_max_price appear only on Spot pools',
    sources: [`${NODE_POOL_RESOURCE}#resourceKubernetesClusterNodePoolCreate`],
    check: (app) =>
      app
        .resources('azurerm_kubernetes_cluster_node_pool')
        .filter((pool) => pool.config.priority !== 'Spot')
        .flatMap((pool) => {
          const problems: string[] = [];
          if (isGiven(pool.config.eviction_policy)) problems.push('eviction_policy can only be set when priority is Spot');
          if (pool.config.spot_max_price !== undefined && pool.config.spot_max_price !== -1) problems.push('spot_max_price can only be set when priority is Spot');
          return problems.map((message) => ({ address: pool.address, message }));
        }),
  },
  {
    id: 'AZURERM_AKS_CRITICAL_ADDONS_NEED_USER_POOL',
    title: 'a system pool reserved for critical add-ons comes with a User pool for workloads',
    sources: [`${DEFAULT_NODE_POOL}#ExpandDefaultNodePool (only_critical_addons_enabled taints the pool CriticalAddonsOnly=true:NoSchedule)`],
    check: (app) =>
      clusters(app)
        .filter((cluster) => get(cluster.config, 'default_node_pool.only_critical_addons_enabled') === true)
        .filter(
          (cluster) =>
            !app
              .inStack(cluster.stack)
              .some((ref) => ref.type === 'azurerm_kubernetes_cluster_node_pool' && (ref.config.mode ?? 'User') === 'User' && references(ref.config.kubernetes_cluster_id, `${cluster.localAddress}.id`)),
        )
        .map((cluster) => ({ address: cluster.address, message: 'the only pool is tainted CriticalAddonsOnly: releases without that toleration stay Pending; add a User node pool' })),
  },
  {
    id: 'AZURERM_AKS_ROLE_ASSIGNMENTS_BEFORE_CLUSTER',
    title: "the cluster waits for every role assignment of its own control-plane identity",
    sources: [
      // The provider's own example: a user-assigned identity's role assignment, then the cluster with depends_on.
      `${CLUSTER_DOCS}#private_dns_zone_id (example: depends_on = [azurerm_role_assignment.example])`,
    ],
    check: (app) =>
      clusters(app).flatMap((cluster) => {
        const identities = asArray(get(cluster.config, 'identity.identity_ids'))
          .map((id) => /\$\{(azurerm_user_assigned_identity\.[^.]+)\.id\}/.exec(String(id))?.[1])
          .filter((id): id is string => id !== undefined);
        return app
          .inStack(cluster.stack)
          .filter((ref) => ref.type === 'azurerm_role_assignment' && identities.some((identity) => references(ref.config.principal_id, `${identity}.principal_id`)))
          .filter((grant) => coversClusterNetwork(grant.config.scope, cluster))
          .filter((grant) => !app.dependsOn(cluster, grant))
          .map((grant) => ({ address: cluster.address, message: `does not wait for ${grant.localAddress}: AKS may need that right (subnet, outbound IPs) before Azure has granted it` }));
      }),
  },
  {
    id: 'AZURERM_ROLE_ASSIGNMENT_DEFINITION',
    title: 'a role assignment names exactly one of role_definition_id and role_definition_name',
    sources: [`${AZURERM}:internal/services/authorization/role_assignment_resource.go#resourceArmRoleAssignment (ExactlyOneOf)`],
    check: (app) =>
      app
        .resources('azurerm_role_assignment')
        .filter((grant) => isGiven(grant.config.role_definition_id) === isGiven(grant.config.role_definition_name))
        .map((grant) => ({ address: grant.address, message: 'set exactly one of role_definition_id and role_definition_name' })),
  },
  {
    id: 'AZURERM_PUBLIC_IP_STANDARD_STATIC',
    title: 'a Standard public IP is allocated statically',
    sources: [`${AZURERM}:internal/services/network/public_ip_resource.go#resourcePublicIpCreate`],
    check: (app) =>
      app
        .resources('azurerm_public_ip')
        .filter((ip) => String(ip.config.sku ?? 'Standard').toLowerCase() === 'standard' && String(ip.config.allocation_method).toLowerCase() !== 'static')
        .map((ip) => ({ address: ip.address, message: `allocation_method ${ip.config.allocation_method}: Standard SKU public IPs must be Static` })),
  },
  {
    id: 'AZURERM_FEDERATED_CREDENTIAL_MATCHES_WORKLOAD',
    title: 'a federated credential trusts a workload-identity cluster, with the webhook audience, for a service account a labelled release runs as',
    sources: [
      // The credential's id is built from its own resource_group_name and the parent identity's name.
      `${AZURERM}:internal/services/managedidentity/federated_identity_credential_resource.go#Create`,
      `${CLUSTER_DOCS}#workload_identity_enabled`,
      'Azure/azure-workload-identity@v1.6.0:pkg/webhook/consts.go#DefaultAudience',
      'Azure/azure-workload-identity@v1.6.0:manifest_staging/charts/workload-identity-webhook/templates/azure-wi-webhook-mutating-webhook-configuration-mutatingwebhookconfiguration.yaml (objectSelector azure.workload.identity/use: "true")',
      'cert-manager/cert-manager@v1.21.1:deploy/charts/cert-manager/templates/_helpers.tpl#cert-manager.serviceAccountName',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const credential of app.resources('azurerm_federated_identity_credential')) {
        const fail = (message: string) => violations.push({ address: credential.address, message });
        const parent = referenced(app, credential, credential.config.parent_id, 'azurerm_user_assigned_identity');
        if (parent && parent.config.resource_group_name !== credential.config.resource_group_name) {
          fail(`resource_group_name ${credential.config.resource_group_name} differs from the parent identity's ${parent.config.resource_group_name}: the provider addresses the credential under the wrong identity`);
        }
        const audience = asArray(credential.config.audience);
        if (audience.length !== 1 || audience[0] !== WORKLOAD_IDENTITY_AUDIENCE) fail(`audience ${JSON.stringify(audience)}: the webhook projects tokens for ${WORKLOAD_IDENTITY_AUDIENCE} only`);
        const cluster = referenced(app, credential, credential.config.issuer, 'azurerm_kubernetes_cluster');
        const issuerCluster = cluster?.address ?? lookedUpClusterKey(app, credential, credential.config.issuer);
        if (cluster && (cluster.config.oidc_issuer_enabled !== true || cluster.config.workload_identity_enabled !== true)) {
          fail(`issuer is ${cluster.localAddress}, which lacks oidc_issuer_enabled and workload_identity_enabled: no token is issued or projected`);
        }
        const subject = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(String(credential.config.subject ?? ''));
        if (!subject) {
          fail(`subject ${credential.config.subject} is not system:serviceaccount:<namespace>:<name>`);
          continue;
        }
        const [, namespace, serviceAccount] = subject;
        const releases = app.resources('helm_release').filter((release) => release.config.namespace === namespace && (!issuerCluster || clusterOfRelease(app, release) === issuerCluster));
        const runsAs = releases.filter((release) => serviceAccountOf(release) === serviceAccount);
        if (releases.length > 0 && runsAs.length === 0) fail(`no release in namespace ${namespace} runs as service account ${serviceAccount}`);
        for (const release of runsAs) {
          if (String(chartValues(release.config).podLabels?.[WORKLOAD_IDENTITY_LABEL]) !== 'true') {
            fail(`${release.address} runs as ${serviceAccount} without pod label ${WORKLOAD_IDENTITY_LABEL}: "true": the webhook never injects the token`);
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'AZURERM_POSTGRES_ADMIN_LOGIN',
    title: 'a flexible server administrator login is not one Azure reserves',
    sources: [`${AZURERM}:internal/services/postgres/validate/admin_usernames.go#AdminUsernames`],
    check: (app) =>
      app
        .resources('azurerm_postgresql_flexible_server')
        .filter((server) => typeof server.config.administrator_login === 'string' && !server.config.administrator_login.includes('${'))
        .filter((server) => {
          const login = server.config.administrator_login.toLowerCase();
          return POSTGRES_RESERVED_LOGINS.includes(login) || login.startsWith('pg_');
        })
        .map((server) => ({ address: server.address, message: `administrator_login ${server.config.administrator_login} is reserved` })),
  },
];

function clusters(app: AppView): ResourceRef[] {
  return app.resources('azurerm_kubernetes_cluster');
}

interface PoolEntry {
  readonly owner: ResourceRef;
  readonly stack: string;
  /** Local address of the cluster the pool belongs to. */
  readonly cluster: string | undefined;
  readonly pool: any;
  /** Prefix naming the pool in messages. */
  readonly path: string;
}

/** Every node pool: each cluster's default pool and each separate node pool resource. */
function pools(app: AppView): PoolEntry[] {
  const defaults = clusters(app).map((cluster) => ({
    owner: cluster,
    stack: cluster.stack,
    cluster: cluster.localAddress,
    pool: get(cluster.config, 'default_node_pool') ?? {},
    path: 'default_node_pool.',
  }));
  const separate = app.resources('azurerm_kubernetes_cluster_node_pool').map((pool) => ({
    owner: pool,
    stack: pool.stack,
    cluster: /\$\{(azurerm_kubernetes_cluster\.[^.]+)\.id\}/.exec(String(pool.config.kubernetes_cluster_id ?? ''))?.[1],
    pool: pool.config,
    path: '',
  }));
  return [...defaults, ...separate];
}

interface ProviderUse {
  readonly stack: string;
  readonly alias: string;
}

/**
 * The Kubernetes and Helm providers of later stacks that sign in to `cluster`: each is
 * configured from a `data.azurerm_kubernetes_cluster` whose name crosses from the
 * cluster's stack (cdktf names the output after the resource), and authenticates with
 * kubelogin, i.e. as an Entra ID principal.
 */
function kubernetesProvidersOf(app: AppView, cluster: ResourceRef): ProviderUse[] {
  const uses: ProviderUse[] = [];
  for (const [stack, json] of Object.entries(app.stacks)) {
    const lookups = Object.entries<any>(json.data?.azurerm_kubernetes_cluster ?? {}).filter(([, lookup]) =>
      String(lookup.name ?? '').includes(`azurerm_kubernetes_cluster${cluster.name}`) || (stack === cluster.stack && references(lookup.name, `${cluster.localAddress}.name`)),
    );
    for (const [lookupName] of lookups) {
      for (const type of ['kubernetes', 'helm']) {
        for (const provider of asArray(json.provider?.[type])) {
          const text = JSON.stringify(provider);
          if (text.includes(`data.azurerm_kubernetes_cluster.${lookupName}.`) && text.includes('kubelogin')) uses.push({ stack, alias: `${type}.${provider.alias}` });
        }
      }
    }
  }
  return uses;
}

/**
 * The AKS cluster a Helm release is applied to, through its provider alias and the data
 * source of that alias (ClusterConnection names it `<alias>-cluster`): the address of a
 * created cluster, or `resource_group/name` of an existing one.
 */
function clusterOfRelease(app: AppView, release: ResourceRef): string | undefined {
  const alias = app.clusterOf(release);
  if (!alias) return undefined;
  const lookup = app.stacks[release.stack]?.data?.azurerm_kubernetes_cluster?.[`${alias}-cluster`];
  if (!lookup) return undefined;
  return clusterKeyOfLookup(app, lookup);
}

/** The cluster an issuer expression reads from a `data.azurerm_kubernetes_cluster` of its own stack. */
function lookedUpClusterKey(app: AppView, from: ResourceRef, expression: unknown): string | undefined {
  const match = /\$\{data\.azurerm_kubernetes_cluster\.([^.}]+)\./.exec(String(expression ?? ''));
  const lookup = match ? app.stacks[from.stack]?.data?.azurerm_kubernetes_cluster?.[match[1]] : undefined;
  return lookup ? clusterKeyOfLookup(app, lookup) : undefined;
}

function clusterKeyOfLookup(app: AppView, lookup: any): string {
  const created = clusters(app).find((cluster) => String(lookup.name ?? '').includes(`azurerm_kubernetes_cluster${cluster.name}`));
  return created?.address ?? `${lookup.resource_group_name}/${lookup.name}`;
}

/** The service account a chart's pods run as, the way cert-manager's chart (and most) name it. */
function serviceAccountOf(release: ResourceRef): string | undefined {
  const account = chartValues(release.config).serviceAccount ?? {};
  if (account.create === false) return account.name ?? 'default';
  return account.name ?? release.config.name;
}

/** The resource of `type` that `expression` references, in the stack of `from` (or through a cross-stack output). */
function referenced(app: AppView, from: ResourceRef, expression: unknown, type: string): ResourceRef | undefined {
  const text = String(expression ?? '');
  const local = new RegExp(`\\$\\{${type}\\.([^.}]+)\\.`).exec(text);
  if (local) return app.find(from.stack, `${type}.${local[1]}`);
  return app.resources(type).find((ref) => text.includes(`${type}${ref.name}`));
}

/**
 * Whether a role assignment scope covers what AKS touches while it creates the cluster:
 * the cluster's resource group (outbound IPs, load balancer) or the node subnet.
 */
function coversClusterNetwork(scope: unknown, cluster: ResourceRef): boolean {
  const text = String(scope ?? '');
  const group = String(cluster.config.resource_group_name ?? '');
  const subnet = String(get(cluster.config, 'default_node_pool.vnet_subnet_id') ?? '');
  const groupResource = /\$\{(azurerm_resource_group\.[^.]+)\.name\}/.exec(group)?.[1];
  if (groupResource && references(text, `${groupResource}.id`)) return true;
  if (!group.includes('${') && text.toLowerCase().endsWith(`/resourcegroups/${group.toLowerCase()}`)) return true;
  const subnetResource = /\$\{(azurerm_subnet\.[^.]+)\.id\}/.exec(subnet)?.[1];
  if (subnetResource && references(text, `${subnetResource}.id`)) return true;
  return subnet !== '' && text === subnet;
}

function references(expression: unknown, target: string): boolean {
  return typeof expression === 'string' && expression.includes(`\${${target}`);
}

function isGiven(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function nonEmptyList(value: unknown): boolean {
  return asArray(value).some((item) => isGiven(item));
}

function asArray(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

function ipv4InCidr(address: string, cidr: string): boolean {
  const toNumber = (text: string) => text.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits ?? 32));
  const start = Math.floor(toNumber(base) / size) * size;
  const value = toNumber(address);
  return value >= start && value < start + size;
}
