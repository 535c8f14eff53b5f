/**
 * KUMA_* rules: what Kuma 2.14.3 does with the resources, pod annotations and chart values
 * the library emits, computed from each cluster's objects (./kuma-model.ts) the way Kuma's
 * controllers, matchers, validators and webhooks do. Every source is kumahq/kuma@v2.14.3.
 */
import type { AppView } from '../app-view';
import type { UpstreamRule, Violation } from '../types';
import type { PodTemplateView } from '../inventory';
import {
  DataplaneView,
  envOf,
  evaluateHostnameTemplate,
  identityOf,
  KUMA_DEFAULT_MESH_SERVICE_GENERATORS,
  kumaModel,
  KumaModel,
  KumaResourceView,
  MeshServiceView,
  tagsMatch,
} from './kuma-model';
import { multiZoneHostnames } from './kuma-multi-zone-model';

const KUMA = 'kumahq/kuma@v2.14.3';

export function addressOf(resource: KumaResourceView): string {
  return resource.form === 'kubernetes' ? resource.origin.address : `${resource.origin.address} (${resource.kind} ${resource.name})`;
}

/** The zone a policy's Dataplanes may be in: any for one from the global, its own zone otherwise (matchers/dataplane.go#dppSelectedByZone). */
export function policyZone(model: KumaModel, resource: KumaResourceView): string | undefined {
  // kumactl documents go to the global's API, whichever cluster runs the Job.
  if (resource.form === 'universal') return undefined;
  const cp = model.controlPlanes.find((candidate) => candidate.cluster === resource.cluster);
  return cp?.mode === 'zone' ? cp.zone : undefined;
}

/**
 * The inbounds (and delegated gateway) of a Dataplane that a top-level targetRef selects,
 * as matchers/dataplane.go#DppSelectedByPolicy computes them.
 */
export function selectedInbounds(ref: any, dataplane: DataplaneView): { inbounds: number; delegatedGateway: boolean } {
  const kind = ref?.kind ?? 'Mesh';
  const byTags = (tags: Record<string, string>): { inbounds: number; delegatedGateway: boolean } => ({
    inbounds: dataplane.inbounds.filter((inbound) => tagsMatch(tags, inbound.tags)).length,
    delegatedGateway: dataplane.gatewayTags !== undefined && tagsMatch(tags, dataplane.gatewayTags),
  });
  switch (kind) {
    case 'Mesh':
      return { inbounds: dataplane.inbounds.length, delegatedGateway: dataplane.gatewayTags !== undefined };
    case 'MeshSubset':
      return byTags(ref.tags ?? {});
    // Resolved by name only: `labels` are not read (DppSelectedByPolicy, case MeshService).
    case 'MeshService':
      return byTags({ 'kuma.io/service': ref.name ?? '' });
    case 'MeshServiceSubset':
      return byTags({ ...(ref.tags ?? {}), 'kuma.io/service': ref.name ?? '' });
    case 'Dataplane': {
      const all = !ref.name && !ref.namespace && ref.labels === undefined;
      const byLabels = ref.labels !== undefined && Object.entries<string>(ref.labels).every(([key, value]) => dataplane.labels[key] === value);
      // A name names one pod (its Dataplane is the pod's name), which a Deployment's pods never have at synth time.
      if (!all && !byLabels) return { inbounds: 0, delegatedGateway: false };
      const section = ref.sectionName;
      const inbounds = dataplane.inbounds.filter((inbound) => !section || (inbound.portName || String(inbound.containerPort)) === section).length;
      return { inbounds, delegatedGateway: dataplane.gatewayTags !== undefined };
    }
    default:
      return { inbounds: 0, delegatedGateway: false };
  }
}

function permissions(model: KumaModel): KumaResourceView[] {
  return model.resources.filter((resource) => resource.kind === 'MeshTrafficPermission');
}

function candidates(model: KumaModel, resource: KumaResourceView): DataplaneView[] {
  const zone = policyZone(model, resource);
  return model.dataplanes.filter((dataplane) => !dataplane.error && dataplane.mesh === resource.mesh && (zone === undefined || dataplane.zone === zone));
}

/** A source targetRef matches a caller's certificate (legacy_rbac_configurer.go#principalFromSubset over the URI SANs). */
export function sourceMatches(ref: any, dataplane: DataplaneView): boolean {
  const identity = identityOf(dataplane);
  const has = (key: string, value: string): boolean => identity.get(key)?.has(value) === true || (value === '*' && identity.has(key));
  switch (ref?.kind) {
    case 'Mesh':
      return true;
    case 'MeshSubset':
      return Object.entries<string>(ref.tags ?? {}).every(([key, value]) => has(key, value));
    case 'MeshService':
      return has('kuma.io/service', ref.name ?? '');
    case 'MeshServiceSubset':
      return has('kuma.io/service', ref.name ?? '') && Object.entries<string>(ref.tags ?? {}).every(([key, value]) => has(key, value));
    default:
      return false;
  }
}

