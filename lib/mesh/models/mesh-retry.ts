/**
 * Model of a `MeshRetry` (kuma.io_meshretries.yaml, v1alpha1) from one workload to one
 * MeshService: `tcp.maxConnectAttempt` for a TCP outbound, `http` for an HTTP one
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshretry/plugin/xds/configurer.go#GetRouteRetryConfig).
 * `retryOn` takes the validator's enum, status codes, and `HttpMethod*` entries that limit
 * retries to those methods (configurer.go#splitRetryOn, api/v1alpha1/validator.go#validateHTTPRetryOn).
 */
import { KumaResource } from '../kuma-resource';
import { OutboundPolicyModel, renderOutboundPolicy } from './policy-target';

export interface MeshRetryConf {
  readonly tcp?: { readonly maxConnectAttempt: number };
  readonly http?: {
    readonly numRetries: number;
    readonly perTryTimeout: string;
    readonly backOff: { readonly baseInterval: string; readonly maxInterval: string };
    readonly retryOn: string[];
  };
}

export interface MeshRetryModel extends OutboundPolicyModel {
  readonly conf: MeshRetryConf;
}

export function renderMeshRetry(model: MeshRetryModel): KumaResource {
  return renderOutboundPolicy('MeshRetry', model, model.conf);
}
