/**
 * A `MeshMetric` for every proxy of the mesh (kuma.io_meshmetrics.yaml v1alpha1): a Prometheus
 * endpoint on each proxy for the user's Prometheus to scrape, and/or a push to an
 * OpenTelemetry collector. This library does not run Prometheus.
 */
import { Construct } from 'constructs';
import { assertIntegerInRange, ValidationError } from '../private/validation';
import { IMeshOpenTelemetryBackend } from './mesh-open-telemetry-backend';
import { renderMeshMetric } from './models/mesh-metric';
import { MeshPolicyProps } from './mesh-policy-props';
import { meshPolicyBase } from './_policy-checks';

/** Where each proxy serves Prometheus metrics. */
export interface PrometheusEndpoint {
  /** Port on every proxy. */
  readonly port: number;
  /** Path, e.g. `/metrics`. */
  readonly path: string;
}

/** Properties of a {@link MeshMetric}. At least one backend. */
export interface MeshMetricProps extends MeshPolicyProps {
  /**
   * Serve Prometheus metrics on every proxy.
   * @default no Prometheus backend
   */
  readonly prometheus?: PrometheusEndpoint;
  /**
   * Push metrics to this collector.
   * @default no OpenTelemetry backend
   */
  readonly openTelemetryBackend?: IMeshOpenTelemetryBackend;
}

/** Metrics of every proxy of the mesh. */
export class MeshMetric extends Construct {
  /** Name of the policy. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: MeshMetricProps) {
    super(scope, id);
    const path = this.node.path;
    const base = meshPolicyBase(this, props);
    if (!props.prometheus && !props.openTelemetryBackend) throw new ValidationError(path, props, 'needs prometheus or openTelemetryBackend');
    if (props.prometheus) {
      // validator.go#validateBackend: ValidatePort.
      assertIntegerInRange(props.prometheus.port, `${path}.prometheus.port`, 1, 65535);
      if (!props.prometheus.path.startsWith('/')) throw new ValidationError(`${path}.prometheus.path`, props.prometheus.path, 'must start with "/", e.g. "/metrics"');
    }
    this.policyName = base.name;
    props.globalControlPlane.resources.apply(this, 'resource', renderMeshMetric({
      ...base,
      prometheus: props.prometheus,
      openTelemetryBackend: props.openTelemetryBackend?.backendName,
    }));
  }
}