function describeIdentities(dataplanes: DataplaneView[]): string {
  return dataplanes
    .slice(0, 4)
    .map((dataplane) => {
      const identity = identityOf(dataplane);
      const services = [...(identity.get('k8s.kuma.io/service-name') ?? [])].join('|') || [...(identity.get('kuma.io/service') ?? [])].join('|');
      return `${dataplane.pod.owner.kind} ${dataplane.pod.namespace}/${dataplane.pod.owner.metadata.name} in zone ${dataplane.zone} (k8s.kuma.io/service-name ${services}${dataplane.gatewayTags ? ', delegated gateway' : ''})`;
    })
    .join('; ');
}

export const KUMA_MTP_SELECTS_WORKLOAD: UpstreamRule = {
  id: 'KUMA_MTP_SELECTS_WORKLOAD',
  title: 'Every MeshTrafficPermission selects an inbound of at least one workload of the topology, as Kuma\'s matcher selects',
  sources: [
    `${KUMA}:pkg/plugins/policies/core/matchers/dataplane.go#DppSelectedByPolicy`,
    `${KUMA}:pkg/plugins/policies/core/matchers/dataplane.go#inboundsSelectedByTags`,
    `${KUMA}:pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go#configureLegacyRules`,
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/pod_converter.go#PodToDataplane`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const resource of permissions(model)) {
      if (resource.spec?.targetRef?.kind === 'Mesh' || resource.spec?.targetRef === undefined) continue;
      const pool = candidates(model, resource);
      const selected = pool.filter((dataplane) => selectedInbounds(resource.spec.targetRef, dataplane).inbounds > 0);
      if (selected.length > 0) continue;
      const onlyGateways = pool.filter((dataplane) => selectedInbounds(resource.spec.targetRef, dataplane).delegatedGateway);
      violations.push({
        address: addressOf(resource),
        message:
          `targetRef ${JSON.stringify(resource.spec.targetRef)} selects no inbound of any Dataplane of mesh "${resource.mesh}"` +
          (onlyGateways.length > 0 ? ' (only delegated gateways, which have no inbound to protect)' : '') +
          `, so the permission protects nothing and its target keeps denying every caller; ` +
          (resource.spec.targetRef.kind === 'MeshService' ? 'a top-level MeshService is resolved by kuma.io/service name only, labels are ignored; ' : '') +
          `select the target's pods with kind Dataplane and their labels. Candidates: ${describeIdentities(pool) || 'none'}`,
      });
    }
    return violations;
  },
};

export const KUMA_MTP_SOURCE_IS_REAL_IDENTITY: UpstreamRule = {
  id: 'KUMA_MTP_SOURCE_IS_REAL_IDENTITY',
  title: 'Every source a MeshTrafficPermission names matches the certificate Kuma gives some workload of the topology',
  sources: [
    `${KUMA}:pkg/plugins/policies/meshtrafficpermission/xds/legacy_rbac_configurer.go#principalFromSubset`,
    `${KUMA}:pkg/core/ca/issuer/issuer.go#newWorkloadTemplate`,
    `${KUMA}:api/mesh/v1alpha1/dataplane_helpers.go#TagSet`,
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/pod_converter.go#GatewayByServiceFor`,
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/inbound_converter.go#InboundTagsForService`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const resource of permissions(model)) {
      const callers = model.dataplanes.filter((dataplane) => !dataplane.error && dataplane.mesh === resource.mesh);
      for (const [index, rule] of (resource.spec?.from ?? []).entries()) {
        const ref = rule?.targetRef;
        if (!ref || ref.kind === 'Mesh') continue;
        if (callers.some((dataplane) => sourceMatches(ref, dataplane))) continue;
        const sameNamespace = callers.filter((dataplane) => ref.tags?.['k8s.kuma.io/namespace'] === undefined || dataplane.pod.namespace === ref.tags['k8s.kuma.io/namespace']);
        violations.push({
          address: addressOf(resource),
          message:
            `from[${index}].targetRef ${JSON.stringify(ref)} matches the certificate of no workload: RBAC compares it with the kuma:// and spiffe:// URIs of the caller's certificate, ` +
            `which carry the tags of every inbound, or for a delegated gateway only those of the first Service by name selecting it. ` +
            `Workloads there: ${describeIdentities(sameNamespace.length > 0 ? sameNamespace : callers) || 'none'}`,
        });
      }
    }
    return violations;
  },
};

