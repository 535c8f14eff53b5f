/**
 * What the rest of the library needs from Kuma control planes, whoever runs them.
 */
import { IClusterConnection } from '../clusters/cluster-connection';
import { IKumaResourceSink } from './kuma-resource';

/** The global control plane: where zones connect (KDS) and where mesh resources are applied. */
export interface IGlobalControlPlane {
  /** KDS address zones connect to, e.g. `grpcs://203.0.113.10:5685` (may contain tokens). */
  readonly kdsGlobalAddress: string;
  /**
   * PEM of the CA that signs the global's KDS server certificate; zones verify KDS with it.
   * Undefined only when the user opted into `insecureSkipKdsVerify`.
   */
  readonly kdsCaCertificatePem?: string;
  /** Namespace of the control plane on Kubernetes (`kuma-system` or `kong-mesh-system`). */
  readonly systemNamespace: string;
  /** Where mesh resources (Mesh, policies, HostnameGenerator) are planned for this global. */
  readonly resources: IKumaResourceSink;
}

/** A zone control plane running in one cluster. */
export interface IZoneControlPlane {
  /** Zone name (DNS-1123 label), as the global and HostnameGenerator templates see it. */
  readonly zoneName: string;
  /** The cluster the zone runs in. */
  readonly connection: IClusterConnection;
  /** Namespace of the zone control plane. */
  readonly systemNamespace: string;
}
