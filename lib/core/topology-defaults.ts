/**
 * Defaults of the topology that the cloud implementations read as well as the topology layer,
 * so they live below both (lib/topology re-exports them).
 */
import { CertificateIssuer, TopologySpec } from './topology-spec';

/** The effective certificate issuer: self-signed by default for ephemeral environments. */
export function effectiveIssuer(spec: TopologySpec): CertificateIssuer {
  return spec.certificates?.issuer ?? (spec.ephemeral ? CertificateIssuer.SELF_SIGNED : CertificateIssuer.ACME);
}
