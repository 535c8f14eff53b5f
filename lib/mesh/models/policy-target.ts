/**
 * How the resilience and telemetry policies name what they apply to, the way Kuma 2.14.3
 * resolves it.
 *
 * Top-level `targetRef` (which proxies get the configuration): `kind: Dataplane` with the
 * labels of the source workload's pods, as for a MeshTrafficPermission
 * ({@link workloadTargetRef}); a delegated gateway is a Dataplane too, and `to` policies
 * configure its outbounds (kumahq/kuma@v2.14.3:pkg/plugins/policies/core/matchers/dataplane.go#DppSelectedByPolicy).
 *
 * `to[].targetRef` (which destination): a real MeshService, found by labels. Kuma resolves a
 * `labels` query over every MeshService the zone knows, local or synced from another zone,
 * keeping those whose labels include the query (pkg/plugins/policies/core/rules/resolve/targetref.go#TargetRef).
 * A `name` query instead becomes an identifier with the policy's own zone and namespace
 * (resolve/backendref.go#TargetRefToKRI), which a policy from the global does not share with a
 * zone's MeshService. The labels are the ones the MeshService controller sets in the zone the
 * Service runs in, and that KDS keeps on the copies in other zones:
 * `k8s.kuma.io/service-name`, `k8s.kuma.io/namespace`, `kuma.io/zone`
 * (pkg/plugins/runtime/k8s/controllers/meshservice_controller.go#Reconcile).
 */
import { KumaResource } from '../kuma-resource';
import { WorkloadModel, workloadTargetRef } from './mesh-traffic-permission';
import { meshLabels, TargetRef } from './target-ref';

/** A Kubernetes Service of a zone, as the MeshService Kuma makes of it. */
export interface MeshServiceModel {
  readonly name: string;
  readonly namespace: string;
  readonly zone: string;
  /** Reached through the MeshMultiZoneService `name` instead. */
  readonly multiZone?: boolean;
}

/**
 * `to[].targetRef` selecting the MeshService of `service`, wherever the policy is applied;
 * or, for a multi-zone service, its MeshMultiZoneService by name. That one is a global
 * resource in the policies' own namespace, whose identifier has no zone, so a name
 * resolves from the global's policies too (resolve/backendref.go#TargetRefToKRI).
 */
export function meshServiceTargetRef(service: MeshServiceModel): TargetRef {
  if (service.multiZone) return { kind: 'MeshMultiZoneService', name: service.name };
  return {
    kind: 'MeshService',
    labels: { 'k8s.kuma.io/service-name': service.name, 'k8s.kuma.io/namespace': service.namespace, 'kuma.io/zone': service.zone },
  };
}

/** Common inputs of a policy from one workload's proxies to one destination. */
export interface OutboundPolicyModel {
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
  /** The calling workload (its proxies get the configuration). */
  readonly source: WorkloadModel;
  /** The service called. */
  readonly destination: MeshServiceModel;
}

/** A `targetRef` + `to: [{ targetRef, default }]` policy. */
export function renderOutboundPolicy(kind: string, model: OutboundPolicyModel, conf: object): KumaResource {
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind,
    metadata: { name: model.name, namespace: model.namespace, labels: meshLabels(model.mesh) },
    spec: {
      targetRef: workloadTargetRef(model.source),
      to: [{ targetRef: meshServiceTargetRef(model.destination), default: conf }],
    },
  };
}

/** Common inputs of a mesh-wide policy. */
export interface MeshWidePolicyModel {
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
}

/** A policy for every proxy of the mesh (`targetRef: { kind: Mesh }`) with `spec` besides. */
export function renderMeshWidePolicy(kind: string, model: MeshWidePolicyModel, spec: object): KumaResource {
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind,
    metadata: { name: model.name, namespace: model.namespace, labels: meshLabels(model.mesh) },
    spec: { targetRef: { kind: 'Mesh' }, ...spec },
  };
}
