/**
 * KUMA_MLBS_* and KUMA_MMZS_* rules: cross-zone failover as Kuma 2.14.3 computes it from a
 * MeshLoadBalancingStrategy over a MeshMultiZoneService, and KUMA_ZONE_EGRESS_*: whether a
 * zone egress the app deploys can carry anything. Every source is kumahq/kuma@v2.14.3.
 *
 * - which zones' MeshServices a MeshMultiZoneService groups, in each zone:
 *   pkg/core/resources/apis/meshmultizoneservice/status_updater.go#matchesService (every zone
 *   control plane runs it over its own store: pkg/insights/components.go#Setup), and
 *   pkg/xds/topology/outbound.go#fillMeshMultiZoneServices (the endpoints are those of the
 *   matched MeshServices);
 * - how `to[].targetRef` finds it: pkg/plugins/policies/core/rules/resolve/targetref.go#TargetRef
 *   and backendref.go#TargetRefToKRI (name, namespace defaulted from the policy);
 * - the priorities: plugin/v1alpha1/priority.go#getCrossZoneLbGroups, #doesRuleApply and
 *   locality_aware.go#NewEndpoints, #configureCrossZoneEndpointLocality;
 * - the validator: pkg/plugins/policies/meshloadbalancingstrategy/api/v1alpha1/validator.go.
 */
import type { AppView } from '../app-view';
import type { UpstreamRule, Violation } from '../types';
import { DataplaneView, kumaModel, KumaModel, KumaResourceView } from './kuma-model';
import { groupedIn, multiZoneHostnames, resolveMultiZoneService } from './kuma-multi-zone-model';
import { selectedInbounds } from './kuma';

const KUMA = 'kumahq/kuma@v2.14.3';
const MLBS = `${KUMA}:pkg/plugins/policies/meshloadbalancingstrategy`;

function addressOf(resource: KumaResourceView): string {
  return resource.form === 'kubernetes' ? resource.origin.address : `${resource.origin.address} (${resource.kind} ${resource.name})`;
}

function strategies(model: KumaModel): KumaResourceView[] {
  return model.resources.filter((resource) => resource.kind === 'MeshLoadBalancingStrategy');
}

/** The zones of the app's zone control planes. */
function zonesOf(model: KumaModel): Set<string> {
  return new Set(model.controlPlanes.filter((cp) => cp.mode === 'zone' && cp.zone).map((cp) => cp.zone!));
}

/**
 * The Dataplanes that send traffic to a MeshMultiZoneService by one of its host names: the
 * pods of a namespace whose ExternalName Service points at it (a Kong gateway's route
 * backend), and pods whose command names it (connectivity checks).
 */
export function callersOf(model: KumaModel, service: KumaResourceView): DataplaneView[] {
  const hostnames = [...multiZoneHostnames(model)].filter(([, target]) => target === service).map(([name]) => name);
  if (hostnames.length === 0) return [];
  const callers = new Set<DataplaneView>();
  for (const dataplane of model.dataplanes) {
    if (dataplane.error || dataplane.mesh !== service.mesh) continue;
    const inventory = model.inventories.get(dataplane.cluster);
    const viaService = (inventory?.services() ?? []).some(
      (candidate) => candidate.spec?.type === 'ExternalName' && hostnames.includes(candidate.spec?.externalName) && (candidate.metadata.namespace ?? 'default') === dataplane.pod.namespace,
    );
    const inCommand = dataplane.pod.containers.some((container) => hostnames.some((name) => JSON.stringify([container.spec.command ?? [], container.spec.args ?? []]).includes(name)));
    if (viaService || inCommand) callers.add(dataplane);
  }
  return [...callers];
}

/** A failover entry as Kuma reads it. */
interface Failover {
  readonly from?: { readonly zones?: string[] };
  readonly to?: { readonly type?: string; readonly zones?: string[] };
}

function failoverOf(entry: any): Failover[] {
  return entry?.default?.localityAwareness?.crossZone?.failover ?? [];
}

/**
 * The priority Envoy gets for each zone's endpoints, for a caller in `localZone`
 * (priority.go#getCrossZoneLbGroups: entries whose `from` applies, priority = position + 1;
 * locality_aware.go#NewEndpoints: the local zone is 0, a remote zone takes the first group that
 * takes it, and is dropped (undefined) when none does). Only for a `to` entry with crossZone.
 */
