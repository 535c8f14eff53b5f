/**
 * What the rest of the library needs from Kuma control planes, whoever runs them.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { IClusterConnection } from '../clusters/cluster-connection';
import { IKumaResourceSink } from './kuma-resource';
import { MeshDistribution } from './mesh-distribution';

/**
 * The global control plane: where zones connect (KDS) and where mesh resources are applied.
 *
 * A zone ({@link ZoneControlPlane}) reads everything it checks from here, whoever implements
 * it ({@link GlobalControlPlane}, {@link ExternalGlobalControlPlane}, your own): every member a
 * zone decides on is required, so an implementation that leaves one unanswered does not compile.
 */
export interface IGlobalControlPlane {
  /** KDS address zones connect to, e.g. `grpcs://203.0.113.10:5685` (may contain tokens). */
  readonly kdsGlobalAddress: string;
  /**
   * PEM of the CA that signs the global's KDS server certificate; zones verify KDS with it.
   * Undefined exactly when `insecureSkipKdsVerify` is true.
   */
  readonly kdsCaCertificatePem: string | undefined;
  /**
   * True when zones must skip KDS certificate verification (the insecure opt-in of the
   * global's owner). A zone refuses to skip for a global that does not say so.
   */
  readonly insecureSkipKdsVerify: boolean;
  /**
   * Kuma or Kong Mesh: zones must run the same product (a zone's default), and only Kong
   * Mesh zones can present a zone token.
   */
  readonly distribution: MeshDistribution;
  /**
   * Zone token (a sensitive Terraform value) each zone presents to the global (Kong Mesh /
   * Konnect zone authentication); undefined when zones connect without one.
   */
  readonly zoneToken: string | undefined;
  /** Namespace of the control plane on Kubernetes (`kuma-system` or `kong-mesh-system`). */
  readonly systemNamespace: string;
  /** Where mesh resources (Mesh, policies, HostnameGenerator) are planned for this global. */
  readonly resources: IKumaResourceSink;

  /**
   * What the Helm release of a zone at `zone` must wait for, so that KDS answers when the zone
   * first starts: the global's own release when both are planned in the same stack; nothing
   * when the global is deployed by an earlier stack or runs outside this app.
   */
  zoneReleasePrerequisites(zone: Construct): ITerraformDependable[];
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