/** Top-level and from[] kinds the MTP validator accepts, and the targetRef field rules. */
export function targetRefErrors(ref: any, allowed: readonly string[], inbound: boolean): string[] {
  if (!ref?.kind) return ['kind must be defined'];
  if (!allowed.includes(ref.kind)) return [`kind ${ref.kind} is not supported (only ${allowed.join(', ')})`];
  const errors: string[] = [];
  const set = (field: string): boolean => ref[field] !== undefined && ref[field] !== '' && !(typeof ref[field] === 'object' && Object.keys(ref[field]).length === 0);
  const disallow = (...fields: string[]): void => fields.filter(set).forEach((field) => errors.push(`${field} must not be set with kind ${ref.kind}`));
  switch (ref.kind) {
    case 'Mesh':
      disallow('name', 'mesh', 'tags', 'labels', 'namespace', 'sectionName');
      break;
    case 'Dataplane':
      disallow('tags', 'mesh', 'proxyTypes');
      if (set('labels') && (set('name') || set('namespace'))) errors.push('either labels or name and namespace must be specified');
      if (!inbound && set('sectionName')) errors.push('sectionName can only be used with inbound policies');
      break;
    case 'MeshSubset':
      disallow('name', 'mesh', 'labels', 'namespace', 'sectionName');
      // validators.go#ValidateTags: names [a-zA-Z0-9.-_:/], values non-empty [a-zA-Z0-9.-_:] (no "*")
      for (const [key, value] of Object.entries<any>(ref.tags ?? {})) {
        if (!/^[a-zA-Z0-9.\-_:/]+$/.test(key)) errors.push(`tag name "${key}" must consist of alphanumeric characters, dots, dashes, slashes and underscores`);
        if (typeof value !== 'string' || !/^[a-zA-Z0-9.\-_:]+$/.test(value)) errors.push(`tag ${key} value "${value}" must be non-empty alphanumeric characters, dots, dashes and underscores`);
      }
      break;
    case 'MeshService':
      disallow('mesh', 'tags', 'proxyTypes');
      if (!set('labels') && !set('name')) errors.push('name or labels must be set');
      if (set('labels') && (set('name') || set('namespace'))) errors.push('either labels or name and namespace must be specified');
      break;
    case 'MeshServiceSubset':
      if (!set('name')) errors.push('name must be set');
      disallow('mesh', 'proxyTypes', 'labels', 'namespace', 'sectionName');
      break;
  }
  return errors;
}

