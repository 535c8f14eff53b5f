/**
 * KUMA_POLICY_* rules: the resilience and telemetry policies (MeshTimeout, MeshRetry,
 * MeshCircuitBreaker, MeshHealthCheck, MeshMetric, MeshAccessLog, MeshTrace and the
 * MeshOpenTelemetryBackend they send to), judged the way Kuma 2.14.3 reads them: which
 * Dataplanes the top-level targetRef selects, which MeshService `to[].targetRef` resolves to
 * in the zone of those Dataplanes, which block of the configuration the destination's
 * protocol makes the plugin read, how durations and enums are parsed, and which backend a
 * backendRef finds. Every source is kumahq/kuma@v2.14.3.
 */
import type { AppView } from '../app-view';
import type { UpstreamRule, Violation } from '../types';
import { addressOf, policyZone, selectedInbounds, targetRefErrors } from './kuma';
import { DataplaneView, kumaModel, KumaModel, KumaResourceView, MeshServiceView, protocolOf } from './kuma-model';
import { groupedIn, multiZoneServices, resolveMultiZoneService } from './kuma-multi-zone-model';
import { callersOf } from './kuma-failover';

const KUMA = 'kumahq/kuma@v2.14.3';

/** Policies configuring a proxy's calls to a destination (`to`). */
export const OUTBOUND_POLICY_KINDS = ['MeshTimeout', 'MeshRetry', 'MeshCircuitBreaker', 'MeshHealthCheck'];
/** Telemetry policies. */
export const TELEMETRY_POLICY_KINDS = ['MeshMetric', 'MeshAccessLog', 'MeshTrace'];
const ALL_KINDS = [...OUTBOUND_POLICY_KINDS, ...TELEMETRY_POLICY_KINDS];

function policies(model: KumaModel, kinds: readonly string[]): KumaResourceView[] {
  return model.resources.filter((resource) => kinds.includes(resource.kind));
}

/** Dataplanes the top-level targetRef selects (a delegated gateway counts: `to` policies configure its outbounds). */
export function selectedDataplanes(model: KumaModel, resource: KumaResourceView): DataplaneView[] {
  const zone = policyZone(model, resource);
  return model.dataplanes.filter((dataplane) => {
    if (dataplane.error || dataplane.mesh !== resource.mesh || (zone !== undefined && dataplane.zone !== zone)) return false;
    const selected = selectedInbounds(resource.spec?.targetRef ?? { kind: 'Mesh' }, dataplane);
    return selected.inbounds > 0 || selected.delegatedGateway;
  });
}

/** A MeshService as the CP of `zone` stores it: local labels at home, synced labels elsewhere. */
function labelsSeenFrom(service: MeshServiceView, zone: string): Record<string, string> {
  return service.zone === zone ? service.localLabels : service.syncedLabels;
}

/**
 * The MeshServices a `to[].targetRef` of kind MeshService resolves to in `zone`
 * (rules/resolve/targetref.go#TargetRef): by labels, every MeshService whose labels include
 * them; by name, the one whose identifier (display name, `k8s.kuma.io/namespace`,
 * `kuma.io/zone` labels: pkg/core/kri/kri.go#FromResourceMetaE) equals the identifier built
 * from the policy's own labels (resolve/backendref.go#TargetRefToKRI), compared for equality
 * (pkg/xds/context/resources.go#Get).
 */
export function resolveMeshServices(model: KumaModel, policy: KumaResourceView, ref: any, zone: string): MeshServiceView[] {
  const pool = model.meshServices.filter((service) => service.mesh === policy.mesh);
  const labels = ref.labels as Record<string, string> | undefined;
  if (labels && Object.keys(labels).length > 0) {
    return pool.filter((service) => {
      const seen = labelsSeenFrom(service, zone);
      return Object.entries(labels).every(([key, value]) => seen[key] === value);
    });
  }
  const namespace = ref.namespace || policy.labels['k8s.kuma.io/namespace'] || '';
  return pool.filter((service) => {
    const seen = labelsSeenFrom(service, zone);
    return (seen['kuma.io/display-name'] ?? service.name) === ref.name && (seen['k8s.kuma.io/namespace'] ?? '') === namespace && (seen['kuma.io/zone'] ?? '') === (policy.labels['kuma.io/zone'] ?? '');
  });
}

