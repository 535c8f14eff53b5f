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
import { IGlobalControlPlane, assertKdsGlobalAddress, assertZoneToken } from './control-plane';
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
   * Zone tokens (Kong Mesh / Konnect zone authentication) by zone name, each a sensitive
   * Terraform value; a zone writes its own into a Secret. A token is issued for one zone
   * (Kong Mesh's `kumactl generate zone-token --zone <name> --scope cp`), so every zone that
   * joins a global with cpToken KDS auth needs an entry. Kong Mesh only.
   * @default none: zones connect without a token
   */
  readonly zoneTokens?: { [zoneName: string]: string };
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
  /** Namespace Kuma treats as its system namespace: where the kumactl Job and its ConfigMap go. */
  public readonly systemNamespace: string;
  private readonly sink?: IKumaResourceSink;
  private readonly zoneTokens?: { [zoneName: string]: string };

  constructor(scope: Construct, id: string, props: ExternalGlobalControlPlaneProps) {
    super(scope, id);
    validateExternal(props, this.node.path);
    this.kdsGlobalAddress = props.kdsGlobalAddress;
    this.kdsCaCertificatePem = props.caCertificatePem;
    this.distribution = props.distribution ?? MeshDistribution.kuma();
    this.zoneTokens = props.zoneTokens;
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

  /** The zone's own token from `zoneTokens`; a zone without one is refused when the global has tokens. */
  public zoneTokenFor(zoneName: string): string | undefined {
    if (this.zoneTokens === undefined) return undefined;
    const token = this.zoneTokens[zoneName];
    if (token === undefined) {
      throw new ValidationError(
        `${this.node.path}.zoneTokens`,
        Object.keys(this.zoneTokens),
        `has no token for zone "${zoneName}": a token authenticates one zone only; generate one with Kong Mesh's kumactl (\`kumactl generate zone-token --zone ${zoneName} --scope cp\`) and add it under "${zoneName}"`,
      );
    }
    return token;
  }

  /** Nothing: the global is up before this app runs. */
  public zoneReleasePrerequisites(_zone: Construct): ITerraformDependable[] {
    return [];
  }
}

function validateExternal(props: ExternalGlobalControlPlaneProps, path: string): void {
  assertKdsGlobalAddress(props.kdsGlobalAddress, `${path}.kdsGlobalAddress`);
  if (!isUnresolved(props.caCertificatePem) && !/-----BEGIN CERTIFICATE-----/.test(props.caCertificatePem ?? '')) {
    throw new ValidationError(`${path}.caCertificatePem`, props.caCertificatePem === undefined ? undefined : '<not a PEM certificate>', 'must be the PEM of the CA that signs the global\'s KDS certificate ("-----BEGIN CERTIFICATE-----...")');
  }
  for (const [zone, token] of Object.entries(props.zoneTokens ?? {})) assertZoneToken(token, `${path}.zoneTokens.${zone}`);
  if (props.zoneTokens !== undefined && !(props.distribution?.isKongMesh ?? false)) {
    throw new ValidationError(`${path}.zoneTokens`, Object.keys(props.zoneTokens), 'authenticate zones to a Kong Mesh / Konnect global only: give distribution MeshDistribution.kongMesh(), or leave zoneTokens out for a Kuma global');
  }
  if (props.apiUrl !== undefined) assertNonEmpty(props.apiUrl, `${path}.apiUrl`, 'https://global.mesh.example:5682');
}
