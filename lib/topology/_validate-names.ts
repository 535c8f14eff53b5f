/**
 * The naming rules and derived-name checks of a topology: every name the stacks derive
 * from the topology, checked here with the construct's own helper or limit (never a copy),
 * so that synthesis finds nothing `validate` missed. Names that are cut to a limit end in a
 * hash (lib/private/names.ts#fitName), so only what a cut cannot fix is an issue: a first
 * character, a cloud's character set, a collision of two uncut names.
 */
import { Cloud } from '../core/cloud';
import { cloudSupport } from '../core/cloud-registry';
import { azureResourceGroupNameProblem, NodeCountDefaults } from '../private/cluster-names';
import { zoneNameHasTwoLabels } from '../dns/dns-zone';
import { KONG_GATEWAY_NAME_MAX_LENGTH } from '../gateway/kong-gateway';
import { routeNameFor } from '../gateway/gateway-route';
import { RESERVED_NAMESPACES } from '../mesh/mesh-namespace';
import { universalGlobalNamespace } from '../mesh/global-control-plane';
import { MeshDistribution } from '../mesh/mesh-distribution';
import { kongMeshServiceName, kongProxyServiceName } from '../gateway/kong-gateway';
import { permissionName, routeConstructId } from './plan-topology';
import { ClusterSpec, GlobalPlacement, MeshDistributionName, TopologySpec } from './topology-spec';
import type { AddIssue } from './validate-topology';

/** The node-count defaults of the construct that builds a cluster on `cloud`. */
export function nodeCountDefaults(cloud: Cloud, ephemeral: boolean | undefined): NodeCountDefaults {
  return cloudSupport(cloud).nodeCountDefaults(ephemeral);
}

export function checkNames(spec: TopologySpec, add: AddIssue): void {
  checkClusterNames(spec, add);
  checkDnsNames(spec, add);
  checkGatewayNames(spec, add);
  checkRouteNames(spec, add);
  checkPermissionNames(spec, add);
  checkServiceNames(spec, add);
}

/**
 * Services the stacks create per (cluster, namespace) must not share a name: the API's, the
 * gateway's proxy and mesh Services, and each route's backend Service. Two of one name clash
 * at apply (the second create fails: the object exists). A workload namespace must not be the
 * one a Universal global runs in on the same cluster (created twice).
 */