function describeServices(model: KumaModel, zone: string): string {
  return model.meshServices.slice(0, 6).map((service) => `${service.namespace}/${service.name} (zone ${service.zone}, seen from ${zone} with ${JSON.stringify(labelsSeenFrom(service, zone))})`).join('; ') || 'none';
}

export const KUMA_POLICY_SELECTS_WORKLOAD: UpstreamRule = {
  id: 'KUMA_POLICY_SELECTS_WORKLOAD',
  title: 'Every resilience and telemetry policy selects at least one Dataplane of the topology',
  sources: [
    `${KUMA}:pkg/plugins/policies/core/matchers/dataplane.go#DppSelectedByPolicy`,
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/pod_converter.go#PodToDataplane`,
    `${KUMA}:pkg/core/resources/labels/compute.go#Compute`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    return policies(model, ALL_KINDS)
      .filter((resource) => selectedDataplanes(model, resource).length === 0)
      .map((resource) => ({
        address: addressOf(resource),
        message: `${resource.kind} ${resource.name}: targetRef ${JSON.stringify(resource.spec?.targetRef)} selects no Dataplane of mesh "${resource.mesh}", so Kuma configures no proxy with it; select the caller's pods with kind Dataplane and their labels`,
      }));
  },
};

export const KUMA_POLICY_TO_RESOLVES: UpstreamRule = {
  id: 'KUMA_POLICY_TO_RESOLVES',
  title: 'Every to[].targetRef of a resilience policy resolves to a MeshService that exists, in the zone of every Dataplane it configures',
  sources: [
    `${KUMA}:pkg/plugins/policies/core/rules/resolve/targetref.go#TargetRef`,
    `${KUMA}:pkg/plugins/policies/core/rules/resolve/backendref.go#TargetRefToKRI`,
    `${KUMA}:pkg/core/kri/kri.go#FromResourceMetaE`,
    `${KUMA}:pkg/xds/context/resources.go#Get`,
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/meshservice_controller.go#Reconcile`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const resource of policies(model, OUTBOUND_POLICY_KINDS)) {
      const zones = new Set(selectedDataplanes(model, resource).map((dataplane) => dataplane.zone));
      for (const [index, rule] of (resource.spec?.to ?? []).entries()) {
        const ref = rule?.targetRef;
        if (ref?.kind === 'MeshMultiZoneService') {
          if (resolveMultiZoneService(model, resource, ref)) continue;
          violations.push({
            address: addressOf(resource),
            message: `${resource.kind} ${resource.name}: to[${index}].targetRef ${JSON.stringify(ref)} names no MeshMultiZoneService of mesh ${resource.mesh} in namespace ${ref.namespace || resource.namespace}, so the configuration applies to nothing. MeshMultiZoneServices: ${multiZoneServices(model).map((service) => `${service.namespace}/${service.name}`).join(', ') || 'none'}`,
          });
          continue;
        }
        if (ref?.kind !== 'MeshService') continue;
        for (const zone of zones) {
          if (resolveMeshServices(model, resource, ref, zone).length > 0) continue;
          violations.push({
            address: addressOf(resource),
            message: `${resource.kind} ${resource.name}: to[${index}].targetRef ${JSON.stringify(ref)} resolves to no MeshService in zone ${zone}, so the configuration applies to nothing` +
              (ref.labels ? '' : ' (a name is resolved as an identifier with the policy\'s own zone and namespace labels, which a policy from the global does not have; select by labels)') +
              `. MeshServices: ${describeServices(model, zone)}`,
          });
        }
      }
    }
    return violations;
  },
};