export const KUMA_MTP_VALID: UpstreamRule = {
  id: 'KUMA_MTP_VALID',
  title: 'MeshTrafficPermissions pass Kuma\'s validator (targetRef kinds and fields, from xor rules, an action per from)',
  sources: [
    `${KUMA}:pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator.go#validate`,
    `${KUMA}:pkg/core/resources/apis/mesh/validators.go#ValidateTargetRef`,
  ],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    for (const resource of permissions(kumaModel(app))) {
      const spec = resource.spec ?? {};
      const errors: string[] = [];
      const from: any[] = spec.from ?? [];
      const rules: any[] = spec.rules ?? [];
      if (spec.targetRef) errors.push(...targetRefErrors(spec.targetRef, ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane'], true).map((error) => `targetRef: ${error}`));
      if (from.length > 0 && rules.length > 0) errors.push("field 'from' must be empty when 'rules' is defined");
      if (from.length === 0 && rules.length === 0) errors.push("at least one of 'from' or 'rules' has to be defined");
      from.forEach((rule, index) => {
        errors.push(...targetRefErrors(rule?.targetRef, ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'], false).map((error) => `from[${index}].targetRef: ${error}`));
        if (!rule?.default?.action) errors.push(`from[${index}].default.action must be defined`);
      });
      if (errors.length > 0) violations.push({ address: addressOf(resource), message: `Kuma rejects it: ${errors.join('; ')}` });
    }
    return violations;
  },
};

export const KUMA_GATEWAY_ANNOTATION_VALUE: UpstreamRule = {
  id: 'KUMA_GATEWAY_ANNOTATION_VALUE',
  title: 'A meshed pod\'s kuma.io/gateway annotation is absent, "enabled" or "provided" (anything else fails the pod converter)',
  sources: [`${KUMA}:pkg/plugins/runtime/k8s/controllers/pod_converter.go#dataplaneFor`],
  check(app: AppView): Violation[] {
    return kumaModel(app)
      .dataplanes.filter((dataplane) => dataplane.error && dataplane.pod.annotations['kuma.io/gateway'] !== 'builtin')
      .map((dataplane) => ({
        address: dataplane.pod.origin.address,
        message: `${dataplane.pod.owner.kind} ${dataplane.pod.namespace}/${dataplane.pod.owner.metadata.name}: ${dataplane.error}; leave the annotation out for a regular mesh workload`,
      }));
  },
};

/** Names each HostnameGenerator of the app (and Kuma's defaults) gives a MeshService, as seen from `zone`. */
export function hostnamesIn(model: KumaModel, zone: string): Map<string, MeshServiceView> {
  const generators = [
    ...KUMA_DEFAULT_MESH_SERVICE_GENERATORS,
    ...model.resources
      .filter((resource) => resource.kind === 'HostnameGenerator' && resource.spec?.selector?.meshService)
      .map((resource) => ({ name: resource.name, template: resource.spec.template as string, matchLabels: (resource.spec.selector.meshService.matchLabels ?? {}) as Record<string, string> })),
  ];
  const names = new Map<string, MeshServiceView>();
  for (const meshService of model.meshServices) {
    const labels = meshService.zone === zone ? meshService.localLabels : meshService.syncedLabels;
    for (const generator of generators) {
      if (!Object.entries(generator.matchLabels).every(([key, value]) => labels[key] === value)) continue;
      const name = evaluateHostnameTemplate(generator.template, meshService, labels);
      if (name) names.set(name, meshService);
    }
  }
  return names;
}

/** A MeshMultiZoneService answers only on the ports it lists (outbound.go#fillMeshMultiZoneServices, per spec.ports). */
function multiZonePortViolations(service: any, host: string, target: KumaResourceView): Violation[] {
  const ports: number[] = (target.spec?.ports ?? []).map((port: any) => Number(port.port));
  return (service.spec?.ports ?? [])
    .filter((port: any) => !ports.includes(Number(port.port)))
    .map((port: any) => ({
      address: service.origin.address,
      message: `Service ${service.metadata.namespace}/${service.metadata.name} sends to ${host}:${port.port}, but MeshMultiZoneService ${target.name} has ports ${ports.join(', ')}`,
    }));
}

export const KUMA_MESH_HOSTNAME_RESOLVES: UpstreamRule = {
  id: 'KUMA_MESH_HOSTNAME_RESOLVES',
  title: 'Every .mesh.local host name the app sends traffic to is generated for a MeshService Kuma creates (or a MeshMultiZoneService the app creates), on a port it has',
  sources: [
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/meshservice_controller.go#Reconcile`,
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/meshservice_controller.go#isServiceForGateway`,
    `${KUMA}:pkg/core/resources/apis/meshservice/hostname/generator.go#GenerateHostname`,
    `${KUMA}:pkg/core/resources/apis/hostnamegenerator/hostname/generator.go#EvaluateTemplate`,
    `${KUMA}:pkg/kds/context/context.go#DefaultContext`,
    `${KUMA}:pkg/defaults/hostname_generator.go#EnsureHostnameGeneratorExists`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const cp of model.controlPlanes.filter((candidate) => candidate.mode === 'zone' && candidate.zone)) {
      const names = hostnamesIn(model, cp.zone!);
      for (const service of model.inventories.get(cp.cluster)?.services() ?? []) {
        const host: unknown = service.spec?.externalName;
        if (service.spec?.type !== 'ExternalName' || typeof host !== 'string' || !host.endsWith('.mesh.local')) continue;
        const multiZone = multiZoneHostnames(model).get(host);
        if (multiZone) {
          violations.push(...multiZonePortViolations(service, host, multiZone));
          continue;
        }
        const target = names.get(host);
        if (!target) {
          const known = [...names.keys()].filter((name) => name.includes('.svc.')).slice(0, 6).join(', ');
          violations.push({
            address: service.origin.address,
            message: `Service ${service.metadata.namespace}/${service.metadata.name} in zone ${cp.zone} points at ${host}, but no HostnameGenerator gives a MeshService that name (Kuma makes no MeshService for a Service whose pods carry kuma.io/gateway, in a namespace without injection, or a headless one). Names there: ${known || 'none'}`,
          });
          continue;
        }
        for (const port of service.spec?.ports ?? []) {
          if (!target.ports.includes(Number(port.port))) {
            violations.push({
              address: service.origin.address,
              message: `Service ${service.metadata.namespace}/${service.metadata.name} sends to ${host}:${port.port}, but MeshService ${target.namespace}/${target.name} of zone ${target.zone} has ports ${target.ports.join(', ')}`,
            });
          }
        }
      }
    }
    return violations;
  },
};

export const KUMA_INGRESS_PUBLIC_COORDINATES: UpstreamRule = {
  id: 'KUMA_INGRESS_PUBLIC_COORDINATES',
  title: 'Zone ingress pods advertise kuma.io/ingress-public-address and -port together, the port a number the ingress Service serves',
  sources: [`${KUMA}:pkg/plugins/runtime/k8s/controllers/ingress_converter.go#coordinatesFromAnnotations`, `${KUMA}:pkg/plugins/runtime/k8s/controllers/ingress_converter.go#IngressFor`],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    for (const inventory of kumaModel(app).inventories.values()) {
      for (const pod of inventory.podTemplates()) {
        if (pod.annotations['kuma.io/ingress'] !== 'enabled') continue;
        const address = pod.annotations['kuma.io/ingress-public-address'];
        const port = pod.annotations['kuma.io/ingress-public-port'];
        const where = `${pod.owner.kind} ${pod.namespace}/${pod.owner.metadata.name}`;
        if ((address === undefined) !== (port === undefined)) {
          violations.push({ address: pod.origin.address, message: `${where}: both kuma.io/ingress-public-address and kuma.io/ingress-public-port have to be defined, or neither (the ZoneIngress is not written)` });
          continue;
        }
        if (port !== undefined && !/^\d+$/.test(port)) {
          violations.push({ address: pod.origin.address, message: `${where}: kuma.io/ingress-public-port "${port}" is not a number` });
          continue;
        }
        const services = inventory.servicesSelecting(pod);
        if (services.length !== 1) {
          violations.push({ address: pod.origin.address, message: `${where}: ingress should be matched by exactly one service, matched ${services.length}` });
          continue;
        }
        if (port !== undefined && !(services[0].spec?.ports ?? []).some((servicePort: any) => Number(servicePort.port) === Number(port))) {
          violations.push({ address: pod.origin.address, message: `${where}: advertises port ${port}, but its Service ${services[0].metadata.name} listens on ${(services[0].spec?.ports ?? []).map((p: any) => p.port).join(', ')}` });
        }
      }
    }
    return violations;
  },
};

export const KUMA_GLOBAL_RESOURCE_PLACEMENT: UpstreamRule = {
  id: 'KUMA_GLOBAL_RESOURCE_PLACEMENT',
  title: 'Namespaced Kuma resources on a Kubernetes global are in its system namespace and not labelled kuma.io/origin: zone; mesh policies name an existing Mesh',
  sources: [
    `${KUMA}:pkg/plugins/runtime/k8s/webhooks/resourceadmissionchecker.go#isNamespaceAllowed`,
    `${KUMA}:pkg/plugins/runtime/k8s/webhooks/resourceadmissionchecker.go#validateLabels`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    const meshes = new Set(model.resources.filter((resource) => resource.kind === 'Mesh').map((resource) => resource.name));
    for (const resource of model.resources.filter((candidate) => candidate.form === 'kubernetes')) {
      const global = model.controlPlanes.find((cp) => cp.cluster === resource.cluster && cp.mode === 'global' && cp.environment === 'kubernetes');
      if (!global) continue;
      if (resource.kind !== 'Mesh' && resource.namespace !== global.systemNamespace) {
        violations.push({ address: addressOf(resource), message: `${resource.kind} ${resource.name} is in namespace ${resource.namespace}: on Global CP the policy can be created only in the system namespace ${global.systemNamespace}` });
      }
      if (resource.labels['kuma.io/origin'] === 'zone') {
        violations.push({ address: addressOf(resource), message: `${resource.kind} ${resource.name} carries kuma.io/origin: zone, which the global's webhook refuses` });
      }
      if (resource.kind !== 'Mesh' && resource.kind !== 'HostnameGenerator' && resource.labels['kuma.io/mesh'] !== undefined && !meshes.has(resource.labels['kuma.io/mesh'])) {
        violations.push({ address: addressOf(resource), message: `${resource.kind} ${resource.name} belongs to mesh "${resource.labels['kuma.io/mesh']}", which the app does not create` });
      }
    }
    return violations;
  },
};

export const KUMA_MESH_BUILTIN_CA: UpstreamRule = {
  id: 'KUMA_MESH_BUILTIN_CA',
  title: 'A Mesh enables one of its mTLS backends, durations parse as Kuma parses them, and a builtin CA key size is spelled RSAbits (rsaBits is silently ignored)',
  sources: [
    `${KUMA}:pkg/core/resources/apis/mesh/mesh_helpers.go#ParseDuration`,
    `${KUMA}:pkg/core/resources/apis/mesh/mesh_validator.go#validateMtls`,
    `${KUMA}:pkg/plugins/ca/builtin/config/builtin_ca_config.proto (CaCert.RSAbits)`,
    `${KUMA}:pkg/plugins/ca/builtin/manager.go (GetCaCert().GetRSAbits())`,
  ],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    for (const mesh of kumaModel(app).resources.filter((resource) => resource.kind === 'Mesh')) {
      const mtls = mesh.spec?.mtls;
      if (!mtls) continue;
      const backends: any[] = mtls.backends ?? [];
      if (mtls.enabledBackend && !backends.some((backend) => backend.name === mtls.enabledBackend)) {
        violations.push({ address: addressOf(mesh), message: `mtls.enabledBackend "${mtls.enabledBackend}" has to be set to one of the backends in the mesh` });
      }
      for (const backend of backends) {
        const durations: [string, unknown][] = [
          ['dpCert.rotation.expiration', backend.dpCert?.rotation?.expiration],
          ...(backend.type === 'builtin' ? [['conf.caCert.expiration', backend.conf?.caCert?.expiration] as [string, unknown]] : []),
        ];
        for (const [field, value] of durations) {
          if (value !== undefined && value !== '' && !(typeof value === 'string' && /^(0|\d+(y|w|d|h|m|s|ms))$/.test(value))) {
            violations.push({ address: addressOf(mesh), message: `backend ${backend.name}: ${field} "${String(value)}" is not a Kuma duration (one number, one unit of y, w, d, h, m, s, ms)` });
          }
        }
        if (backend.type === 'builtin' && backend.conf?.caCert?.rsaBits !== undefined) {
          violations.push({ address: addressOf(mesh), message: `backend ${backend.name}: conf.caCert.rsaBits is ignored by the control plane; the field is RSAbits` });
        }
      }
    }
    return violations;
  },
};


