/**
 * Model of a `MeshLoadBalancingStrategy` (kuma.io_meshloadbalancingstrategies.yaml, v1alpha1)
 * with locality awareness: the local zone first, then other zones in a chosen order.
 *
 * How Kuma 2.14.3 reads it (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshloadbalancingstrategy/):
 * - plugin/v1alpha1/priority.go#getCrossZoneLbGroups: every `crossZone.failover` entry whose
 *   `from.zones` contains the caller's zone (or that has no `from`) becomes a priority group,
 *   numbered by its position in the list (+1; the local zone is priority 0);
 * - plugin/v1alpha1/locality_aware.go#NewEndpoints: endpoints of the caller's own zone keep
 *   priority 0; a remote endpoint gets the priority of the FIRST group that names its zone
 *   (`Only`), does not exclude it (`AnyExcept`) or takes any (`Any`), and is DROPPED when no
 *   group takes it. So every caller zone needs an entry for every zone it may fail over to:
 *   {@link localZoneFirstFailover} ends with an `Any` entry without `from` for that reason;
 * - plugin/v1alpha1/plugin.go#overprovisioningFactor: `failoverThreshold.percentage` p sets
 *   Envoy's overprovisioning factor to 100/p*100 (default 200, i.e. 50 %): traffic stays in
 *   the local zone while at least p % of its endpoints are healthy;
 * - api/v1alpha1/validator.go#validateCrossZone: `to.zones` must be empty for `Any`/`None`
 *   and non-empty for `Only`/`AnyExcept`; `from.zones` non-empty when `from` is set; and
 *   crossZone is refused towards a MeshService selected by labels or sectionName ("MeshService
 *   traffic is local"), so the destination is a MeshMultiZoneService.
 */
import { KumaResource } from '../kuma-resource';
import { meshLabels, TargetRef } from './target-ref';

/** How a failover entry picks its zones (api/v1alpha1/meshloadbalancingstrategy.go#ToZoneType). */
export type ToZoneType = 'None' | 'Only' | 'Any' | 'AnyExcept';

/** One `crossZone.failover` entry. */
export interface FailoverModel {
  /** Caller zones the entry applies to; every zone when absent. */
  readonly from?: { readonly zones: string[] };
  readonly to: { readonly type: ToZoneType; readonly zones?: string[] };
}

/** The MeshLoadBalancingStrategy spec fields this library emits. */
export interface MeshLoadBalancingStrategySpec {
  readonly targetRef: TargetRef;
  readonly to: {
    readonly targetRef: TargetRef;
    readonly default: {
      readonly localityAwareness: {
        readonly crossZone: {
          readonly failover: FailoverModel[];
          readonly failoverThreshold?: { readonly percentage: number };
        };
      };
    };
  }[];
}

/** Inputs of {@link renderMeshLoadBalancingStrategy}. */
export interface MeshLoadBalancingStrategyModel {
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
  /** Name of the MeshMultiZoneService the strategy applies to (in the policy's own namespace). */
  readonly multiZoneServiceName: string;
  readonly failover: FailoverModel[];
  /** Percentage of healthy local endpoints below which traffic spills to the next priority. */
  readonly failoverThresholdPercent?: number;
}

/**
 * The failover order "local zone first, then the others": for each zone of the service, one
 * `Only` entry per other zone in the given order (the earlier, the preferred), then one `Any`
 * entry for callers in zones that run no copy, whose remote endpoints would otherwise be
 * dropped (locality_aware.go#NewEndpoints).
 */
export function localZoneFirstFailover(zones: readonly string[]): FailoverModel[] {
  const entries: FailoverModel[] = [];
  for (const from of zones) {
    for (const to of zones) {
      if (to !== from) entries.push({ from: { zones: [from] }, to: { type: 'Only', zones: [to] } });
    }
  }
  entries.push({ to: { type: 'Any' } });
  return entries;
}

/**
 * A strategy for every caller in the mesh (top-level `targetRef: Mesh`) towards one
 * MeshMultiZoneService, with cross-zone failover.
 */
export function renderMeshLoadBalancingStrategy(model: MeshLoadBalancingStrategyModel): KumaResource {
  const spec: MeshLoadBalancingStrategySpec = {
    // Mesh: the order is a property of the destination, so every caller (gateways, checks,
    // other workloads) gets it; Kuma applies `to` entries only to traffic to that service.
    targetRef: { kind: 'Mesh' },
    to: [
      {
        // By name only: resolve/targetref.go#TargetRef fills namespace (and zone) from the
        // policy's own metadata, which is right on a Kubernetes global (system namespace) and
        // on a Universal one (no namespace at all).
        targetRef: { kind: 'MeshMultiZoneService', name: model.multiZoneServiceName },
        default: {
          localityAwareness: {
            crossZone: {
              failover: model.failover.map((entry) => ({
                ...(entry.from ? { from: { zones: [...entry.from.zones] } } : {}),
                to: { type: entry.to.type, ...(entry.to.zones ? { zones: [...entry.to.zones] } : {}) },
              })),
              ...(model.failoverThresholdPercent !== undefined ? { failoverThreshold: { percentage: model.failoverThresholdPercent } } : {}),
            },
          },
        },
      },
    ],
  };
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'MeshLoadBalancingStrategy',
    metadata: { name: model.name, namespace: model.namespace, labels: meshLabels(model.mesh) },
    spec: spec as unknown as { [key: string]: unknown },
  };
}
