/**
 * Stage 3, cross-zone failover: for every API that runs in several zones, a
 * MeshMultiZoneService grouping its copies (named by a HostnameGenerator) and a
 * MeshLoadBalancingStrategy that keeps each caller in its own zone and fails over to the
 * API's other zones in the order of `apis[].zones`. Routes to such an API go to the
 * MeshMultiZoneService; its connectivity checks prove the local copy answers and that the
 * failover target is reachable.
 */
import { Construct } from 'constructs';
import { RouteBackend } from '../gateway/gateway-route';
import { IGlobalControlPlane } from '../mesh/control-plane';
import { HostnameGenerator } from '../mesh/hostname-generator';
import { MeshLoadBalancingStrategy } from '../mesh/mesh-load-balancing-strategy';
import { MeshMultiZoneService } from '../mesh/mesh-multi-zone-service';
import { waitFor } from '../private/ordering';
import { crossZoneHostname } from './plan-topology';
import { HttpProbe } from '../workloads/connectivity-check';
import { meshedApiAnswer } from '../workloads/meshed-api';
import { PlannedApi, TopologyPlan } from './topology-plan';
import { TopologySpec } from './topology-spec';

/** What a route to a multi-zone API uses. */
export interface ApiFailover {
  /** The route's backend: the MeshMultiZoneService by its mesh host name. */
  readonly backend: RouteBackend;
  /** The resources the route and its checks depend on. */
  readonly resources: Construct[];
}

/** Builds the failover resources of every multi-zone API; keyed by API name. */
export function buildApiFailover(scope: Construct, plan: TopologyPlan, globalControlPlane: IGlobalControlPlane, meshResource: Construct): Map<string, ApiFailover> {
  const out = new Map<string, ApiFailover>();
  const multiZone = plan.apis.filter((api) => api.failover !== undefined);
  if (multiZone.length === 0) return out;
  // Kuma's global creates the same generator by default; planned here so the name is part of
  // the configuration (as HostnameGenerator.crossZone does for MeshServices).
  const names = HostnameGenerator.multiZone(scope, 'hostnames-multi-zone', { globalControlPlane });
  for (const api of multiZone) {
    const failover = api.failover!;
    const service = new MeshMultiZoneService(scope, `api-${api.name}-multi-zone`, {
      globalControlPlane,
      mesh: plan.meshName,
      name: failover.serviceName,
      // Labels every zone's MeshService of the API carries, locally and synced (see MeshMultiZoneServiceProps.matchLabels).
      matchLabels: { 'kuma.io/mesh': plan.meshName, 'k8s.kuma.io/service-name': api.name, 'k8s.kuma.io/namespace': api.namespace },
      ports: [{ port: api.port, appProtocol: 'http' }],
    });
    const strategy = MeshLoadBalancingStrategy.localZoneFirst(scope, `api-${api.name}-failover`, {
      globalControlPlane,
      service,
      zones: failover.zones,
    });
    waitFor(service, meshResource);
    waitFor(strategy, meshResource);
    out.set(api.name, {
      backend: RouteBackend.meshService({ hostname: failover.hostname, port: api.port }),
      resources: [names, service, strategy],
    });
  }
  return out;
}

/**
 * Checks of a route to a multi-zone API from `zone`: through the MeshMultiZoneService the
 * copy of `zone` answers (the local zone is preferred), and each failover target answers
 * through the mesh (the path traffic takes when the local copy is down). Which copy answered
 * is only visible with the default image, which answers `<api> in <zone>`.
 */
export function failoverProbes(spec: TopologySpec, api: PlannedApi, zone: string): HttpProbe[] {
  const failover = api.failover!;
  const image = (spec.apis ?? []).find((candidate) => candidate.name === api.name)?.image;
  const answer = (from: string) => meshedApiAnswer(api.name, from, image);
  return [
    {
      description: `${api.name} through its MeshMultiZoneService from zone ${zone}: the local copy answers`,
      url: `http://${failover.hostname}:${api.port}/`,
      expectBodyContains: answer(zone),
    },
    ...failover.orderFrom[zone].slice(1).map((target) => ({
      description: `${api.name}'s copy in zone ${target}, where zone ${zone} fails over to, through the mesh`,
      url: `http://${crossZoneHostname(api.name, api.namespace, target)}:${api.port}/`,
      expectBodyContains: answer(target),
    })),
  ];
}

/** The body a route to a multi-zone API answers with through the gateway of `zone` (its local copy), if visible. */
export function localAnswer(spec: TopologySpec, api: PlannedApi, zone: string): string | undefined {
  return meshedApiAnswer(api.name, zone, (spec.apis ?? []).find((candidate) => candidate.name === api.name)?.image);
}
