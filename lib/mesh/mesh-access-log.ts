/**
 * A `MeshAccessLog` for every proxy of the mesh (kuma.io_meshaccesslogs.yaml v1alpha1): one
 * line per request or connection, received and sent, to the proxy's stdout and/or an
 * OpenTelemetry collector.
 */
import { Construct } from 'constructs';
import { ValidationError } from '../private/validation';
import { IMeshOpenTelemetryBackend } from './mesh-open-telemetry-backend';
import { renderMeshAccessLog } from './models/mesh-access-log';
import { MeshPolicyProps } from './mesh-policy-props';
import { meshPolicyBase } from './_policy-checks';

/** Properties of a {@link MeshAccessLog}. At least one backend. */
export interface MeshAccessLogProps extends MeshPolicyProps {
  /**
   * Write to the sidecar's stdout (`kubectl logs -c kuma-sidecar`).
   * @default false
   */
  readonly stdout?: boolean;
  /**
   * Send to this collector.
   * @default no OpenTelemetry backend
   */
  readonly openTelemetryBackend?: IMeshOpenTelemetryBackend;
}

/** The stdout of the sidecar, as a `File` backend (Kuma's documented form). */
export const ACCESS_LOG_STDOUT = '/dev/stdout';

/** Access logs of every proxy of the mesh. */
export class MeshAccessLog extends Construct {
  /** Name of the policy. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: MeshAccessLogProps) {
    super(scope, id);
    const base = meshPolicyBase(this, props);
    if (!props.stdout && !props.openTelemetryBackend) throw new ValidationError(this.node.path, props, 'needs stdout: true or openTelemetryBackend');
    this.policyName = base.name;
    props.globalControlPlane.resources.apply(this, 'resource', renderMeshAccessLog({
      ...base,
      filePath: props.stdout ? ACCESS_LOG_STDOUT : undefined,
      openTelemetryBackend: props.openTelemetryBackend?.backendName,
    }));
  }
}
