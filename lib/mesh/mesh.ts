/**
 * A Kuma `Mesh` on the global control plane: builtin CA, mTLS STRICT, MeshServices only
 * (`meshServices.mode: Exclusive`) and none of the default policies (no allow-all
 * MeshTrafficPermission). Follows kuma/schemas/protos/Mesh.json (v2.14.3) and the Kuma
 * "Mutual TLS" docs; the builtin CA key size is `conf.caCert.RSAbits` (the runtime field).
 */
import { Construct } from 'constructs';
import { assertDns1123Label, assertIntegerInRange, isUnresolved, ValidationError } from '../private/validation';
import { IGlobalControlPlane } from './control-plane';
import { renderMesh } from './models/mesh';

/** Properties of a {@link Mesh}. */
export interface MeshProps {
  /** Global control plane the Mesh is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /**
   * Mesh name (RFC 1035 label).
   * @default "default"
   */
  readonly mesh?: string;
  /**
   * RSA key size of the builtin CA.
   * @default 2048
   */
  readonly caKeySize?: number;
  /**
   * Validity of the builtin CA certificate: one number and one unit of `y`, `w`, `d`, `h`, `m`, `s`, `ms` (Kuma's syntax), e.g. "10y".
   * @default "10y"
   */
  readonly caCertificateExpiration?: string;
  /**
   * Validity of data plane proxy certificates (same syntax, e.g. "24h"); Kuma rotates them before they expire.
   * @default "24h"
   */
  readonly certificateRotation?: string;
}

/**
 * Kuma's own duration syntax: one number and one unit, no compounds ("1h30m") and no ns/us
 * (kumahq/kuma@v2.14.3:pkg/core/resources/apis/mesh/mesh_helpers.go#ParseDuration, which
 * mesh_validator.go#validateMtls and pkg/plugins/ca/builtin/manager.go use for both fields).
 */
const DURATION = /^(0|\d+(y|w|d|h|m|s|ms))$/;
const RSA_SIZES = [2048, 3072, 4096];

/** A Mesh with strict mTLS from a builtin CA. */
export class Mesh extends Construct {
  /** Name of the mesh, for policies and namespace labels. */
  public readonly meshName: string;

  constructor(scope: Construct, id: string, props: MeshProps) {
    super(scope, id);
    const path = this.node.path;
    this.meshName = props.mesh ?? 'default';
    if (!isUnresolved(this.meshName)) assertDns1123Label(this.meshName, `${path}.mesh`, 'mesh name');
    const caKeySize = props.caKeySize ?? 2048;
    assertIntegerInRange(caKeySize, `${path}.caKeySize`, 2048, 4096);
    if (!RSA_SIZES.includes(caKeySize)) {
      throw new ValidationError(`${path}.caKeySize`, caKeySize, `must be one of ${RSA_SIZES.join(', ')}`);
    }
    const caCertificateExpiration = props.caCertificateExpiration ?? '10y';
    const certificateRotation = props.certificateRotation ?? '24h';
    assertDuration(caCertificateExpiration, `${path}.caCertificateExpiration`, '"10y"');
    assertDuration(certificateRotation, `${path}.certificateRotation`, '"24h"');

    props.globalControlPlane.resources.apply(
      this,
      'resource',
      renderMesh({ name: this.meshName, caKeySize, caCertificateExpiration, certificateRotation }),
    );
  }
}

function assertDuration(value: string, field: string, example: string): void {
  if (isUnresolved(value)) return;
  if (!DURATION.test(value)) throw new ValidationError(field, value, `must be one number and one unit (y, w, d, h, m, s or ms), as Kuma parses it, e.g. ${example}`);
}
