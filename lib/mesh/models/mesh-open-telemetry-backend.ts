/**
 * Model of a `MeshOpenTelemetryBackend` (kuma.io_meshopentelemetrybackends.yaml, v1alpha1, new
 * in 2.14): one collector that MeshTrace, MeshAccessLog and MeshMetric reference by labels.
 * Kuma resolves `backendRef.labels` against every backend of the mesh and skips the backend
 * when none matches or no labels are given
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/core/xds/otel.go#resolveFromBackendRef); it is
 * mesh-scoped and synced from the global to the zones
 * (pkg/core/resources/apis/meshopentelemetrybackend/api/v1alpha1/zz_generated.resource.go).
 */
import { KumaResource } from '../kuma-resource';
import { meshLabels } from './target-ref';

/** The label every policy's `backendRef` selects the backend by. */
export const OTEL_BACKEND_LABEL = 'cross-cloud-mesh.io/otel-backend';

export interface MeshOpenTelemetryBackendModel {
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
  readonly address: string;
  readonly port: number;
  /** `grpc` or `http`. */
  readonly protocol: string;
  /** Base path, http only (the validator rejects it with grpc: validator.go#validatePath). */
  readonly path?: string;
}

export function renderMeshOpenTelemetryBackend(model: MeshOpenTelemetryBackendModel): KumaResource {
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'MeshOpenTelemetryBackend',
    metadata: { name: model.name, namespace: model.namespace, labels: meshLabels(model.mesh, { [OTEL_BACKEND_LABEL]: model.name }) },
    spec: {
      endpoint: { address: model.address, port: model.port, ...(model.path !== undefined && model.protocol === 'http' ? { path: model.path } : {}) },
      protocol: model.protocol,
    },
  };
}

/** `backendRef` of a policy to the backend named `name`. */
export function openTelemetryBackendRef(name: string): { kind: 'MeshOpenTelemetryBackend'; labels: { [key: string]: string } } {
  return { kind: 'MeshOpenTelemetryBackend', labels: { [OTEL_BACKEND_LABEL]: name } };
}
