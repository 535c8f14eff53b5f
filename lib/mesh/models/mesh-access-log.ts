/**
 * Model of a `MeshAccessLog` (kuma.io_meshaccesslogs.yaml, v1alpha1) for every proxy of the
 * mesh, logging both what a proxy receives (`from`) and what it sends (`to`): a delegated
 * gateway has no inbound, so only `to` logs its calls. Stdout is Kuma's documented `File`
 * backend on `/dev/stdout`; OpenTelemetry goes through a MeshOpenTelemetryBackend
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go#validateBackend).
 */
import { KumaResource } from '../kuma-resource';
import { openTelemetryBackendRef } from './mesh-open-telemetry-backend';
import { MeshWidePolicyModel, renderMeshWidePolicy } from './policy-target';

export interface MeshAccessLogModel extends MeshWidePolicyModel {
  /** File path of a `File` backend, e.g. `/dev/stdout`. */
  readonly filePath?: string;
  /** Name of the MeshOpenTelemetryBackend to send logs to. */
  readonly openTelemetryBackend?: string;
}

export function renderMeshAccessLog(model: MeshAccessLogModel): KumaResource {
  const backends: object[] = [];
  if (model.filePath) backends.push({ type: 'File', file: { path: model.filePath } });
  if (model.openTelemetryBackend) backends.push({ type: 'OpenTelemetry', openTelemetry: { backendRef: openTelemetryBackendRef(model.openTelemetryBackend) } });
  const rule = { targetRef: { kind: 'Mesh' }, default: { backends } };
  return renderMeshWidePolicy('MeshAccessLog', model, { from: [rule], to: [rule] });
}
