/**
 * What the rest of the library needs from Kuma control planes, whoever runs them.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { IClusterConnection } from '../clusters/cluster-connection';
import { IKumaResourceSink } from './kuma-resource';
import { MeshDistribution } from './mesh-distribution';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';

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

  /**
   * The token (a sensitive Terraform value) the zone `zoneName` presents to the global
   * (Kong Mesh / Konnect zone authentication); undefined when zones connect without one.
   * A token is issued for one zone (Kong Mesh's `kumactl generate zone-token --zone <zone>
   * --scope cp`, as the federated-zone production values do: kong-mesh
   * chart/prod-examples/values.federated-zone-cp.yaml in ../shared/upstream) and verified by a
   * global with `kmesh.multizone.global.kds.auth.type: cpToken` (kong-mesh config/kuma-cp.yaml),
   * so each zone asks for its own. Kuma itself has no zone-to-global token.
   */
  zoneTokenFor(zoneName: string): string | undefined;
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

/**
 * A zone token at `field`: a Terraform token (a sensitive variable or a secret from another
 * resource), never a literal, which would be written in plain text into cdk.tf.json.
 */
export function assertZoneToken(token: string, field: string): void {
  assertNonEmpty(token, field, '${var.zone_token}');
  if (!isUnresolved(token)) {
    throw new ValidationError(field, '<literal token>', 'must be a sensitive Terraform value (a TerraformVariable with sensitive: true): a literal would be written in plain text into cdk.tf.json');
  }
}

/**
 * The KDS address a zone dials, at `field`: `grpcs://host[:port]`. The zone's KDS client
 * dials `grpc://` in plain text (kumahq/kuma@v2.14.3:pkg/kds/mux/client.go#Start), where the
 * CA and any zone token would travel unprotected, and the chart refuses other schemes
 * (deployments/charts/kuma/templates/cp-deployment.yaml). A token (an address from another
 * stack) is checked where it is made.
 */
export function assertKdsGlobalAddress(address: string, field: string): void {
  assertNonEmpty(address, field, 'grpcs://kds.mesh.example:5685');
  if (!isUnresolved(address) && !/^grpcs:\/\/[^/:\s]+(:\d+)?\/?$/.test(address)) {
    throw new ValidationError(field, address, 'must be a grpcs:// URL with a host and optional port, e.g. "grpcs://kds.mesh.example:5685" (KDS is always TLS here)');
  }
}
