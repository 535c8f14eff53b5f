/**
 * A `MeshCircuitBreaker` from one workload to one service (kuma.io_meshcircuitbreakers.yaml
 * v1alpha1): connection limits, and outlier detection that ejects an endpoint after
 * consecutive failures (5xx, or connect failures on a TCP destination).
 */
import { Construct } from 'constructs';
import { assertIntegerInRange } from '../private/validation';
import { renderMeshCircuitBreaker } from './models/mesh-circuit-breaker';
import { OutboundPolicyProps } from './mesh-policy-props';
import { assertGoDuration, assertPositiveInteger, outboundPolicyBase } from './_policy-checks';

/** Outlier detection. */
export interface OutlierDetectionOptions {
  /** Consecutive failures that eject an endpoint. */
  readonly consecutiveFailures: number;
  /** How often ejection is evaluated (Go duration). */
  readonly interval: string;
  /** Base ejection time (Go duration), multiplied by the times an endpoint was ejected. */
  readonly baseEjectionTime: string;
  /** Most endpoints ejected at once, 0-100. */
  readonly maxEjectionPercent: number;
}

/** Properties of a {@link MeshCircuitBreaker}. */
export interface MeshCircuitBreakerProps extends OutboundPolicyProps {
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
  /** Retries in flight at once. */
  readonly maxConcurrentRetries: number;
  /**
   * Outlier detection.
   * @default none: connection limits only
   */
  readonly outlierDetection?: OutlierDetectionOptions;
}

/** Connection limits and outlier detection on the calls of one workload to one service. */
export class MeshCircuitBreaker extends Construct {
  /** Name of the policy. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: MeshCircuitBreakerProps) {
    super(scope, id);
    const path = this.node.path;
    const base = outboundPolicyBase(this, props);
    // validator.go#validateConnectionLimits: each limit greater than zero.
    for (const key of ['maxConnections', 'maxPendingRequests', 'maxRequests', 'maxConcurrentRetries'] as const) assertPositiveInteger(props[key], `${path}.${key}`);
    const outlier = props.outlierDetection;
    if (outlier) {
      assertPositiveInteger(outlier.consecutiveFailures, `${path}.outlierDetection.consecutiveFailures`);
      assertGoDuration(outlier.interval, `${path}.outlierDetection.interval`);
      assertGoDuration(outlier.baseEjectionTime, `${path}.outlierDetection.baseEjectionTime`);
      // validator.go#validateOutlierDetection: ValidateUInt32PercentageOrNil.
      assertIntegerInRange(outlier.maxEjectionPercent, `${path}.outlierDetection.maxEjectionPercent`, 0, 100);
    }
    this.policyName = base.name;
    props.globalControlPlane.resources.apply(this, 'resource', renderMeshCircuitBreaker({
      ...base,
      conf: {
        connectionLimits: {
          maxConnections: props.maxConnections,
          maxPendingRequests: props.maxPendingRequests,
          maxRequests: props.maxRequests,
          maxRetries: props.maxConcurrentRetries,
        },
        ...(outlier
          ? {
              outlierDetection: {
                disabled: false,
                interval: outlier.interval,
                baseEjectionTime: outlier.baseEjectionTime,
                maxEjectionPercent: outlier.maxEjectionPercent,
                splitExternalAndLocalErrors: false,
                detectors: { totalFailures: { consecutive: outlier.consecutiveFailures } },
              },
            }
          : {}),
      },
    }));
  }
}
