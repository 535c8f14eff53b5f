/**
 * A rehearsal of `cdktf deploy '*'` and `cdktf destroy '*'`, from the JSON alone.
 *
 * cdktf applies stacks in dependency order and destroys them in reverse. Inside a stack,
 * Terraform creates a resource once everything it references or lists in `depends_on`
 * exists, and destroys it before any of those
 * (hashicorp/terraform@v1.11.0:internal/terraform/transform_destroy_edge.go#DestroyEdgeTransformer).
 * Nothing else orders two resources: two that share no path run in parallel.
 *
 * The rehearsal walks both orders as waves (what Terraform may run at once) and checks
 * every prerequisite that upstream needs to exist first: the cluster and its nodes, the
 * namespace, the release that installs a CRD, the zone control plane whose webhook
 * injects sidecars, the workload identity pool, the role assignment a principal acts
 * with. A prerequisite holds only when an edge guarantees it: an earlier stack, or a
 * path in the dependency graph. Landing in an earlier wave by luck does not count.
 */
import { AppView, ResourceRef } from '../upstream/app-view';
import { block } from '../upstream/rules/kubernetes-provider';
import { createdSecretsReadBy, createsMeshedPods, injectionEnabled, installsInjector, mergedValues, placementOf } from '../upstream/rules/ordering';
import type { StackJson } from '../helpers/synth';

export interface Prerequisite {
  readonly dependent: ResourceRef;
  readonly prerequisite: ResourceRef;
  /** What fails without it. */
  readonly why: string;
}

export interface RehearsalStep {
  readonly stack: string;
  /** Wave within the stack: everything of one wave may run at once. */
  readonly wave: number;
  readonly address: string;
}

export interface Rehearsal {
  readonly create: RehearsalStep[];
  readonly destroy: RehearsalStep[];
  readonly prerequisites: Prerequisite[];
  /** Prerequisites no edge guarantees, on create (and so, reversed, on destroy). */
  readonly violations: string[];
}

/** API groups installed by each chart's CRDs (the Kong `ingress` chart nests the `kong` chart). */
export const CRD_GROUPS_BY_CHART: Record<string, string[]> = {
  kuma: ['kuma.io'],
  'kong-mesh': ['kuma.io'],
  'cert-manager': ['cert-manager.io', 'acme.cert-manager.io'],
  kong: ['configuration.konghq.com', 'incubator.ingress-controller.konghq.com'],
  ingress: ['configuration.konghq.com', 'incubator.ingress-controller.konghq.com'],
};

export function rehearseDeploy(stacks: Record<string, StackJson>): Rehearsal {
  const app = new AppView(stacks);
  const stackOrder = Object.keys(stacks);
  const create = stackOrder.flatMap((stack) => waves(app, stack, 'create'));
  const destroy = [...stackOrder].reverse().flatMap((stack) => waves(app, stack, 'destroy'));
  const { found: prerequisites, missing } = findPrerequisites(app);
  const position = (steps: RehearsalStep[]) => new Map(steps.map((step, index) => [step.address, index]));
  const createAt = position(create);
  const destroyAt = position(destroy);
  const violations: string[] = [...missing];
  for (const { dependent, prerequisite, why } of prerequisites) {
    const guaranteed =
      stackOrder.indexOf(prerequisite.stack) < stackOrder.indexOf(dependent.stack) ||
      (prerequisite.stack === dependent.stack && app.dependsOn(dependent, prerequisite));
    if (!guaranteed) {
      violations.push(`${dependent.address} needs ${prerequisite.address} first (${why}), but no stack order or dependency edge guarantees it`);
      continue;
    }
    // Both walks must agree with the guarantee; a failure here is a bug in the walk itself.
    if (!(createAt.get(prerequisite.address)! < createAt.get(dependent.address)!)) {
      violations.push(`create order puts ${dependent.address} before ${prerequisite.address}`);
    }
    if (!(destroyAt.get(prerequisite.address)! > destroyAt.get(dependent.address)!)) {
      violations.push(`destroy order removes ${prerequisite.address} before ${dependent.address}`);
    }
  }
  violations.push(...meshTeardownViolations(app, destroyAt));
  return { create, destroy, prerequisites, violations };
}

