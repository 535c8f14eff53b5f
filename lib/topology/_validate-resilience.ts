/**
 * Cross-field checks of `mesh.resilience` (with `apis[].resilience`, `routes[].resilience`) and
 * `mesh.observability`: what the schema cannot say and Kuma or Envoy would reject, or silently
 * ignore, at apply time.
 */
import { CONTROLLER_INBOUND_PORTS, KONG_ADMIN_TLS_PORT, KONG_MESH_TLS_PORT, KONG_PROXY_HTTP_PORT, KONG_PROXY_TLS_PORT, KONG_STATUS_PORT } from '../gateway/kong-gateway';
import { goDurationMillis } from '../private/go-duration';
import { METRICS_DEFAULTS } from './_mesh-policy-defaults';
import { isMeshRetryOnValue } from '../mesh/mesh-retry';
import { HTTP_ONLY_FIELDS, resolveHopResilience, ResilienceHop } from './_mesh-policy-defaults';
import { HopResilienceSpec, TopologySpec } from './topology-spec';
import type { AddIssue } from './validate-topology';

/** Every duration field of a hop, by its path inside the hop. */
const DURATION_FIELDS = [
  'connectTimeout', 'idleTimeout', 'requestTimeout',
  'retries.perTryTimeout', 'retries.backOffBaseInterval', 'retries.backOffMaxInterval',
  'circuitBreaker.interval', 'circuitBreaker.baseEjectionTime',
  'healthCheck.interval', 'healthCheck.timeout',
];

function read(hop: HopResilienceSpec, field: string): unknown {
  return field.split('.').reduce<any>((value, key) => (value === undefined ? undefined : value[key]), hop);
}

function checkHop(hop: HopResilienceSpec | undefined, path: string, kind: ResilienceHop, add: AddIssue): void {
  if (hop === undefined) return;
  for (const field of DURATION_FIELDS) {
    const value = read(hop, field);
    // Kuma rejects zero intervals and timeouts (validators.ValidateDurationGreaterThanZeroOrNil) and
    // a zero timeout turns Envoy's timeout off; neither is what a value here means.
    if (typeof value === 'string' && goDurationMillis(value) === 0) add(`${path}.${field}`, value, 'must be greater than zero; to turn the policy off, set its enabled: false');
  }
  if (kind === 'crossZone') {
    for (const field of HTTP_ONLY_FIELDS) {
      const value = read(hop, field);
      if (value !== undefined) {
        add(`${path}.${field}`, value, 'applies to HTTP only, and the cross-zone hop is TCP (TLS passed through the remote zone ingress), so Kuma would ignore it; remove it, or set it on the API hop (mesh.resilience.api or the remote gateway\'s own route)');
      }
    }
  }
  (hop.retries?.retryOn ?? []).forEach((value, index) => {
    if (!isMeshRetryOnValue(value)) add(`${path}.retries.retryOn[${index}]`, value, 'is not a value MeshRetry accepts: a known HTTP status code, or a condition such as ConnectFailure or an HttpMethod* limit (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshretry/api/v1alpha1/validator.go)');
  });
}

/** Effective values that contradict each other once the layers are merged. */
function checkEffective(spec: TopologySpec, kind: ResilienceHop, overrides: (HopResilienceSpec | undefined)[], path: string, add: AddIssue): void {
  const effective = resolveHopResilience(spec, kind, overrides);
  if (!effective) return;
  const retries = effective.retries;
  if (retries && kind === 'api') {
    const base = goDurationMillis(retries.backOffBaseInterval);
    const max = goDurationMillis(retries.backOffMaxInterval);
    // Envoy rejects a retry back-off whose max_interval is below base_interval (config NACK).
    if (base !== undefined && max !== undefined && max < base) {
      add(`${path}.retries.backOffMaxInterval`, retries.backOffMaxInterval, `must be at least the base interval ${retries.backOffBaseInterval}: Envoy rejects a back-off whose maximum is below its base`);
    }
    const perTry = goDurationMillis(retries.perTryTimeout);
    const request = goDurationMillis(effective.requestTimeout ?? '');
    if (perTry !== undefined && request !== undefined && request > 0 && perTry >= request) {
      add(`${path}.retries.perTryTimeout`, retries.perTryTimeout, `must be shorter than the request timeout ${effective.requestTimeout}, or a slow try uses up the whole request and is never retried`);
    }
  }
}

