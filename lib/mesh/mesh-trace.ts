/**
 * A `MeshTrace` for every proxy of the mesh (kuma.io_meshtraces.yaml v1alpha1) to an
 * OpenTelemetry collector: a trace needs every hop of the path, so it is mesh-wide.
 */
import { Construct } from 'constructs';
import { ValidationError } from '../private/validation';
import { IMeshOpenTelemetryBackend } from './mesh-open-telemetry-backend';
import { renderMeshTrace } from './models/mesh-trace';
import { MeshPolicyProps } from './mesh-policy-props';
import { meshPolicyBase } from './_policy-checks';

/** Properties of a {@link MeshTrace}. */
export interface MeshTraceProps extends MeshPolicyProps {
  /** The collector spans go to. */
  readonly openTelemetryBackend: IMeshOpenTelemetryBackend;
  /** Percentage of requests traced, 0-100 (validator.go#validateSampling). */
  readonly samplingPercent: number;
}

/** Distributed tracing on every proxy of the mesh. */
export class MeshTrace extends Construct {
  /** Name of the policy. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: MeshTraceProps) {
    super(scope, id);
    const base = meshPolicyBase(this, props);
    if (typeof props.samplingPercent !== 'number' || !(props.samplingPercent >= 0 && props.samplingPercent <= 100)) {
      throw new ValidationError(`${this.node.path}.samplingPercent`, props.samplingPercent, 'must be a number from 0 to 100, e.g. 10');
    }
    this.policyName = base.name;
    props.globalControlPlane.resources.apply(this, 'resource', renderMeshTrace({
      ...base,
      openTelemetryBackend: props.openTelemetryBackend.backendName,
      samplingPercent: props.samplingPercent,
    }));
  }
}
