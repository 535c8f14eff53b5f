/**
 * Deterministic topologies of any size, for the bench (2 and 20 zones) and the
 * staging/conformance matrix: a dedicated global cluster plus one cluster per zone,
 * alternating AKS and GKE, each zone with a gateway; the first zone (or the first
 * `apiZones`) runs the API and every other gateway reaches it across zones.
 */
import { Cloud } from '../../lib/core/cloud';
import {
  CertificateIssuer,
  ClusterSpec,
  GlobalPlacement,
  MeshDistributionName,
  TopologySpec,
} from '../../lib/topology/topology-spec';

export interface GeneratedTopologyOptions {
  readonly zones: number;
  readonly ephemeral?: boolean;
  readonly distribution?: MeshDistributionName;
  readonly issuer?: CertificateIssuer;
  readonly dnsCloud?: Cloud;
  /** Where the global runs. @default dedicated-cluster */
  readonly placement?: GlobalPlacement;
  /** Cloud of zone i: default alternates starting with GKE. */
  readonly cloudOfZone?: (index: number) => Cloud;
  /** Cloud of the global's dedicated cluster. @default gcp */
  readonly globalCloud?: Cloud;
  /**
   * The API runs in the first N zones (with cross-zone failover when N > 1), whose gateways
   * route to it directly; the other zones' gateways reach it via the first zone's gateway.
   * @default 1
   */
  readonly apiZones?: number;
  /** mesh.resilience: `off`, or `overrides` (every field set, per mesh, API and route). @default the defaults */
  readonly resilience?: 'off' | 'overrides';
  /** mesh.observability: `defaults` (Prometheus, stdout, Kong), or `collector` (every signal to an OpenTelemetry collector). @default none */
  readonly observability?: 'defaults' | 'collector';
  /** Every cluster exists already (`existing: true`; AKS with its resource group, EKS with its public subnets). @default false */
  readonly existingClusters?: boolean;
}

/** Two public subnets of the existing EKS cluster number `index` (0 is the global), distinct across clusters. */
export const existingSubnetsOf = (index: number): string[] => [`subnet-0${index}a1b2c3d4e5f6070`, `subnet-0${index}b1c2d3e4f5a6071`];

/** A generated cluster as an existing one: its name and cloud, and what that cloud needs to find it. */
function asExisting(cluster: ClusterSpec, index: number): ClusterSpec {
  return {
    name: cluster.name,
    cloud: cluster.cloud,
    existing: true,
    ...(cluster.cloud === Cloud.AZURE ? { resourceGroupName: `${cluster.name}-rg` } : {}),
    ...(cluster.cloud === Cloud.AWS ? { publicSubnetIds: existingSubnetsOf(index) } : {}),
  };
}

/** Network ranges that never overlap across the generated clusters (index 0 is the global). */
export function generatedNetwork(cloud: Cloud, index: number): ClusterSpec['network'] {
  const octet = 40 + index;
  if (cloud === Cloud.AWS) return { vpcCidr: `10.${octet}.0.0/16` };
  return cloud === Cloud.AZURE
    ? { vnetCidr: `10.${octet}.0.0/16` }
    : {
        subnetCidr: `10.${octet}.0.0/20`,
        servicesCidr: `10.${octet}.16.0/20`,
        podsCidr: `10.${100 + 4 * index}.0.0/14`,
        masterCidr: `172.16.${index}.0/28`,
      };
}

