/**
 * Model of a `MeshTrafficPermission` (kuma.io_meshtrafficpermissions.yaml, v1alpha1), built
 * the way Kuma 2.14.3 selects what it names.
 *
 * Target (the top-level `targetRef`): Kuma's matcher resolves `kind: MeshService` by
 * `kuma.io/service: <name>` only and ignores `labels`
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/core/matchers/dataplane.go#DppSelectedByPolicy),
 * so a labels-only MeshService selects nothing, and a proxy no permission selects denies
 * every caller (pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go#configureLegacyRules).
 * The target is therefore `kind: Dataplane` with the labels of the workload's pods, which
 * the pod converter copies onto the Dataplane next to `k8s.kuma.io/namespace` and
 * `kuma.io/zone` (pkg/plugins/runtime/k8s/controllers/pod_converter.go#PodToDataplane,
 * pkg/core/resources/labels/compute.go#Compute): the form 2.14 recommends
 * (pkg/plugins/policies/core/jsonpatch/validators/validator.go#TopLevelTargetRefDeprecations).
 * Without pod labels it falls back to `kind: MeshSubset` on the Service's inbound tags.
 *
 * Sources (`from[].targetRef`): `MeshSubset` tags, which RBAC matches as `kuma://<tag>/<value>`
 * URI SANs of the caller's certificate (pkg/plugins/policies/meshtrafficpermission/xds/legacy_rbac_configurer.go#principalFromSubset).
 * The certificate carries every tag of every inbound (pkg/core/ca/issuer/issuer.go#newWorkloadTemplate,
 * api/mesh/v1alpha1/dataplane_helpers.go#TagSet); a delegated gateway has no inbound and
 * carries only the tags of the first inbound of the first Service by name
 * (pkg/plugins/runtime/k8s/controllers/pod_converter.go#GatewayByServiceFor), so a caller is
 * named by its pod labels, which every inbound carries whichever Service comes first
 * (inbound_converter.go#InboundTagsForService), rather than by a Service name.
 */
import { KumaResource } from '../kuma-resource';
import { meshLabels, TargetRef } from './target-ref';

/** A workload (a Kubernetes Service and the pods it selects) in a zone. */
export interface WorkloadModel {
  readonly name: string;
  readonly namespace: string;
  readonly zone?: string;
  /** Labels every pod of the workload carries (a selector of its Service); none of them `kuma.io/`. */
  readonly podLabels?: { readonly [key: string]: string };
}

/** Actions the CRD accepts in `from[].default.action`. */
export type TrafficAction = 'Allow' | 'Deny' | 'AllowWithShadowDeny';

/** The MeshTrafficPermission spec fields this library emits. */
export interface MeshTrafficPermissionSpec {
  readonly targetRef: TargetRef;
  readonly from: Array<{ readonly targetRef: TargetRef; readonly default: { readonly action: TrafficAction } }>;
}

/** Inputs of {@link renderMeshTrafficPermission}. */
export interface MeshTrafficPermissionModel {
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
  readonly target: WorkloadModel;
  readonly allowFrom: WorkloadModel[];
}

/** Labels (and tags) of the workload's place: Kuma sets both on every Kubernetes Dataplane and inbound. */
function placeOf(workload: WorkloadModel): { [key: string]: string } {
  return {
    'k8s.kuma.io/namespace': workload.namespace,
    ...(workload.zone !== undefined ? { 'kuma.io/zone': workload.zone } : {}),
  };
}

/** Top-level `targetRef` selecting the proxies of `workload` (see the file comment). */
export function workloadTargetRef(workload: WorkloadModel): TargetRef {
  if (workload.podLabels && Object.keys(workload.podLabels).length > 0) {
    return { kind: 'Dataplane', labels: { ...workload.podLabels, ...placeOf(workload) } };
  }
  return { kind: 'MeshSubset', tags: { 'k8s.kuma.io/service-name': workload.name, ...placeOf(workload) } };
}

/** `from[].targetRef` matching the certificate of the proxies behind `workload` as callers. */
export function sourceTargetRef(workload: WorkloadModel): TargetRef {
  if (workload.podLabels && Object.keys(workload.podLabels).length > 0) {
    return { kind: 'MeshSubset', tags: { ...workload.podLabels, ...placeOf(workload) } };
  }
  return { kind: 'MeshSubset', tags: { 'k8s.kuma.io/service-name': workload.name, ...placeOf(workload) } };
}

/** Explicit allow rules from named sources to one target. */
export function renderMeshTrafficPermission(model: MeshTrafficPermissionModel): KumaResource {
  const spec: MeshTrafficPermissionSpec = {
    targetRef: workloadTargetRef(model.target),
    from: model.allowFrom.map((source) => ({ targetRef: sourceTargetRef(source), default: { action: 'Allow' as const } })),
  };
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'MeshTrafficPermission',
    metadata: { name: model.name, namespace: model.namespace, labels: meshLabels(model.mesh) },
    spec: spec as unknown as { [key: string]: unknown },
  };
}

/** Inputs of {@link renderAllowAllTrafficPermission}. */
export interface AllowAllTrafficPermissionModel {
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
}

/** Every client of the mesh may call every service: what Kuma creates by default, and what this library never creates unasked. */
export function renderAllowAllTrafficPermission(model: AllowAllTrafficPermissionModel): KumaResource {
  const spec: MeshTrafficPermissionSpec = {
    targetRef: { kind: 'Mesh' },
    from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Allow' } }],
  };
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'MeshTrafficPermission',
    metadata: { name: model.name, namespace: model.namespace, labels: meshLabels(model.mesh) },
    spec: spec as unknown as { [key: string]: unknown },
  };
}
