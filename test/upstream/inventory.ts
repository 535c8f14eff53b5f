/**
 * What each cluster will hold once an app is applied: every Kubernetes object, in its API
 * (camelCase) form, with the Terraform resource that creates it. Rules that span objects
 * (a Service and the pods it selects, a pod and the webhook that mutates it) read this
 * instead of each re-reading the provider's snake_case blocks or the charts.
 *
 * Three sources, per cluster (AppView.clusterOf, the provider alias):
 * - `kubernetes_*` resources, converted the way terraform-provider-kubernetes expands them
 *   (hashicorp/terraform-provider-kubernetes@v2.38.0: kubernetes/structures.go#expandMetadata,
 *   structures_deployment.go#expandDeploymentSpec/#expandPodTemplate, structures_pod.go#expandPodSpec,
 *   structures_container.go#expandContainers/#expandContainerPort,
 *   structure_service_spec.go#expandServiceSpec/#expandServicePort,
 *   structure_ingress_spec_v1.go#expandIngressV1Spec, structure_job.go#expandJobV1Spec,
 *   structure_label_selector.go#expandLabelSelector), with the schema defaults that change
 *   meaning (container and service port `protocol` TCP, service `type` ClusterIP,
 *   `automount_service_account_token` true, metadata `namespace` "default":
 *   schema_container.go, resource_kubernetes_service_v1.go, schema_pod_spec.go, schema_metadata.go);
 * - `kubernetes_manifest.manifest`, as is;
 * - `helm_release`s rendered with the pinned charts (./helm/render.ts), test hooks left out,
 *   namespaced objects placed in the release namespace as Helm's kube client does, plus the
 *   Namespace that `create_namespace` makes.
 *
 * Terraform expressions (`${...}`) stay strings, except `${kubernetes_namespace_v1.X.metadata[0].name}`
 * in a namespace field, which is resolved to X's literal name (what Terraform substitutes).
 */
import type { AppView, ResourceRef } from './app-view';
import { BUILTIN_API_VERSIONS, HelmRenderError, namespaceResolver, renderRelease } from './helm/render';

/** A Kubernetes object as the API server will hold it, and where it comes from. */
export interface InventoryObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: any;
  };
  readonly [key: string]: any;
  /** The Terraform resource that creates it (for chart objects, the helm_release). */
  readonly origin: ResourceRef;
  /** For chart objects: the template that rendered it. */
  readonly template?: string;
  /** For chart objects: the `helm.sh/hook` annotation when the object is a hook. */
  readonly hook?: string;
}

export interface ContainerPortView {
  readonly name?: string;
  readonly containerPort: number | string;
  readonly protocol: string;
}

export interface ContainerView {
  readonly name: string;
  readonly image?: string;
  readonly ports: readonly ContainerPortView[];
  /** The full container in API form. */
  readonly spec: any;
}

/** The pod template of a workload (or a bare Pod). */
export interface PodTemplateView {
  /** The workload object that owns the template (Deployment, DaemonSet, StatefulSet, Job, CronJob, Pod...). */
  readonly owner: InventoryObject;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly containers: readonly ContainerView[];
  readonly initContainers: readonly ContainerView[];
  /** `spec.serviceAccountName`, or `default` as the API server defaults it. */
  readonly serviceAccountName: string;
  /** The pod spec in API form. */
  readonly spec: any;
  readonly origin: ResourceRef;
}

/** One webhook of a MutatingWebhookConfiguration. */
export interface MutatingWebhookView {
  readonly configuration: InventoryObject;
  readonly name: string;
  readonly namespaceSelector?: LabelSelector;
  readonly objectSelector?: LabelSelector;
  readonly rules: readonly any[];
  readonly failurePolicy?: string;
  /** The webhook in API form. */
  readonly webhook: any;
  /** What installs it (a helm_release for chart webhooks). */
  readonly origin: ResourceRef;
}

export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

/** A helm_release whose objects are missing from the inventory, and why. */
export interface RenderFailure {
  readonly release: ResourceRef;
  readonly message: string;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'ReplicationController']);

/** Kinds the API server keeps without a namespace (besides CRDs of Cluster scope found in the inventory). */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'IngressClass', 'PriorityClass', 'StorageClass', 'CSIDriver', 'RuntimeClass',
  'APIService', 'GatewayClass', 'ClusterIssuer', 'FlowSchema', 'PriorityLevelConfiguration',
]);

export class ClusterInventory {
  private readonly list: InventoryObject[] = [];
  /** Releases of this cluster that could not be rendered (their objects are absent). */
  readonly renderFailures: RenderFailure[] = [];

