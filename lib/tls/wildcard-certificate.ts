/**
 * A wildcard certificate `*.domain` (plus the apex where wanted), issued by cert-manager
 * into a secret in the gateway's namespace (stage "mesh"), where the gateway's routes
 * serve it. cert-manager renews it; the ingress controller picks renewals up.
 */
import { Construct } from 'constructs';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { IClusterConnection } from '../clusters/cluster-connection';
import { ValidationError, assertDns1123Label, assertDns1123Subdomain, isUnresolved } from '../private/validation';
import { IClusterIssuer } from './cluster-issuer';
import { coveredBy } from '../private/coverage';

/** Props of {@link WildcardCertificate}. */
export interface WildcardCertificateProps {
  /** Cluster with cert-manager. */
  readonly connection: IClusterConnection;
  /** Namespace of the secret (the gateway's). */
  readonly namespace: string;
  /** Base domain, e.g. `acme.example` for `*.acme.example`. */
  readonly domain: string;
  /**
   * Also cover the domain itself.
   * @default true
   */
  readonly includeApex?: boolean;
  /** Issuer (must live in the same cluster). */
  readonly issuer: IClusterIssuer;
  /**
   * Secret name.
   * @default "<domain with dashes>-tls"
   */
  readonly secretName?: string;
}

/** A wildcard certificate in one namespace. */
export class WildcardCertificate extends Construct {
  /** DNS names the certificate covers. */
  public readonly dnsNames: string[];
  public readonly secretName: string;
  public readonly namespace: string;
  public readonly certificate: Manifest;

  constructor(scope: Construct, id: string, props: WildcardCertificateProps) {
    super(scope, id);
    const path = this.node.path;
    assertDns1123Subdomain(props.domain, `${path}.domain`);
    if (!isUnresolved(props.domain) && !props.domain.includes('.')) {
      throw new ValidationError(`${path}.domain`, props.domain, 'must have at least two labels (a wildcard on a top-level domain is refused by every CA), e.g. "acme.example"');
    }
    assertDns1123Label(props.namespace, `${path}.namespace`, 'namespace');
    if (props.issuer.connection !== props.connection) {
      throw new ValidationError(`${path}.issuer`, props.issuer.issuerName, 'belongs to another cluster; use the ClusterIssuer created with the same connection');
    }
    const secretName = props.secretName ?? `${props.domain.replace(/\./g, '-')}-tls`;
    assertDns1123Subdomain(secretName, `${path}.secretName`);
    this.dnsNames = wildcardDnsNames(props.domain, props.includeApex ?? true);
    this.secretName = secretName;
    this.namespace = props.namespace;
    const { kubernetes } = props.connection.providers(this);
    this.certificate = new Manifest(this, 'certificate', {
      provider: kubernetes,
      manifest: wildcardCertificateManifest(secretName, props.namespace, this.dnsNames, props.issuer.issuerName),
    });
  }

  /** True when the certificate covers `host` (one label under the wildcard, or the apex if included). */
  public covers(host: string): boolean {
    return certificateCovers(this.dnsNames, host);
  }
}

/**
 * True when a certificate with `dnsNames` covers `host`: an exact name, or `*.domain` for
 * exactly one extra leftmost label (RFC 6125 section 6.4.3: a wildcard never spans dots).
 * Case-insensitive; a trailing dot on `host` is ignored.
 */
export function certificateCovers(dnsNames: readonly string[], host: string): boolean {
  return coveredBy(host, dnsNames);
}

/** `*.domain`, then `domain` when the apex is included. */
export function wildcardDnsNames(domain: string, includeApex: boolean): string[] {
  return includeApex ? [`*.${domain}`, domain] : [`*.${domain}`];
}

/** The cert-manager Certificate. */
export function wildcardCertificateManifest(name: string, namespace: string, dnsNames: string[], issuerName: string): { [key: string]: unknown } {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace },
    spec: {
      secretName: name,
      dnsNames: [...dnsNames],
      issuerRef: { name: issuerName, kind: 'ClusterIssuer', group: 'cert-manager.io' },
      // A fresh key at every renewal, so a leaked key expires with its certificate.
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      secretTemplate: { labels: { 'app.kubernetes.io/managed-by': 'cert-manager' } },
    },
  };
}
