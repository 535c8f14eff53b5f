/**
 * A `MeshLoadBalancingStrategy` (kuma.io_meshloadbalancingstrategies.yaml v1alpha1) with
 * locality-aware cross-zone failover towards a {@link MeshMultiZoneService}: callers keep
 * their traffic in their own zone while enough copies there are healthy, and fail over to
 * the other zones in the order given. How Kuma 2.14.3 reads every field is in
 * `models/mesh-load-balancing-strategy.ts`.
 */
import { Construct } from 'constructs';
import { assertDns1123Label, assertIntegerInRange, isUnresolved, ValidationError } from '../private/validation';
import { IGlobalControlPlane } from './control-plane';
import { MeshMultiZoneService } from './mesh-multi-zone-service';
import { FailoverModel, localZoneFirstFailover, renderMeshLoadBalancingStrategy } from './models/mesh-load-balancing-strategy';

/** One failover step of a {@link MeshLoadBalancingStrategy}, in priority order. */
export interface CrossZoneFailover {
  /**
   * Zones of the callers this step applies to.
   * @default callers in every zone
   */
  readonly fromZones?: string[];
  /**
   * Zones traffic fails over to at this step (Kuma's `Only`).
   * @default any zone (Kuma's `Any`)
   */
  readonly toZones?: string[];
}

/** Options of {@link MeshLoadBalancingStrategy.localZoneFirst}. */
export interface LocalZoneFirstOptions {
  /** Global control plane the policy is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /** The service whose callers fail over. */
  readonly service: MeshMultiZoneService;
  /** Zones running the service, in failover preference: after its own zone, a caller tries them in this order. */
  readonly zones: string[];
  /**
   * Policy name.
   * @default "<service name>-failover"
   */
  readonly name?: string;
  /**
   * Percentage of healthy local endpoints below which traffic spills to the next zone.
   * @default Kuma's 50
   */
  readonly failoverThresholdPercent?: number;
}

/** Properties of a {@link MeshLoadBalancingStrategy}. */
export interface MeshLoadBalancingStrategyProps {
  /** Global control plane the policy is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /** Policy name (DNS-1123 label). */
  readonly name: string;
  /** The service whose callers fail over; the policy belongs to its mesh. */
  readonly service: MeshMultiZoneService;
  /**
   * Failover steps, most preferred first (the caller's own zone always comes before them).
   * A caller zone that no step applies to loses every remote endpoint, so end with a step
   * without `fromZones` unless each caller zone is covered.
   */
  readonly failover: CrossZoneFailover[];
  /**
   * Percentage of healthy local endpoints below which traffic spills to the next zone.
   * @default Kuma's 50
   */
  readonly failoverThresholdPercent?: number;
}

/** Locality-aware load balancing with cross-zone failover for every caller of one multi-zone service. */
export class MeshLoadBalancingStrategy extends Construct {
  /**
   * The local zone first, then the service's other zones in the order given, and any zone
   * for callers in a zone that runs no copy.
   */
  public static localZoneFirst(scope: Construct, id: string, options: LocalZoneFirstOptions): MeshLoadBalancingStrategy {
    const duplicate = options.zones.find((zone, index) => options.zones.indexOf(zone) !== index);
    if (duplicate !== undefined) {
      throw new ValidationError(`${scope.node.path}/${id}.zones`, options.zones, `names zone "${duplicate}" twice; list each zone once, in failover preference`);
    }
    return new MeshLoadBalancingStrategy(scope, id, {
      globalControlPlane: options.globalControlPlane,
      name: options.name ?? `${options.service.serviceName}-failover`,
      service: options.service,
      failover: localZoneFirstFailover(options.zones).map(fromModel),
      failoverThresholdPercent: options.failoverThresholdPercent,
    });
  }

  /** Name of the policy. */
  public readonly policyName: string;
  /** The failover steps, as written. */
  public readonly failover: CrossZoneFailover[];

  constructor(scope: Construct, id: string, props: MeshLoadBalancingStrategyProps) {
    super(scope, id);
    const path = this.node.path;
    if (!isUnresolved(props.name)) assertDns1123Label(props.name, `${path}.name`, 'policy name');
    if (props.failover.length === 0) {
      throw new ValidationError(`${path}.failover`, props.failover, 'must list at least one step, e.g. [{ toZones: ["gcp"] }]');
    }
    props.failover.forEach((step, index) => {
      // validator.go#validateCrossZone: `from.zones` and an `Only` list must not be empty.
      for (const [field, zones] of [['fromZones', step.fromZones], ['toZones', step.toZones]] as const) {
        if (zones === undefined) continue;
        if (zones.length === 0) throw new ValidationError(`${path}.failover[${index}].${field}`, zones, 'must name at least one zone, or be left out for every zone');
        zones.forEach((zone, k) => {
          if (!isUnresolved(zone)) assertDns1123Label(zone, `${path}.failover[${index}].${field}[${k}]`, 'zone name');
        });
      }
    });
    assertIntegerInRange(props.failoverThresholdPercent, `${path}.failoverThresholdPercent`, 1, 100);
    this.policyName = props.name;
    this.failover = props.failover;
    props.globalControlPlane.resources.apply(
      this,
      'resource',
      renderMeshLoadBalancingStrategy({
        name: props.name,
        namespace: props.globalControlPlane.systemNamespace,
        mesh: props.service.mesh,
        multiZoneServiceName: props.service.serviceName,
        failover: props.failover.map(toModel),
        failoverThresholdPercent: props.failoverThresholdPercent,
      }),
    );
  }
}

function toModel(step: CrossZoneFailover): FailoverModel {
  return {
    ...(step.fromZones ? { from: { zones: step.fromZones } } : {}),
    to: step.toZones ? { type: 'Only', zones: step.toZones } : { type: 'Any' },
  };
}

function fromModel(entry: FailoverModel): CrossZoneFailover {
  return { ...(entry.from ? { fromZones: entry.from.zones } : {}), ...(entry.to.zones ? { toZones: entry.to.zones } : {}) };
}