export function failoverPriorities(to: any, localZone: string, zones: readonly string[]): Map<string, number | undefined> {
  const groups = failoverOf(to)
    .map((rule, index) => ({ rule, priority: index + 1 }))
    .filter(({ rule }) => rule.from === undefined || (rule.from.zones ?? []).includes(localZone));
  const out = new Map<string, number | undefined>();
  for (const zone of zones) {
    if (zone === localZone) {
      out.set(zone, 0);
      continue;
    }
    let priority: number | undefined;
    for (const { rule, priority: candidate } of groups) {
      const listed = (rule.to?.zones ?? []).includes(zone);
      const type = rule.to?.type;
      if (type === 'Any' || (type === 'AnyExcept' && !listed) || (type === 'Only' && listed)) {
        priority = candidate;
        break;
      }
    }
    out.set(zone, priority);
  }
  return out;
}

/** The `to` entries with cross-zone failover towards a MeshMultiZoneService. */
function crossZoneEntries(policy: KumaResourceView): { entry: any; index: number }[] {
  return ((policy.spec?.to ?? []) as any[]).map((entry, index) => ({ entry, index })).filter(({ entry }) => entry?.default?.localityAwareness?.crossZone !== undefined);
}

export const KUMA_MLBS_VALID: UpstreamRule = {
  id: 'KUMA_MLBS_VALID',
  title: 'MeshLoadBalancingStrategies pass Kuma\'s validator (targetRef kinds, crossZone only where traffic can leave the zone, failover zone lists per type)',
  sources: [`${MLBS}/api/v1alpha1/validator.go#validateTop`, `${MLBS}/api/v1alpha1/validator.go#validateTo`, `${MLBS}/api/v1alpha1/validator.go#validateCrossZone`],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    for (const policy of strategies(kumaModel(app))) {
      const errors: string[] = [];
      const top = policy.spec?.targetRef?.kind ?? 'Mesh';
      if (!['Mesh', 'MeshSubset', 'MeshGateway', 'MeshService', 'MeshServiceSubset', 'Dataplane'].includes(top)) errors.push(`targetRef.kind ${top} is not supported`);
      ((policy.spec?.to ?? []) as any[]).forEach((entry, index) => {
        const kind = entry?.targetRef?.kind;
        const allowed = top === 'MeshGateway' ? ['Mesh', 'MeshService', 'MeshMultiZoneService'] : ['Mesh', 'MeshService', 'MeshMultiZoneService', 'MeshHTTPRoute'];
        if (!allowed.includes(kind)) errors.push(`to[${index}].targetRef.kind ${kind} is not supported (only ${allowed.join(', ')})`);
        const crossZone = entry?.default?.localityAwareness?.crossZone;
        if (!crossZone) return;
        if (kind === 'MeshService' && (entry.targetRef.sectionName || Object.keys(entry.targetRef.labels ?? {}).length > 0)) {
          errors.push(`to[${index}].default.localityAwareness.crossZone must not be set: MeshService traffic is local`);
        }
        failoverOf(entry).forEach((rule: any, k: number) => {
          const at = `to[${index}].default.localityAwareness.crossZone.failover[${k}]`;
          if (rule.from !== undefined && !(rule.from.zones?.length > 0)) errors.push(`${at}.from.zones must not be empty`);
          if ((rule.from?.zones ?? []).some((zone: string) => zone === '')) errors.push(`${at}.from.zones must not contain an empty zone`);
          const zones = rule.to?.zones ?? [];
          switch (rule.to?.type) {
            case 'Any':
            case 'None':
              if (zones.length > 0) errors.push(`${at}.to.zones must be empty when type is ${rule.to.type}`);
              break;
            case 'Only':
            case 'AnyExcept':
              if (zones.length === 0) errors.push(`${at}.to.zones must not be empty when type is ${rule.to.type}`);
              break;
            default:
              errors.push(`${at}.to.type: unrecognized type ${JSON.stringify(rule.to?.type)}`);
          }
        });
      });
      if (errors.length > 0) violations.push({ address: addressOf(policy), message: `Kuma rejects it: ${errors.join('; ')}` });
    }
    return violations;
  },
};

