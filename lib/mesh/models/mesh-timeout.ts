/**
 * Model of a `MeshTimeout` (kuma.io_meshtimeouts.yaml, v1alpha1) from one workload to one
 * MeshService. Durations are Kubernetes `metav1.Duration`s, parsed by Go's `time.ParseDuration`
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshtimeout/api/v1alpha1/meshtimeout.go#Conf).
 * The `http` block is read only for HTTP outbounds (pkg/plugins/policies/meshtimeout/plugin/xds/configurer.go).
 */
import { KumaResource } from '../kuma-resource';
import { OutboundPolicyModel, renderOutboundPolicy } from './policy-target';

export interface MeshTimeoutConf {
  readonly connectionTimeout: string;
  readonly idleTimeout: string;
  readonly http?: { readonly requestTimeout: string };
}

export interface MeshTimeoutModel extends OutboundPolicyModel {
  readonly conf: MeshTimeoutConf;
}

export function renderMeshTimeout(model: MeshTimeoutModel): KumaResource {
  return renderOutboundPolicy('MeshTimeout', model, model.conf);
}
