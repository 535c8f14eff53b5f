/**
 * The defaults of `mesh.resilience` and `mesh.observability`, each with its reason, and the
 * pure functions that merge a topology's layers over them (mesh section, then `apis[]`, then
 * `routes[]`). The validator, the stage wiring and the README table all read them from here.
 *
 * Why explicit policies at all: the Mesh sets `skipCreatingInitialPolicies: ['*']` (no
 * allow-all), which also drops the MeshTimeout, MeshRetry and MeshCircuitBreaker Kuma would
 * create (kumahq/kuma@v2.14.3:pkg/defaults/mesh/meshtimeout.go#defaultMeshTimeoutResource,
 * meshretry.go#defaultMeshRetryResource, meshcircuitbreaker.go#defaultMeshCircuitBreakerResource).
 * Kuma's own values (pkg/plugins/policies/core/defaults/consts.go) are the starting point; a
 * value differs from Kuma's only where the hop gives a reason, said next to it.
 */
import { HopResilienceSpec, ObservabilitySpec, TopologySpec } from './topology-spec';

/** The two hops the topology's gateways make through the mesh. */
export type ResilienceHop = 'crossZone' | 'api';

export interface ResolvedRetries {
  readonly maxRetries: number;
  readonly perTryTimeout: string;
  readonly retryOn: readonly string[];
  readonly backOffBaseInterval: string;
  readonly backOffMaxInterval: string;
}

export interface ResolvedCircuitBreaker {
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
  readonly maxConcurrentRetries: number;
  readonly consecutiveFailures: number;
  readonly interval: string;
  readonly baseEjectionTime: string;
  readonly maxEjectionPercent: number;
}

export interface ResolvedHealthCheck {
  readonly interval: string;
  readonly timeout: string;
  readonly unhealthyThreshold: number;
  readonly healthyThreshold: number;
  readonly path: string;
}

/** One hop with every default applied; a policy that is off is undefined. */
export interface ResolvedHopResilience {
  readonly hop: ResilienceHop;
  readonly connectTimeout: string;
  readonly idleTimeout: string;
  /** API hop only (HTTP). */
  readonly requestTimeout?: string;
  readonly retries?: ResolvedRetries;
  readonly circuitBreaker?: ResolvedCircuitBreaker;
  readonly healthCheck?: ResolvedHealthCheck;
}

interface HopDefaults {
  readonly connectTimeout: string;
  readonly idleTimeout: string;
  readonly requestTimeout: string;
  readonly retries: ResolvedRetries & { readonly enabled: boolean };
  readonly circuitBreaker: ResolvedCircuitBreaker & { readonly enabled: boolean };
  readonly healthCheck: ResolvedHealthCheck & { readonly enabled: boolean };
}

/**
 * Idempotent methods (RFC 9110 section 9.2.2). MeshRetry turns `HttpMethod*` entries into
 * `retriable_request_headers` on `:method` (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshretry/plugin/xds/configurer.go#genHttpRetryPolicy),
 * so a POST or PATCH is never sent twice by the mesh.
 */
const IDEMPOTENT_METHODS = ['HttpMethodGet', 'HttpMethodHead', 'HttpMethodOptions', 'HttpMethodPut', 'HttpMethodDelete'];

const CIRCUIT_BREAKER_DEFAULTS: HopDefaults['circuitBreaker'] = {
  enabled: true,
  // Connection limits: Kuma's default MeshCircuitBreaker (pkg/defaults/mesh/meshcircuitbreaker.go),
  // which the Mesh no longer creates: Envoy's own defaults are the same 1024 but only 3 retries.
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxConcurrentRetries: 3,
  // Outlier detection, which Kuma's default does not configure at all: Envoy's consecutive-5xx,
  // interval and base ejection defaults (5, 10s, 30s). On a TCP hop a connect failure counts as a
  // failure (splitExternalAndLocalErrors stays false).
  consecutiveFailures: 5,
  interval: '10s',
  baseEjectionTime: '30s',
  // Envoy's default is 10 %, and it always ejects at least one host whatever the percentage
  // (envoy outlier_detection.proto#max_ejection_percent); with 2 to 9 endpoints, 10 % means
  // exactly one. 50 % lets it eject more than one bad endpoint of a small set, never all of them.
  maxEjectionPercent: 50,
};

