/**
 * A `MeshOpenTelemetryBackend` (kuma.io_meshopentelemetrybackends.yaml v1alpha1, new in Kuma
 * 2.14): an OpenTelemetry collector the user runs, which MeshTrace, MeshAccessLog and
 * MeshMetric send to through `backendRef`. This library does not run a collector.
 */
import { Construct } from 'constructs';
import { assertDns1123Subdomain, assertIntegerInRange, isUnresolved, ValidationError } from '../private/validation';
import { renderMeshOpenTelemetryBackend } from './models/mesh-open-telemetry-backend';
import { MeshPolicyProps } from './mesh-policy-props';
import { meshPolicyBase } from './_policy-checks';

/** A collector policies can send telemetry to. */
export interface IMeshOpenTelemetryBackend {
  /** Name of the MeshOpenTelemetryBackend (policies select it by a label carrying this name). */
  readonly backendName: string;
}

/** OTLP transport. */
export enum OpenTelemetryProtocol {
  GRPC = 'grpc',
  HTTP = 'http',
}

/** Properties of a {@link MeshOpenTelemetryBackend}. */
export interface MeshOpenTelemetryBackendProps extends MeshPolicyProps {
  /** Collector host name or IP address, as the proxies resolve it. */
  readonly address: string;
  /**
   * Collector port.
   * @default 4317 (OTLP gRPC)
   */
  readonly port?: number;
  /**
   * Transport.
   * @default OpenTelemetryProtocol.GRPC
   */
  readonly protocol?: OpenTelemetryProtocol;
  /**
   * Base path of an OTLP/HTTP collector; Kuma appends `v1/traces` etc.
   * @default "/"
   */
  readonly path?: string;
}

const IPV4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** An existing OpenTelemetry collector, declared to the mesh. */
export class MeshOpenTelemetryBackend extends Construct implements IMeshOpenTelemetryBackend {
  public readonly backendName: string;

  constructor(scope: Construct, id: string, props: MeshOpenTelemetryBackendProps) {
    super(scope, id);
    const path = this.node.path;
    const base = meshPolicyBase(this, props);
    // validator.go#validateEndpoint: an IP or a DNS name (govalidator.IsIP / IsDNSName).
    if (!isUnresolved(props.address) && !IPV4.test(props.address)) assertDns1123Subdomain(props.address, `${path}.address`);
    const port = props.port ?? 4317;
    assertIntegerInRange(port, `${path}.port`, 1, 65535);
    const protocol = props.protocol ?? OpenTelemetryProtocol.GRPC;
    if (!Object.values(OpenTelemetryProtocol).includes(protocol)) throw new ValidationError(`${path}.protocol`, protocol, 'must be "grpc" or "http"');
    if (props.path !== undefined) {
      // validator.go#validatePath: no path with grpc; it starts with "/" and has no query or fragment.
      if (protocol === OpenTelemetryProtocol.GRPC) throw new ValidationError(`${path}.path`, props.path, 'must not be set with protocol grpc (only OTLP/HTTP has a path)');
      if (!props.path.startsWith('/') || /[?#]/.test(props.path)) throw new ValidationError(`${path}.path`, props.path, 'must start with "/" and have no query or fragment, e.g. "/otlp"');
    }
    this.backendName = base.name;
    props.globalControlPlane.resources.apply(this, 'resource', renderMeshOpenTelemetryBackend({ ...base, address: props.address, port, protocol, path: props.path }));
  }
}