  constructor(public readonly cluster: string) {}

  /** True when every helm_release of the cluster was rendered. */
  get complete(): boolean {
    return this.renderFailures.length === 0;
  }

  /** @internal */
  add(object: InventoryObject): void {
    this.list.push(object);
  }

  /** Every object, or those of one kind. */
  objects(kind?: string): InventoryObject[] {
    return kind ? this.list.filter((object) => object.kind === kind) : [...this.list];
  }

  /** Objects created by one Terraform resource. */
  objectsFrom(origin: ResourceRef): InventoryObject[] {
    return this.list.filter((object) => object.origin.address === origin.address);
  }

  /** The Namespace object of that name, if anything in the app creates it. */
  namespace(name: string): InventoryObject | undefined {
    return this.list.find((object) => object.kind === 'Namespace' && object.metadata.name === name);
  }

  services(): InventoryObject[] {
    return this.objects('Service');
  }

  /** Pod templates of every workload (and bare Pods), CronJobs included. */
  podTemplates(): PodTemplateView[] {
    const out: PodTemplateView[] = [];
    for (const owner of this.list) {
      let template: any;
      if (WORKLOAD_KINDS.has(owner.kind)) template = owner.spec?.template;
      else if (owner.kind === 'CronJob') template = owner.spec?.jobTemplate?.spec?.template;
      else if (owner.kind === 'Pod') template = { metadata: owner.metadata, spec: owner.spec };
      if (!template) continue;
      const spec = template.spec ?? {};
      out.push({
        owner,
        namespace: owner.metadata.namespace ?? 'default',
        labels: { ...(template.metadata?.labels ?? {}) },
        annotations: { ...(template.metadata?.annotations ?? {}) },
        containers: (spec.containers ?? []).map(containerView),
        initContainers: (spec.initContainers ?? []).map(containerView),
        serviceAccountName: spec.serviceAccountName || spec.serviceAccount || 'default',
        spec,
        origin: owner.origin,
      });
    }
    return out;
  }

  /**
   * Services whose selector picks the pod: same namespace, and every selector key present in
   * the pod's labels with the same value. A Service without a selector selects no pod (its
   * endpoints are managed by hand): kubernetes/kubernetes pkg/controller/endpointslice.
   */
  servicesSelecting(pod: { readonly namespace: string; readonly labels: Record<string, string> }): InventoryObject[] {
    return this.services().filter((service) =>
      (service.metadata.namespace ?? 'default') === pod.namespace && serviceSelects(service.spec?.selector, pod.labels));
  }

  /** Pod templates a Service selects. */
  podsSelectedBy(service: InventoryObject): PodTemplateView[] {
    return this.podTemplates().filter((pod) =>
      pod.namespace === (service.metadata.namespace ?? 'default') && serviceSelects(service.spec?.selector, pod.labels));
  }

  /**
   * `group/version/Kind` entries the cluster's API server serves once the app is applied: the
   * built-in ones of Kubernetes 1.31 and those of every CustomResourceDefinition in the
   * inventory (whatever creates it). An object of another kind is refused ("no matches for
   * kind"; Helm: "resource mapping not found").
   */
  servedKinds(): Set<string> {
    const served = new Set(BUILTIN_API_VERSIONS.filter((entry) => entry.split('/').length === (entry.startsWith('v1/') ? 2 : 3)));
    for (const crd of this.objects('CustomResourceDefinition')) {
      for (const version of crd.spec?.versions ?? []) {
        if (version.served !== false) served.add(`${crd.spec.group}/${version.name}/${crd.spec?.names?.kind}`);
      }
    }
    return served;
  }

  /** Objects whose apiVersion/kind the cluster does not serve (see {@link servedKinds}). */
  unservedObjects(): InventoryObject[] {
    const served = this.servedKinds();
    return this.list.filter((object) => !served.has(`${object.apiVersion}/${object.kind}`));
  }

  /** Every webhook of every MutatingWebhookConfiguration, with what installs it. */
  mutatingWebhooks(): MutatingWebhookView[] {
    return this.objects('MutatingWebhookConfiguration').flatMap((configuration) =>
      (configuration.webhooks ?? []).map((webhook: any) => ({
        configuration,
        name: webhook.name,
        namespaceSelector: webhook.namespaceSelector,
        objectSelector: webhook.objectSelector,
        rules: webhook.rules ?? [],
        failurePolicy: webhook.failurePolicy,
        webhook,
        origin: configuration.origin,
      })));
  }
}