export const KUMA_MLBS_TO_MULTI_ZONE_SERVICE: UpstreamRule = {
  id: 'KUMA_MLBS_TO_MULTI_ZONE_SERVICE',
  title: 'A cross-zone failover targets a MeshMultiZoneService the app creates, which groups, in every zone it names, that zone\'s own copy and the other zones\' copies',
  sources: [
    `${KUMA}:pkg/plugins/policies/core/rules/resolve/targetref.go#TargetRef`,
    `${KUMA}:pkg/plugins/policies/core/rules/resolve/backendref.go#TargetRefToKRI`,
    `${KUMA}:pkg/core/resources/apis/meshmultizoneservice/status_updater.go#matchesService`,
    `${KUMA}:pkg/insights/components.go#Setup`,
    `${KUMA}:pkg/xds/topology/outbound.go#fillMeshMultiZoneServices`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const policy of strategies(model)) {
      for (const { entry, index } of crossZoneEntries(policy)) {
        const service = resolveMultiZoneService(model, policy, entry.targetRef);
        if (!service) {
          violations.push({
            address: addressOf(policy),
            message: `to[${index}].targetRef ${JSON.stringify(entry.targetRef)} resolves to no MeshMultiZoneService of mesh "${policy.mesh}" (by name in the policy's namespace "${policy.namespace ?? ''}", or by labels), so the failover applies to nothing`,
          });
          continue;
        }
        const named = new Set<string>();
        for (const rule of failoverOf(entry)) [...(rule.from?.zones ?? []), ...(rule.to?.zones ?? [])].forEach((zone) => named.add(zone));
        for (const viewer of named) {
          const grouped = groupedIn(model, service, viewer);
          const missing = [...named].filter((zone) => !grouped.some((meshService) => meshService.zone === zone));
          if (missing.length === 0) continue;
          violations.push({
            address: addressOf(policy),
            message:
              `in zone ${viewer}, MeshMultiZoneService ${service.name} (selector ${JSON.stringify(service.spec?.selector?.meshService?.matchLabels ?? {})}) groups no MeshService of zone ${missing.join(', ')}, which the failover names: ` +
              (missing.includes(viewer)
                ? `the zone's own copy is missing, so its callers have no local endpoint and always leave the zone (a label only synced copies carry, such as kuma.io/display-name, leaves it out); `
                : 'those zones cannot be failed over to; ') +
              `select labels every zone's MeshService carries, e.g. k8s.kuma.io/service-name and k8s.kuma.io/namespace`,
          });
        }
      }
    }
    return violations;
  },
};

export const KUMA_MLBS_ZONES_EXIST: UpstreamRule = {
  id: 'KUMA_MLBS_ZONES_EXIST',
  title: 'Every zone a failover names is a zone of the topology (an unknown zone matches no caller and no endpoint)',
  sources: [`${MLBS}/plugin/v1alpha1/priority.go#doesRuleApply`, `${MLBS}/plugin/v1alpha1/locality_aware.go#configureCrossZoneEndpointLocality`],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const zones = zonesOf(model);
    const violations: Violation[] = [];
    for (const policy of strategies(model)) {
      for (const { entry, index } of crossZoneEntries(policy)) {
        failoverOf(entry).forEach((rule: any, k: number) => {
          for (const [field, list] of [['from.zones', rule.from?.zones ?? []], ['to.zones', rule.to?.zones ?? []]] as const) {
            for (const zone of list) {
              if (!zones.has(zone)) {
                violations.push({ address: addressOf(policy), message: `to[${index}]…failover[${k}].${field} names zone "${zone}", which no zone control plane of the app runs (zones: ${[...zones].join(', ') || 'none'})` });
              }
            }
          }
        });
      }
    }
    return violations;
  },
};

