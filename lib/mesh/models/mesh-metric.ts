/**
 * Model of a `MeshMetric` (kuma.io_meshmetrics.yaml, v1alpha1) for every proxy of the mesh:
 * a Prometheus endpoint on each proxy, or a push to a MeshOpenTelemetryBackend
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshmetric/api/v1alpha1/validator.go#validateBackend).
 */
import { KumaResource } from '../kuma-resource';
import { openTelemetryBackendRef } from './mesh-open-telemetry-backend';
import { MeshWidePolicyModel, renderMeshWidePolicy } from './policy-target';

export interface MeshMetricModel extends MeshWidePolicyModel {
  /** Prometheus scrape endpoint on every proxy. */
  readonly prometheus?: { readonly port: number; readonly path: string };
  /** Name of the MeshOpenTelemetryBackend to push to. */
  readonly openTelemetryBackend?: string;
}

export function renderMeshMetric(model: MeshMetricModel): KumaResource {
  const backends: object[] = [];
  if (model.prometheus) backends.push({ type: 'Prometheus', prometheus: { port: model.prometheus.port, path: model.prometheus.path } });
  if (model.openTelemetryBackend) backends.push({ type: 'OpenTelemetry', openTelemetry: { backendRef: openTelemetryBackendRef(model.openTelemetryBackend) } });
  return renderMeshWidePolicy('MeshMetric', model, { default: { backends } });
}
