/**
 * The props the resilience and telemetry policy constructs share (MeshTimeout, MeshRetry,
 * MeshCircuitBreaker, MeshHealthCheck, MeshMetric, MeshAccessLog, MeshTrace,
 * MeshOpenTelemetryBackend).
 */
import { IGlobalControlPlane } from './control-plane';
import { ServiceReference } from './mesh-traffic-permission';

/** A Kubernetes Service of a zone, which Kuma turns into a MeshService there. */
export interface MeshServiceReference {
  /** Service name. */
  readonly name: string;
  /** Namespace of the Service. */
  readonly namespace: string;
  /** Zone the Service runs in (its MeshService carries `kuma.io/zone`, in every zone). */
  readonly zone: string;
  /**
   * The caller reaches the service through the MeshMultiZoneService named `name` (an API
   * in several zones, with failover), not through one zone's MeshService: the policy must
   * configure that outbound, the one the caller's traffic takes.
   * @default false
   */
  readonly multiZone?: boolean;
}

/** Props every mesh-wide policy construct takes. */
export interface MeshPolicyProps {
  /** Global control plane the policy is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /**
   * Mesh.
   * @default "default"
   */
  readonly mesh?: string;
  /** Policy name (DNS-1123 label). */
  readonly name: string;
}

/** Props every policy from one workload to one service takes. */
export interface OutboundPolicyProps extends MeshPolicyProps {
  /** The caller: its proxies get the configuration (selected as `kind: Dataplane` by `podLabels`). */
  readonly source: ServiceReference;
  /** The service called. */
  readonly destination: MeshServiceReference;
}
