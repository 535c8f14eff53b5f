/**
 * What Kuma 2.14.3 will make of an app's Kubernetes objects, computed the way its
 * controllers do, for the KUMA_* rules: which control plane runs where (zone name, system
 * namespace), which pods get a sidecar and the Dataplane the pod converter writes for them
 * (labels, inbounds and their tags, a delegated gateway's tags), which Services become
 * MeshServices and the labels those carry in each zone, and the Kuma resources the app
 * applies (custom resources, or Universal documents for kumactl).
 *
 * Sources, all kumahq/kuma@v2.14.3:
 * - pkg/plugins/runtime/k8s/webhooks/injector/precheck.go#needToInject (pod label, then namespace label);
 * - pkg/plugins/runtime/k8s/util/util.go#MeshOfByLabelOrAnnotation (pod, then namespace; `default`);
 * - pkg/plugins/runtime/k8s/controllers/pod_controller.go#findMatchingServices (same namespace,
 *   selector matches, `kuma.io/ignore` skipped, sorted by name);
 * - pkg/plugins/runtime/k8s/controllers/pod_converter.go#dataplaneFor, #GatewayByServiceFor,
 *   #GatewayByDeploymentFor, #PodToDataplane;
 * - pkg/plugins/runtime/k8s/controllers/inbound_converter.go#inboundForService,
 *   #InboundTagsForService, #InboundTagsForPod, #ProtocolTagFor; pkg/plugins/runtime/k8s/util/util.go#FindPort;
 * - pkg/core/resources/labels/compute.go#Compute (Dataplane labels);
 * - pkg/plugins/runtime/k8s/controllers/meshservice_controller.go#Reconcile, #isServiceForGateway,
 *   #manageMeshService, #setFromClusterIPSvc; pkg/kds/context/context.go#DefaultContext (labels
 *   added on the way through the global); pkg/kds/util/meta.go (`kuma.io/display-name`).
 */
import { parseAllDocuments } from 'yaml';
import type { AppView, ResourceRef } from '../app-view';
import { clusterInventory, ClusterInventory, InventoryObject, PodTemplateView } from '../inventory';

/** A Kuma control plane found among the rendered pods (its own env says what it is). */
export interface ControlPlaneView {
  readonly cluster: string;
  readonly mode: string;
  /** `KUMA_MULTIZONE_ZONE_NAME` of a zone. */
  readonly zone?: string;
  /** `KUMA_STORE_KUBERNETES_SYSTEM_NAMESPACE` (Kubernetes mode), else the pod's namespace. */
  readonly systemNamespace: string;
  /** `KUMA_ENVIRONMENT`. */
  readonly environment: string;
  readonly pod: PodTemplateView;
}

export interface InboundView {
  readonly service: string;
  readonly port: number;
  /** Container port, and its name (the inbound's sectionName is the name, else the port). */
  readonly containerPort: number;
  readonly portName: string;
  readonly tags: Record<string, string>;
}

/** The Dataplane Kuma writes for a pod. */
export interface DataplaneView {
  readonly cluster: string;
  readonly zone: string;
  readonly mesh: string;
  readonly pod: PodTemplateView;
  /** Dataplane metadata labels. */
  readonly labels: Record<string, string>;
  readonly inbounds: readonly InboundView[];
  /** Tags of a delegated gateway (`kuma.io/gateway: enabled|provided`), which has no inbound. */
  readonly gatewayTags?: Record<string, string>;
  /** Why the pod converter would fail for this pod (no Dataplane then). */
  readonly error?: string;
}

/** Tag keys with every value the certificate carries as `spiffe://` / `kuma://` URIs. */
export type IdentityTags = Map<string, Set<string>>;

/** A MeshService as the pods of one zone see it. */
export interface MeshServiceView {
  /** The zone whose Service it comes from. */
  readonly zone: string;
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
  readonly service: InventoryObject;
  /** Labels in the zone it comes from (`kuma.io/origin: zone`). */
  readonly localLabels: Record<string, string>;
  /** Labels in any other zone, after KDS (`kuma.io/origin: global`, `kuma.io/display-name`). */
  readonly syncedLabels: Record<string, string>;
  readonly ports: readonly number[];
}

