/**
 * Topologies near the limits, for the validate/synth parity property: long names that
 * share prefixes (derived names get cut), several routes per host and per API, route
 * paths that differ only in punctuation, node counts around each cloud's defaults, Azure
 * resource group names, private control plane ranges of other sizes. Each edit keeps the
 * references of the generated topology consistent (a renamed cluster is renamed in its
 * zone and global too), so that what remains to judge is the edit itself.
 */
import fc from 'fast-check';
import { Cloud } from '../../lib/core/cloud';
import { CertificateIssuer, GlobalPlacement, MeshDistributionName } from '../../lib/topology/topology-spec';
import { generateTopology } from './generated-topology';

type Spec = Record<string, any>;

const letters = 'abcdefghijklmnopqrstuvwxyz';
/** A DNS-1123 label of the given length: a fixed prefix (so labels share it), then a distinguishing tail. */
function label(prefix: string, length: number, tail: number): string {
  const body = `${prefix}${'x'.repeat(64)}`.slice(0, Math.max(1, length - 2));
  return `${body}${letters[tail % 26]}${tail % 10}`.slice(-length).replace(/^[^a-z]+/, 'a');
}

function renameCluster(spec: Spec, from: string, to: string): void {
  for (const cluster of spec.clusters) if (cluster.name === from) cluster.name = to;
  for (const zone of spec.zones) if (zone.cluster === from) zone.cluster = to;
  if (spec.mesh.global.cluster === from) spec.mesh.global.cluster = to;
}

function renameGateway(spec: Spec, from: string, to: string): void {
  for (const gateway of spec.gateways) if (gateway.name === from) gateway.name = to;
  for (const route of spec.routes ?? []) {
    if (route.gateway === from) route.gateway = to;
    if (route.via?.gateway === from) route.via.gateway = to;
  }
}

function renameZone(spec: Spec, from: string, to: string): void {
  for (const zone of spec.zones) if (zone.name === from) zone.name = to;
  for (const gateway of spec.gateways) if (gateway.zone === from) gateway.zone = to;
  for (const api of spec.apis ?? []) api.zones = api.zones.map((zone: string) => (zone === from ? to : zone));
}

/** One edit towards a limit. */
export type NearLimitEdit = (spec: Spec) => void;