function checkServiceNames(spec: TopologySpec, add: AddIssue): void {
  const clusterOfZone = new Map(spec.zones.map((zone) => [zone.name, zone.cluster]));
  const owners = new Map<string, { path: string; what: string }>();
  const claim = (cluster: string | undefined, namespace: string, name: string, path: string, what: string, value: unknown) => {
    if (cluster === undefined) return;
    const key = `${cluster}/${namespace}/${name}`;
    const owner = owners.get(key);
    if (owner) add(path, value, `gives the Service "${name}" (${what}) in namespace "${namespace}" of cluster "${cluster}", which ${owner.path} already gives (${owner.what}); rename one or use another namespace`);
    else owners.set(key, { path, what });
  };
  // Duplicate gateway names and duplicate routes are issues of their own (validate-topology).
  spec.gateways.forEach((gateway, i) => {
    if (spec.gateways.findIndex((other) => other.name === gateway.name) < i) return;
    const cluster = clusterOfZone.get(gateway.zone);
    const namespace = gateway.namespace ?? 'kong';
    claim(cluster, namespace, kongProxyServiceName(gateway.name), `gateways[${i}].name`, 'the gateway proxy', gateway.name);
    claim(cluster, namespace, kongMeshServiceName(gateway.name), `gateways[${i}].name`, 'the gateway\'s mesh Service', gateway.name);
  });
  (spec.apis ?? []).forEach((api, i) => {
    if ((spec.apis ?? []).findIndex((other) => other.name === api.name) < i) return;
    // A zone listed twice is checkFailover's issue (apis[i].zones[k]), not a Service clash.
    for (const zone of new Set(api.zones)) claim(clusterOfZone.get(zone), api.namespace ?? api.name, api.name, `apis[${i}].name`, 'the API', api.name);
  });
  const routes = spec.routes ?? [];
  routes.forEach((route, i) => {
    const gateway = spec.gateways.find((candidate) => candidate.name === route.gateway);
    if (!gateway) return;
    const sameRoute = routes.findIndex((other) => other.host === route.host && routeNameFor(other.host, other.path ?? '/') === routeNameFor(route.host, route.path ?? '/'));
    if (sameRoute < i) return; // one route per name: checkRouteNames and the published-path check report the others
    claim(clusterOfZone.get(gateway.zone), gateway.namespace ?? 'kong', routeNameFor(route.host, route.path ?? '/'), `routes[${i}].host`, 'the route\'s backend', route.host);
  });

  const global = spec.mesh.global;
  if (global.placement === GlobalPlacement.UNIVERSAL_POSTGRES && global.cluster !== undefined) {
    const distribution = spec.mesh.distribution === MeshDistributionName.KONG_MESH ? MeshDistribution.kongMesh() : MeshDistribution.kuma();
    const globalNamespace = universalGlobalNamespace(distribution);
    const onGlobalCluster = (zone: string) => clusterOfZone.get(zone) === global.cluster;
    spec.gateways.forEach((gateway, i) => {
      if (onGlobalCluster(gateway.zone) && (gateway.namespace ?? 'kong') === globalNamespace) add(`gateways[${i}].namespace`, gateway.namespace, `is the namespace of the universal-postgres global on cluster "${global.cluster}"; use another, e.g. "kong"`);
    });
    (spec.apis ?? []).forEach((api, i) => {
      if (api.zones.some(onGlobalCluster) && (api.namespace ?? api.name) === globalNamespace) add(`apis[${i}].namespace`, api.namespace ?? api.name, `is the namespace of the universal-postgres global on cluster "${global.cluster}"; use another, e.g. "${api.name}-api"`);
    });
  }
}

function checkClusterNames(spec: TopologySpec, add: AddIssue): void {
  spec.clusters.forEach((cluster: ClusterSpec, i) => {
    const path = `clusters[${i}]`;
    // Cloud-specific name rules (e.g. GKE's first letter): the cloud's own hook.
    cloudSupport(cluster.cloud).checkCluster(spec, cluster, path, add);
    if (cluster.resourceGroupName !== undefined) {
      const problem = azureResourceGroupNameProblem(cluster.resourceGroupName);
      if (problem) add(`${path}.resourceGroupName`, cluster.resourceGroupName, `${problem}: it is an Azure resource group name, e.g. "prod-aks-rg"`);
    }
    const defaults = nodeCountDefaults(cluster.cloud, spec.ephemeral);
    const min = cluster.nodes?.min;
    const max = cluster.nodes?.max;
    const effectiveMin = min ?? defaults.min;
    const effectiveMax = max ?? defaults.max;
    if (effectiveMin > effectiveMax) {
      if (min !== undefined) add(`${path}.nodes.min`, min, `must not exceed nodes.max (${effectiveMax}${max === undefined ? `, the ${cluster.cloud} default${spec.ephemeral ? ' when ephemeral' : ''}` : ''}); lower min or raise max`);
      else add(`${path}.nodes.max`, max, `must be at least nodes.min (${effectiveMin}, the ${cluster.cloud} default${spec.ephemeral ? ' when ephemeral' : ''}); raise max or set min`);
    }
  });
  if (spec.dns.resourceGroupName !== undefined) {
    const problem = azureResourceGroupNameProblem(spec.dns.resourceGroupName);
    if (problem) add('dns.resourceGroupName', spec.dns.resourceGroupName, `${problem}: it is an Azure resource group name, e.g. "acme-dns-rg"`);
  }
}