export const KUMA_POLICY_TO_OUTBOUND_USED: UpstreamRule = {
  id: 'KUMA_POLICY_TO_OUTBOUND_USED',
  title: 'A resilience policy configures the outbound its callers use: to a MeshMultiZoneService when they call the service through one, not to one zone\'s MeshService',
  sources: [
    `${KUMA}:pkg/xds/topology/outbound.go#fillMeshMultiZoneServices`,
    `${KUMA}:pkg/plugins/policies/core/rules/outbound/resourcerules.go`,
    `${KUMA}:pkg/plugins/policies/core/rules/resolve/targetref.go#TargetRef`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const resource of policies(model, OUTBOUND_POLICY_KINDS)) {
      const selected = selectedDataplanes(model, resource);
      for (const [index, rule] of (resource.spec?.to ?? []).entries()) {
        const ref = rule?.targetRef;
        if (ref?.kind !== 'MeshService') continue;
        for (const multiZone of multiZoneServices(model).filter((service) => service.mesh === resource.mesh)) {
          const callers = callersOf(model, multiZone).filter((dataplane) => selected.includes(dataplane));
          // Each MeshMultiZoneService is its own outbound (its own cluster), so a policy on
          // a MeshService it groups never reaches the traffic sent to the multi-zone name.
          const bypassed = callers.filter((dataplane) => resolveMeshServices(model, resource, ref, dataplane.zone).some((service) => groupedIn(model, multiZone, dataplane.zone).includes(service)));
          if (bypassed.length === 0) continue;
          violations.push({
            address: addressOf(resource),
            message: `${resource.kind} ${resource.name}: to[${index}] selects a MeshService that ${[...new Set(bypassed.map((dataplane) => `${dataplane.pod.namespace}/${dataplane.pod.owner.metadata.name}`))].join(', ')} reach only through MeshMultiZoneService ${multiZone.name}; target { kind: MeshMultiZoneService, name: ${multiZone.name} } so the configuration applies to their traffic`,
          });
        }
      }
    }
    return violations;
  },
};

/** The protocol of every port of the MeshServices a rule resolves to. */
function destinationProtocols(model: KumaModel, resource: KumaResourceView, ref: any): Set<string> {
  const protocols = new Set<string>();
  const multiZone = resolveMultiZoneService(model, resource, ref);
  for (const zone of new Set(selectedDataplanes(model, resource).map((dataplane) => dataplane.zone))) {
    // A MeshMultiZoneService's ports are those of the MeshServices it groups (status_updater.go#matchesService).
    for (const service of multiZone ? groupedIn(model, multiZone, zone) : resolveMeshServices(model, resource, ref, zone)) {
      for (const port of service.service.spec?.ports ?? []) protocols.add(protocolOf(service.service, port));
    }
  }
  return protocols;
}

const HTTP_PROTOCOLS = new Set(['http', 'http2']);

export const KUMA_POLICY_CONF_FITS_PROTOCOL: UpstreamRule = {
  id: 'KUMA_POLICY_CONF_FITS_PROTOCOL',
  title: 'A resilience policy sets the block its destination\'s protocol makes the plugin read (tcp for TCP, http for HTTP)',
  sources: [
    `${KUMA}:pkg/plugins/policies/meshretry/plugin/xds/configurer.go#GetRouteRetryConfig`,
    `${KUMA}:pkg/plugins/policies/meshhealthcheck/plugin/xds/configurer.go#selectHealthCheckType`,
    `${KUMA}:pkg/plugins/policies/meshtimeout/plugin/xds/configurer.go`,
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/inbound_converter.go#ProtocolTagFor`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const resource of policies(model, ['MeshTimeout', 'MeshRetry', 'MeshHealthCheck'])) {
      for (const [index, rule] of (resource.spec?.to ?? []).entries()) {
        const protocols = destinationProtocols(model, resource, rule?.targetRef);
        const conf = rule?.default ?? {};
        const at = `${resource.kind} ${resource.name} to[${index}]`;
        for (const protocol of protocols) {
          const http = HTTP_PROTOCOLS.has(protocol);
          if (resource.kind === 'MeshTimeout' && !http && conf.http !== undefined) {
            violations.push({ address: addressOf(resource), message: `${at}: http timeouts on a ${protocol} destination, which Kuma never reads (only connectionTimeout and idleTimeout apply to TCP)` });
          }
          if (resource.kind === 'MeshRetry' && (http ? conf.http === undefined : conf.tcp === undefined)) {
            violations.push({ address: addressOf(resource), message: `${at}: the destination is ${protocol}, so Kuma reads the ${http ? 'http' : 'tcp'} block, which is missing: no retries` });
          }
          if (resource.kind === 'MeshHealthCheck' && (http ? conf.http === undefined && conf.tcp === undefined : conf.tcp === undefined)) {
            violations.push({ address: addressOf(resource), message: `${at}: the destination is ${protocol}, and no ${http ? 'http (or tcp)' : 'tcp'} block is set, so selectHealthCheckType picks no check` });
          }
        }
      }
    }
    return violations;
  },
};

/**
 * Go's `time.ParseDuration`, which `metav1.Duration` runs when Kuma decodes these fields
 * (kubernetes/apimachinery@v0.36.1:pkg/apis/meta/v1/duration.go#UnmarshalJSON (the version kumahq/kuma@v2.14.3:go.mod pins)).
 */
