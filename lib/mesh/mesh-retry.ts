/**
 * A `MeshRetry` from one workload to one service (kuma.io_meshretries.yaml v1alpha1): connect
 * attempts for a TCP destination, HTTP retries for an HTTP one. Kuma reads only the block of
 * the destination's protocol.
 */
import { Construct } from 'constructs';
import { ValidationError } from '../private/validation';
import { MeshRetryConf, renderMeshRetry } from './models/mesh-retry';
import { OutboundPolicyProps } from './mesh-policy-props';
import { assertGoDuration, assertPositiveInteger, outboundPolicyBase } from './_policy-checks';

/** HTTP retries. */
export interface HttpRetryOptions {
  /** Retries after the first try (1 or more). */
  readonly numRetries: number;
  /** Timeout of each try (Go duration). */
  readonly perTryTimeout: string;
  /** Back-off base interval (Go duration). */
  readonly backOffBaseInterval: string;
  /** Back-off maximum interval (Go duration). */
  readonly backOffMaxInterval: string;
  /** Conditions and methods, as MeshRetry's `http.retryOn` takes them (see {@link MESH_RETRY_HTTP_RETRY_ON}). */
  readonly retryOn: string[];
}

/** Properties of a {@link MeshRetry}. At least one of `tcpMaxConnectAttempts` and `http`. */
export interface MeshRetryProps extends OutboundPolicyProps {
  /**
   * Connection attempts, the first included, for a TCP destination.
   * @default no `tcp` block
   */
  readonly tcpMaxConnectAttempts?: number;
  /**
   * HTTP retries, for an HTTP destination.
   * @default no `http` block
   */
  readonly http?: HttpRetryOptions;
}

/**
 * The `http.retryOn` values Kuma 2.14.3 accepts besides HTTP status codes
 * (kumahq/kuma@v2.14.3:pkg/plugins/policies/meshretry/api/v1alpha1/validator.go#validateHTTPRetryOn).
 */
export const MESH_RETRY_HTTP_RETRY_ON: readonly string[] = [
  '5xx', 'GatewayError', 'Reset', 'Retriable4xx', 'ConnectFailure', 'EnvoyRatelimited', 'RefusedStream', 'Http3PostConnectFailure',
  'HttpMethodConnect', 'HttpMethodDelete', 'HttpMethodGet', 'HttpMethodHead', 'HttpMethodOptions', 'HttpMethodPatch', 'HttpMethodPost', 'HttpMethodPut', 'HttpMethodTrace',
];

/** Whether Kuma accepts `value` in `http.retryOn`: an enum value or a known HTTP status code. */
export function isMeshRetryOnValue(value: string): boolean {
  return MESH_RETRY_HTTP_RETRY_ON.includes(value) || (/^[1-5][0-9][0-9]$/.test(value) && HTTP_STATUS_CODES.has(Number(value)));
}

/** Codes Go's `http.StatusText` knows (the validator rejects the others). */
const HTTP_STATUS_CODES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

/** Retries on the calls of one workload to one service. */
export class MeshRetry extends Construct {
  /** Name of the policy. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: MeshRetryProps) {
    super(scope, id);
    const path = this.node.path;
    const base = outboundPolicyBase(this, props);
    if (props.tcpMaxConnectAttempts === undefined && props.http === undefined) {
      // validator.go#validateDefault: "at least one of the 'tcp', 'http', 'grpc' must be specified"
      throw new ValidationError(path, props, 'needs tcpMaxConnectAttempts or http');
    }
    const conf: { -readonly [K in keyof MeshRetryConf]: MeshRetryConf[K] } = {};
    if (props.tcpMaxConnectAttempts !== undefined) {
      assertPositiveInteger(props.tcpMaxConnectAttempts, `${path}.tcpMaxConnectAttempts`);
      conf.tcp = { maxConnectAttempt: props.tcpMaxConnectAttempts };
    }
    if (props.http) {
      // numRetries 0 makes Kuma drop the retry policy altogether (configurer.go#genHttpRetryPolicy): say "off" instead.
      assertPositiveInteger(props.http.numRetries, `${path}.http.numRetries`);
      assertGoDuration(props.http.perTryTimeout, `${path}.http.perTryTimeout`);
      assertGoDuration(props.http.backOffBaseInterval, `${path}.http.backOffBaseInterval`);
      assertGoDuration(props.http.backOffMaxInterval, `${path}.http.backOffMaxInterval`);
      props.http.retryOn.forEach((value, index) => {
        if (!isMeshRetryOnValue(value)) throw new ValidationError(`${path}.http.retryOn[${index}]`, value, `must be an HTTP status code or one of ${MESH_RETRY_HTTP_RETRY_ON.join(', ')}`);
      });
      conf.http = {
        numRetries: props.http.numRetries,
        perTryTimeout: props.http.perTryTimeout,
        backOff: { baseInterval: props.http.backOffBaseInterval, maxInterval: props.http.backOffMaxInterval },
        retryOn: [...props.http.retryOn],
      };
    }
    this.policyName = base.name;
    props.globalControlPlane.resources.apply(this, 'resource', renderMeshRetry({ ...base, conf }));
  }
}