function checkDnsNames(spec: TopologySpec, add: AddIssue): void {
  const dns = spec.dns;
  if (!zoneNameHasTwoLabels(dns.zone)) {
    add('dns.zone', dns.zone, `must have at least two labels (a registered domain or a sub-domain of one), e.g. "${dns.zone}.example"`);
  }
  // An existing Cloud DNS zone is looked up by its managed zone name: the default one must be a real name.
  cloudSupport(dns.cloud).checkDns(spec, add);
}

function checkGatewayNames(spec: TopologySpec, add: AddIssue): void {
  spec.gateways.forEach((gateway, i) => {
    if (gateway.name.length > KONG_GATEWAY_NAME_MAX_LENGTH) {
      add(`gateways[${i}].name`, gateway.name, `must be at most ${KONG_GATEWAY_NAME_MAX_LENGTH} characters: it is the Helm release name, and the chart's proxy Service "<name>-proxy" must stay a DNS-1123 label`);
    }
    if (gateway.namespace !== undefined && RESERVED_NAMESPACES.includes(gateway.namespace)) {
      add(`gateways[${i}].namespace`, gateway.namespace, `is a system namespace (${RESERVED_NAMESPACES.join(', ')}): sidecars are not injected there; use e.g. "kong"`);
    }
  });
  (spec.apis ?? []).forEach((api, i) => {
    const namespace = api.namespace ?? api.name;
    if (RESERVED_NAMESPACES.includes(namespace)) {
      add(api.namespace === undefined ? `apis[${i}].name` : `apis[${i}].namespace`, namespace, `is a system namespace (${RESERVED_NAMESPACES.join(', ')}): sidecars are not injected there; set apis[${i}].namespace to an application namespace, e.g. "catalog"`);
    }
  });
}

/** Two routes must not derive one Kubernetes name in one namespace, nor one construct id. */
function checkRouteNames(spec: TopologySpec, add: AddIssue): void {
  const routes = spec.routes ?? [];
  const byId = new Map<string, number>();
  const byName = new Map<string, number>();
  routes.forEach((route, i) => {
    const gateway = spec.gateways.find((candidate) => candidate.name === route.gateway);
    if (!gateway) return;
    const id = routeConstructId(route);
    const cluster = spec.zones.find((zone) => zone.name === gateway.zone)?.cluster ?? '';
    const name = `${cluster}/${gateway.namespace ?? 'kong'}/${routeNameFor(route.host, route.path ?? '/')}`;
    const earlier = byId.get(id) ?? byName.get(name);
    if (earlier !== undefined && `${routes[earlier].host}${routes[earlier].path ?? '/'}` !== `${route.host}${route.path ?? '/'}`) {
      add(`routes[${i}].path`, route.path, `gives the same resource names as routes[${earlier}] ("${routes[earlier].host}" path "${routes[earlier].path ?? '/'}"): route names keep only letters, digits and "-"; make the paths differ in letters or digits`);
    }
    if (!byId.has(id)) byId.set(id, i);
    if (!byName.has(name)) byName.set(name, i);
  });
}

/** One MeshTrafficPermission per (gateway, target) pair; two pairs must not derive one name. */
function checkPermissionNames(spec: TopologySpec, add: AddIssue): void {
  const pairByName = new Map<string, { pair: string; index: number }>();
  (spec.routes ?? []).forEach((route, i) => {
    const target = route.api ?? route.via?.gateway;
    if (target === undefined) return;
    const pair = `${route.gateway} ${route.api !== undefined ? 'api' : 'gateway'} ${target}`;
    const name = permissionName(route.gateway, target);
    const earlier = pairByName.get(name);
    if (earlier && earlier.pair !== pair) {
      add(`routes[${i}].gateway`, route.gateway, `and its target "${target}" give the MeshTrafficPermission name "${name}" that routes[${earlier.index}] already gives another pair; rename the gateway or the API`);
    } else if (!earlier) {
      pairByName.set(name, { pair, index: i });
    }
  });
}