/** A Kuma resource the app applies, in Kubernetes form (Universal documents are converted). */
export interface KumaResourceView {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly mesh: string;
  readonly labels: Record<string, string>;
  readonly spec: any;
  /** The cluster the resource is applied to (the global's for mesh resources). */
  readonly cluster: string;
  readonly origin: ResourceRef;
  /**
   * The Terraform resource whose completion means the control plane has it: the manifest
   * itself, or the Job that runs `kumactl apply` on the ConfigMap of documents.
   */
  readonly appliedBy: ResourceRef;
  /** `kubernetes` for custom resources, `universal` for kumactl documents. */
  readonly form: 'kubernetes' | 'universal';
}

export interface KumaModel {
  readonly controlPlanes: readonly ControlPlaneView[];
  readonly dataplanes: readonly DataplaneView[];
  readonly meshServices: readonly MeshServiceView[];
  readonly resources: readonly KumaResourceView[];
  readonly inventories: Map<string, ClusterInventory>;
}

const models = new WeakMap<AppView, KumaModel>();

/** The Kuma view of an app (memoised per AppView). */
export function kumaModel(app: AppView): KumaModel {
  const cached = models.get(app);
  if (cached) return cached;
  const inventories = clusterInventory(app);
  const controlPlanes: ControlPlaneView[] = [];
  for (const [cluster, inventory] of inventories) {
    for (const pod of inventory.podTemplates()) {
      const env = envOf(pod);
      if (env.KUMA_MODE === undefined) continue;
      controlPlanes.push({
        cluster,
        mode: env.KUMA_MODE,
        zone: env.KUMA_MULTIZONE_ZONE_NAME,
        systemNamespace: env.KUMA_STORE_KUBERNETES_SYSTEM_NAMESPACE ?? pod.namespace,
        environment: env.KUMA_ENVIRONMENT ?? 'kubernetes',
        pod,
      });
    }
  }
  const dataplanes: DataplaneView[] = [];
  const meshServices: MeshServiceView[] = [];
  for (const zoneCp of controlPlanes.filter((cp) => cp.mode === 'zone' && cp.environment === 'kubernetes' && cp.zone)) {
    const inventory = inventories.get(zoneCp.cluster)!;
    for (const pod of inventory.podTemplates()) {
      const dataplane = dataplaneOf(inventory, pod, zoneCp);
      if (dataplane) dataplanes.push(dataplane);
    }
    meshServices.push(...meshServicesOf(inventory, zoneCp));
  }
  const model: KumaModel = { controlPlanes, dataplanes, meshServices, resources: kumaResources(app, inventories), inventories };
  models.set(app, model);
  return model;
}

/** Literal env values of the pod's containers (valueFrom entries are left out). */
export function envOf(pod: PodTemplateView): Record<string, string> {
  const env: Record<string, string> = {};
  for (const container of pod.containers) {
    for (const entry of container.spec.env ?? []) {
      if (typeof entry?.value === 'string' || typeof entry?.value === 'number' || typeof entry?.value === 'boolean') env[entry.name] = String(entry.value);
    }
  }
  return env;
}

/** `enabled`/`true` and `disabled`/`false`, as metadata.Annotations#GetEnabled reads them. */
function enabledValue(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'enabled' || value === 'true') return true;
  if (value === 'disabled' || value === 'false') return false;
  return undefined;
}

/** Whether the injector gives the pod a sidecar (precheck.go#needToInject). */
export function injected(inventory: ClusterInventory, pod: PodTemplateView): boolean {
  const own = enabledValue(pod.labels['kuma.io/sidecar-injection']);
  if (own !== undefined) return own;
  return enabledValue(inventory.namespace(pod.namespace)?.metadata.labels?.['kuma.io/sidecar-injection']) ?? false;
}

/** The mesh of a pod (util.go#MeshOfByLabelOrAnnotation). */
export function meshOf(inventory: ClusterInventory, pod: PodTemplateView): string {
  const namespace = inventory.namespace(pod.namespace);
  return pod.labels['kuma.io/mesh'] || pod.annotations['kuma.io/mesh'] || namespace?.metadata.labels?.['kuma.io/mesh'] || namespace?.metadata.annotations?.['kuma.io/mesh'] || 'default';
}

/** Services the pod controller matches to a pod, sorted by name (pod_controller.go#findMatchingServices). */
export function matchingServices(inventory: ClusterInventory, pod: PodTemplateView): InventoryObject[] {
  return inventory
    .servicesSelecting(pod)
    .filter((service) => enabledValue(service.metadata.annotations?.['kuma.io/ignore']) !== true)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
}

/** The Kubernetes default of a Service port's targetPort is its port. */
function targetPortOf(port: any): number | string {
  const target = port.targetPort ?? port.port;
  return typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : target;
}