function containerView(container: any): ContainerView {
  return {
    name: container.name,
    image: container.image,
    ports: (container.ports ?? []).map((port: any) => ({ name: port.name, containerPort: port.containerPort, protocol: port.protocol ?? 'TCP' })),
    spec: container,
  };
}

/** Service selector semantics: a missing or empty selector selects nothing; else every pair must match. */
export function serviceSelects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/**
 * metav1.LabelSelector semantics (k8s.io/apimachinery pkg/apis/meta/v1/helpers.go#LabelSelectorAsSelector):
 * an absent selector (undefined) matches everything here, as webhooks treat a missing
 * namespaceSelector/objectSelector; an empty one ({}) matches everything; matchLabels and
 * every matchExpression (In, NotIn, Exists, DoesNotExist) must all hold.
 */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In': if (!has || !values.includes(labels[expression.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[expression.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

// ---- kubernetes_* provider resources to API objects ----

/** Resource type -> apiVersion and kind. */
export const PROVIDER_KINDS: Record<string, { apiVersion: string; kind: string }> = {
  kubernetes_namespace_v1: { apiVersion: 'v1', kind: 'Namespace' },
  kubernetes_namespace: { apiVersion: 'v1', kind: 'Namespace' },
  kubernetes_deployment_v1: { apiVersion: 'apps/v1', kind: 'Deployment' },
  kubernetes_deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  kubernetes_daemon_set_v1: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  kubernetes_stateful_set_v1: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  kubernetes_service_v1: { apiVersion: 'v1', kind: 'Service' },
  kubernetes_service: { apiVersion: 'v1', kind: 'Service' },
  kubernetes_job_v1: { apiVersion: 'batch/v1', kind: 'Job' },
  kubernetes_cron_job_v1: { apiVersion: 'batch/v1', kind: 'CronJob' },
  kubernetes_pod_v1: { apiVersion: 'v1', kind: 'Pod' },
  kubernetes_secret_v1: { apiVersion: 'v1', kind: 'Secret' },
  kubernetes_secret: { apiVersion: 'v1', kind: 'Secret' },
  kubernetes_config_map_v1: { apiVersion: 'v1', kind: 'ConfigMap' },
  kubernetes_config_map: { apiVersion: 'v1', kind: 'ConfigMap' },
  kubernetes_ingress_v1: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  kubernetes_ingress_class_v1: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass' },
  kubernetes_service_account_v1: { apiVersion: 'v1', kind: 'ServiceAccount' },
  kubernetes_role_v1: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  kubernetes_role_binding_v1: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  kubernetes_cluster_role_v1: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  kubernetes_cluster_role_binding_v1: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
  kubernetes_network_policy_v1: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  kubernetes_pod_disruption_budget_v1: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  kubernetes_mutating_webhook_configuration_v1: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' },
  kubernetes_validating_webhook_configuration_v1: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration' },
};

/**
 * Blocks whose schema is a list of many, renamed to the API's plural field. The key is the
 * block name, optionally `parent/block` when the plural only holds under one parent.
 */
const PLURAL_BLOCKS: Record<string, string> = {
  container: 'containers',
  init_container: 'initContainers',
  'containers/port': 'ports',
  'initContainers/port': 'ports',
  'spec/port': 'ports', // Service spec (ports); ingress backend `service.port` is single
  volume_mount: 'volumeMounts',
  volume_device: 'volumeDevices',
  volume: 'volumes',
  env: 'env',
  env_from: 'envFrom',
  toleration: 'tolerations',
  image_pull_secrets: 'imagePullSecrets',
  host_aliases: 'hostAliases',
  readiness_gate: 'readinessGates',
  topology_spread_constraint: 'topologySpreadConstraints',
  match_expressions: 'matchExpressions',
  rule: 'rules',
  'http/path': 'paths',
  tls: 'tls',
  items: 'items',
  subject: 'subjects',
  ingress: 'ingress',
  egress: 'egress',
  webhook: 'webhooks',
  sources: 'sources', // projected volume sources
  from: 'from',
  to: 'to',
  sysctl: 'sysctls',
  option: 'options',
  node_selector_term: 'nodeSelectorTerms',
  match_fields: 'matchFields',
  preferred_during_scheduling_ignored_during_execution: 'preferredDuringSchedulingIgnoredDuringExecution',
  'podAffinity/required_during_scheduling_ignored_during_execution': 'requiredDuringSchedulingIgnoredDuringExecution',
  'podAntiAffinity/required_during_scheduling_ignored_during_execution': 'requiredDuringSchedulingIgnoredDuringExecution',
  readiness_gates: 'readinessGates',
};

