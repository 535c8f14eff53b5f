/**
 * A `MeshHealthCheck` from one workload to one service (kuma.io_meshhealthchecks.yaml v1alpha1):
 * active checks, TCP connects for a TCP destination or HTTP requests for an HTTP one. Kuma
 * picks the check from the destination's protocol and runs none if that block is missing.
 */
import { Construct } from 'constructs';
import { ValidationError } from '../private/validation';
import { renderMeshHealthCheck } from './models/mesh-health-check';
import { OutboundPolicyProps } from './mesh-policy-props';
import { assertGoDuration, assertPositiveInteger, outboundPolicyBase } from './_policy-checks';

/** The destination's protocol, which decides the kind of check. */
export enum HealthCheckProtocol {
  /** A TCP connect. */
  TCP = 'tcp',
  /** An HTTP GET of a path, expecting 200. */
  HTTP = 'http',
}

/** Properties of a {@link MeshHealthCheck}. */
export interface MeshHealthCheckProps extends OutboundPolicyProps {
  /** TCP or HTTP: the protocol of the destination's port. */
  readonly protocol: HealthCheckProtocol;
  /** Time between checks (Go duration). */
  readonly interval: string;
  /** Time a check may take (Go duration). */
  readonly timeout: string;
  /** Failed checks that mark an endpoint unhealthy. */
  readonly unhealthyThreshold: number;
  /** Passed checks that mark it healthy again. */
  readonly healthyThreshold: number;
  /**
   * Path of an HTTP check.
   * @default "/"
   */
  readonly path?: string;
}

/** Active health checks on the endpoints of one service, from one workload. */
export class MeshHealthCheck extends Construct {
  /** Name of the policy. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: MeshHealthCheckProps) {
    super(scope, id);
    const path = this.node.path;
    const base = outboundPolicyBase(this, props);
    assertGoDuration(props.interval, `${path}.interval`);
    assertGoDuration(props.timeout, `${path}.timeout`);
    assertPositiveInteger(props.unhealthyThreshold, `${path}.unhealthyThreshold`);
    assertPositiveInteger(props.healthyThreshold, `${path}.healthyThreshold`);
    const checkPath = props.path ?? '/';
    if (!checkPath.startsWith('/')) throw new ValidationError(`${path}.path`, checkPath, 'must start with "/", e.g. "/healthz"');
    this.policyName = base.name;
    props.globalControlPlane.resources.apply(this, 'resource', renderMeshHealthCheck({
      ...base,
      conf: {
        interval: props.interval,
        timeout: props.timeout,
        unhealthyThreshold: props.unhealthyThreshold,
        healthyThreshold: props.healthyThreshold,
        ...(props.protocol === HealthCheckProtocol.HTTP ? { http: { path: checkPath, expectedStatuses: [200] } } : { tcp: {} }),
      },
    }));
  }
}