/** util.go#FindPort: a named target must be a container port of that name; a number is taken as is. */
function findPort(pod: PodTemplateView, port: any): { containerPort: number; portName: string } | undefined {
  const target = targetPortOf(port);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.containers) {
    for (const containerPort of container.ports) {
      const sameProtocol = (containerPort.protocol ?? 'TCP') === protocol;
      if (typeof target === 'string' && containerPort.name === target && sameProtocol) return { containerPort: Number(containerPort.containerPort), portName: target };
      if (typeof target === 'number' && Number(containerPort.containerPort) === target && sameProtocol) return { containerPort: target, portName: containerPort.name ?? '' };
    }
  }
  return typeof target === 'number' ? { containerPort: target, portName: '' } : undefined;
}

/** inbound_converter.go#ProtocolTagFor. */
export function protocolOf(service: InventoryObject, port: any): string {
  const known = ['http', 'http2', 'grpc', 'tcp', 'kafka', 'tls'];
  let value = typeof port.appProtocol === 'string' && known.includes(port.appProtocol.toLowerCase()) ? port.appProtocol : '';
  if (!value) value = service.metadata.annotations?.[`${port.port}.service.kuma.io/protocol`] ?? '';
  return (value || 'tcp').toLowerCase();
}

/** Pod labels that become tags: non-empty, no `kuma.io/` in the key (InboundTagsForService). */
function podLabelTags(pod: PodTemplateView): Record<string, string> {
  return Object.fromEntries(Object.entries(pod.labels).filter(([key, value]) => value !== '' && !key.includes('kuma.io/')));
}

function inboundsFor(pod: PodTemplateView, services: InventoryObject[], zone: string, gateway: boolean): InboundView[] {
  const inbounds: InboundView[] = [];
  for (const service of services) {
    if (service.spec?.type === 'ExternalName') continue;
    for (const port of service.spec?.ports ?? []) {
      if (port.protocol && port.protocol !== 'TCP') continue;
      const found = findPort(pod, port);
      if (!found) continue;
      const name = service.metadata.name!;
      const tags: Record<string, string> = {
        ...podLabelTags(pod),
        'k8s.kuma.io/namespace': pod.namespace,
        'k8s.kuma.io/service-name': name,
        'k8s.kuma.io/service-port': String(port.port),
        'kuma.io/service': `${name}_${pod.namespace}_svc_${port.port}`,
        'kuma.io/zone': zone,
      };
      const protocol = protocolOf(service, port);
      if (!(gateway && protocol !== 'tcp')) tags['kuma.io/protocol'] = protocol;
      if (service.spec?.clusterIP === 'None') tags['kuma.io/instance'] = '<pod name>';
      inbounds.push({ service: name, port: Number(port.port), ...found, tags });
    }
  }
  return inbounds;
}

/** inbound_converter.go#InboundTagsForPod: a pod no Service selects (name from its owner). */
function servicelessInbound(pod: PodTemplateView, zone: string): InboundView {
  const name = pod.owner.metadata.name ?? 'pod';
  return {
    service: '',
    port: 49151,
    containerPort: 49151,
    portName: '',
    tags: {
      ...Object.fromEntries(Object.entries(pod.labels).filter(([, value]) => value !== '')),
      'k8s.kuma.io/namespace': pod.namespace,
      'kuma.io/service': `${name}_${pod.namespace}_svc`,
      'kuma.io/zone': zone,
      'kuma.io/protocol': 'tcp',
      'kuma.io/instance': '<pod name>',
    },
  };
}