/**
 * The destroy walk must get past every Mesh. Kuma refuses to delete a Mesh while any of
 * its Dataplanes exists in the global's store, which zones sync theirs to
 * (kumahq/kuma@v2.14.3:pkg/core/managers/apis/mesh/mesh_validator.go#ValidateNoActiveDP,
 * called by pkg/plugins/runtime/k8s/webhooks/mesh_validator.go#ValidateDelete unless the
 * global runs with store.unsafeDelete, `KUMA_STORE_UNSAFE_DELETE`,
 * pkg/config/core/resources/store/config.go#UnsafeDelete). So in an environment that must
 * come down (one with an expiry record, i.e. ephemeral) each workload that creates meshed
 * pods in that mesh is destroyed before the Mesh, or the global has the switch on. Elsewhere
 * Kuma's check is the Mesh's delete protection, as the clusters have theirs.
 */
export function meshTeardownViolations(app: AppView, destroyAt: Map<string, number>): string[] {
  const violations: string[] = [];
  const mustComeDown = app.resources('terraform_data').some((record) => record.name === 'ccm_environment');
  if (!mustComeDown) return violations;
  const namespaces = app.resources('kubernetes_namespace_v1');
  const globals = app.resources('helm_release').filter((release) => ['kuma', 'kong-mesh'].includes(release.config.chart) && kumaValues(release).controlPlane?.mode === 'global');
  for (const mesh of app.resources('kubernetes_manifest').filter((ref) => ref.config.manifest?.kind === 'Mesh')) {
    const meshName = String(mesh.config.manifest.metadata?.name ?? 'default');
    const global = globals.find((release) => app.clusterOf(release) === app.clusterOf(mesh));
    const unsafeDelete = String(kumaValues(global)?.controlPlane?.envVars?.KUMA_STORE_UNSAFE_DELETE ?? 'false') === 'true';
    if (unsafeDelete) continue;
    for (const workload of app.resources().filter(createsMeshedPods)) {
      const placement = placementOf(app, workload);
      const namespace = placement && namespaces.find((candidate) => app.clusterOf(candidate) === placement.cluster && block(candidate.config.metadata)?.name === placement.namespace);
      if (!injectionEnabled(namespace)) continue;
      const meshOfNamespace = block(namespace!.config.metadata)?.labels?.['kuma.io/mesh'] ?? 'default';
      if (meshOfNamespace !== meshName) continue;
      if (destroyAt.get(workload.address)! > destroyAt.get(mesh.address)!) {
        violations.push(
          `destroy removes ${mesh.address} (Mesh "${meshName}") while ${workload.address} still runs its dataplanes: the global refuses the delete ` +
            `(ValidateNoActiveDP) unless it sets KUMA_STORE_UNSAFE_DELETE, so the teardown stops there`,
        );
      }
    }
  }
  return violations;
}

/** A Kuma or Kong Mesh release's values in the Kuma chart's shape (Kong Mesh nests them under `kuma`). */
function kumaValues(release: ResourceRef | undefined): any {
  if (!release) return {};
  const values = mergedValues(release);
  return release.config.chart === 'kong-mesh' ? (values.kuma ?? {}) : values;
}

/** Terraform's parallel walk of one stack: a cycle is reported as an error, as Terraform does. */
function waves(app: AppView, stack: string, direction: 'create' | 'destroy'): RehearsalStep[] {
  const refs = app.inStack(stack).filter((ref) => ref.mode === 'resource');
  const dependsOn = new Map(refs.map((ref) => [ref.localAddress, [...app.directDependencies(ref)].filter((address) => !address.startsWith('data.'))]));
  const waitsFor = new Map<string, string[]>();
  for (const ref of refs) {
    waitsFor.set(ref.localAddress, direction === 'create' ? dependsOn.get(ref.localAddress)! : []);
  }
  if (direction === 'destroy') {
    for (const [dependent, prerequisites] of dependsOn) {
      for (const prerequisite of prerequisites) waitsFor.get(prerequisite)?.push(dependent);
    }
  }
  const done = new Map<string, number>();
  const steps: RehearsalStep[] = [];
  for (let wave = 0; done.size < refs.length; wave++) {
    const ready = refs.filter((ref) => !done.has(ref.localAddress) && waitsFor.get(ref.localAddress)!.every((other) => done.has(other) && done.get(other)! < wave));
    if (ready.length === 0) {
      const stuck = refs.filter((ref) => !done.has(ref.localAddress)).map((ref) => ref.localAddress);
      throw new Error(`${stack}: dependency cycle among ${stuck.join(', ')}`);
    }
    for (const ref of ready) {
      done.set(ref.localAddress, wave);
      steps.push({ stack, wave, address: ref.address });
    }
  }
  return steps;
}