/** time.ParseDuration (Go stdlib time/format.go): digits before or after each dot, a unit each, or a bare 0. */
const GO_DURATION = /^(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$|^0$/;

/** Duration fields of each policy's `default`, by dotted path. */
const DURATION_FIELDS: Record<string, readonly string[]> = {
  MeshTimeout: ['connectionTimeout', 'idleTimeout', 'http.requestTimeout', 'http.streamIdleTimeout', 'http.maxStreamDuration', 'http.maxConnectionDuration', 'http.requestHeadersTimeout'],
  MeshRetry: ['http.perTryTimeout', 'http.backOff.baseInterval', 'http.backOff.maxInterval', 'grpc.perTryTimeout', 'grpc.backOff.baseInterval', 'grpc.backOff.maxInterval'],
  MeshCircuitBreaker: ['outlierDetection.interval', 'outlierDetection.baseEjectionTime'],
  MeshHealthCheck: ['interval', 'timeout', 'initialJitter', 'intervalJitter', 'noTrafficInterval'],
};
/** Fields the validators require above zero (validators.ValidateDurationGreaterThanZeroOrNil). */
const POSITIVE_DURATIONS: Record<string, readonly string[]> = {
  MeshCircuitBreaker: ['outlierDetection.interval', 'outlierDetection.baseEjectionTime'],
  MeshHealthCheck: ['interval', 'timeout', 'initialJitter', 'intervalJitter', 'noTrafficInterval'],
};

function at(object: any, path: string): unknown {
  return path.split('.').reduce((value, key) => (value === undefined || value === null ? undefined : value[key]), object);
}

function isZero(duration: string): boolean {
  return [...duration.matchAll(/([0-9]*(?:\.[0-9]*)?)(?:ns|us|µs|μs|ms|s|m|h)/g)].every(([, number]) => Number(number || '0') === 0);
}

export const KUMA_POLICY_DURATIONS_PARSE: UpstreamRule = {
  id: 'KUMA_POLICY_DURATIONS_PARSE',
  title: 'Every duration of a resilience policy parses as a Go duration, and is above zero where the validator requires it',
  sources: [
    `${KUMA}:pkg/plugins/policies/meshtimeout/api/v1alpha1/meshtimeout.go#Conf`,
    `${KUMA}:pkg/plugins/policies/meshretry/api/v1alpha1/meshretry.go#HTTP`,
    `${KUMA}:pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/validator.go#validateOutlierDetection`,
    `${KUMA}:pkg/plugins/policies/meshhealthcheck/api/v1alpha1/validator.go#validateDefault`,
    'kubernetes/apimachinery@v0.36.1:pkg/apis/meta/v1/duration.go#UnmarshalJSON',
  ],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    for (const resource of policies(kumaModel(app), OUTBOUND_POLICY_KINDS)) {
      for (const [index, rule] of (resource.spec?.to ?? []).entries()) {
        for (const field of DURATION_FIELDS[resource.kind] ?? []) {
          const value = at(rule?.default, field);
          if (value === undefined) continue;
          const where = `${resource.kind} ${resource.name} to[${index}].default.${field}`;
          if (typeof value !== 'string' || !GO_DURATION.test(value)) {
            violations.push({ address: addressOf(resource), message: `${where} is ${JSON.stringify(value)}, which time.ParseDuration rejects: Kuma cannot decode the policy; use e.g. "5s" or "15m"` });
          } else if ((POSITIVE_DURATIONS[resource.kind] ?? []).includes(field) && isZero(value)) {
            violations.push({ address: addressOf(resource), message: `${where} is ${value}: the validator requires it above zero` });
          }
        }
      }
    }
    return violations;
  },
};

/** Go's http.StatusText knows these codes; the MeshRetry validator rejects any other number. */
const STATUS_CODES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);
/**
 * validator.go#validateHTTPRetryOn, as api/v1alpha1/meshretry.go names the enum: `All5xx` is
 * lower-case "5xx" (validator_test.go expects "unknown item '5XX'"), although the CRD's
 * description and example say 5XX and the CRD has no enum to catch it.
 */
