/**
 * A `MeshTLS` policy for the whole mesh: mode Strict and a minimum TLS version
 * (kuma.io_meshtlses.yaml v1alpha1, `rules[].default.{mode,tlsVersion.min}`).
 */
import { Construct } from 'constructs';
import { assertDns1123Label, isUnresolved, ValidationError } from '../private/validation';
import { IGlobalControlPlane } from './control-plane';
import { MeshTlsVersionName, renderMeshTls } from './models/mesh-tls';

/** Minimum TLS versions a {@link MeshTls} allows choosing. */
export enum MeshTlsVersion {
  TLS12 = 'TLS12',
  TLS13 = 'TLS13',
}

/** Properties of a {@link MeshTls}. */
export interface MeshTlsProps {
  /** Global control plane the policy is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /**
   * Mesh the policy belongs to.
   * @default "default"
   */
  readonly mesh?: string;
  /**
   * Policy name.
   * @default "mesh-tls"
   */
  readonly name?: string;
  /**
   * Minimum TLS version between proxies ("TLS12" or "TLS13").
   * @default "TLS13"
   */
  readonly minTlsVersion?: string;
}

/** Strict mTLS with a minimum TLS version for every proxy of the mesh. */
export class MeshTls extends Construct {
  /** Name of the policy. */
  public readonly policyName: string;
  /** Minimum TLS version. */
  public readonly minTlsVersion: string;

  constructor(scope: Construct, id: string, props: MeshTlsProps) {
    super(scope, id);
    const path = this.node.path;
    const mesh = props.mesh ?? 'default';
    this.policyName = props.name ?? 'mesh-tls';
    assertDns1123Label(this.policyName, `${path}.name`, 'policy name');
    this.minTlsVersion = props.minTlsVersion ?? MeshTlsVersion.TLS13;
    const allowed: string[] = Object.values(MeshTlsVersion);
    if (!isUnresolved(this.minTlsVersion) && !allowed.includes(this.minTlsVersion)) {
      throw new ValidationError(`${path}.minTlsVersion`, this.minTlsVersion, `must be one of ${allowed.join(', ')} (older versions are not offered)`);
    }
    props.globalControlPlane.resources.apply(
      this,
      'resource',
      renderMeshTls({
        name: this.policyName,
        namespace: props.globalControlPlane.systemNamespace,
        mesh,
        minTlsVersion: this.minTlsVersion as MeshTlsVersionName,
      }),
    );
  }
}
