/**
 * Validation of a topology, typed or read from a file: first its shape against the
 * published JSON Schema (`topology.schema.json`), then the checks a schema cannot
 * express (references between sections, network overlaps, certificate coverage).
 *
 * The schema is checked by a small interpreter of the JSON Schema subset the file
 * uses (type, properties, required, additionalProperties, enum, pattern, min/maxLength,
 * minItems, items, minimum/maximum, local $ref), so that the library needs no schema
 * engine at runtime. Every issue names the field path, the bad value and the fix.
 */
import { Cloud } from '../core/cloud';
import { ValidationError, describeValue, parseIpv4Cidr, cidrsOverlap, suggestDns1123Label, Ipv4Cidr } from '../private/validation';
import { CertificateIssuer, GlobalPlacement, TopologySpec } from './topology-spec';
import { dnsNameCovers, insideZone } from '../private/coverage';
import schemaDocument from './topology.schema.json';
import { checkFailover } from './_validate-failover';
import { checkState } from './_validate-state';
import { checkProviders } from './_validate-providers';
import { checkExpiry } from './_validate-expiry';
import { checkObservability, checkResilience } from './_validate-resilience';
import { checkNames } from './_validate-names';
import { cloudSupport } from '../core/cloud-registry';
import type { CloudSupport } from '../core/cloud-support';
import { effectiveIssuer, gatewayCertificateDnsNames } from './plan-topology';
import { checkSecrets } from './_validate-secrets';
import { checkConstructRules } from './_validate-construct-rules';

/** One problem in a topology. */
export interface TopologyIssue {
  /** Field path, e.g. `zones[1].name`; empty for the topology itself. */
  readonly path: string;
  /** The bad value (undefined when the field is missing). */
  readonly value: unknown;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/**
 * A topology failed validation; `issues` lists every problem found.
 * @internal an Error subclass cannot cross jsii; TypeScript apps catch it by class.
 */
export class TopologyValidationError extends ValidationError {
  constructor(public readonly issues: TopologyIssue[]) {
    super(issues[0]?.path ?? '', issues[0]?.value, issues[0]?.message ?? '');
    this.name = 'TopologyValidationError';
    this.message = `invalid topology (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${issues.map((issue) => `  ${formatTopologyIssue(issue)}`).join('\n')}`;
  }
}

/** `<path>: <value> <message>`. */
export function formatTopologyIssue(issue: TopologyIssue): string {
  return `${issue.path || '(topology)'}: ${describeValue(issue.value)} ${issue.message}`;
}

/**
 * The subset of JSON Schema draft-07 that `topology.schema.json` uses.
 * @internal `$ref` is not a jsii name; the schema is published as topology.schema.json
 */
export interface TopologySchemaNode {
  readonly $ref?: string;
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Record<string, TopologySchemaNode>;
  readonly required?: string[];
  readonly additionalProperties?: boolean;
  readonly enum?: unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly items?: TopologySchemaNode;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly definitions?: Record<string, TopologySchemaNode>;
}

/** The published schema of a topology file. */
export const topologySchema: TopologySchemaNode = schemaDocument as TopologySchemaNode;

/** Issues of the shape alone: what `topology.schema.json` rejects. */
export function topologyShapeIssues(input: unknown): TopologyIssue[] {
  const issues: TopologyIssue[] = [];
  checkNode(topologySchema, input, '', issues);
  return issues;
}

/** Every issue of a topology; empty when it is valid. Shape issues hide the cross-field checks, which assume the shape. */
export function topologyIssues(input: unknown): TopologyIssue[] {
  const issues = topologyShapeIssues(input);
  if (issues.length > 0) return issues;
  checkCrossFields(input as TopologySpec, issues);
  return issues;
}

/** Returns the input as a TopologySpec, or throws a {@link TopologyValidationError} listing every issue. */
export function validateTopology(input: unknown): TopologySpec {
  const issues = topologyIssues(input);
  if (issues.length > 0) throw new TopologyValidationError(issues);
  return input as TopologySpec;
}

// ---------------------------------------------------------------- schema subset

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function resolveRef(ref: string): { name: string; node: TopologySchemaNode } {
  const name = ref.replace('#/definitions/', '');
  const node = topologySchema.definitions?.[name];
  if (!node) throw new Error(`topology.schema.json: unresolved $ref ${ref}`);
  return { name, node };
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    default: return true;
  }
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping of fields',
  array: 'a list',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
};

