/**
 * How the hashicorp/kubernetes provider (v2.38.0) and the cluster consume the `kubernetes_*`
 * resources we emit, plus the small readers the Kong and cert-manager families share: the
 * cluster and namespace of an object, Helm values as Helm merges them, meshed namespaces.
 */
import YAML from 'yaml';
import { readUpstream } from '../../conformance/upstream';
import type { AppView, ResourceRef } from '../app-view';
import { clusterInventory } from '../inventory';
import type { UpstreamRule, Violation } from '../types';

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_ANNOTATION = 'kuma.io/service-account-token-volume';
const POD_WORKLOADS = ['kubernetes_deployment_v1', 'kubernetes_job_v1', 'kubernetes_stateful_set_v1', 'kubernetes_daemon_set_v1'];

/** A single nested block is an object in cdktf JSON, a repeated one an array: both read as a list. */
export function blocks(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first (or only) block. */
export function block(value: unknown): any {
  return blocks(value)[0];
}

/** `cluster/namespace`, the key under which objects of one namespace of one cluster meet. */
export function namespaceKey(app: AppView, ref: ResourceRef, namespace: unknown): string {
  return `${app.clusterOf(ref)}/${String(namespace ?? 'default')}`;
}

/** Names of namespaces (as `cluster/namespace`) whose label turns on Kuma sidecar injection. */
export function injectedNamespaces(app: AppView): Set<string> {
  const found = new Set<string>();
  for (const ns of app.resources('kubernetes_namespace_v1', 'kubernetes_namespace')) {
    const metadata = block(ns.config.metadata);
    if (metadata?.labels?.['kuma.io/sidecar-injection'] === 'enabled') found.add(namespaceKey(app, ns, metadata.name));
  }
  return found;
}

/**
 * Merges values documents the way Helm does: later documents over earlier ones, maps merge
 * key by key, anything else replaces, and a null deletes the key it names from what is
 * below it (helm/helm@v3.18.4:pkg/chartutil/coalesce.go#coalesceValues). Documents are read
 * as YAML 1.1, as Helm reads them.
 */
export function helmMerge(...layers: unknown[]): Record<string, any> {
  let merged: Record<string, any> = {};
  for (const layer of layers) merged = overlay(merged, layer);
  return merged;
}

function overlay(base: Record<string, any>, top: unknown): Record<string, any> {
  if (!isMap(top)) return base;
  const out: Record<string, any> = { ...base };
  for (const [key, value] of Object.entries(top)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = overlay(out[key], value);
    else out[key] = value;
  }
  return out;
}

function isMap(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values a release's templates see: the chart's defaults under every `values` document. */
export function effectiveValues(release: ResourceRef, chartDefaults: Record<string, any>): Record<string, any> {
  const documents = (release.config.values ?? []).filter((d: unknown) => typeof d === 'string').map((d: string) => YAML.parse(d, { version: '1.1' }));
  return helmMerge(chartDefaults, ...documents);
}

const defaultsCache = new Map<string, Record<string, any>>();

/** A pinned chart's values.yaml, read in place from ../shared/upstream. */
export function chartDefaults(relativePath: string): Record<string, any> {
  let parsed = defaultsCache.get(relativePath);
  if (!parsed) {
    parsed = (YAML.parse(readUpstream(relativePath), { version: '1.1' }) ?? {}) as Record<string, any>;
    defaultsCache.set(relativePath, parsed);
  }
  return parsed;
}

/** The pod template of a workload we emit (metadata and spec), if it has one. */
export function podTemplate(ref: ResourceRef): { metadata: any; spec: any } | undefined {
  const template = block(block(ref.config.spec)?.template);
  if (!template) return undefined;
  return { metadata: block(template.metadata) ?? {}, spec: block(template.spec) ?? {} };
}

export const KUBERNETES_PROVIDER_RULES: readonly UpstreamRule[] = [
  {
    id: 'K8S_PROVIDER_POD_SIDECAR_TOKEN',
    title: 'a pod in a sidecar-injected namespace that automounts no token hands the Kuma sidecar a token volume',
    sources: [
      // The injector points kuma-dp at the service account token file ...
      'kumahq/kuma@v2.14.3:pkg/plugins/runtime/k8s/containers/factory.go#KUMA_DATAPLANE_RUNTIME_TOKEN_PATH',
      // ... mounts only a token it finds (an existing mount, or the volume the annotation names) ...
      'kumahq/kuma@v2.14.3:pkg/plugins/runtime/k8s/webhooks/injector/injector.go#NewVolumeMounts',
      // ... and kuma-dp cannot bootstrap without reading it (the CP authenticates dataplanes by that token).
      'kumahq/kuma@v2.14.3:app/kuma-dp/pkg/dataplane/envoy/remote_bootstrap.go#requestForBootstrap',
      // The provider writes automount_service_account_token and projected volumes as given.
      'hashicorp/terraform-provider-kubernetes@v2.38.0:kubernetes/schema_pod_spec.go#podSpecFields',
    ],
    check: (app) => {
      const injected = injectedNamespaces(app);
      const violations: Violation[] = [];
      for (const workload of app.resources(...POD_WORKLOADS)) {
        const namespace = block(workload.config.metadata)?.namespace;
        if (!injected.has(namespaceKey(app, workload, namespace))) continue;
        const template = podTemplate(workload);
        if (!template) continue;
        if (template.metadata.annotations?.['kuma.io/sidecar-injection'] === 'disabled') continue;
        const spec = template.spec;
        if (spec.automount_service_account_token !== false) continue;
        const mountsToken = blocks(spec.container).some((container) => blocks(container.volume_mount).some((mount) => mount.mount_path === SERVICE_ACCOUNT_DIR));
        if (mountsToken) continue;
        const volumeName = template.metadata.annotations?.[TOKEN_VOLUME_ANNOTATION];
        const volume = blocks(spec.volume).find((v) => v.name === volumeName);
        const hasToken = blocks(block(volume?.projected)?.sources).some((source) => block(source.service_account_token)?.path === 'token');
        if (volumeName && hasToken) continue;
        violations.push({
          address: workload.address,
          message: volumeName
            ? `annotation ${TOKEN_VOLUME_ANNOTATION}: ${volumeName} names no projected volume with a service_account_token at path "token": the sidecar cannot authenticate to the control plane`
            : `automount_service_account_token is false and no ${TOKEN_VOLUME_ANNOTATION} annotation names a token volume: kuma-dp finds no token and the pod never becomes ready`,
        });
      }
      return violations;
    },
  },
  {
    id: 'K8S_RENDERED_POD_SIDECAR_TOKEN',
    title: 'every pod (ours or a chart\'s, as rendered) in a namespace with sidecar injection gives the sidecar a token',
    sources: [
      'kumahq/kuma@v2.14.3:pkg/plugins/runtime/k8s/webhooks/injector/injector.go#NewVolumeMounts',
      'kumahq/kuma@v2.14.3:pkg/plugins/runtime/k8s/containers/factory.go#KUMA_DATAPLANE_RUNTIME_TOKEN_PATH',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const inventory of clusterInventory(app).values()) {
        for (const pod of inventory.podTemplates()) {
          if (inventory.namespace(pod.namespace)?.metadata.labels?.['kuma.io/sidecar-injection'] !== 'enabled') continue;
          if (pod.labels['kuma.io/sidecar-injection'] === 'disabled' || pod.spec.automountServiceAccountToken !== false) continue;
          if ([...pod.containers].some((c) => (c.spec.volumeMounts ?? []).some((m: any) => m.mountPath === SERVICE_ACCOUNT_DIR))) continue;
          const volumeName = pod.annotations[TOKEN_VOLUME_ANNOTATION];
          const volume = (pod.spec.volumes ?? []).find((v: any) => v.name === volumeName);
          if (volume?.projected?.sources?.some((source: any) => source.serviceAccountToken?.path === 'token') || volume?.secret) continue;
          violations.push({
            address: pod.origin.address,
            message: `${pod.owner.kind} ${pod.owner.metadata.name} in ${pod.namespace}: automountServiceAccountToken is false and ${volumeName ? `volume ${volumeName} holds no token` : `no ${TOKEN_VOLUME_ANNOTATION} annotation names a token volume`}: the sidecar cannot start`,
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'K8S_PROVIDER_JOB_WAIT_OUTLASTS_DEADLINE',
    title: 'a Job Terraform waits for gets a create timeout at least as long as its active deadline',
    sources: [
      // wait_for_completion polls until the Job completes or fails, bounded by the create timeout.
      'hashicorp/terraform-provider-kubernetes@v2.38.0:kubernetes/resource_kubernetes_job_v1.go#resourceKubernetesJobV1Create',
      'hashicorp/terraform-provider-kubernetes@v2.38.0:kubernetes/resource_kubernetes_job_v1.go#retryUntilJobV1IsFinished',
    ],
    check: (app) =>
      app.resources('kubernetes_job_v1').flatMap((job) => {
        if (job.config.wait_for_completion === false) return [];
        const deadline = Number(block(job.config.spec)?.active_deadline_seconds);
        const timeout = durationSeconds(job.config.timeouts?.create ?? '1m');
        if (!Number.isFinite(deadline) || timeout >= deadline) return [];
        return [{ address: job.address, message: `timeouts.create (${timeout}s) is shorter than spec.active_deadline_seconds (${deadline}s): Terraform gives up on a Job Kubernetes still runs` }];
      }),
  },
  {
    id: 'K8S_PROVIDER_MANIFEST_NAMESPACE',
    title: 'kubernetes_manifest objects of namespaced kinds name their namespace, cluster-scoped ones none',
    sources: [
      // The manifest resource sends metadata as given; for a namespaced kind without a namespace the
      // API call goes to no namespace and fails, for a cluster-scoped kind a namespace is an error.
      'hashicorp/terraform-provider-kubernetes@v2.38.0:manifest/provider/apply.go#ApplyResourceChange',
      'hashicorp/terraform-provider-kubernetes@v2.38.0:manifest/provider/plan.go#PlanResourceChange',
    ],
    check: (app) =>
      app.resources('kubernetes_manifest').flatMap((ref) => {
        const manifest = ref.config.manifest ?? {};
        const scope = KIND_SCOPE[`${String(manifest.apiVersion).split('/')[0]}/${manifest.kind}`];
        if (!scope) return [];
        const namespace = manifest.metadata?.namespace;
        if (scope === 'Namespaced' && !namespace) return [{ address: ref.address, message: `${manifest.kind} is namespaced: set metadata.namespace` }];
        if (scope === 'Cluster' && namespace) return [{ address: ref.address, message: `${manifest.kind} is cluster-scoped: remove metadata.namespace "${namespace}"` }];
        return [];
      }),
  },
];

/**
 * Scopes of the custom resources the library emits, as their CRDs declare them
 * (cert-manager/cert-manager@v1.21.1: deploy/crds; Kong/charts@kong-3.4.1: charts/kong/crds).
 */
const KIND_SCOPE: Record<string, 'Namespaced' | 'Cluster'> = {
  'cert-manager.io/Certificate': 'Namespaced',
  'cert-manager.io/Issuer': 'Namespaced',
  'cert-manager.io/ClusterIssuer': 'Cluster',
  'configuration.konghq.com/KongPlugin': 'Namespaced',
  'configuration.konghq.com/KongClusterPlugin': 'Cluster',
};

/** Seconds in a Terraform duration such as `10m`, `1h30m` or `90s`. */
export function durationSeconds(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of String(duration).matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) {
    total += Number(amount) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
  }
  return total;
}