function dataplaneOf(inventory: ClusterInventory, pod: PodTemplateView, zoneCp: ControlPlaneView): DataplaneView | undefined {
  if (pod.namespace === zoneCp.systemNamespace) return undefined;
  if (enabledValue(pod.annotations['kuma.io/ingress']) || enabledValue(pod.annotations['kuma.io/egress'])) return undefined;
  if (pod.owner.hook) return undefined;
  if (!injected(inventory, pod)) return undefined;
  const zone = zoneCp.zone!;
  const mesh = meshOf(inventory, pod);
  const services = matchingServices(inventory, pod);
  const labels: Record<string, string> = {
    ...pod.labels,
    'kuma.io/mesh': pod.labels['kuma.io/mesh'] ?? mesh,
    'kuma.io/origin': 'zone',
    'kuma.io/zone': zone,
    'kuma.io/env': 'kubernetes',
    'k8s.kuma.io/namespace': pod.namespace,
    'kuma.io/proxy-type': 'sidecar',
    'k8s.kuma.io/service-account': pod.serviceAccountName,
    'kuma.io/workload': pod.serviceAccountName,
  };
  const base = { cluster: zoneCp.cluster, zone, mesh, pod, labels };
  const gateway = pod.annotations['kuma.io/gateway'];
  if (gateway !== undefined) {
    if (gateway === 'enabled') {
      const inbounds = inboundsFor(pod, services, zone, true);
      return { ...base, inbounds: [], gatewayTags: (inbounds[0] ?? servicelessInbound(pod, zone)).tags };
    }
    if (gateway === 'provided') {
      const deployment = pod.owner.kind === 'Deployment' ? pod.owner.metadata.name : undefined;
      if (deployment) return { ...base, inbounds: [], gatewayTags: { 'kuma.io/service-name': `${deployment}_${pod.namespace}_svc` } };
      const inbounds = inboundsFor(pod, services, zone, true);
      return { ...base, inbounds: [], gatewayTags: (inbounds[0] ?? servicelessInbound(pod, zone)).tags };
    }
    if (gateway === 'builtin') return { ...base, inbounds: [], error: 'a builtin gateway pod (MeshGateway), not a sidecar' };
    return { ...base, inbounds: [], error: `pod annotation kuma.io/gateway is "${gateway}": the pod converter accepts only "enabled" or "provided" and fails otherwise ("invalid delegated gateway type"), so no Dataplane is written` };
  }
  const regular = services.filter((service) => service.metadata.labels?.['k8s.kuma.io/zone-proxy-type'] === undefined);
  const inbounds = inboundsFor(pod, regular, zone, false);
  return { ...base, inbounds: inbounds.length > 0 ? inbounds : [servicelessInbound(pod, zone)] };
}

/** Every tag value the proxy's certificate carries (issuer.go#newWorkloadTemplate over Dataplane#TagSet). */
export function identityOf(dataplane: DataplaneView): IdentityTags {
  const identity: IdentityTags = new Map();
  for (const tags of [...dataplane.inbounds.map((inbound) => inbound.tags), ...(dataplane.gatewayTags ? [dataplane.gatewayTags] : [])]) {
    for (const [key, value] of Object.entries(tags)) {
      if (!identity.has(key)) identity.set(key, new Set());
      identity.get(key)!.add(value);
    }
  }
  return identity;
}

/** mesh_proto.TagSelector#Matches: every key present with that value, `*` for any value. */
export function tagsMatch(selector: Record<string, string>, tags: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => key in tags && (value === '*' || tags[key] === value));
}

function meshServicesOf(inventory: ClusterInventory, zoneCp: ControlPlaneView): MeshServiceView[] {
  const out: MeshServiceView[] = [];
  for (const service of inventory.services()) {
    const namespaceName = service.metadata.namespace ?? 'default';
    const namespace = inventory.namespace(namespaceName);
    const injectedNamespace = enabledValue(namespace?.metadata.labels?.['kuma.io/sidecar-injection']) === true;
    if (service.metadata.labels?.['kuma.io/mesh'] === undefined && !injectedNamespace) continue;
    if (enabledValue(service.metadata.annotations?.['kuma.io/ignore']) === true) continue;
    if (service.metadata.annotations?.['kuma.io/gateway'] !== undefined) continue;
    if (service.metadata.labels?.['k8s.kuma.io/zone-proxy-type'] !== undefined) continue;
    if (service.spec?.type === 'ExternalName') continue;
    const pods = inventory.podsSelectedBy(service);
    if (pods.some((pod) => pod.annotations['kuma.io/gateway'] !== undefined)) continue;
    const headless = service.spec?.clusterIP === 'None';
    if (headless) continue;
    const name = service.metadata.name!;
    const mesh = service.metadata.labels?.['kuma.io/mesh'] || namespace?.metadata.labels?.['kuma.io/mesh'] || namespace?.metadata.annotations?.['kuma.io/mesh'] || 'default';
    const own: Record<string, string> = {
      ...(service.metadata.labels ?? {}),
      'kuma.io/mesh': mesh,
      'k8s.kuma.io/service-name': name,
      'kuma.io/managed-by': 'k8s-controller',
      'kuma.io/env': 'kubernetes',
      'k8s.kuma.io/is-headless-service': 'false',
      'k8s.kuma.io/namespace': namespaceName,
      'kuma.io/zone': zoneCp.zone!,
    };
    out.push({
      zone: zoneCp.zone!,
      name,
      namespace: namespaceName,
      mesh,
      service,
      localLabels: { ...own, 'kuma.io/origin': 'zone' },
      syncedLabels: { ...own, 'kuma.io/origin': 'global', 'kuma.io/display-name': name },
      ports: (service.spec?.ports ?? []).filter((port: any) => (port.protocol ?? 'TCP') === 'TCP').map((port: any) => Number(port.port)),
    });
  }
  return out;
}

