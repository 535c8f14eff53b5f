/**
 * `targetRef` as the new Kuma policies (MeshTrafficPermission, MeshTLS, ...) define it
 * (kuma.io_meshtrafficpermissions.yaml / kuma.io_meshtlses.yaml, v1alpha1).
 */

/** Kinds a `targetRef` may name (enum of the CRDs' `targetRef.kind`). */
export type TargetRefKind =
  | 'Mesh'
  | 'MeshSubset'
  | 'MeshGateway'
  | 'MeshService'
  | 'MeshExternalService'
  | 'MeshMultiZoneService'
  | 'MeshServiceSubset'
  | 'MeshHTTPRoute'
  | 'Dataplane';

/** A policy's `targetRef` (only the fields this library emits). */
export interface TargetRef {
  readonly kind: TargetRefKind;
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly tags?: { [key: string]: string };
}

/** Labels Kuma requires on mesh-scoped resources in their Kubernetes form. */
export function meshLabels(mesh: string, extra: { [key: string]: string } = {}): { [key: string]: string } {
  return { 'kuma.io/mesh': mesh, ...extra };
}