/** `checkResilience` for the topology: the mesh section, every API and every route. */
export function checkResilience(spec: TopologySpec, add: AddIssue): void {
  const section = spec.mesh.resilience;
  checkHop(section?.crossZone, 'mesh.resilience.crossZone', 'crossZone', add);
  checkHop(section?.api, 'mesh.resilience.api', 'api', add);
  // Contradictions are reported where the last layer that makes them is set.
  checkEffective(spec, 'crossZone', [], 'mesh.resilience.crossZone', add);
  checkEffective(spec, 'api', [], 'mesh.resilience.api', add);
  (spec.apis ?? []).forEach((api, i) => {
    checkHop(api.resilience, `apis[${i}].resilience`, 'api', add);
    if (api.resilience) checkEffective(spec, 'api', [api.resilience], `apis[${i}].resilience`, add);
  });
  const effectiveByPair = new Map<string, { index: number; effective: string }>();
  (spec.routes ?? []).forEach((route, i) => {
    const path = `routes[${i}].resilience`;
    const kind: ResilienceHop = route.via ? 'crossZone' : 'api';
    checkHop(route.resilience, path, kind, add);
    const api = route.api ? (spec.apis ?? []).find((candidate) => candidate.name === route.api) : undefined;
    if (route.resilience) checkEffective(spec, kind, [api?.resilience, route.resilience], path, add);
    // One set of policies per gateway and destination: its routes must agree on them.
    const effective = JSON.stringify(resolveHopResilience(spec, kind, [api?.resilience, route.resilience]) ?? 'off');
    const pair = `${route.gateway} -> ${route.via ? `gateway ${route.via.gateway}` : `api ${route.api}`}`;
    const earlier = effectiveByPair.get(pair);
    if (earlier === undefined) effectiveByPair.set(pair, { index: i, effective });
    else if (earlier.effective !== effective) {
      add(path, route.resilience, `differs from routes[${earlier.index}].resilience, which has the same gateway and destination (${pair}): both share one set of mesh policies (Kuma applies them per caller and destination, not per route); give both routes the same resilience`);
    }
  });
}

/** `mesh.observability`: backends that need a collector, and a collector's fields. */
export function checkObservability(spec: TopologySpec, add: AddIssue): void {
  const section = spec.mesh.observability;
  if (section === undefined || section.enabled === false) return;
  const collector = section.collector;
  const needsCollector = (path: string, value: unknown, what: string) => {
    if (!collector) add(path, value, `sends ${what} to an OpenTelemetry collector, but mesh.observability.collector is not set; set it to your collector, e.g. { address: "otel-collector.observability.svc.cluster.local" }`);
  };
  if (section.metrics?.enabled !== false && section.metrics?.backend === 'openTelemetry') needsCollector('mesh.observability.metrics.backend', section.metrics.backend, 'metrics');
  if (section.accessLogs?.enabled !== false && section.accessLogs?.backend === 'openTelemetry') needsCollector('mesh.observability.accessLogs.backend', section.accessLogs.backend, 'access logs');
  if (section.traces?.enabled === true) needsCollector('mesh.observability.traces.enabled', true, 'traces');
  // Every proxy listens on the Prometheus port inside its pod, next to the application: a port
  // an API or Kong already listens on cannot be bound twice.
  const metricsPort = section.metrics?.port ?? METRICS_DEFAULTS.port;
  if (section.metrics?.enabled !== false && (section.metrics?.backend ?? METRICS_DEFAULTS.backend) === 'prometheus') {
    const kongPorts = [KONG_PROXY_HTTP_PORT, KONG_PROXY_TLS_PORT, KONG_ADMIN_TLS_PORT, KONG_MESH_TLS_PORT, KONG_STATUS_PORT, ...CONTROLLER_INBOUND_PORTS];
    const api = (spec.apis ?? []).find((candidate) => (candidate.port ?? 8080) === metricsPort);
    if (api) add('mesh.observability.metrics.port', metricsPort, `is the port of API "${api.name}", and every proxy serves metrics inside its pod; choose another port, e.g. 5670`);
    else if (kongPorts.includes(metricsPort)) add('mesh.observability.metrics.port', metricsPort, `is a port Kong or its controller listens on in the gateway pods (${kongPorts.join(', ')}); choose another port, e.g. 5670`);
  }
  // kumahq/kuma@v2.14.3:pkg/core/resources/apis/meshopentelemetrybackend/api/v1alpha1/validator.go#validatePath
  if (collector?.path !== undefined && (collector.protocol ?? 'grpc') === 'grpc') {
    add('mesh.observability.collector.path', collector.path, 'is only read over OTLP/HTTP and Kuma rejects it with protocol grpc; set protocol: http or remove the path');
  }
}