/** The keys a Secret of the inventory holds, or undefined when the app does not create it. */
function secretKeys(model: KumaModel, cluster: string, namespace: string, name: string): Set<string> | undefined {
  const secret = model.inventories
    .get(cluster)
    ?.objects('Secret')
    .find((candidate) => candidate.metadata.name === name && (candidate.metadata.namespace ?? 'default') === namespace);
  if (!secret) return undefined;
  return new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {}), ...Object.keys(secret.binaryData ?? {})]);
}

/** Files the chart's env points the CP at, per mounted volume (chart _helpers.tpl#kuma.defaultEnv). */
const KDS_SECRET_FILES: Record<string, readonly string[]> = {
  'kds-server-tls-cert': ['tls.crt', 'tls.key'],
  'kds-client-tls-cert': ['ca.crt'],
};

export const KUMA_CP_SECRETS_HAVE_KEYS: UpstreamRule = {
  id: 'KUMA_CP_SECRETS_HAVE_KEYS',
  title: 'Secrets the control plane reads (controlPlane.secrets env such as the Kong Mesh license, KDS TLS volumes) hold the keys it reads',
  sources: [
    `${KUMA}:deployments/charts/kuma/templates/cp-deployment.yaml (controlPlane.secrets -> env secretKeyRef; kds-server-tls-cert, kds-client-tls-cert volumes)`,
    `${KUMA}:deployments/charts/kuma/templates/_helpers.tpl#kuma.defaultEnv (KUMA_MULTIZONE_GLOBAL_KDS_TLS_CERT_FILE .../tls.crt, KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE .../ca.crt)`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const cp of model.controlPlanes) {
      const where = `${cp.pod.owner.kind} ${cp.pod.namespace}/${cp.pod.owner.metadata.name}`;
      for (const container of cp.pod.containers) {
        for (const entry of container.spec.env ?? []) {
          const ref = entry?.valueFrom?.secretKeyRef;
          if (!ref || ref.optional) continue;
          const keys = secretKeys(model, cp.cluster, cp.pod.namespace, ref.name);
          if (keys && !keys.has(ref.key)) {
            violations.push({ address: cp.pod.origin.address, message: `${where}: env ${entry.name} reads key "${ref.key}" of Secret ${ref.name}, which holds ${[...keys].join(', ') || 'nothing'}; the pod cannot start` });
          }
        }
      }
      for (const volume of cp.pod.spec.volumes ?? []) {
        const files = KDS_SECRET_FILES[volume.name];
        const name = volume.secret?.secretName;
        if (!files || !name) continue;
        const keys = secretKeys(model, cp.cluster, cp.pod.namespace, name);
        const missing = keys ? files.filter((file) => !keys.has(file)) : [];
        if (missing.length > 0) {
          violations.push({ address: cp.pod.origin.address, message: `${where}: volume ${volume.name} (Secret ${name}) lacks ${missing.join(', ')}, which the control plane reads for KDS TLS` });
        }
      }
    }
    return violations;
  },
};