function checkNode(schema: TopologySchemaNode, value: unknown, path: string, issues: TopologyIssue[], refName?: string): void {
  if (schema.$ref) {
    const { name, node } = resolveRef(schema.$ref);
    checkNode(node, value, path, issues, name);
    return;
  }
  const add = (message: string) => issues.push({ path, value, message });
  if (schema.type && !typeMatches(schema.type, value)) {
    add(refName ? definitionMessage(refName, value) : `must be ${TYPE_WORDS[schema.type] ?? schema.type}`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    add(`must be one of ${schema.enum.map((option) => describeValue(option)).join(', ')}`);
    return;
  }
  if (typeof value === 'string') {
    const bad =
      (schema.minLength !== undefined && value.length < schema.minLength) ||
      (schema.maxLength !== undefined && value.length > schema.maxLength) ||
      (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value));
    if (bad) add(refName ? definitionMessage(refName, value) : `must match ${schema.pattern}`);
    return;
  }
  if (typeof value === 'number') {
    if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum)) {
      add(schema.maximum === undefined ? `must be at least ${schema.minimum}` : `must be from ${schema.minimum ?? 0} to ${schema.maximum}`);
    }
    return;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      add(`must list at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}${schema.description ? ` (${lowerFirst(schema.description)})` : ''}`);
    }
    if (schema.items) value.forEach((item, index) => checkNode(schema.items!, item, `${path}[${index}]`, issues));
    return;
  }
  if (typeof value === 'object' && value !== null) checkObject(schema, value as Record<string, unknown>, path, issues);
}

function checkObject(schema: TopologySchemaNode, value: Record<string, unknown>, path: string, issues: TopologyIssue[]): void {
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) {
      const description = describeProperty(properties[key]);
      issues.push({ path: child(path, key), value: undefined, message: `is required${description ? `: ${lowerFirst(description)}` : ''}` });
    }
  }
  for (const [key, item] of Object.entries(value)) {
    // A typed topology may carry `field: undefined`; a file never does. Both mean "not set".
    if (item === undefined) continue;
    const property = properties[key];
    if (property) {
      checkNode(property, item, child(path, key), issues);
    } else if (schema.additionalProperties === false) {
      const known = Object.keys(properties);
      const suggestion = known.find((name) => closeTo(name, key));
      issues.push({
        path: child(path, key),
        value: item,
        message: `is not a field of ${path || 'the topology'}${suggestion ? `; did you mean "${suggestion}"?` : ''} Known fields: ${known.join(', ')}`,
      });
    }
  }
}

function describeProperty(node: TopologySchemaNode | undefined): string | undefined {
  return node?.description ?? (node?.$ref ? resolveRef(node.$ref).node.description : undefined);
}