const edits: fc.Arbitrary<NearLimitEdit>[] = [
  fc.integer({ min: 1, max: 63 }).map((length) => (spec: Spec) => {
    spec.environment = label('env', length, 0);
  }),
  // DNS-1123 labels may start with a digit; Google names may not.
  fc.constantFrom('42', '1-pr', '7e57').map((environment) => (spec: Spec) => {
    spec.environment = environment;
  }),
  fc.record({ index: fc.nat(), name: fc.constantFrom('1gke', '9-existing') }).map(({ index, name }) => (spec: Spec) => {
    const cluster = spec.clusters[1 + (index % (spec.clusters.length - 1))];
    cluster.cloud = Cloud.GCP;
    cluster.existing = true;
    delete cluster.network;
    renameCluster(spec, cluster.name, name);
  }),
  fc.record({ length: fc.integer({ min: 20, max: 63 }), prefix: fc.constantFrom('shared-prefix-cluster-name', 'c') }).map(
    ({ length, prefix }) =>
      (spec: Spec) => {
        spec.clusters.slice(1).forEach((cluster: Spec, index: number) => renameCluster(spec, cluster.name, label(prefix, length, index + 1)));
      },
  ),
  fc.integer({ min: 20, max: 63 }).map((length) => (spec: Spec) => {
    spec.gateways.forEach((gateway: Spec, index: number) => renameGateway(spec, gateway.name, label('gateway-with-a-long-name', length, index)));
  }),
  fc.integer({ min: 20, max: 63 }).map((length) => (spec: Spec) => {
    spec.zones.forEach((zone: Spec, index: number) => renameZone(spec, zone.name, label('zone-with-a-long-name', length, index)));
  }),
  fc.record({ length: fc.integer({ min: 20, max: 63 }), namespace: fc.boolean() }).map(({ length, namespace }) => (spec: Spec) => {
    const api = spec.apis[0];
    const name = label('api-with-a-long-name', length, 7);
    for (const route of spec.routes) if (route.api === api.name) route.api = name;
    api.name = name;
    if (namespace) api.namespace = label('namespace-with-a-long-name', length, 3);
  }),
  fc.integer({ min: 20, max: 63 }).map((length) => (spec: Spec) => {
    spec.gateways.forEach((gateway: Spec, index: number) => (gateway.namespace = label('kong-namespace', length, index)));
  }),
  // A second route on the same host (another path), to the same API.
  fc.constantFrom('/v1', '/v1/', '/v1.0', '/v1-0', '/a/b').map((path) => (spec: Spec) => {
    const first = spec.routes[0];
    spec.routes.push({ ...first, path });
  }),
  // A second host to the same API on the same gateway.
  fc.constant((spec: Spec) => {
    const first = spec.routes[0];
    spec.routes.push({ ...first, host: `shop.${first.host.split('.').slice(1).join('.')}` });
  }),
  // Two paths of a cross-zone route, both via the same remote gateway.
  fc.constantFrom('/v2', '/v2.0').map((path) => (spec: Spec) => {
    const via = spec.routes.find((route: Spec) => route.via);
    if (via) spec.routes.push({ ...via, path, via: { ...via.via } });
  }),
  fc.record({ index: fc.nat(), min: fc.option(fc.integer({ min: 1, max: 12 })), max: fc.option(fc.integer({ min: 1, max: 12 })) }).map(
    ({ index, min, max }) =>
      (spec: Spec) => {
        const cluster = spec.clusters[index % spec.clusters.length];
        cluster.nodes = { ...(min === null ? {} : { min }), ...(max === null ? {} : { max }) };
      },
  ),
  fc.constantFrom('acme dns rg', 'acme-dns-rg', 'rg.', 'a'.repeat(91), 'acme_(dns).rg').map((name) => (spec: Spec) => {
    spec.dns.resourceGroupName = name;
  }),
  fc.record({ index: fc.nat(), name: fc.constantFrom('prod aks rg', 'prod-aks-rg', 'rg.', 'a'.repeat(91)) }).map(({ index, name }) => (spec: Spec) => {
    const cluster = spec.clusters[1 + (index % (spec.clusters.length - 1))];
    cluster.cloud = Cloud.AZURE;
    cluster.existing = true;
    delete cluster.network;
    cluster.resourceGroupName = name;
  }),
  // An AKS VNet over the construct's cluster-internal ranges (pods 192.168.0.0/16, Services 10.0.0.0/16).
  fc.constantFrom('10.0.0.0/12', '192.168.0.0/16', '10.0.0.0/8').map((vnetCidr) => (spec: Spec) => {
    const aks = spec.clusters.find((cluster: Spec) => cluster.cloud === Cloud.AZURE && !cluster.existing);
    if (aks) aks.network = { vnetCidr };
  }),
  // A cluster whose API server is neither restricted nor declared public.
  fc.record({ index: fc.nat(), allowPublic: fc.option(fc.boolean()) }).map(({ index, allowPublic }) => (spec: Spec) => {
    const cluster = spec.clusters[index % spec.clusters.length];
    delete cluster.apiServerAuthorizedRanges;
    if (allowPublic !== null) cluster.allowPublicApiServer = allowPublic;
  }),
  fc.record({ index: fc.nat(), replicas: fc.integer({ min: 1, max: 3 }) }).map(({ index, replicas }) => (spec: Spec) => {
    spec.gateways[index % spec.gateways.length].replicas = replicas;
  }),
  fc.constantFrom({}, { minute: 10 }, { hour: 1, minute: 100 }).map((rateLimit) => (spec: Spec) => {
    spec.routes[0].plugins = { rateLimit };
  }),
  fc.constantFrom({ origins: ['*'], credentials: true }, { origins: ['https://app.acme.example'], credentials: true, methods: ['GET'] }).map((cors) => (spec: Spec) => {
    spec.routes[0].plugins = { cors };
  }),
  fc.constantFrom('172.16.9.0/27', '172.16.9.0/29', '172.16.9.0/28').map((cidr) => (spec: Spec) => {
    const gke = spec.clusters.find((cluster: Spec) => cluster.cloud === Cloud.GCP && cluster.network?.masterCidr && cluster.name !== 'global');
    if (gke) gke.network.masterCidr = cidr;
  }),
  // A long DNS zone: the managed zone name derived from it no longer fits 63 characters.
  fc.record({ length: fc.integer({ min: 40, max: 120 }), existing: fc.boolean() }).map(({ length, existing }) => (spec: Spec) => {
    const zone = `${'d'.repeat(Math.min(length, 60))}.${'e'.repeat(Math.max(1, length - 61))}.acme.example`;
    const rename = (name: string) => name.replace(/acme\.example$/, zone);
    spec.dns.zone = zone;
    spec.dns.existing = existing;
    for (const gateway of spec.gateways) gateway.domain = rename(gateway.domain);
    for (const route of spec.routes) {
      route.host = rename(route.host);
      if (route.via) route.via.host = rename(route.via.host);
    }
  }),
  fc.constant((spec: Spec) => {
    spec.dns.zone = 'example';
  }),
  // Object names that meet in one namespace: the API beside the gateway, or in the global's namespace.
  fc.constantFrom('proxy', 'mesh', 'route', 'global').map((kind) => (spec: Spec) => {
    const api = spec.apis[0];
    const gateway = spec.gateways.find((candidate: Spec) => api.zones.includes(candidate.zone));
    const route = spec.routes.find((candidate: Spec) => candidate.api === api.name);
    const rename = (name: string) => {
      for (const candidate of spec.routes) if (candidate.api === api.name) candidate.api = name;
      api.name = name;
    };
    if (kind === 'global') {
      api.namespace = spec.mesh.distribution === MeshDistributionName.KONG_MESH ? 'kong-mesh-global' : 'kuma-global';
      return;
    }
    api.namespace = gateway?.namespace ?? 'kong';
    if (kind === 'proxy' && gateway) rename(`${gateway.name}-proxy`);
    if (kind === 'mesh' && gateway) rename(`${gateway.name}-mesh`);
    if (kind === 'route' && route) rename(route.host.replace(/\./g, '-'));
  }),
  fc.constantFrom('kds.mesh.acme.example', 'k'.repeat(63) + '.acme.example').map((host) => (spec: Spec) => {
    if (spec.mesh.global.placement !== GlobalPlacement.EXTERNAL) spec.mesh.global.kdsHostname = host;
  }),
];