export const KUMA_CALLER_JOB_WAITS_FOR_PERMISSION: UpstreamRule = {
  id: 'KUMA_CALLER_JOB_WAITS_FOR_PERMISSION',
  title: 'A Job that calls through the mesh is created after every permission that lets it in (it runs once; until then its calls are denied)',
  sources: [
    `${KUMA}:pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go#configureLegacyRules (no matching rule: deny)`,
    `${KUMA}:pkg/plugins/runtime/k8s/controllers/pod_controller.go#reconcileDataplane (a Job's Dataplane is gone once it succeeds)`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const dataplane of model.dataplanes.filter((candidate) => candidate.pod.owner.kind === 'Job' && !candidate.error)) {
      const job = dataplane.pod.origin;
      for (const permission of permissions(model)) {
        if (permission.appliedBy.stack !== job.stack || permission.mesh !== dataplane.mesh) continue;
        const letsIn = (permission.spec?.from ?? []).some((rule: any) => rule?.targetRef?.kind !== 'Mesh' && sourceMatches(rule?.targetRef, dataplane));
        if (letsIn && !app.dependsOn(job, permission.appliedBy)) {
          violations.push({
            address: job.address,
            message: `Job ${dataplane.pod.namespace}/${dataplane.pod.owner.metadata.name} is a caller that ${permission.kind} ${permission.name} allows, but nothing orders it after ${permission.appliedBy.localAddress}, which applies it: it may run, be denied and fail before the permission exists`,
          });
        }
      }
    }
    return violations;
  },
};