export function generateTopology(options: GeneratedTopologyOptions): TopologySpec {
  const cloudOfZone = options.cloudOfZone ?? ((index: number) => (index % 2 === 0 ? Cloud.GCP : Cloud.AZURE));
  const zoneIndexes = Array.from({ length: options.zones }, (_, index) => index);
  const globalCloud = options.globalCloud ?? Cloud.GCP;
  const clusters: ClusterSpec[] = [
    { name: 'global', cloud: globalCloud, network: generatedNetwork(globalCloud, 0), apiServerAuthorizedRanges: ['203.0.113.0/24'] },
    ...zoneIndexes.map((index) => ({
      name: `c${index + 1}`,
      cloud: cloudOfZone(index),
      network: generatedNetwork(cloudOfZone(index), index + 1),
      apiServerAuthorizedRanges: ['203.0.113.0/24'],
    })),
  ];
  if (options.existingClusters) clusters.splice(0, clusters.length, ...clusters.map(asExisting));
  const zone = (index: number) => `z${index + 1}`;
  const apiZones = Math.min(Math.max(options.apiZones ?? 1, 1), options.zones);
  const domain = (index: number) => `${zone(index)}.acme.example`;
  return {
    environment: `gen${options.zones}`,
    ephemeral: options.ephemeral,
    owner: options.ephemeral ? 'ci' : undefined,
    expiresAt: options.ephemeral ? '2030-01-31' : undefined,
    accounts: {
      azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', location: 'westeurope' },
      gcp: { project: 'acme-example-project', region: 'europe-west1' },
      // Only when a cluster or the zone is on AWS: its provider is an optional peer.
      ...(clusters.some((cluster) => cluster.cloud === Cloud.AWS) || options.dnsCloud === Cloud.AWS ? { aws: { region: 'eu-west-1' } } : {}),
    },
    clusters,
    mesh: {
      distribution: options.distribution,
      licenseSecretName: options.distribution === MeshDistributionName.KONG_MESH ? 'kong-mesh-license' : undefined,
      global: globalSpec(options.placement ?? GlobalPlacement.DEDICATED_CLUSTER),
      ...meshPolicySpecs(options),
    },
    zones: zoneIndexes.map((index) => ({ name: zone(index), cluster: `c${index + 1}` })),
    dns: { zone: 'acme.example', cloud: options.dnsCloud ?? Cloud.GCP },
    certificates: { issuer: options.issuer ?? CertificateIssuer.ACME, email: 'platform@acme.example' },
    gateways: zoneIndexes.map((index) => ({ name: `gw-${zone(index)}`, zone: zone(index), domain: domain(index), includeApex: false })),
    apis: [{ name: 'catalog', zones: zoneIndexes.slice(0, apiZones).map(zone), ...(options.resilience === 'overrides' ? { resilience: { requestTimeout: '20s', healthCheck: { enabled: true, path: '/healthz' } } } : {}) }],
    routes: [
      ...zoneIndexes.slice(0, apiZones).map((index) => ({ gateway: `gw-${zone(index)}`, host: `catalog.${domain(index)}`, api: 'catalog' })),
      ...zoneIndexes.slice(apiZones).map((index) => ({
        gateway: `gw-${zone(index)}`,
        host: `catalog.${domain(index)}`,
        via: { gateway: `gw-${zone(0)}`, host: `catalog.${domain(0)}` },
        ...(options.resilience === 'overrides' ? { resilience: { connectTimeout: '3s', circuitBreaker: { consecutiveFailures: 3 } } } : {}),
      })),
    ],
  };
}

/** The CA an external global is said to use in generated topologies (a fixed public test certificate is not needed: the PEM is only passed through). */
export const EXTERNAL_GLOBAL_CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBgenerated\n-----END CERTIFICATE-----\n';

/** The CA the generated universal-postgres database is said to use (passed through, like the external CA). */
export const DATABASE_CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBdatabase\n-----END CERTIFICATE-----\n';

function globalSpec(placement: GlobalPlacement): TopologySpec['mesh']['global'] {
  switch (placement) {
    case GlobalPlacement.UNIVERSAL_POSTGRES:
      // Universal mode may share a cluster with a zone: the first zone's cluster.
      return {
        placement,
        cluster: 'c1',
        database: { host: 'kuma-db.example.internal', user: 'kuma', database: 'kuma', passwordSecretName: 'kuma-db-password', caCertificatePem: DATABASE_CA_PEM },
      };
    case GlobalPlacement.EXTERNAL:
      return {
        placement,
        external: {
          kdsAddress: 'grpcs://global.mesh.acme.example:5685',
          caCertificateFile: 'global-ca.pem',
          apiUrl: 'https://global.mesh.acme.example:5682',
          adminTokenSecretName: 'kuma-admin-token',
        },
      };
    default:
      return { placement, cluster: 'global' };
  }
}

/** Every option of mesh.resilience and mesh.observability, as the matrix turns them on. */
function meshPolicySpecs(options: GeneratedTopologyOptions): Pick<TopologySpec['mesh'], 'resilience' | 'observability'> {
  const resilience: TopologySpec['mesh']['resilience'] =
    options.resilience === 'off'
      ? { enabled: false }
      : options.resilience === 'overrides'
        ? {
            crossZone: { connectTimeout: '4s', idleTimeout: '10m', retries: { maxRetries: 3 }, healthCheck: { enabled: true, interval: '15s', timeout: '2s', unhealthyThreshold: 2, healthyThreshold: 2 } },
            api: {
              connectTimeout: '2s',
              idleTimeout: '30m',
              requestTimeout: '30s',
              retries: { maxRetries: 1, perTryTimeout: '10s', retryOn: ['5xx', '503', 'HttpMethodGet'], backOffBaseInterval: '50ms', backOffMaxInterval: '500ms' },
              circuitBreaker: { maxConnections: 512, maxPendingRequests: 256, maxRequests: 512, maxConcurrentRetries: 2, consecutiveFailures: 4, interval: '5s', baseEjectionTime: '1m', maxEjectionPercent: 33 },
            },
          }
        : undefined;
  const observability: TopologySpec['mesh']['observability'] =
    options.observability === 'defaults'
      ? {}
      : options.observability === 'collector'
        ? {
            collector: { address: 'otel-collector.observability.svc.cluster.local', port: 4318, protocol: 'http', path: '/otlp' },
            metrics: { backend: 'openTelemetry' },
            accessLogs: { backend: 'openTelemetry' },
            traces: { samplingPercent: 25 },
            kong: { enabled: true },
          }
        : undefined;
  return { ...(resilience ? { resilience } : {}), ...(observability ? { observability } : {}) };
}
