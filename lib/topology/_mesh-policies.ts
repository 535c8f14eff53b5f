/**
 * What the mesh adds to the gateways (issue 11): the resilience policies of every hop a
 * gateway makes through the mesh, and the telemetry policies of the mesh, from
 * `mesh.resilience` and `mesh.observability` with their defaults
 * (`_mesh-policy-defaults.ts`). Called once from the mesh stage.
 */
import { Construct } from 'constructs';
import { KongPlugin } from '../gateway/kong-plugin';
import { IGlobalControlPlane } from '../mesh/control-plane';
import { MeshAccessLog } from '../mesh/mesh-access-log';
import { MeshCircuitBreaker } from '../mesh/mesh-circuit-breaker';
import { HealthCheckProtocol, MeshHealthCheck } from '../mesh/mesh-health-check';
import { MeshMetric } from '../mesh/mesh-metric';
import { MeshOpenTelemetryBackend, OpenTelemetryProtocol } from '../mesh/mesh-open-telemetry-backend';
import { MeshRetry } from '../mesh/mesh-retry';
import { MeshTimeout } from '../mesh/mesh-timeout';
import { MeshTrace } from '../mesh/mesh-trace';
import { ServiceReference } from '../mesh/mesh-traffic-permission';
import { MeshServiceReference } from '../mesh/mesh-policy-props';
import { waitFor } from '../private/ordering';
import { ResolvedHopResilience, resolveHopResilience, resolveObservability } from './_mesh-policy-defaults';
import { TopologySpec } from './topology-spec';
import { PlannedGateway, TopologyPlan } from './topology-plan';

/** A gateway's hop to one destination, with the policies' names. */
export interface PlannedHop {
  /** `<gateway>-to-<api or remote gateway>`: the name of each of the hop's policies (one per kind). */
  readonly name: string;
  readonly source: ServiceReference;
  readonly destination: MeshServiceReference;
  readonly resilience: ResolvedHopResilience;
}

/** Every hop the topology's routes make, once per gateway and destination, with its effective resilience. */
export function plannedHops(spec: TopologySpec, plan: TopologyPlan): PlannedHop[] {
  const gateways = new Map(plan.gateways.map((gateway) => [gateway.name, gateway]));
  const hops = new Map<string, PlannedHop>();
  for (const route of spec.routes ?? []) {
    const gateway = gateways.get(route.gateway)!;
    const source: ServiceReference = { name: gateway.proxyServiceName, namespace: gateway.namespace, zone: gateway.zone, podLabels: gateway.podLabels };
    let name: string;
    let destination: MeshServiceReference;
    let resilience: ResolvedHopResilience | undefined;
    if (route.api) {
      const api = plan.apis.find((candidate) => candidate.name === route.api)!;
      const apiSpec = (spec.apis ?? []).find((candidate) => candidate.name === route.api);
      name = hopName(gateway, api.name);
      // A route's API runs in the gateway's zone (validateTopology): its MeshService there,
      // or, for an API in several zones, the MeshMultiZoneService the route goes through.
      destination = api.failover
        ? { name: api.failover.serviceName, namespace: api.namespace, zone: gateway.zone, multiZone: true }
        : { name: api.name, namespace: api.namespace, zone: gateway.zone };
      resilience = resolveHopResilience(spec, 'api', [apiSpec?.resilience, route.resilience]);
    } else {
      const remote = gateways.get(route.via!.gateway)!;
      name = hopName(gateway, remote.name);
      destination = { name: remote.meshServiceName, namespace: remote.namespace, zone: remote.zone };
      resilience = resolveHopResilience(spec, 'crossZone', [route.resilience]);
    }
    if (resilience && !hops.has(name)) hops.set(name, { name, source, destination, resilience });
  }
  return [...hops.values()];
}