const RETRY_ON = new Set([
  '5xx', 'GatewayError', 'Reset', 'Retriable4xx', 'ConnectFailure', 'EnvoyRatelimited', 'RefusedStream', 'Http3PostConnectFailure',
  'HttpMethodConnect', 'HttpMethodDelete', 'HttpMethodGet', 'HttpMethodHead', 'HttpMethodOptions', 'HttpMethodPatch', 'HttpMethodPost', 'HttpMethodPut', 'HttpMethodTrace',
]);

/** Milliseconds of a Go duration that parses. */
function millis(value: string): number {
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return [...value.matchAll(/([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/g)].reduce((total, [, number, u]) => total + Number(number || '0') * unit[u], 0);
}

export const KUMA_MESHRETRY_READ_AS_MEANT: UpstreamRule = {
  id: 'KUMA_MESHRETRY_READ_AS_MEANT',
  title: 'MeshRetry: retryOn values the validator knows, retries that are not silently dropped, a back-off Envoy accepts',
  sources: [
    `${KUMA}:pkg/plugins/policies/meshretry/api/v1alpha1/validator.go#validateHTTPRetryOn`,
    `${KUMA}:pkg/plugins/policies/meshretry/api/v1alpha1/validator.go#validateTCP`,
    `${KUMA}:pkg/plugins/policies/meshretry/plugin/xds/configurer.go#genHttpRetryPolicy`,
    `${KUMA}:pkg/plugins/policies/meshretry/plugin/xds/configurer.go#splitRetryOn`,
    'envoyproxy/envoy@v1.38.2:api/envoy/config/route/v3/route_components.proto#RetryPolicy.RetryBackOff',
  ],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    for (const resource of policies(kumaModel(app), ['MeshRetry'])) {
      for (const [index, rule] of (resource.spec?.to ?? []).entries()) {
        const where = `MeshRetry ${resource.name} to[${index}].default`;
        const conf = rule?.default ?? {};
        if (conf.tcp === undefined && conf.http === undefined && conf.grpc === undefined) violations.push({ address: addressOf(resource), message: `${where}: at least one of tcp, http, grpc must be set (validateDefault)` });
        if (conf.tcp !== undefined && !(Number(conf.tcp.maxConnectAttempt) > 0)) violations.push({ address: addressOf(resource), message: `${where}.tcp.maxConnectAttempt must be set and above zero (validateTCP)` });
        if (conf.http?.numRetries === 0) violations.push({ address: addressOf(resource), message: `${where}.http.numRetries is 0: genHttpRetryPolicy then configures no retry policy at all; remove the policy instead` });
        for (const [k, value] of (conf.http?.retryOn ?? []).entries()) {
          const code = /^[0-9]+$/.test(String(value)) ? Number(value) : undefined;
          if (!RETRY_ON.has(value) && !(code !== undefined && STATUS_CODES.has(code))) {
            violations.push({ address: addressOf(resource), message: `${where}.http.retryOn[${k}] is ${JSON.stringify(value)}: the validator knows only ${[...RETRY_ON].join(', ')} and HTTP status codes (note 5XX is upper case)` });
          }
        }
        const backOff = conf.http?.backOff;
        if (backOff?.baseInterval && backOff?.maxInterval && GO_DURATION.test(backOff.baseInterval) && GO_DURATION.test(backOff.maxInterval) && millis(backOff.maxInterval) < millis(backOff.baseInterval)) {
          violations.push({ address: addressOf(resource), message: `${where}.http.backOff: maxInterval ${backOff.maxInterval} is below baseInterval ${backOff.baseInterval}, which Envoy rejects` });
        }
      }
    }
    return violations;
  },
};

/** Top-level and `to` kinds each validator accepts (role: not a system policy). */
const ALLOWED_KINDS: Record<string, { top: readonly string[]; to?: readonly string[] }> = {
  MeshTimeout: { top: ['Mesh', 'Dataplane', 'MeshSubset', 'MeshService', 'MeshServiceSubset'], to: ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService', 'MeshHTTPRoute'] },
  MeshRetry: { top: ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane'], to: ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService', 'MeshHTTPRoute'] },
  MeshCircuitBreaker: { top: ['Mesh', 'MeshSubset', 'MeshService', 'MeshGateway', 'MeshServiceSubset', 'Dataplane'], to: ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService'] },
  MeshHealthCheck: { top: ['Mesh', 'MeshSubset', 'MeshGateway', 'MeshService', 'MeshServiceSubset', 'Dataplane'], to: ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService'] },
  MeshMetric: { top: ['Mesh', 'MeshSubset', 'MeshService', 'Dataplane', 'MeshServiceSubset'] },
  MeshTrace: { top: ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane'] },
  MeshAccessLog: { top: ['Mesh', 'MeshSubset', 'MeshGateway', 'MeshService', 'MeshServiceSubset', 'Dataplane'], to: ['Mesh', 'MeshService', 'MeshExternalService', 'MeshMultiZoneService', 'MeshHTTPRoute'] },
};

/** The checks of each validator's `validateDefault` that the CRD schema cannot express. */
function defaultErrors(kind: string, conf: any): string[] {
  const errors: string[] = [];
  switch (kind) {
    case 'MeshCircuitBreaker':
      if (!conf?.connectionLimits && !conf?.outlierDetection) errors.push("at least one of 'connectionLimits' or 'outlierDetection' should be configured");
      if (conf?.outlierDetection && !conf.outlierDetection.detectors) errors.push('outlierDetection.detectors must be defined');
      for (const [key, value] of Object.entries<any>(conf?.connectionLimits ?? {})) if (!(value > 0)) errors.push(`connectionLimits.${key} must be greater than zero`);
      if (conf?.outlierDetection?.maxEjectionPercent !== undefined && !(conf.outlierDetection.maxEjectionPercent >= 0 && conf.outlierDetection.maxEjectionPercent <= 100)) errors.push('outlierDetection.maxEjectionPercent must be 0-100');
      break;
    case 'MeshHealthCheck':
      if (!conf?.http && !conf?.tcp && !conf?.grpc) errors.push('must have at least one of http, tcp, grpc');
      for (const key of ['unhealthyThreshold', 'healthyThreshold']) if (conf?.[key] !== undefined && !(conf[key] > 0)) errors.push(`${key} must be greater than zero`);
      break;
    case 'MeshAccessLog':
      if (!Array.isArray(conf?.backends)) errors.push('backends must be defined');
      break;
  }
  return errors;
}

export const KUMA_POLICY_VALID: UpstreamRule = {
  id: 'KUMA_POLICY_VALID',
  title: 'Resilience and telemetry policies pass their validators (targetRef kinds, required blocks, limits, at most one trace backend)',
  sources: [
    `${KUMA}:pkg/plugins/policies/meshtimeout/api/v1alpha1/validator.go#validate`,
    `${KUMA}:pkg/plugins/policies/meshretry/api/v1alpha1/validator.go#validate`,
    `${KUMA}:pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/validator.go#validateDefault`,
    `${KUMA}:pkg/plugins/policies/meshhealthcheck/api/v1alpha1/validator.go#validateDefault`,
    `${KUMA}:pkg/plugins/policies/meshmetric/api/v1alpha1/validator.go#validateBackend`,
    `${KUMA}:pkg/plugins/policies/meshtrace/api/v1alpha1/validator.go#validateDefault`,
    `${KUMA}:pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go#validate`,
    `${KUMA}:pkg/core/resources/apis/mesh/validators.go#ValidateTargetRef`,
  ],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    for (const resource of policies(kumaModel(app), ALL_KINDS)) {
      const spec = resource.spec ?? {};
      const allowed = ALLOWED_KINDS[resource.kind];
      const errors: string[] = [];
      if (spec.targetRef) errors.push(...targetRefErrors(spec.targetRef, allowed.top, false).map((error) => `targetRef: ${error}`));
      const to: any[] = spec.to ?? [];
      to.forEach((rule, index) => {
        errors.push(...targetRefErrors(rule?.targetRef, allowed.to ?? [], false).map((error) => `to[${index}].targetRef: ${error}`));
        errors.push(...defaultErrors(resource.kind, rule?.default).map((error) => `to[${index}].default: ${error}`));
      });
      (spec.from ?? []).forEach((rule: any, index: number) => {
        if (rule?.targetRef?.kind !== 'Mesh') errors.push(`from[${index}].targetRef: only kind Mesh is supported`);
        errors.push(...defaultErrors(resource.kind, rule?.default).map((error) => `from[${index}].default: ${error}`));
      });
      if (OUTBOUND_POLICY_KINDS.includes(resource.kind) || resource.kind === 'MeshAccessLog') {
        if (to.length === 0 && (spec.from ?? []).length === 0 && (spec.rules ?? []).length === 0) errors.push("at least one of 'from', 'to' or 'rules' has to be defined");
      }
      if (resource.kind === 'MeshTrace') {
        const backends = spec.default?.backends;
        if (!Array.isArray(backends)) errors.push('default.backends must be defined');
        else if (backends.length > 1) errors.push('default.backends must have zero or one backend defined');
        const overall = spec.default?.sampling?.overall;
        if (overall !== undefined && !(Number(overall) >= 0 && Number(overall) <= 100)) errors.push('default.sampling.overall must be between 0 and 100');
      }
      if (resource.kind === 'MeshMetric') {
        for (const [index, backend] of (spec.default?.backends ?? []).entries()) {
          if (backend.type === 'Prometheus' && !backend.prometheus) errors.push(`default.backends[${index}].prometheus must be defined`);
          if (backend.type === 'OpenTelemetry' && !backend.openTelemetry) errors.push(`default.backends[${index}].openTelemetry must be defined`);
        }
      }
      if (errors.length > 0) violations.push({ address: addressOf(resource), message: `${resource.kind} ${resource.name}: Kuma rejects it: ${errors.join('; ')}` });
    }
    return violations;
  },
};

/** Every `backendRef` in a telemetry policy's backends. */
function backendRefs(resource: KumaResourceView): Array<{ path: string; ref: any }> {
  const out: Array<{ path: string; ref: any }> = [];
  const visit = (backends: any[] | undefined, path: string) =>
    (backends ?? []).forEach((backend, index) => {
      if (backend?.openTelemetry?.backendRef) out.push({ path: `${path}.backends[${index}].openTelemetry.backendRef`, ref: backend.openTelemetry.backendRef });
    });
  const spec = resource.spec ?? {};
  visit(spec.default?.backends, 'default');
  for (const section of ['from', 'to', 'rules']) (spec[section] ?? []).forEach((rule: any, index: number) => visit(rule?.default?.backends, `${section}[${index}].default`));
  return out;
}

export const KUMA_OTEL_BACKEND_REF_RESOLVES: UpstreamRule = {
  id: 'KUMA_OTEL_BACKEND_REF_RESOLVES',
  title: 'Every backendRef of MeshTrace, MeshAccessLog and MeshMetric names labels that a MeshOpenTelemetryBackend of the same mesh carries',
  sources: [
    `${KUMA}:pkg/plugins/policies/core/xds/otel.go#resolveFromBackendRef`,
    `${KUMA}:pkg/plugins/policies/core/xds/otel.go#resolveBackendResourceByLabels`,
    `${KUMA}:pkg/core/resources/apis/meshopentelemetrybackend/api/v1alpha1/validator.go#validateEndpoint`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const backends = model.resources.filter((resource) => resource.kind === 'MeshOpenTelemetryBackend');
    const violations: Violation[] = [];
    for (const resource of policies(model, TELEMETRY_POLICY_KINDS)) {
      for (const { path, ref } of backendRefs(resource)) {
        const labels: Record<string, string> = ref.labels ?? {};
        const where = `${resource.kind} ${resource.name} ${path}`;
        if (Object.keys(labels).length === 0) {
          violations.push({ address: addressOf(resource), message: `${where} has no labels: Kuma resolves a backendRef by labels only and skips the backend otherwise` });
          continue;
        }
        const found = backends.filter((backend) => backend.mesh === resource.mesh && Object.entries(labels).every(([key, value]) => backend.labels[key] === value));
        if (found.length === 0) {
          violations.push({
            address: addressOf(resource),
            message: `${where} selects ${JSON.stringify(labels)}, which no MeshOpenTelemetryBackend of mesh "${resource.mesh}" carries (backends: ${backends.map((backend) => `${backend.name} ${JSON.stringify(backend.labels)}`).join('; ') || 'none'}): Kuma logs "not found, skipping backend" and sends nothing`,
          });
        }
      }
    }
    return violations;
  },
};

export const KUMA_POLICY_RULES: readonly UpstreamRule[] = [
  KUMA_POLICY_SELECTS_WORKLOAD,
  KUMA_POLICY_TO_RESOLVES,
  KUMA_POLICY_TO_OUTBOUND_USED,
  KUMA_POLICY_CONF_FITS_PROTOCOL,
  KUMA_POLICY_DURATIONS_PARSE,
  KUMA_MESHRETRY_READ_AS_MEANT,
  KUMA_POLICY_VALID,
  KUMA_OTEL_BACKEND_REF_RESOLVES,
];
