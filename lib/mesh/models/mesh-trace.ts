/**
 * Model of a `MeshTrace` (kuma.io_meshtraces.yaml, v1alpha1) for every proxy of the mesh, to a
 * MeshOpenTelemetryBackend: a trace needs every hop of the path to take part, so it is mesh-wide.
 * At most one backend; sampling percentages 0-100
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshtrace/api/v1alpha1/validator.go#validateDefault).
 */
import { KumaResource } from '../kuma-resource';
import { openTelemetryBackendRef } from './mesh-open-telemetry-backend';
import { MeshWidePolicyModel, renderMeshWidePolicy } from './policy-target';

export interface MeshTraceModel extends MeshWidePolicyModel {
  readonly openTelemetryBackend: string;
  readonly samplingPercent: number;
}

export function renderMeshTrace(model: MeshTraceModel): KumaResource {
  return renderMeshWidePolicy('MeshTrace', model, {
    default: {
      backends: [{ type: 'OpenTelemetry', openTelemetry: { backendRef: openTelemetryBackendRef(model.openTelemetryBackend) } }],
      sampling: { overall: model.samplingPercent },
    },
  });
}