/** Kuma's own HostnameGenerators on a Kubernetes global (pkg/defaults/hostname_generator.go#EnsureHostnameGeneratorExists). */
export const KUMA_DEFAULT_MESH_SERVICE_GENERATORS: readonly { name: string; template: string; matchLabels: Record<string, string> }[] = [
  {
    name: 'synced-kube-mesh-service',
    template: '{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local',
    matchLabels: { 'kuma.io/origin': 'global', 'k8s.kuma.io/is-headless-service': 'false', 'kuma.io/env': 'kubernetes' },
  },
];

/**
 * hostname/generator.go#EvaluateTemplate for the fields Kuma offers (`.Name`, `.DisplayName`,
 * `.Namespace`, `.Mesh`, `.Zone`, `label "key"`); undefined when the template uses anything else
 * or a label the service lacks (Kuma then generates nothing).
 */
export function evaluateHostnameTemplate(template: string, meshService: { name: string; mesh: string }, labels: Record<string, string>): string | undefined {
  let failed = false;
  const out = template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_match, action: string) => {
    const fields: Record<string, string | undefined> = {
      '.Name': meshService.name,
      '.DisplayName': labels['kuma.io/display-name'] ?? meshService.name,
      '.Namespace': labels['k8s.kuma.io/namespace'] ?? '',
      '.Mesh': meshService.mesh,
      '.Zone': labels['kuma.io/zone'] ?? '',
    };
    if (action in fields) return fields[action] ?? '';
    const label = /^label\s+"([^"]+)"$/.exec(action);
    if (label && labels[label[1]] !== undefined) return labels[label[1]];
    failed = true;
    return '';
  });
  return failed ? undefined : out;
}

const KUMA_KINDS_WITH_MESH = new Set(['MeshTrafficPermission', 'MeshTLS', 'MeshMultiZoneService', 'MeshHTTPRoute', 'MeshTCPRoute', 'MeshTimeout', 'MeshRetry']);

function kumaResources(app: AppView, inventories: Map<string, ClusterInventory>): KumaResourceView[] {
  const out: KumaResourceView[] = [];
  for (const [cluster, inventory] of inventories) {
    for (const object of inventory.objects()) {
      if (typeof object.apiVersion === 'string' && object.apiVersion.startsWith('kuma.io/')) {
        out.push({
          kind: object.kind,
          name: object.metadata.name ?? '',
          namespace: object.metadata.namespace,
          mesh: object.metadata.labels?.['kuma.io/mesh'] ?? (object as any).mesh ?? 'default',
          labels: { ...(object.metadata.labels ?? {}) },
          spec: object.spec,
          cluster,
          origin: object.origin,
          appliedBy: object.origin,
          form: 'kubernetes',
        });
      }
      if (object.kind === 'ConfigMap' && object.metadata.labels?.['app.kubernetes.io/component'] === 'kuma-universal-resources') {
        // The Job that mounts this ConfigMap (it references it) applies the documents.
        const applier = app
          .inStack(object.origin.stack)
          .find((ref) => ref.mode === 'resource' && ref.type === 'kubernetes_job_v1' && app.directDependencies(ref).has(object.origin.localAddress));
        for (const text of Object.values<string>(object.data ?? {})) {
          for (const document of parseAllDocuments(text)) {
            const universal = document.toJS();
            if (!universal || typeof universal !== 'object') continue;
            out.push({
              kind: universal.type,
              name: universal.name,
              mesh: universal.mesh ?? 'default',
              labels: { ...(universal.labels ?? {}), ...(KUMA_KINDS_WITH_MESH.has(universal.type) ? { 'kuma.io/mesh': universal.mesh ?? 'default' } : {}) },
              spec: universal.spec ?? universal,
              cluster,
              origin: object.origin,
              appliedBy: applier ?? object.origin,
              form: 'universal',
            });
          }
        }
      }
    }
  }
  return out;
}
