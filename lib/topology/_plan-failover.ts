/**
 * The planned cross-zone failover of an API that runs in several zones: the
 * MeshMultiZoneService that groups its copies, the name callers use, and the order in which
 * a caller's traffic leaves its own zone. Pure, so the stacks and the diagram share it.
 */
import { MULTI_ZONE_TEMPLATE, renderHostname } from '../mesh/hostname-generator';
import { localZoneFirstFailover } from '../mesh/models/mesh-load-balancing-strategy';
import { ApiSpec } from './topology-spec';

export interface PlannedFailover {
  /** Name of the MeshMultiZoneService (the API's name). */
  readonly serviceName: string;
  /** Mesh host name callers use, e.g. `catalog.mzsvc.mesh.local`. */
  readonly hostname: string;
  /** Zones in failover preference: after its own zone, a caller tries them in this order (the order of `apis[].zones`). */
  readonly zones: string[];
  /** For each zone, where its callers go: its own zone first, then the others in order. */
  readonly orderFrom: { [zone: string]: string[] };
}

/** Failover of an API, or undefined when it runs in one zone only (nothing to fail over to). */
export function planFailover(api: ApiSpec, mesh: string): PlannedFailover | undefined {
  const zones = [...new Set(api.zones)];
  if (zones.length < 2) return undefined;
  const namespace = api.namespace ?? api.name;
  const orderFrom: { [zone: string]: string[] } = {};
  for (const zone of zones) {
    // Read back from the same entries the MeshLoadBalancingStrategy is written from.
    const next = localZoneFirstFailover(zones)
      .filter((entry) => entry.from?.zones.includes(zone))
      .flatMap((entry) => entry.to.zones ?? []);
    orderFrom[zone] = [zone, ...next];
  }
  return {
    serviceName: api.name,
    hostname: renderHostname(MULTI_ZONE_TEMPLATE, { displayName: api.name, namespace, zone: '', mesh, labels: {} }),
    zones,
    orderFrom,
  };
}