/** Fields whose provider type is a string holding an integer (the provider parses them). */
const INTEGER_STRINGS = new Set(['replicas', 'run_as_user', 'run_as_group', 'fs_group', 'ttl_seconds_after_finished', 'termination_grace_period_seconds', 'supplemental_groups']);
/** Fields the provider parses with intstr.Parse (an integer when the string is one). */
const INT_OR_STRING = new Set(['target_port', 'max_surge', 'max_unavailable', 'min_available']);
/** Probe handler `port` is intstr too, but a Service/container `port` is a number. */
const INT_OR_STRING_UNDER = new Set(['http_get', 'tcp_socket']);
/** Maps of user keys: copied, never converted. */
const FREE_MAPS = new Set(['labels', 'annotations', 'selector', 'match_labels', 'data', 'binary_data', 'node_selector', 'limits', 'requests', 'string_data']);

function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function intOrString(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
}

/** Converts provider blocks (snake_case, blocks as lists) into API fields (camelCase). */
function convertBlock(value: any, parentApiKey: string, parentSnake: string): any {
  if (Array.isArray(value)) return value.map((item) => convertBlock(item, parentApiKey, parentSnake));
  if (!value || typeof value !== 'object') return value;
  const out: any = {};
  for (const [key, raw] of Object.entries<any>(value)) {
    const plural = PLURAL_BLOCKS[`${parentApiKey}/${key}`] ?? PLURAL_BLOCKS[key];
    const apiKey = plural ?? camel(key);
    let item: any = raw;
    const isLabelSelectorBlock = key === 'selector' && (Array.isArray(raw) || (raw && ('match_labels' in raw || 'match_expressions' in raw)));
    if (FREE_MAPS.has(key) && !Array.isArray(raw) && !isLabelSelectorBlock) {
      out[apiKey] = raw == null ? raw : { ...raw };
      continue;
    }
    if (plural) {
      item = (Array.isArray(raw) ? raw : [raw]).map((entry) => convertBlock(entry, apiKey, key));
    } else if (Array.isArray(raw) && raw.length > 0 && raw.every((entry) => entry && typeof entry === 'object' && !Array.isArray(entry))) {
      // A block of MaxItems 1 (metadata, spec, template, security_context, ...): one object in the API.
      item = convertBlock(raw[0], apiKey, key);
    } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      item = convertBlock(raw, apiKey, key);
    } else if (INTEGER_STRINGS.has(key)) {
      item = intOrString(raw);
    } else if (INT_OR_STRING.has(key) || (key === 'port' && INT_OR_STRING_UNDER.has(parentSnake))) {
      item = intOrString(raw);
    }
    out[apiKey] = item;
  }
  return out;
}

/** Schema defaults that change what the object means. */
function applyDefaults(kind: string, object: any): void {
  const podSpecs: any[] = [];
  if (WORKLOAD_KINDS.has(kind)) podSpecs.push(object.spec?.template?.spec);
  if (kind === 'CronJob') podSpecs.push(object.spec?.jobTemplate?.spec?.template?.spec);
  if (kind === 'Pod') podSpecs.push(object.spec);
  for (const spec of podSpecs.filter(Boolean)) {
    if (spec.automountServiceAccountToken === undefined) spec.automountServiceAccountToken = true;
    for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const port of container.ports ?? []) port.protocol ??= 'TCP';
    }
  }
  if (kind === 'Service') {
    object.spec ??= {};
    object.spec.type ??= 'ClusterIP';
    for (const port of object.spec.ports ?? []) port.protocol ??= 'TCP';
  }
}

/**
 * The API object a `kubernetes_*` resource creates, or undefined for types not known here.
 * Secret `data` (plain text in the provider, base64-encoded by it) is given as `stringData`.
 */
export function toApiObject(ref: ResourceRef, app?: AppView): Omit<InventoryObject, 'origin'> | undefined {
  const kind = PROVIDER_KINDS[ref.type];
  if (!kind) return undefined;
  const { ['//']: _meta, provider: _provider, depends_on: _dependsOn, lifecycle: _lifecycle, timeouts: _timeouts,
    wait_for_completion: _wait, wait_for_rollout: _rollout, wait_for_load_balancer: _lb, wait_for_default_service_account: _sa,
    count: _count, for_each: _forEach, ...body } = ref.config ?? {};
  const converted = convertBlock(body, '', '');
  const object: any = { apiVersion: kind.apiVersion, kind: kind.kind, ...converted };
  object.metadata ??= {};
  if (kind.kind === 'Secret' && object.data) {
    object.stringData = object.data;
    delete object.data;
  }
  if (kind.kind === 'Secret' && object.binaryData) {
    object.data = object.binaryData;
    delete object.binaryData;
  }
  if (!CLUSTER_SCOPED_KINDS.has(kind.kind)) {
    object.metadata.namespace = resolveNamespace(object.metadata.namespace ?? 'default', ref, app);
  }
  applyDefaults(kind.kind, object);
  return object;
}

