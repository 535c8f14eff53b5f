/**
 * A `MeshTimeout` from one workload to one service (kuma.io_meshtimeouts.yaml v1alpha1). The
 * Mesh does not create Kuma's default timeouts, so without one a hop has Envoy's bare
 * defaults. The HTTP request timeout applies to an HTTP destination only.
 */
import { Construct } from 'constructs';
import { renderMeshTimeout } from './models/mesh-timeout';
import { OutboundPolicyProps } from './mesh-policy-props';
import { assertGoDuration, outboundPolicyBase } from './_policy-checks';

/** Properties of a {@link MeshTimeout}. */
export interface MeshTimeoutProps extends OutboundPolicyProps {
  /** Time to establish a connection (Go duration), e.g. `5s`. */
  readonly connectTimeout: string;
  /** Time a connection may stay idle (Go duration), e.g. `1h`. */
  readonly idleTimeout: string;
  /**
   * Time for a whole HTTP request (Go duration), e.g. `15s`.
   * @default none: no `http` block, right for a TCP destination
   */
  readonly requestTimeout?: string;
}

/** Timeouts on the calls of one workload to one service. */
export class MeshTimeout extends Construct {
  /** Name of the policy. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: MeshTimeoutProps) {
    super(scope, id);
    const base = outboundPolicyBase(this, props);
    assertGoDuration(props.connectTimeout, `${this.node.path}.connectTimeout`);
    assertGoDuration(props.idleTimeout, `${this.node.path}.idleTimeout`);
    if (props.requestTimeout !== undefined) assertGoDuration(props.requestTimeout, `${this.node.path}.requestTimeout`);
    this.policyName = base.name;
    props.globalControlPlane.resources.apply(this, 'resource', renderMeshTimeout({
      ...base,
      conf: {
        connectionTimeout: props.connectTimeout,
        idleTimeout: props.idleTimeout,
        ...(props.requestTimeout !== undefined ? { http: { requestTimeout: props.requestTimeout } } : {}),
      },
    }));
  }
}
