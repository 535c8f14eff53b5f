/**
 * A global control plane the library does not run (self-run elsewhere, or Konnect): zones
 * join it with its KDS address and CA, and mesh resources reach it through its API when
 * one is given (kuma.io/docs/2.13.x/production/cp-deployment/multi-zone/, "Set up the zone
 * control planes": the zone needs only `controlPlane.kdsGlobalAddress` and the global's CA).
 *
 * Its own construct, not a mode of {@link GlobalControlPlane}: it has no cluster, namespace,
 * Helm release or reserved address, so none of those is an "undefined when external" member.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { IClusterConnection } from '../clusters/cluster-connection';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';
import { IGlobalControlPlane } from './control-plane';
import { IKumaResourceSink } from './kuma-resource';
import { KumactlResourceSink } from './kumactl-resource-sink';
import { MeshDistribution } from './mesh-distribution';

/** Props of {@link ExternalGlobalControlPlane}. */
export interface ExternalGlobalControlPlaneProps {
  /** KDS address, `grpcs://host:5685`. */
  readonly kdsGlobalAddress: string;
  /** PEM of the CA that signs the global's KDS certificate. */
  readonly caCertificatePem: string;
  /**
   * Kuma or Kong Mesh: what the global runs, and so what its zones must run.
   * @default MeshDistribution.kuma()
   */
  readonly distribution?: MeshDistribution;
  /**
   * Zone token (Kong Mesh / Konnect zone authentication) as a sensitive Terraform value;
   * each zone writes it into a Secret.
   * @default none: zones connect without a token
   */
  readonly zoneToken?: string;
  /**
   * The global's API URL, for applying mesh resources with kumactl.
   * @default none: mesh resources cannot be planned for this global
   */
  readonly apiUrl?: string;
  /**
   * Secret holding an admin token for the API (key `token`) in `runnerConnection`'s cluster.
   * @default the kumactl sink's default ("kuma-admin-token")
   */
  readonly adminTokenSecretName?: string;
  /**
   * The cluster that runs the kumactl apply Job.
   * @default none: mesh resources cannot be planned for this global
   */
  readonly runnerConnection?: IClusterConnection;
}

/** An existing global control plane, joined over KDS with a verified certificate. */
export class ExternalGlobalControlPlane extends Construct implements IGlobalControlPlane {
  public readonly kdsGlobalAddress: string;
  /** The CA given: always set (the type is the interface's, where only a skip-verify global has none). */
  public readonly kdsCaCertificatePem: string | undefined;
  /** Always false: an external global is joined only with its CA (there is no opt-out here). */
  public readonly insecureSkipKdsVerify: boolean = false;
  public readonly distribution: MeshDistribution;
  public readonly zoneToken: string | undefined;
  /** Namespace Kuma treats as its system namespace: where the kumactl Job and its ConfigMap go. */
  public readonly systemNamespace: string;
  private readonly sink?: IKumaResourceSink;

  constructor(scope: Construct, id: string, props: ExternalGlobalControlPlaneProps) {
    super(scope, id);
    validateExternal(props, this.node.path);
    this.kdsGlobalAddress = props.kdsGlobalAddress;
    this.kdsCaCertificatePem = props.caCertificatePem;
    this.distribution = props.distribution ?? MeshDistribution.kuma();
    this.zoneToken = props.zoneToken;
    this.systemNamespace = this.distribution.systemNamespace;
    if (props.apiUrl !== undefined && props.runnerConnection !== undefined) {
      this.sink = new KumactlResourceSink({
        connection: props.runnerConnection,
        namespace: this.systemNamespace,
        apiUrl: props.apiUrl,
        adminTokenSecretName: props.adminTokenSecretName,
      });
    }
  }

  /** Where mesh resources for this global are planned: its API through kumactl, when given. */
  public get resources(): IKumaResourceSink {
    if (!this.sink) {
      throw new ValidationError(
        this.node.path,
        'external global without apiUrl / runnerConnection',
        'cannot receive mesh resources: give ExternalGlobalControlPlane apiUrl, adminTokenSecretName and runnerConnection, or apply Mesh and policies to it yourself',
      );
    }
    return this.sink;
  }

  /** Nothing: the global is up before this app runs. */
  public zoneReleasePrerequisites(_zone: Construct): ITerraformDependable[] {
    return [];
  }
}

function validateExternal(props: ExternalGlobalControlPlaneProps, path: string): void {
  assertNonEmpty(props.kdsGlobalAddress, `${path}.kdsGlobalAddress`, 'grpcs://kds.mesh.example:5685');
  if (!isUnresolved(props.kdsGlobalAddress) && !/^grpcs:\/\/[^/:\s]+(:\d+)?\/?$/.test(props.kdsGlobalAddress)) {
    throw new ValidationError(`${path}.kdsGlobalAddress`, props.kdsGlobalAddress, 'must be a grpcs:// URL with a host and optional port, e.g. "grpcs://kds.mesh.example:5685" (KDS is always TLS here)');
  }
  if (!isUnresolved(props.caCertificatePem) && !/-----BEGIN CERTIFICATE-----/.test(props.caCertificatePem ?? '')) {
    throw new ValidationError(`${path}.caCertificatePem`, props.caCertificatePem === undefined ? undefined : '<not a PEM certificate>', 'must be the PEM of the CA that signs the global\'s KDS certificate ("-----BEGIN CERTIFICATE-----...")');
  }
  if (props.zoneToken !== undefined && !isUnresolved(props.zoneToken)) {
    throw new ValidationError(`${path}.zoneToken`, '<literal token>', 'must be a sensitive Terraform value (a TerraformVariable with sensitive: true): a literal would be written in plain text into cdk.tf.json');
  }
  if (props.apiUrl !== undefined) assertNonEmpty(props.apiUrl, `${path}.apiUrl`, 'https://global.mesh.example:5682');
}