function hopName(gateway: PlannedGateway, destination: string): string {
  return `${gateway.name}-to-${destination}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * Plans the resilience and telemetry policies on the global, each after the Mesh (a
 * mesh-scoped resource names a mesh the webhook must know).
 */
export function buildMeshPolicies(scope: Construct, spec: TopologySpec, plan: TopologyPlan, globalControlPlane: IGlobalControlPlane, meshResource: Construct): void {
  const mesh = plan.meshName;
  const planned: Construct[] = [];
  for (const hop of plannedHops(spec, plan)) {
    const common = { globalControlPlane, mesh, name: hop.name, source: hop.source, destination: hop.destination };
    const r = hop.resilience;
    const id = `resilience-${hop.name}`;
    planned.push(new MeshTimeout(scope, `${id}-timeout`, {
      ...common,
      connectTimeout: r.connectTimeout,
      idleTimeout: r.idleTimeout,
      requestTimeout: r.requestTimeout,
    }));
    if (r.retries) {
      planned.push(new MeshRetry(scope, `${id}-retry`, {
        ...common,
        // Cross-zone: TCP, so connect attempts (the first included); API: HTTP retries.
        ...(r.hop === 'crossZone'
          ? { tcpMaxConnectAttempts: r.retries.maxRetries + 1 }
          : {
              http: {
                numRetries: r.retries.maxRetries,
                perTryTimeout: r.retries.perTryTimeout,
                backOffBaseInterval: r.retries.backOffBaseInterval,
                backOffMaxInterval: r.retries.backOffMaxInterval,
                retryOn: [...r.retries.retryOn],
              },
            }),
      }));
    }
    if (r.circuitBreaker) {
      const cb = r.circuitBreaker;
      planned.push(new MeshCircuitBreaker(scope, `${id}-circuit-breaker`, {
        ...common,
        maxConnections: cb.maxConnections,
        maxPendingRequests: cb.maxPendingRequests,
        maxRequests: cb.maxRequests,
        maxConcurrentRetries: cb.maxConcurrentRetries,
        outlierDetection: { consecutiveFailures: cb.consecutiveFailures, interval: cb.interval, baseEjectionTime: cb.baseEjectionTime, maxEjectionPercent: cb.maxEjectionPercent },
      }));
    }
    if (r.healthCheck) {
      planned.push(new MeshHealthCheck(scope, `${id}-health-check`, {
        ...common,
        // The gateway's mesh Service is a TCP port (TLS passthrough); an API's port is HTTP.
        protocol: r.hop === 'crossZone' ? HealthCheckProtocol.TCP : HealthCheckProtocol.HTTP,
        interval: r.healthCheck.interval,
        timeout: r.healthCheck.timeout,
        unhealthyThreshold: r.healthCheck.unhealthyThreshold,
        healthyThreshold: r.healthCheck.healthyThreshold,
        path: r.hop === 'api' ? r.healthCheck.path : undefined,
      }));
    }
  }

  const observability = resolveObservability(spec.mesh.observability);
  if (observability) {
    const collector = observability.collector
      ? new MeshOpenTelemetryBackend(scope, 'observability-collector', {
          globalControlPlane,
          mesh,
          name: 'otel-collector',
          address: observability.collector.address,
          port: observability.collector.port,
          protocol: observability.collector.protocol as OpenTelemetryProtocol,
          path: observability.collector.path,
        })
      : undefined;
    if (collector) planned.push(collector);
    const metrics = observability.metrics;
    if (metrics) {
      planned.push(new MeshMetric(scope, 'observability-metrics', {
        globalControlPlane,
        mesh,
        name: 'metrics',
        prometheus: metrics.backend === 'prometheus' ? { port: metrics.port, path: metrics.path } : undefined,
        openTelemetryBackend: metrics.backend === 'openTelemetry' ? collector : undefined,
      }));
    }
    const logs = observability.accessLogs;
    if (logs) {
      planned.push(new MeshAccessLog(scope, 'observability-access-logs', {
        globalControlPlane,
        mesh,
        name: 'access-logs',
        stdout: logs.backend === 'stdout',
        openTelemetryBackend: logs.backend === 'openTelemetry' ? collector : undefined,
      }));
    }
    if (observability.traces && collector) {
      planned.push(new MeshTrace(scope, 'observability-traces', { globalControlPlane, mesh, name: 'traces', openTelemetryBackend: collector, samplingPercent: observability.traces.samplingPercent }));
    }
  }
  for (const policy of planned) waitFor(policy, meshResource);
}

/**
 * Kong's prometheus plugin, on every route when Kong metrics are on: Kong then counts each
 * request by its route and service, next to the mesh's per-proxy metrics of the same hop.
 * Kong 3.x records only the per-request counter unless each metric family is switched on.
 * It serves them on the status listener (port 8100, `/metrics`), which the gateway already
 * keeps out of the sidecar (KongGateway: KUMA_EXCLUDE_INBOUND_PORTS), so a Prometheus
 * outside the mesh can scrape it.
 */
export function observedRoutePlugins(spec: TopologySpec): KongPlugin[] {
  const observability = resolveObservability(spec.mesh.observability);
  if (!observability?.kongPrometheus) return [];
  return [KongPlugin.custom('prometheus', { status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true, upstream_health_metrics: true })];
}