/** Prerequisites found, and those the app lacks altogether (as violation messages). */
function findPrerequisites(app: AppView): { found: Prerequisite[]; missing: string[] } {
  const found: Prerequisite[] = [];
  const missing: string[] = [];
  const add = (dependent: ResourceRef, prerequisite: ResourceRef | undefined, why: string) => {
    if (prerequisite && prerequisite.address !== dependent.address) found.push({ dependent, prerequisite, why });
  };
  const kubernetes = app.resources().filter((ref) => app.clusterOf(ref) !== undefined);
  const namespaces = app.resources('kubernetes_namespace_v1');
  const releases = app.resources('helm_release');

  for (const ref of kubernetes) {
    const cluster = app.clusterOf(ref)!;
    // The cluster and its node pools: the API server must exist, and pods need nodes.
    for (const infra of clusterResourcesBehind(app, ref)) add(ref, infra, 'the cluster and its nodes must exist');

    const placement = placementOf(app, ref);
    if (placement && ref.type !== 'kubernetes_namespace_v1' && !(ref.type === 'helm_release' && ref.config.create_namespace === true)) {
      const namespace = namespaces.find((candidate) => app.clusterOf(candidate) === cluster && block(candidate.config.metadata)?.name === placement.namespace);
      add(ref, namespace, `namespace "${placement.namespace}" must exist`);
      if (injectionEnabled(namespace) && createsMeshedPods(ref)) {
        for (const injector of releases.filter((release) => app.clusterOf(release) === cluster && installsInjector(release))) {
          add(ref, injector, 'the sidecar injector must run before meshed pods are created');
        }
      }
    }

    // A control plane whose values read a Secret the app creates (license, database password, CA).
    if (ref.type === 'helm_release' && placement) {
      for (const secret of createdSecretsReadBy(app, ref, placement)) add(ref, secret, `the release reads Secret "${block(secret.config.metadata)?.name}" (env or mount)`);
    }

    if (ref.type === 'kubernetes_manifest') {
      const group = String(ref.config.manifest?.apiVersion ?? '').split('/')[0];
      for (const release of releases.filter((candidate) => app.clusterOf(candidate) === cluster && (CRD_GROUPS_BY_CHART[candidate.config.chart] ?? []).includes(group))) {
        add(ref, release, `the CRD of ${ref.config.manifest.kind} comes with ${release.config.chart}`);
      }
    }
  }

  // With Azure RBAC for Kubernetes and local accounts disabled, the AKS API authorises
  // Entra ID principals by Azure role assignments only: whoever the later stages run as
  // needs a data-plane role on the cluster, assigned in an earlier stage
  // (hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/containers/kubernetes_cluster_resource.go#azure_rbac_enabled).
  for (const ref of kubernetes) {
    for (const cluster of clusterResourcesBehind(app, ref).filter((infra) => infra.type === 'azurerm_kubernetes_cluster')) {
      if (!isTrue(block(cluster.config.azure_active_directory_role_based_access_control)?.azure_rbac_enabled)) continue;
      const grants = app
        .resources('azurerm_role_assignment')
        .filter((grant) => AKS_DATA_PLANE_ROLES.test(grant.config.role_definition_name ?? '') && String(grant.config.scope).includes(`${cluster.type}.${cluster.name}.id`));
      const why = 'the AKS API answers 403 to a principal without an Azure Kubernetes Service RBAC role';
      if (grants.length === 0) {
        const message = `${cluster.address} has Azure RBAC for Kubernetes on, but the app assigns no data-plane role on it: every Kubernetes and Helm resource of the later stages would fail (${why})`;
        if (!missing.includes(message)) missing.push(message);
      }
      const grant = grants.find((candidate) => guaranteedBefore(app, candidate, ref)) ?? grants[0];
      add(ref, grant, why);
      // Azure applies a new role assignment to the API server only after a while, so the
      // stage that grants it must end with a pause that depends on it.
      const pause = grant && app.inStack(grant.stack).find((other) => other.type === 'time_sleep' && app.dependsOn(other, grant));
      if (grant && !pause && grant.stack !== ref.stack) {
        const message = `${grant.address} is used by the next stage at once: Azure propagates role assignments with a delay, so its stage needs a time_sleep that depends on it`;
        if (!missing.includes(message)) missing.push(message);
      }
    }
  }

  // An AKS cluster on a subnet of its own, with a user-assigned identity, needs Network
  // Contributor on that network before it is created (AKS joins nodes and load balancers to it).
  for (const cluster of app.resources('azurerm_kubernetes_cluster')) {
    const identities: string[] = block(cluster.config.identity)?.identity_ids ?? [];
    if (identities.length === 0 || !block(cluster.config.default_node_pool)?.vnet_subnet_id) continue;
    const grants = app.resources('azurerm_role_assignment').filter(
      (grant) =>
        grant.config.role_definition_name === 'Network Contributor' &&
        identities.some((identity) => identity.replace(/\.id\}$/, '').replace('${', '') === String(grant.config.principal_id).replace(/\.principal_id\}$/, '').replace('${', '')),
    );
    const why = 'the cluster identity must manage its network first';
    if (grants.length === 0) missing.push(`${cluster.address} needs a Network Contributor role for its identity first (${why}), and the app creates none`);
    add(cluster, grants.find((grant) => app.dependsOn(cluster, grant)) ?? grants[0], why);
  }

  // A workload identity member `PROJECT.svc.id.goog[ns/sa]` needs the project's identity
  // pool, which Google creates with the first cluster that enables workload identity.
  for (const binding of app.resources('google_service_account_iam_member', 'google_project_iam_member', 'google_service_account_iam_binding')) {
    const members: string[] = binding.config.members ?? [binding.config.member];
    const pool = members.map((member) => /^serviceAccount:([^[]+)\[/.exec(member ?? '')?.[1]).find(Boolean);
    if (!pool) continue;
    const clusters = app.resources('google_container_cluster').filter((cluster) => cluster.config.workload_identity_config?.workload_pool === pool);
    if (clusters.length > 0 && !clusters.some((cluster) => guaranteedBefore(app, cluster, binding))) {
      add(binding, clusters[0], `workload identity pool ${pool} exists only once a cluster enables it`);
    }
  }
  return { found, missing };
}

/** Built-in roles that let a principal write to an Azure-RBAC-enabled AKS API. */
const AKS_DATA_PLANE_ROLES = /^Azure Kubernetes Service RBAC (Cluster Admin|Admin|Writer)$/;

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function guaranteedBefore(app: AppView, first: ResourceRef, then: ResourceRef): boolean {
  const order = Object.keys(app.stacks);
  return order.indexOf(first.stack) < order.indexOf(then.stack) || app.dependsOn(then, first);
}

/**
 * The managed cluster (and its node pools) behind the provider a Kubernetes or Helm
 * resource uses: the provider reads a data source whose name comes, through remote
 * state, from an earlier stack's cluster resource (`cross-stack-output-<type><name><attr>`).
 */
function clusterResourcesBehind(app: AppView, ref: ResourceRef): ResourceRef[] {
  const [providerType, alias] = String(ref.config.provider).split('.');
  const provider = (app.stacks[ref.stack].provider?.[providerType] ?? []).find((candidate: any) => candidate.alias === alias);
  const dataSources = [...JSON.stringify(provider ?? {}).matchAll(/data\.(google_container_cluster|azurerm_kubernetes_cluster|aws_eks_cluster)\.([A-Za-z0-9_-]+)/g)]
    .map((match) => app.find(ref.stack, `data.${match[1]}.${match[2]}`))
    .filter((found): found is ResourceRef => found !== undefined);
  const clusters = app.resources('google_container_cluster', 'azurerm_kubernetes_cluster', 'aws_eks_cluster').filter((cluster) =>
    dataSources.some((data) => JSON.stringify(data.config.name ?? '').includes(`cross-stack-output-${cluster.type}${cluster.name}`)),
  );
  const pools = app
    .resources('google_container_node_pool', 'azurerm_kubernetes_cluster_node_pool', 'aws_eks_node_group')
    .filter((pool) => clusters.some((cluster) => pool.stack === cluster.stack && app.dependsOn(pool, cluster)));
  return [...clusters, ...pools];
}
