/**
 * The checks the policy constructs share: their common props, and the value rules Kuma applies
 * to their fields (Go durations, positive integers).
 */
import { Construct } from 'constructs';
import { assertDns1123Label, isUnresolved, ValidationError } from '../private/validation';
import { MeshPolicyProps, OutboundPolicyProps } from './mesh-policy-props';
import { WorkloadModel } from './models/mesh-traffic-permission';
import { MeshServiceModel, OutboundPolicyModel } from './models/policy-target';

export { assertGoDuration, assertPositiveInteger, goDurationMillis, isPositiveGoDuration } from '../private/go-duration';

/** Checks the common props; returns the model fields they give. */
export function meshPolicyBase(scope: Construct, props: MeshPolicyProps): { name: string; namespace: string; mesh: string } {
  if (!isUnresolved(props.name)) assertDns1123Label(props.name, `${scope.node.path}.name`, 'policy name');
  return { name: props.name, namespace: props.globalControlPlane.systemNamespace, mesh: props.mesh ?? 'default' };
}

export function outboundPolicyBase(scope: Construct, props: OutboundPolicyProps): OutboundPolicyModel {
  const path = scope.node.path;
  const source: WorkloadModel = props.source;
  if (!source.podLabels || Object.keys(source.podLabels).length === 0) {
    // A Dataplane selector without labels would select every proxy of the namespace or mesh.
    throw new ValidationError(`${path}.source.podLabels`, source.podLabels, 'must name the labels of the caller\'s pods, e.g. { "app.kubernetes.io/instance": "gateway" }');
  }
  const destination: MeshServiceModel = props.destination;
  for (const key of ['name', 'namespace', 'zone'] as const) {
    if (!isUnresolved(destination[key])) assertDns1123Label(destination[key], `${path}.destination.${key}`);
  }
  return { ...meshPolicyBase(scope, props), source, destination };
}