function definitionMessage(name: string, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value ?? '');
  switch (name) {
    case 'dns1123Label':
      return `must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit), e.g. "${suggestDns1123Label(text)}"`;
    case 'dns1123Subdomain':
      return `must be a lower-case DNS name (DNS-1123 subdomain), e.g. "${text.split('.').map(suggestDns1123Label).join('.') || 'catalog.acme.example'}"`;
    default:
      return `must be ${lowerFirst(resolveRef(`#/definitions/${name}`).node.description ?? name)}`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

/** Same name ignoring case, or one edit away: a likely typo. */
function closeTo(known: string, typed: string): boolean {
  const a = known.toLowerCase();
  const b = typed.toLowerCase();
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}

// ---------------------------------------------------------------- cross-field checks

/** The cloud whose clusters read a `clusters[i].network` field (each cloud's CloudSupport.networkFields). */
function networkFieldOwner(field: string): CloudSupport | undefined {
  return Object.values(Cloud).map(cloudSupport).find((support) => support.networkFields.includes(field));
}

interface Range {
  readonly path: string;
  readonly cidr: Ipv4Cidr;
  readonly defaulted: boolean;
  /** Cluster-internal (AKS overlay pods and Services): unique within its cluster only. */
  readonly clusterLocal: boolean;
  readonly cluster: number;
}

function checkCrossFields(spec: TopologySpec, issues: TopologyIssue[]): void {
  const add = (path: string, value: unknown, message: string) => issues.push({ path, value, message });
  const issuer = effectiveIssuer(spec);

  // Ephemeral environments are found and reaped by their owner and expiry labels.
  if (spec.ephemeral) {
    if (spec.owner === undefined) add('owner', undefined, 'is required when ephemeral: who to ask before the environment is deleted, e.g. "team-payments"');
    if (spec.expiresAt === undefined && spec.ttl === undefined) add('expiresAt', undefined, 'is required when ephemeral (or ttl): the date (YYYY-MM-DD) after which the environment may be destroyed, e.g. "2030-01-31", or a ttl such as "3d"');
  }
  if (spec.expiresAt !== undefined && !isCalendarDate(spec.expiresAt)) add('expiresAt', spec.expiresAt, 'is not a calendar date: use YYYY-MM-DD, e.g. "2030-01-31"');

  // Clusters.
  const clusterIndex = firstIndexByName(spec.clusters, 'clusters', add);
  spec.clusters.forEach((cluster, i) => {
    const path = `clusters[${i}]`;
    const support = cloudSupport(cluster.cloud);
    if (!support.hasAccount(spec)) {
      add(`${path}.cloud`, cluster.cloud, `has no account: add accounts.${cluster.cloud} (${support.accountFields})`);
    }
    if (cluster.existing) {
      // What shapes a cluster the topology creates; an existing cluster keeps its own, so a value here would be silently ignored.
      const creationFields = { network: cluster.network, nodes: cluster.nodes, apiServerAuthorizedRanges: cluster.apiServerAuthorizedRanges, allowPublicApiServer: cluster.allowPublicApiServer };
      for (const [field, value] of Object.entries(creationFields)) {
        if (value !== undefined) add(`${path}.${field}`, value, 'applies only to clusters the topology creates; an existing cluster keeps its own settings: remove it');
      }
    }
    for (const [key, cidr] of Object.entries(cluster.network ?? {})) {
      if (cidr === undefined) continue;
      if (support.networkFields.includes(key)) continue;
      const owner = networkFieldOwner(key);
      const applies = owner ? `applies to ${owner.clusterKind} (cloud ${owner.cloud}) clusters only` : 'is not a network field of any cloud';
      add(`${path}.network.${key}`, cidr, `${applies}; this cluster is on ${cluster.cloud}: use ${support.networkFields.join(', ')}`);
    }
    (cluster.apiServerAuthorizedRanges ?? []).forEach((cidr, k) => checkCidrValue(`${path}.apiServerAuthorizedRanges[${k}]`, cidr, add));
  });
  checkNetworkRanges(spec, add);

  // Mesh and global control plane.
  const zoneByCluster = new Map(spec.zones.map((zone) => [zone.cluster, zone.name]));
  const global = spec.mesh.global;
  if (global.placement === GlobalPlacement.EXTERNAL) {
    if (global.external === undefined) add('mesh.global.external', undefined, 'is required for placement external: { kdsAddress: "grpcs://global.example:5685", caCertificateFile: "kds-ca.pem" }');
  } else {
    if (global.cluster === undefined) {
      add('mesh.global.cluster', undefined, `is required for placement ${global.placement}: the name of the cluster that runs the global control plane`);
    } else if (!clusterIndex.has(global.cluster)) {
      add('mesh.global.cluster', global.cluster, `is not a cluster of this topology; use one of ${names(spec.clusters)}`);
    } else if (global.placement === GlobalPlacement.DEDICATED_CLUSTER && zoneByCluster.has(global.cluster)) {
      add('mesh.global.cluster', global.cluster, `also hosts zone "${zoneByCluster.get(global.cluster)}": a Kubernetes-mode global needs a cluster without a zone; add a cluster for the global, or use placement universal-postgres`);
    }
    if (global.external !== undefined) add('mesh.global.external', global.external, `applies only to placement external (placement is ${global.placement}); remove it`);
  }
  if (global.placement === GlobalPlacement.UNIVERSAL_POSTGRES && global.database === undefined) {
    add('mesh.global.database', undefined, 'is required for placement universal-postgres: { host, user, database, passwordSecretName, caCertificatePem } of the PostgreSQL that stores the global state');
  }
  if (global.placement !== GlobalPlacement.UNIVERSAL_POSTGRES && global.database !== undefined) {
    add('mesh.global.database', global.database, `applies only to placement universal-postgres (placement is ${global.placement}); remove it`);
  }

  // Zones.
  const zoneIndex = firstIndexByName(spec.zones, 'zones', add);
  const clusterOfZone = new Map<string, string>();
  spec.zones.forEach((zone, i) => {
    if (!clusterIndex.has(zone.cluster)) {
      add(`zones[${i}].cluster`, zone.cluster, `is not a cluster of this topology; use one of ${names(spec.clusters)}`);
      return;
    }
    const earlier = spec.zones.findIndex((other) => other.cluster === zone.cluster);
    if (earlier < i) {
      add(`zones[${i}].cluster`, zone.cluster, `already hosts zones[${earlier}] ("${spec.zones[earlier].name}"): a cluster runs one zone control plane; give this zone its own cluster`);
    }
    if (!clusterOfZone.has(zone.name)) clusterOfZone.set(zone.name, zone.cluster);
  });
  const cloudOfZone = (zone: string) => spec.clusters[clusterIndex.get(clusterOfZone.get(zone) ?? '') ?? -1]?.cloud;

  // DNS and certificates.
  if (!cloudSupport(spec.dns.cloud).hasAccount(spec)) add('dns.cloud', spec.dns.cloud, `has no account: add accounts.${spec.dns.cloud}`);
  if (issuer === CertificateIssuer.ACME && spec.certificates?.email === undefined) {
    add('certificates.email', undefined, 'is required for the acme issuer: the ACME account e-mail that receives expiry notices, e.g. "platform@acme.example"');
  }

  // Gateways.
  const gatewayIndex = firstIndexByName(spec.gateways, 'gateways', add);
  // Route hosts are not checked against a certificate whose domain is already an issue.
  const badDomains = new Set<string>();
  spec.gateways.forEach((gateway, i) => {
    const path = `gateways[${i}]`;
    if (!zoneIndex.has(gateway.zone)) add(`${path}.zone`, gateway.zone, `is not a zone of this topology; use one of ${names(spec.zones)}`);
    if (!insideZone(gateway.domain, spec.dns.zone)) {
      badDomains.add(gateway.name);
      add(`${path}.domain`, gateway.domain, `is outside the DNS zone "${spec.dns.zone}" (dns.zone); use "${spec.dns.zone}" or a sub-domain of it`);
    } else if (issuer === CertificateIssuer.ACME && gateway.domain === spec.dns.zone) {
      const cloud = cloudOfZone(gateway.zone);
      if (cloud !== undefined && cloud !== spec.dns.cloud) {
        badDomains.add(gateway.name);
        add(`${path}.domain`, gateway.domain, `is the DNS zone itself, but gateway "${gateway.name}" runs on ${cloud} while the zone is on ${spec.dns.cloud} (dns.cloud): the topology delegates a cross-cloud gateway's sub-domain to the gateway's cloud so that cert-manager there can answer the ACME DNS-01 challenge, and a zone apex cannot be delegated; use a strict sub-domain, e.g. "${gateway.zone}.${spec.dns.zone}"`);
      }
    }
    (gateway.sourceRanges ?? []).forEach((cidr, k) => checkCidrValue(`${path}.sourceRanges[${k}]`, cidr, add));
  });

  // APIs.
  const apiIndex = firstIndexByName(spec.apis ?? [], 'apis', add);
  (spec.apis ?? []).forEach((api, i) => {
    api.zones.forEach((zone, k) => {
      if (!zoneIndex.has(zone)) add(`apis[${i}].zones[${k}]`, zone, `is not a zone of this topology; use one of ${names(spec.zones)}`);
    });
  });

  checkRoutes(spec, gatewayIndex, apiIndex, badDomains, add);

  // Sections with validators of their own, each in lib/topology/_validate-<section>.ts.
  checkFailover(spec, add);
  checkState(spec, add);
  checkProviders(spec, add);
  checkExpiry(spec, add);
  checkResilience(spec, add);
  checkObservability(spec, add);
  checkNames(spec, add);
  checkSecrets(spec, add);
  checkConstructRules(spec, add);
}

function checkRoutes(spec: TopologySpec, gatewayIndex: Map<string, number>, apiIndex: Map<string, number>, badDomains: Set<string>, add: AddIssue): void {
  const routes = spec.routes ?? [];
  const gatewayOf = (name: string) => spec.gateways[gatewayIndex.get(name) ?? -1];
  const published = new Map<string, number>();
  const hostOwner = new Map<string, number>();
  routes.forEach((route, i) => {
    const path = `routes[${i}]`;
    const gateway = gatewayOf(route.gateway);
    if (!gateway) add(`${path}.gateway`, route.gateway, `is not a gateway of this topology; use one of ${names(spec.gateways)}`);

    if (!insideZone(route.host, spec.dns.zone)) {
      add(`${path}.host`, route.host, `is outside the DNS zone "${spec.dns.zone}" (dns.zone); use a host name ending in ".${spec.dns.zone}"`);
    } else if (gateway && !badDomains.has(gateway.name)) {
      const names = gatewayCertificateDnsNames(gateway.domain, gateway.includeApex);
      if (!names.some((name) => dnsNameCovers(name, route.host))) {
        add(`${path}.host`, route.host, `is not covered by the certificate of gateway "${gateway.name}" (${names.join(', ')}); a wildcard covers exactly one label: use e.g. "${route.host.split('.')[0]}.${gateway.domain}", or change gateways[${gatewayIndex.get(gateway.name)}].domain`);
      }
    }

    const key = `${route.host}${route.path ?? '/'}`;
    const duplicate = published.get(key);
    if (duplicate !== undefined) {
      add(`${path}.host`, route.host, `with path "${route.path ?? '/'}" is already published by routes[${duplicate}]; give each route its own host or path`);
    } else {
      published.set(key, i);
    }
    const owner = hostOwner.get(route.host);
    if (owner !== undefined && routes[owner].gateway !== route.gateway && duplicate === undefined) {
      add(`${path}.host`, route.host, `is already published on gateway "${routes[owner].gateway}" by routes[${owner}]: a host name resolves to one gateway; route all its paths through that gateway`);
    } else if (owner === undefined) {
      hostOwner.set(route.host, i);
    }

    if (route.api !== undefined && route.via !== undefined) {
      add(`${path}.via`, route.via, 'cannot be combined with api: a route goes either to a local API (api) or through another zone\'s gateway (via); remove one');
    } else if (route.api === undefined && route.via === undefined) {
      add(`${path}.api`, undefined, 'is required unless via is set: a route needs exactly one of api (an API running in the gateway\'s zone) and via (another zone\'s gateway)');
    } else if (route.api !== undefined) {
      const api = spec.apis?.[apiIndex.get(route.api) ?? -1];
      if (!api) {
        add(`${path}.api`, route.api, `is not an API of this topology; use one of ${names(spec.apis ?? [])}`);
      } else if (gateway && !api.zones.includes(gateway.zone)) {
        add(`${path}.api`, route.api, `does not run in zone "${gateway.zone}" of gateway "${gateway.name}" (it runs in ${api.zones.join(', ')}); add "${gateway.zone}" to the API's zones, or route via a gateway in ${api.zones.join(' or ')}`);
      }
    } else if (route.via !== undefined) {
      const remote = gatewayOf(route.via.gateway);
      if (!remote) {
        add(`${path}.via.gateway`, route.via.gateway, `is not a gateway of this topology; use one of ${names(spec.gateways)}`);
      } else if (gateway && remote.zone === gateway.zone) {
        add(`${path}.via.gateway`, route.via.gateway, `runs in the same zone ("${gateway.zone}") as gateway "${gateway.name}": via forwards to another zone; route to the API directly with api`);
      } else if (!routes.some((other) => other.gateway === remote.name && other.host === route.via!.host)) {
        const served = routes.filter((other) => other.gateway === remote.name).map((other) => `"${other.host}"`);
        add(`${path}.via.host`, route.via.host, `is not served by any route of gateway "${remote.name}"${served.length ? ` (it serves ${served.join(', ')})` : ''}; add a route for it on that gateway`);
      }
    }
  });
}

/** Records one issue: the field path, the bad value, what is wrong and how to fix it. */
export type AddIssue = (path: string, value: unknown, message: string) => void;

/** Index of the first item of each name; later duplicates are issues at `<section>[i].name`. */
function firstIndexByName(items: readonly { readonly name: string }[], section: string, add: AddIssue): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const first = index.get(item.name);
    if (first === undefined) index.set(item.name, i);
    else add(`${section}[${i}].name`, item.name, `is already used by ${section}[${first}]; give each of ${section} its own name`);
  });
  return index;
}

