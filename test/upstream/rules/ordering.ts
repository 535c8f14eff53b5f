/**
 * What must exist before a Kubernetes object is created, stated as edges Terraform can
 * see in the JSON (references or `depends_on`). Terraform walks a stack in parallel
 * and orders two resources only along those edges
 * (hashicorp/terraform@v1.11.0:internal/terraform/transform_reference.go#ReferenceTransformer);
 * construct-tree dependencies write none of them (cdktf 0.21).
 */
import type { AppView, ResourceRef } from '../app-view';
import type { UpstreamRule, Violation } from '../types';
import { block, effectiveValues } from './kubernetes-provider';

/** Where a Kubernetes or Helm resource puts its object(s): cluster alias and namespace. */
export interface Placement {
  readonly cluster: string;
  readonly namespace: string;
}

/** Kubernetes provider resources that create pods. */
const POD_CREATING_TYPES = ['kubernetes_deployment_v1', 'kubernetes_stateful_set_v1', 'kubernetes_daemon_set_v1', 'kubernetes_job_v1', 'kubernetes_cron_job_v1', 'kubernetes_pod_v1'];
const MESH_CHARTS = ['kuma', 'kong-mesh'];

export const ORDERING_RULES: readonly UpstreamRule[] = [
  {
    id: 'ORDER_NAMESPACE_BEFORE_OBJECT',
    title: 'every object in a namespace the app creates waits for that namespace',
    sources: [
      // The API server refuses objects in a namespace that does not exist (NamespaceLifecycle).
      'kubernetes/kubernetes@v1.31.0:plugin/pkg/admission/namespace/lifecycle/admission.go#Admit',
      // helm_release with create_namespace = false installs into an existing namespace only.
      'hashicorp/terraform-provider-helm@v3.1.1:helm/resource_helm_release.go#resourceReleaseCreate',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      const namespaces = createdNamespaces(app);
      for (const ref of app.resources()) {
        if (ref.type === 'kubernetes_namespace_v1' || ref.type === 'kubernetes_namespace') continue;
        const placement = placementOf(app, ref);
        if (!placement) continue;
        if (ref.type === 'helm_release' && ref.config.create_namespace === true) continue;
        const namespace = namespaces.get(`${placement.cluster}/${placement.namespace}`);
        if (!namespace || namespace.stack !== ref.stack) continue;
        if (!app.dependsOn(ref, namespace)) {
          violations.push({
            address: ref.address,
            message: `is created in namespace "${placement.namespace}" of cluster ${placement.cluster}, but does not wait for ${namespace.localAddress}; reference it or add it to depends_on`,
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'ORDER_INJECTOR_BEFORE_MESHED_POD',
    title: 'every pod in a namespace with sidecar injection waits for the zone control plane that injects it',
    sources: [
      // The injector is a mutating webhook on pod CREATE, selecting namespaces labelled
      // kuma.io/sidecar-injection in (enabled, true), installed by the zone chart (mode != global).
      'kumahq/kuma@v2.14.3:deployments/charts/kuma/templates/cp-webhooks-and-secrets.yaml#namespace-kuma-injector.kuma.io',
      // A pod created before the webhook exists is never mutated afterwards: no sidecar, no mesh identity.
      'kumahq/kuma@v2.14.3:pkg/plugins/runtime/k8s/webhooks/injector/injector.go#InjectKuma',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      const injectingNamespaces = namespacesWithInjection(app);
      for (const ref of app.resources(...POD_CREATING_TYPES, 'helm_release')) {
        if (!createsMeshedPods(ref)) continue;
        const placement = placementOf(app, ref);
        if (!placement || !injectingNamespaces.has(`${placement.cluster}/${placement.namespace}`)) continue;
        const injectors = app.resources('helm_release').filter(
          (release) => release.stack === ref.stack && app.clusterOf(release) === placement.cluster && installsInjector(release),
        );
        if (injectors.length === 0) continue; // installed by an earlier stage, or not by this app
        if (!injectors.some((injector) => app.dependsOn(ref, injector))) {
          violations.push({
            address: ref.address,
            message: `creates pods in "${placement.namespace}" (sidecar injection on) but does not wait for ${injectors.map((injector) => injector.localAddress).join(' or ')}, whose webhook injects them`,
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'ORDER_SECRET_BEFORE_CONTROL_PLANE',
    title: 'a Kuma / Kong Mesh release waits for every Secret of its namespace that its values name and the app creates',
    sources: [
      // controlPlane.secrets become env valueFrom.secretKeyRef of the CP and its migration init
      // container (the Kong Mesh license, the PostgreSQL password): a missing Secret stops the pod
      // (CreateContainerConfigError), and `wait` then fails the release.
      'kumahq/kuma@v2.14.3:deployments/charts/kuma/templates/cp-deployment.yaml#controlPlane.secrets',
      // postgres.tls.caSecretName and the TLS secrets are mounted as secret volumes.
      'kumahq/kuma@v2.14.3:deployments/charts/kuma/templates/cp-deployment.yaml#postgres-tls-cert-ca',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const release of app.resources('helm_release')) {
        if (!MESH_CHARTS.includes(release.config.chart)) continue;
        const placement = placementOf(app, release);
        if (!placement) continue;
        for (const secret of createdSecretsReadBy(app, release, placement)) {
          if (secret.stack === release.stack && !app.dependsOn(release, secret)) {
            violations.push({
              address: release.address,
              message: `reads Secret "${block(secret.config.metadata)?.name}" (${secret.localAddress}) from its values but does not wait for it; add it to depends_on`,
            });
          }
        }
      }
      return violations;
    },
  },
];

/** Secret names a Kuma / Kong Mesh release's values read (env from Secrets, TLS and CA mounts). */
export function secretNamesReadBy(release: ResourceRef): string[] {
  const values = mergedValues(release);
  const kuma = release.config.chart === 'kong-mesh' ? (values.kuma ?? {}) : values;
  const cp = kuma.controlPlane ?? {};
  const tls = cp.tls ?? {};
  return [
    ...(Array.isArray(cp.secrets) ? cp.secrets.map((entry: any) => entry?.Secret) : []),
    kuma.postgres?.tls?.caSecretName,
    kuma.postgres?.tls?.secretName,
    tls.kdsGlobalServer?.secretName,
    tls.kdsZoneClient?.secretName,
    tls.apiServer?.secretName,
    tls.apiServer?.clientCertsSecretName,
  ].filter((name): name is string => typeof name === 'string' && name !== '');
}

/** The Secrets the app creates in a release's cluster and namespace that its values read. */
export function createdSecretsReadBy(app: AppView, release: ResourceRef, placement: Placement): ResourceRef[] {
  const names = new Set(secretNamesReadBy(release));
  return app.resources('kubernetes_secret_v1', 'kubernetes_secret').filter((secret) => {
    const where = placementOf(app, secret);
    return where?.cluster === placement.cluster && where.namespace === placement.namespace && names.has(block(secret.config.metadata)?.name);
  });
}

/** The cluster and namespace a resource writes to, for namespaced Kubernetes and Helm resources. */
export function placementOf(app: AppView, ref: ResourceRef): Placement | undefined {
  const cluster = app.clusterOf(ref);
  if (!cluster) return undefined;
  const namespace =
    ref.type === 'helm_release'
      ? (ref.config.namespace ?? 'default')
      : ref.type === 'kubernetes_manifest'
        ? ref.config.manifest?.metadata?.namespace
        : block(ref.config.metadata)?.namespace;
  return typeof namespace === 'string' ? { cluster, namespace: resolvedName(app, ref, namespace) } : undefined;
}

/** Whether a Kuma or Kong Mesh release installs the sidecar injector (a zone control plane on Kubernetes). */
export function installsInjector(release: ResourceRef): boolean {
  if (!MESH_CHARTS.includes(release.config.chart)) return false;
  const values = mergedValues(release);
  const kuma = release.config.chart === 'kong-mesh' ? (values.kuma ?? {}) : values;
  const mode = kuma.controlPlane?.mode ?? 'zone';
  const environment = kuma.controlPlane?.environment ?? 'kubernetes';
  return mode !== 'global' && environment === 'kubernetes';
}

/** The values documents of a release, merged in order as Helm merges `-f` files. */
export function mergedValues(release: ResourceRef): any {
  return effectiveValues(release, {});
}

function createdNamespaces(app: AppView): Map<string, ResourceRef> {
  const byKey = new Map<string, ResourceRef>();
  for (const ref of app.resources('kubernetes_namespace_v1', 'kubernetes_namespace')) {
    const cluster = app.clusterOf(ref);
    const name = block(ref.config.metadata)?.name;
    if (cluster && typeof name === 'string') byKey.set(`${cluster}/${name}`, ref);
  }
  return byKey;
}

function namespacesWithInjection(app: AppView): Set<string> {
  const keys = new Set<string>();
  for (const ref of app.resources('kubernetes_namespace_v1', 'kubernetes_namespace')) {
    if (injectionEnabled(ref)) keys.add(`${app.clusterOf(ref)}/${block(ref.config.metadata).name}`);
  }
  return keys;
}

/** Whether the zone injector's webhook selects this namespace resource (label value enabled or true). */
export function injectionEnabled(namespace: ResourceRef | undefined): boolean {
  const label = block(namespace?.config.metadata)?.labels?.['kuma.io/sidecar-injection'];
  return label === 'enabled' || label === 'true';
}

/** Whether a resource creates pods the injector mutates: a workload, or a release of any chart but the mesh's own. */
export function createsMeshedPods(ref: ResourceRef): boolean {
  return ref.type === 'helm_release' ? !MESH_CHARTS.includes(ref.config.chart) : POD_CREATING_TYPES.includes(ref.type);
}

/** A namespace written as a reference to a namespace resource resolves to that resource's name. */
function resolvedName(app: AppView, ref: ResourceRef, value: string): string {
  const match = /^\$\{(kubernetes_namespace(?:_v1)?\.[A-Za-z0-9_-]+)\.metadata(?:\[0\])?\.name\}$/.exec(value);
  if (!match) return value;
  const target = app.find(ref.stack, match[1]);
  return block(target?.config.metadata)?.name ?? value;
}