/** The cross-zone hop: a gateway to another zone's gateway, TCP (TLS passthrough) through the remote zone ingress. */
export const CROSS_ZONE_DEFAULTS: HopDefaults = {
  // Kuma's 5s (DefaultConnectTimeout): a TCP and mTLS handshake to the remote zone ingress takes
  // a few round trips, well under a second even between continents.
  connectTimeout: '5s',
  // Kuma's 1h (DefaultIdleTimeout) outlives the NAT on the path, which drops idle flows silently:
  // AKS load balancer outbound rules after 30 min (hashicorp/terraform-provider-azurerm@v4.55.0:
  // internal/services/containers/kubernetes_cluster_resource.go, load_balancer_profile.idle_timeout_in_minutes)
  // and Cloud NAT after 20 min (hashicorp/terraform-provider-google@v6.50.0:google/services/compute/
  // resource_compute_router_nat.go, tcp_established_idle_timeout_sec). 15 min closes first, cleanly.
  idleTimeout: '15m',
  // Not read on a TCP hop (the MeshTimeout http section applies to HTTP outbounds only).
  requestTimeout: '15s',
  retries: {
    enabled: true,
    // tcp.maxConnectAttempt = maxRetries + 1 = 3: Kuma's default is 5 attempts; a remote ingress
    // that refuses three times in a row is down, and the outlier detector should take over.
    maxRetries: 2,
    perTryTimeout: '5s',
    retryOn: [],
    backOffBaseInterval: '25ms',
    backOffMaxInterval: '250ms',
  },
  circuitBreaker: CIRCUIT_BREAKER_DEFAULTS,
  // Off: the remote gateway's MeshService has one endpoint per remote zone ingress address
  // (kumahq/kuma@v2.14.3:pkg/xds/topology/outbound.go#fillRemoteMeshServices), one here, and
  // Envoy routes to a cluster whose healthy share is under the panic threshold (50 % unless
  // healthyPanicThreshold says otherwise, meshhealthcheck/api/v1alpha1/meshhealthcheck.go)
  // anyway: an active check would only add a cross-cloud probe per gateway pod every few
  // seconds. Turn it on for its stats, or with several remote ingress addresses.
  // 3s timeout when on: three cross-cloud round trips and more.
  healthCheck: { enabled: false, interval: '10s', timeout: '3s', unhealthyThreshold: 3, healthyThreshold: 1, path: '/' },
};

/** The API hop: a gateway to an API of its own zone, HTTP. */
export const API_DEFAULTS: HopDefaults = {
  // Kuma's defaults (DefaultConnectTimeout, DefaultIdleTimeout, DefaultRequestTimeout): an
  // in-cluster hop with no NAT; 15s stays below Kong's 60s read timeout, so the mesh answers first.
  connectTimeout: '5s',
  idleTimeout: '1h',
  requestTimeout: '15s',
  retries: {
    enabled: true,
    // Kuma's default is 5 retries, which pile five more requests onto an API that is already
    // struggling. Two are enough to step over one bad pod.
    maxRetries: 2,
    // Kuma's default 16s exceeds the 15s request timeout, so a slow try would never be retried.
    perTryTimeout: '5s',
    // Kuma's plugin default (gateway-error, connect-failure, refused-stream: configurer.go#HttpRetryOnDefault),
    // limited to idempotent methods.
    retryOn: ['ConnectFailure', 'RefusedStream', 'GatewayError', ...IDEMPOTENT_METHODS],
    // Kuma's default back-off (pkg/defaults/mesh/meshretry.go#DefaultBaseInterval, 250ms max).
    backOffBaseInterval: '25ms',
    backOffMaxInterval: '250ms',
  },
  circuitBreaker: CIRCUIT_BREAKER_DEFAULTS,
  // Off: local endpoints already follow the pods' readiness (Kuma marks a not-ready pod's
  // inbound unhealthy), and an HTTP check needs a path only the API knows. Turn on with `path`.
  healthCheck: { enabled: false, interval: '10s', timeout: '3s', unhealthyThreshold: 3, healthyThreshold: 1, path: '/' },
};

/** Defaults of a hop. */
export function hopDefaults(hop: ResilienceHop): HopDefaults {
  return hop === 'crossZone' ? CROSS_ZONE_DEFAULTS : API_DEFAULTS;
}

/** Fields of a hop that only an HTTP hop reads: rejected on the cross-zone (TCP) hop. */
export const HTTP_ONLY_FIELDS: readonly string[] = ['requestTimeout', 'retries.perTryTimeout', 'retries.retryOn', 'retries.backOffBaseInterval', 'retries.backOffMaxInterval', 'healthCheck.path'];

function pick<T>(layers: readonly (T | undefined)[], read: (layer: T) => unknown): unknown {
  let value: unknown;
  for (const layer of layers) {
    const candidate = layer === undefined ? undefined : read(layer);
    if (candidate !== undefined) value = candidate;
  }
  return value;
}