function resolveNamespace(namespace: string, ref: ResourceRef, app?: AppView): string {
  if (typeof namespace !== 'string' || !namespace.includes('${')) return namespace;
  const resolve = namespaceResolver(app, ref.stack);
  const match = /^\$\{([^}]*)\}$/.exec(namespace);
  return (match && resolve(match[1])) || namespace;
}

// ---- inventory ----

export interface InventoryOptions {
  /** Render helm_releases (default true). Without it, chart objects are absent. */
  readonly renderCharts?: boolean;
}

const inventories = new WeakMap<AppView, Map<string, ClusterInventory>>();

/** The objects of every cluster of the app, keyed by cluster (provider alias). Cached per AppView. */
export function clusterInventory(app: AppView, options: InventoryOptions = {}): Map<string, ClusterInventory> {
  const renderCharts = options.renderCharts ?? true;
  const cached = renderCharts ? inventories.get(app) : undefined;
  if (cached) return cached;
  const clusters = new Map<string, ClusterInventory>();
  const inventoryOf = (cluster: string): ClusterInventory => {
    let inventory = clusters.get(cluster);
    if (!inventory) {
      inventory = new ClusterInventory(cluster);
      clusters.set(cluster, inventory);
    }
    return inventory;
  };

  for (const ref of app.resources()) {
    const cluster = app.clusterOf(ref);
    if (!cluster) continue;
    if (ref.type === 'kubernetes_manifest') {
      const manifest = ref.config.manifest;
      if (manifest && typeof manifest === 'object') {
        const object = structuredClone(manifest);
        object.metadata ??= {};
        if (object.metadata.namespace) object.metadata.namespace = resolveNamespace(object.metadata.namespace, ref, app);
        inventoryOf(cluster).add({ ...object, origin: ref });
      }
      continue;
    }
    if (ref.type === 'helm_release') {
      const inventory = inventoryOf(cluster);
      const namespace = resolveNamespace(ref.config.namespace ?? 'default', ref, app);
      if (ref.config.create_namespace === true) {
        inventory.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace }, origin: ref });
      }
      if (!renderCharts) continue;
      try {
        const rendered = renderRelease(ref, app, { extraApiVersions: otherChartsApiVersions(app, ref, cluster) });
        const clusterScoped = new Set(CLUSTER_SCOPED_KINDS);
        for (const item of rendered.objects) {
          if (item.crd && item.object.spec?.scope === 'Cluster') clusterScoped.add(item.object.spec?.names?.kind);
          if (!item.crd && item.object.kind === 'CustomResourceDefinition' && item.object.spec?.scope === 'Cluster') clusterScoped.add(item.object.spec?.names?.kind);
        }
        for (const item of rendered.objects) {
          if (item.hook && /(^|,)\s*test(-success|-failure)?\s*(,|$)/.test(item.hook)) continue; // only `helm test` creates these
          const object = structuredClone(item.object);
          object.metadata ??= {};
          if (!clusterScoped.has(object.kind) && !object.metadata.namespace) object.metadata.namespace = namespace;
          inventory.add({ ...object, origin: ref, template: item.template, ...(item.hook ? { hook: item.hook } : {}) });
        }
      } catch (error) {
        if (!(error instanceof HelmRenderError)) throw error;
        inventory.renderFailures.push({ release: ref, message: error.message });
      }
      continue;
    }
    const object = toApiObject(ref, app);
    if (object) inventoryOf(cluster).add({ ...(object as any), origin: ref });
  }
  if (renderCharts) inventories.set(app, clusters);
  return clusters;
}

/**
 * API groups that other charts of the same cluster serve, when this release waits for them
 * (Helm's `.Capabilities.APIVersions` comes from discovery at install time): cert-manager's.
 */
function otherChartsApiVersions(app: AppView, release: ResourceRef, cluster: string): string[] {
  const certManager = app.resources('helm_release').find((other) =>
    other.config.chart === 'cert-manager' && app.clusterOf(other) === cluster && other.address !== release.address
    && app.dependsOn(release, other));
  return certManager ? ['cert-manager.io/v1', 'cert-manager.io/v1/Certificate', 'cert-manager.io/v1/Issuer'] : [];
}
