/**
 * Model of a `MeshHealthCheck` (kuma.io_meshhealthchecks.yaml, v1alpha1) from one workload to
 * one MeshService. Kuma picks the check by the outbound's protocol: `http` for an HTTP
 * outbound, `tcp` for a TCP one, none when the matching block is missing
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshhealthcheck/plugin/xds/configurer.go#selectHealthCheckType).
 */
import { KumaResource } from '../kuma-resource';
import { OutboundPolicyModel, renderOutboundPolicy } from './policy-target';

export interface MeshHealthCheckConf {
  readonly interval: string;
  readonly timeout: string;
  readonly unhealthyThreshold: number;
  readonly healthyThreshold: number;
  readonly tcp?: Record<string, never>;
  readonly http?: { readonly path: string; readonly expectedStatuses: number[] };
}

export interface MeshHealthCheckModel extends OutboundPolicyModel {
  readonly conf: MeshHealthCheckConf;
}

export function renderMeshHealthCheck(model: MeshHealthCheckModel): KumaResource {
  return renderOutboundPolicy('MeshHealthCheck', model, model.conf);
}
