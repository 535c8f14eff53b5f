/**
 * Model of a `MeshTrafficPermission` (kuma.io_meshtrafficpermissions.yaml, v1alpha1).
 *
 * Target: the MeshService of a Kubernetes Service, selected by labels rather than by name,
 * because a MeshService synced to the global carries a hashed name while its labels
 * (`kuma.io/display-name`, `k8s.kuma.io/namespace`, `kuma.io/zone`) stay the Kubernetes ones.
 * Sources: `MeshSubset` on the tags Kuma gives every Kubernetes inbound
 * (`k8s.kuma.io/service-name`, `k8s.kuma.io/namespace`, plus `kuma.io/zone`), which do not
 * depend on the port the way `kuma.io/service` (`<name>_<namespace>_svc_<port>`) does.
 */
import { KumaResource } from '../kuma-resource';
import { meshLabels, TargetRef } from './target-ref';

/** A Kubernetes Service (and its MeshService) in a zone. */
export interface WorkloadModel {
  readonly name: string;
  readonly namespace: string;
  readonly zone?: string;
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

/** `targetRef` selecting the MeshService of `workload`. */
export function meshServiceTargetRef(workload: WorkloadModel): TargetRef {
  return {
    kind: 'MeshService',
    labels: {
      'kuma.io/display-name': workload.name,
      'k8s.kuma.io/namespace': workload.namespace,
      ...(workload.zone !== undefined ? { 'kuma.io/zone': workload.zone } : {}),
    },
  };
}

/** `targetRef` selecting the proxies behind `workload` as clients. */
export function sourceTargetRef(workload: WorkloadModel): TargetRef {
  return {
    kind: 'MeshSubset',
    tags: {
      'k8s.kuma.io/service-name': workload.name,
      'k8s.kuma.io/namespace': workload.namespace,
      ...(workload.zone !== undefined ? { 'kuma.io/zone': workload.zone } : {}),
    },
  };
}

/** Explicit allow rules from named sources to one target. */
export function renderMeshTrafficPermission(model: MeshTrafficPermissionModel): KumaResource {
  const spec: MeshTrafficPermissionSpec = {
    targetRef: meshServiceTargetRef(model.target),
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