function names(items: readonly { readonly name: string }[]): string {
  const unique = [...new Set(items.map((item) => item.name))];
  return unique.length ? unique.map((name) => `"${name}"`).join(', ') : '(none declared)';
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function checkCidrValue(path: string, cidr: string, add: AddIssue): Ipv4Cidr | undefined {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed) add(path, cidr, `has host bits set: use the block's network address, e.g. "${networkAddress(cidr)}"`);
  return parsed;
}

function networkAddress(cidr: string): string {
  const [address, prefix] = cidr.split('/');
  const bits = Number(prefix);
  const value = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - bits);
  const network = Math.floor(value / size) * size;
  return `${[24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.')}/${bits}`;
}

/**
 * Ranges routed in the cloud networks must be unique across the topology (peering, KDS, egress
 * rules); a cluster's internal ranges (AKS overlay pods and Services) must not overlap its own
 * network. The ranges and their defaults are the cluster constructs' own pure helpers.
 */
function checkNetworkRanges(spec: TopologySpec, add: AddIssue): void {
  const ranges: Range[] = [];
  spec.clusters.forEach((cluster, i) => {
    if (cluster.existing) return;
    const network: Record<string, string | undefined> = { ...cluster.network };
    const prefix = `clusters[${i}].network`;
    // Only the fields of this cloud: a field of the other cloud is an issue of its own.
    const support = cloudSupport(cluster.cloud);
    const given = Object.fromEntries(support.networkFields.map((key) => [key, network[key]]));
    const constructRanges = support.networkRanges(given, prefix);
    for (const range of constructRanges) {
      const key = range.field.slice(prefix.length + 1);
      const topologyField = support.networkFields.includes(key);
      const cidr = topologyField && network[key] !== undefined ? checkCidrValue(range.field, network[key]!, add) : parseIpv4Cidr(range.cidr);
      const path = topologyField ? range.field : `the ${support.clusterKind} ${key} of clusters[${i}] (cluster-internal, not a topology field)`;
      if (cidr) ranges.push({ path, cidr, defaulted: network[key] === undefined, clusterLocal: range.clusterLocal, cluster: i });
    }
    // A field of this cloud that no construct range covers (e.g. the AKS node subnet, which the
    // cloud's checkCluster holds inside its VNet) is still a network block: no host bits.
    for (const key of support.networkFields) {
      if (network[key] !== undefined && !constructRanges.some((range) => range.field === `${prefix}.${key}`)) checkCidrValue(`${prefix}.${key}`, network[key]!, add);
    }
  });
  for (let j = 0; j < ranges.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = ranges[i];
      const b = ranges[j];
      if ((a.clusterLocal || b.clusterLocal) && a.cluster !== b.cluster) continue;
      if (!cidrsOverlap(a.cidr, b.cidr)) continue;
      // Report at the topology field: a cluster-internal range is the construct's, not the user's.
      const [at, other] = b.clusterLocal && !a.clusterLocal ? [a, b] : [b, a];
      add(
        at.path,
        at.cidr.text,
        `${at.defaulted ? '(the default) ' : ''}overlaps ${other.path} ("${other.cidr.text}"${other.defaulted ? ', the default' : ''}); give every cluster network range its own block${at.defaulted ? `: set ${at.path}` : ''}`,
      );
      break;
    }
  }
}