export const KUMA_MLBS_SELECTS_CALLERS: UpstreamRule = {
  id: 'KUMA_MLBS_SELECTS_CALLERS',
  title: 'A failover strategy\'s top-level targetRef selects every Dataplane that calls its MeshMultiZoneService (gateways routing to it, checks probing it), and at least one',
  sources: [`${KUMA}:pkg/plugins/policies/core/matchers/dataplane.go#DppSelectedByPolicy`, `${MLBS}/plugin/v1alpha1/plugin.go#configureDPP`],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const policy of strategies(model)) {
      for (const { entry, index } of crossZoneEntries(policy)) {
        const service = resolveMultiZoneService(model, policy, entry.targetRef);
        if (!service) continue;
        const callers = callersOf(model, service);
        const selected = (dataplane: DataplaneView) => {
          const selection = selectedInbounds(policy.spec?.targetRef ?? { kind: 'Mesh' }, dataplane);
          return selection.inbounds > 0 || selection.delegatedGateway;
        };
        const unselected = callers.filter((dataplane) => !selected(dataplane));
        if (callers.length === 0) {
          violations.push({ address: addressOf(policy), message: `to[${index}]: nothing in the app calls MeshMultiZoneService ${service.name} by its mesh host name, so the failover is never used` });
        } else if (unselected.length > 0) {
          violations.push({
            address: addressOf(policy),
            message: `targetRef ${JSON.stringify(policy.spec?.targetRef)} leaves out callers of ${service.name}: ${unselected.map((dataplane) => `${dataplane.pod.owner.kind} ${dataplane.pod.namespace}/${dataplane.pod.owner.metadata.name} in zone ${dataplane.zone}`).join('; ')}; they get Kuma's default order instead of this failover`,
          });
        }
      }
    }
    return violations;
  },
};

export const KUMA_MLBS_NO_ZONE_DROPPED: UpstreamRule = {
  id: 'KUMA_MLBS_NO_ZONE_DROPPED',
  title: 'For every caller zone, every other zone with a copy of the service gets a failover priority (Kuma drops the endpoints of a zone no failover entry takes)',
  sources: [`${MLBS}/plugin/v1alpha1/locality_aware.go#NewEndpoints`, `${MLBS}/plugin/v1alpha1/priority.go#getCrossZoneLbGroups`],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const policy of strategies(model)) {
      for (const { entry, index } of crossZoneEntries(policy)) {
        const service = resolveMultiZoneService(model, policy, entry.targetRef);
        if (!service) continue;
        const callerZones = new Set(callersOf(model, service).map((dataplane) => dataplane.zone));
        for (const zone of callerZones) {
          const copies = [...new Set(groupedIn(model, service, zone).map((meshService) => meshService.zone))];
          const dropped = [...failoverPriorities(entry, zone, copies)].filter(([, priority]) => priority === undefined).map(([other]) => other);
          if (dropped.length > 0) {
            violations.push({
              address: addressOf(policy),
              message: `to[${index}]: callers in zone ${zone} get no endpoint of zone ${dropped.join(', ')} (no failover entry applies to them and takes it), so ${service.name} is unreachable from ${zone} when its local copy is down; add an entry for them or a final { to: { type: Any } }`,
            });
          }
        }
      }
    }
    return violations;
  },
};

export const KUMA_ZONE_EGRESS_CARRIES_TRAFFIC: UpstreamRule = {
  id: 'KUMA_ZONE_EGRESS_CARRIES_TRAFFIC',
  title: 'A zone egress is deployed only where the mesh sends something through it (MeshExternalServices): with Exclusive MeshServices, cross-zone traffic goes to remote zone ingresses directly',
  sources: [
    `${KUMA}:pkg/xds/topology/outbound.go#fillRemoteMeshServices`,
    `${KUMA}:pkg/xds/topology/outbound.go#fillExternalServicesOutboundsThroughEgress`,
    `${KUMA}:pkg/core/resources/apis/mesh/mesh_helpers.go#ZoneEgressEnabled`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const external = model.resources.some((resource) => resource.kind === 'MeshExternalService' || resource.kind === 'ExternalService');
    if (external) return [];
    const violations: Violation[] = [];
    for (const [, inventory] of model.inventories) {
      for (const pod of inventory.podTemplates()) {
        if (pod.annotations['kuma.io/egress'] !== 'enabled') continue;
        violations.push({
          address: pod.origin.address,
          message: `${pod.owner.kind} ${pod.namespace}/${pod.owner.metadata.name} is a zone egress, but the app defines no MeshExternalService or ExternalService: a remote MeshService's endpoints are the remote zone ingresses whatever routing.zoneEgress says, so it carries nothing; disable it (ZoneControlPlane egress: false) or add the external services it is for`,
        });
      }
    }
    return violations;
  },
};

export const KUMA_FAILOVER_RULES: readonly UpstreamRule[] = [
  KUMA_MLBS_VALID,
  KUMA_MLBS_TO_MULTI_ZONE_SERVICE,
  KUMA_MLBS_ZONES_EXIST,
  KUMA_MLBS_SELECTS_CALLERS,
  KUMA_MLBS_NO_ZONE_DROPPED,
  KUMA_ZONE_EGRESS_CARRIES_TRAFFIC,
];