/** A generated topology with one to four edits towards the limits. */
export const nearLimitTopology: fc.Arbitrary<Spec> = fc
  .record({
    zones: fc.integer({ min: 1, max: 3 }),
    clouds: fc.array(fc.constantFrom(Cloud.AZURE, Cloud.GCP), { minLength: 3, maxLength: 3 }),
    ephemeral: fc.boolean(),
    distribution: fc.constantFrom(MeshDistributionName.KUMA, MeshDistributionName.KONG_MESH),
    issuer: fc.constantFrom(CertificateIssuer.ACME, CertificateIssuer.SELF_SIGNED),
    dnsCloud: fc.constantFrom(Cloud.AZURE, Cloud.GCP),
    placement: fc.constantFrom(GlobalPlacement.DEDICATED_CLUSTER, GlobalPlacement.UNIVERSAL_POSTGRES, GlobalPlacement.EXTERNAL),
    edits: fc.array(fc.oneof(...edits), { minLength: 1, maxLength: 4 }),
  })
  .map(({ clouds, edits: chosen, ...options }) => {
    const spec = JSON.parse(JSON.stringify(generateTopology({ ...options, cloudOfZone: (index) => clouds[index] }))) as Spec;
    for (const edit of chosen) edit(spec);
    return spec;
  });