/** The Secret (name and file key) behind a file path of a container, through its volume mounts. */
function secretFileOf(pod: PodTemplateView, container: any, path: string): { secret: string; key: string } | undefined {
  for (const mount of container.volumeMounts ?? []) {
    const prefix = String(mount.mountPath).replace(/\/$/, '');
    if (!path.startsWith(`${prefix}/`)) continue;
    const volume = (pod.spec.volumes ?? []).find((candidate: any) => candidate.name === mount.name);
    if (volume?.secret?.secretName) return { secret: volume.secret.secretName, key: path.slice(prefix.length + 1) };
  }
  return undefined;
}

/** The Terraform expression or literal a Secret of the app holds under `key`. */
function secretValue(model: KumaModel, cluster: string, namespace: string, name: string, key: string): string | undefined {
  const secret = model.inventories
    .get(cluster)
    ?.objects('Secret')
    .find((candidate) => candidate.metadata.name === name && (candidate.metadata.namespace ?? 'default') === namespace);
  return secret?.stringData?.[key] ?? secret?.data?.[key];
}

export const KUMA_KUMACTL_REACHES_API: UpstreamRule = {
  id: 'KUMA_KUMACTL_REACHES_API',
  title: 'A kumactl Job that applies resources to a global the app runs can verify its API certificate and is admitted as admin, from the first deploy',
  sources: [
    `${KUMA}:pkg/core/bootstrap/autoconfig.go#autoconfigureTLS (without a configured certificate the CP signs one itself for its hostname)`,
    `${KUMA}:pkg/util/http/tls.go#ConfigureMTLS (kumactl: --ca-cert-file, else system roots)`,
    `${KUMA}:pkg/api-server/server.go (KUMA_API_SERVER_AUTH_CLIENT_CERTS_DIR, authn type adminClientCerts)`,
    `${KUMA}:pkg/config/app/kuma-cp/kuma-cp.defaults.yaml (apiServer.authn.tokens.bootstrapAdminToken: a Kuma secret in the store)`,
  ],
  check(app: AppView): Violation[] {
    const model = kumaModel(app);
    const violations: Violation[] = [];
    for (const [cluster, inventory] of model.inventories) {
      for (const pod of inventory.podTemplates()) {
        for (const container of pod.containers) {
          const script = (container.spec.command ?? []).join(' ');
          const add = /kumactl config control-planes add([^\n]*)/.exec(script);
          if (!add) continue;
          const flags = add[1];
          const flag = (name: string): string | undefined => new RegExp(`--${name}[ =]"?([^"\\s]+)"?`).exec(flags)?.[1];
          const address = flag('address');
          const host = address ? /^https?:\/\/([^/:]+)/.exec(address)?.[1] : undefined;
          const namespace = host?.split('.')[1];
          const cp = model.controlPlanes.find((candidate) => candidate.cluster === cluster && candidate.mode === 'global' && candidate.pod.namespace === namespace);
          if (!address || !cp) continue;
          const where = `${pod.owner.kind} ${pod.namespace}/${pod.owner.metadata.name}`;
          const env = envOf(cp.pod);
          if (address.startsWith('https://')) {
            const serverCert = env.KUMA_API_SERVER_HTTPS_TLS_CERT_FILE ?? env.KUMA_GENERAL_TLS_CERT_FILE;
            if (!serverCert) {
              violations.push({ address: pod.origin.address, message: `${where} calls ${address}, but that control plane has no API certificate configured and serves one it signs itself for its pod name: kumactl cannot verify it (set controlPlane.tls.apiServer.secretName)` });
            }
            const caPath = flag('ca-cert-file');
            if (!caPath && !/--skip-verify/.test(flags)) {
              violations.push({ address: pod.origin.address, message: `${where} verifies ${address} against the image's system roots (no --ca-cert-file), which never sign an in-cluster certificate` });
            } else if (caPath && serverCert) {
              const jobCa = secretFileOf(pod, container.spec, caPath);
              const serverSecret = secretFileOf(cp.pod, cp.pod.containers.find((c) => c.name === 'control-plane')?.spec ?? cp.pod.containers[0].spec, serverCert);
              const trusted = jobCa && secretValue(model, cluster, pod.namespace, jobCa.secret, jobCa.key);
              const issuer = serverSecret && secretValue(model, cluster, cp.pod.namespace, serverSecret.secret, 'ca.crt');
              if (trusted !== undefined && issuer !== undefined && trusted !== issuer) {
                violations.push({ address: pod.origin.address, message: `${where} trusts ${trusted}, but the API certificate's CA is ${issuer}` });
              }
            }
          }
          const clientCert = flag('client-cert-file');
          if (clientCert) {
            const clientsDir = env.KUMA_API_SERVER_AUTH_CLIENT_CERTS_DIR;
            if (env.KUMA_API_SERVER_AUTHN_TYPE !== 'adminClientCerts' || !clientsDir) {
              violations.push({ address: pod.origin.address, message: `${where} presents a client certificate, but the control plane authenticates by ${env.KUMA_API_SERVER_AUTHN_TYPE ?? 'tokens'}${clientsDir ? '' : ' and trusts no client certificate directory'}` });
            } else {
              const jobCert = secretFileOf(pod, container.spec, clientCert);
              const presented = jobCert && secretValue(model, cluster, pod.namespace, jobCert.secret, jobCert.key);
              const dir = secretFileOf(cp.pod, cp.pod.containers[0].spec, `${clientsDir.replace(/\/$/, '')}/x.pem`);
              const admitted = dir ? Object.values<string>(model.inventories.get(cluster)!.objects('Secret').find((secret) => secret.metadata.name === dir.secret && secret.metadata.namespace === cp.pod.namespace)?.stringData ?? {}) : [];
              if (presented !== undefined && !admitted.includes(presented)) {
                violations.push({ address: pod.origin.address, message: `${where} presents ${presented}, which is not among the client certificates the control plane admits` });
              }
            }
          } else if (/--auth-type tokens/.test(flags)) {
            const tokenMount = (container.spec.volumeMounts ?? []).find((mount: any) => script.includes(`${mount.mountPath}/token`));
            const volume = tokenMount && (pod.spec.volumes ?? []).find((candidate: any) => candidate.name === tokenMount.name);
            const name = volume?.secret?.secretName;
            if (name && secretValue(model, cluster, pod.namespace, name, 'token') === undefined) {
              violations.push({ address: pod.origin.address, message: `${where} reads an admin token from Secret ${name}, which nothing in the app creates: the bootstrap admin token lives only in the control plane's store, so the Job cannot start on a first deploy` });
            }
          }
        }
      }
    }
    return violations;
  },
};

export const KUMA_RULES: readonly UpstreamRule[] = [
  KUMA_MTP_SELECTS_WORKLOAD,
  KUMA_MTP_SOURCE_IS_REAL_IDENTITY,
  KUMA_MTP_VALID,
  KUMA_GATEWAY_ANNOTATION_VALUE,
  KUMA_MESH_HOSTNAME_RESOLVES,
  KUMA_INGRESS_PUBLIC_COORDINATES,
  KUMA_GLOBAL_RESOURCE_PLACEMENT,
  KUMA_MESH_BUILTIN_CA,
  KUMA_CP_SECRETS_HAVE_KEYS,
  KUMA_CALLER_JOB_WAITS_FOR_PERMISSION,
  KUMA_KUMACTL_REACHES_API,
];
