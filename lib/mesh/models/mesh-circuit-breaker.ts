/**
 * Model of a `MeshCircuitBreaker` (kuma.io_meshcircuitbreakers.yaml, v1alpha1) from one
 * workload to one MeshService: connection limits and outlier detection with the
 * total-failures (consecutive 5xx) detector
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go,
 * api/v1alpha1/validator.go#validateOutlierDetection: a detector is required).
 */
import { KumaResource } from '../kuma-resource';
import { OutboundPolicyModel, renderOutboundPolicy } from './policy-target';

export interface MeshCircuitBreakerConf {
  readonly connectionLimits: {
    readonly maxConnections: number;
    readonly maxPendingRequests: number;
    readonly maxRequests: number;
    readonly maxRetries: number;
  };
  readonly outlierDetection?: {
    readonly disabled: false;
    readonly interval: string;
    readonly baseEjectionTime: string;
    readonly maxEjectionPercent: number;
    readonly splitExternalAndLocalErrors: false;
    readonly detectors: { readonly totalFailures: { readonly consecutive: number } };
  };
}

export interface MeshCircuitBreakerModel extends OutboundPolicyModel {
  readonly conf: MeshCircuitBreakerConf;
}

export function renderMeshCircuitBreaker(model: MeshCircuitBreakerModel): KumaResource {
  return renderOutboundPolicy('MeshCircuitBreaker', model, model.conf);
}