/** One policy of a hop (retries, circuit breaker, health check) over its layers; undefined when off. */
function resolvePolicy<D extends { readonly enabled: boolean }>(layers: readonly (object | undefined)[], defaults: D): Omit<D, 'enabled'> | undefined {
  const enabled = (pick(layers, (layer: any) => layer.enabled) as boolean | undefined) ?? defaults.enabled;
  if (!enabled) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (key !== 'enabled') out[key] = pick(layers, (layer: any) => layer[key]) ?? value;
  }
  return out as Omit<D, 'enabled'>;
}

/**
 * The effective resilience of one hop: `layers` from the most general (the mesh section) to
 * the most specific (a route), each field taken from the last layer that sets it. Undefined
 * when resilience or the hop is off.
 */
export function resolveHopResilience(spec: TopologySpec, hop: ResilienceHop, overrides: readonly (HopResilienceSpec | undefined)[] = []): ResolvedHopResilience | undefined {
  const section = spec.mesh.resilience;
  if (section?.enabled === false) return undefined;
  const layers = [section?.[hop], ...overrides];
  if (pick(layers, (layer) => layer.enabled) === false) return undefined;
  const defaults = hopDefaults(hop);
  const field = <K extends keyof HopResilienceSpec>(key: K, fallback: unknown) => (pick(layers, (layer) => layer[key]) ?? fallback) as any;
  const sub = (read: (layer: HopResilienceSpec) => object | undefined) => layers.map((layer) => (layer === undefined ? undefined : read(layer)));
  return {
    hop,
    connectTimeout: field('connectTimeout', defaults.connectTimeout),
    idleTimeout: field('idleTimeout', defaults.idleTimeout),
    ...(hop === 'api' ? { requestTimeout: field('requestTimeout', defaults.requestTimeout) } : {}),
    retries: resolvePolicy(sub((layer) => layer.retries), defaults.retries),
    circuitBreaker: resolvePolicy(sub((layer) => layer.circuitBreaker), defaults.circuitBreaker),
    healthCheck: resolvePolicy(sub((layer) => layer.healthCheck), defaults.healthCheck),
  };
}

// ---------------------------------------------------------------- observability

/** Kuma's MeshMetric Prometheus defaults (kuma.io_meshmetrics.yaml: port 5670, path /metrics). */
export const METRICS_DEFAULTS = { backend: 'prometheus', port: 5670, path: '/metrics' } as const;
/** The OTLP gRPC port, which Kuma also assumes (pkg/plugins/policies/core/xds/otel.go#defaultOtelGrpcPort). */
export const COLLECTOR_DEFAULTS = { port: 4317, protocol: 'grpc' } as const;
/**
 * 10 % of requests: enough to see the cross-zone path under load, without a trace per request
 * (MeshTrace samples 100 % when `sampling.overall` is unset:
 * kumahq/kuma@v2.14.3:pkg/plugins/policies/meshtrace/api/v1alpha1/meshtrace.go#Sampling).
 */
export const TRACE_SAMPLING_DEFAULT = 10;
/** Where the stdout access log goes: the sidecar's own output, read by `kubectl logs`. */
export const STDOUT_PATH = '/dev/stdout';

export interface ResolvedObservability {
  readonly collector?: { readonly address: string; readonly port: number; readonly protocol: string; readonly path?: string };
  readonly metrics?: { readonly backend: string; readonly port: number; readonly path: string };
  readonly accessLogs?: { readonly backend: string };
  readonly traces?: { readonly samplingPercent: number };
  readonly kongPrometheus: boolean;
}

/** The effective observability; undefined when the section is absent or off. */
export function resolveObservability(section: ObservabilitySpec | undefined): ResolvedObservability | undefined {
  if (section === undefined || section.enabled === false) return undefined;
  const collector = section.collector
    ? {
        address: section.collector.address,
        port: section.collector.port ?? COLLECTOR_DEFAULTS.port,
        protocol: section.collector.protocol ?? COLLECTOR_DEFAULTS.protocol,
        ...(section.collector.path !== undefined ? { path: section.collector.path } : {}),
      }
    : undefined;
  const metrics = section.metrics?.enabled === false
    ? undefined
    : {
        backend: section.metrics?.backend ?? METRICS_DEFAULTS.backend,
        port: section.metrics?.port ?? METRICS_DEFAULTS.port,
        path: section.metrics?.path ?? METRICS_DEFAULTS.path,
      };
  const accessLogs = section.accessLogs?.enabled === false ? undefined : { backend: section.accessLogs?.backend ?? 'stdout' };
  const tracesOn = section.traces?.enabled ?? collector !== undefined;
  return {
    collector,
    metrics,
    accessLogs,
    traces: tracesOn ? { samplingPercent: section.traces?.samplingPercent ?? TRACE_SAMPLING_DEFAULT } : undefined,
    kongPrometheus: section.kong?.enabled ?? true,
  };
}
