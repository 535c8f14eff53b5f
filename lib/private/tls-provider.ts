/**
 * A small hand-written binding of the hashicorp/tls Terraform provider: no prebuilt
 * cdktf package exists for it, and the four resources the KDS certificates need are
 * enough. Attribute names follow the provider's documentation
 * (registry.terraform.io/providers/hashicorp/tls/4.x/docs).
 *
 * The private keys these resources produce live in Terraform state (as for every
 * generated key), never in `cdk.tf.json`: the JSON only holds references.
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource } from 'cdktf';
import { utilityProvider } from './utility-provider';

const METADATA = { providerName: 'tls', providerVersionConstraint: '~> 4.0' };

/** The tls provider of the stack that contains `scope`, created on first use. */
function tlsProvider(scope: Construct): TerraformProvider {
  return utilityProvider(scope, METADATA);
}

/** Subject of a certificate or certificate request. */
export interface TlsSubject {
  readonly commonName: string;
  readonly organization?: string;
}

function subject(value: TlsSubject): { [name: string]: string } {
  return value.organization === undefined
    ? { common_name: value.commonName }
    : { common_name: value.commonName, organization: value.organization };
}

/** `tls_private_key`: an ECDSA or RSA key pair. */
export interface TlsPrivateKeyConfig {
  /** `RSA`, `ECDSA` or `ED25519`. */
  readonly algorithm: string;
  /** For ECDSA: `P224`, `P256`, `P384` or `P521`. */
  readonly ecdsaCurve?: string;
  /** For RSA. */
  readonly rsaBits?: number;
}

export class TlsPrivateKey extends TerraformResource {
  public static readonly tfResourceType = 'tls_private_key';

  constructor(scope: Construct, id: string, private readonly config: TlsPrivateKeyConfig) {
    super(scope, id, {
      terraformResourceType: TlsPrivateKey.tfResourceType,
      terraformGeneratorMetadata: METADATA,
      provider: tlsProvider(scope),
    });
  }

  /** The private key, PEM (a sensitive attribute: only ever passed to other resources). */
  public get privateKeyPem(): string {
    return this.getStringAttribute('private_key_pem');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      algorithm: this.config.algorithm,
      ecdsa_curve: this.config.ecdsaCurve,
      rsa_bits: this.config.rsaBits,
    };
  }
}

/** Common fields of the certificate resources. */
export interface TlsCertificateConfig {
  readonly validityPeriodHours: number;
  /** Terraform replaces the certificate on the first apply this many hours before expiry. */
  readonly earlyRenewalHours?: number;
  /** Key usages, e.g. `cert_signing`, `digital_signature`, `server_auth`. */
  readonly allowedUses: string[];
  readonly isCaCertificate?: boolean;
}

/** `tls_self_signed_cert`: here, the KDS certificate authority. */
export interface TlsSelfSignedCertConfig extends TlsCertificateConfig {
  readonly privateKeyPem: string;
  readonly subject: TlsSubject;
}

export class TlsSelfSignedCert extends TerraformResource {
  public static readonly tfResourceType = 'tls_self_signed_cert';

  constructor(scope: Construct, id: string, private readonly config: TlsSelfSignedCertConfig) {
    super(scope, id, {
      terraformResourceType: TlsSelfSignedCert.tfResourceType,
      terraformGeneratorMetadata: METADATA,
      provider: tlsProvider(scope),
    });
  }

  public get certPem(): string {
    return this.getStringAttribute('cert_pem');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      private_key_pem: this.config.privateKeyPem,
      subject: subject(this.config.subject),
      validity_period_hours: this.config.validityPeriodHours,
      early_renewal_hours: this.config.earlyRenewalHours,
      allowed_uses: this.config.allowedUses,
      is_ca_certificate: this.config.isCaCertificate,
    };
  }
}

/** `tls_cert_request`: the request the CA signs, carrying the server's names. */
export interface TlsCertRequestConfig {
  readonly privateKeyPem: string;
  readonly subject: TlsSubject;
  readonly dnsNames?: string[];
  readonly ipAddresses?: string[];
}

export class TlsCertRequest extends TerraformResource {
  public static readonly tfResourceType = 'tls_cert_request';

  constructor(scope: Construct, id: string, private readonly config: TlsCertRequestConfig) {
    super(scope, id, {
      terraformResourceType: TlsCertRequest.tfResourceType,
      terraformGeneratorMetadata: METADATA,
      provider: tlsProvider(scope),
    });
  }

  public get certRequestPem(): string {
    return this.getStringAttribute('cert_request_pem');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      private_key_pem: this.config.privateKeyPem,
      subject: subject(this.config.subject),
      dns_names: this.config.dnsNames,
      ip_addresses: this.config.ipAddresses,
    };
  }
}

/** `tls_locally_signed_cert`: a certificate signed by a CA whose key Terraform holds. */
export interface TlsLocallySignedCertConfig extends TlsCertificateConfig {
  readonly certRequestPem: string;
  readonly caPrivateKeyPem: string;
  readonly caCertPem: string;
}

export class TlsLocallySignedCert extends TerraformResource {
  public static readonly tfResourceType = 'tls_locally_signed_cert';

  constructor(scope: Construct, id: string, private readonly config: TlsLocallySignedCertConfig) {
    super(scope, id, {
      terraformResourceType: TlsLocallySignedCert.tfResourceType,
      terraformGeneratorMetadata: METADATA,
      provider: tlsProvider(scope),
    });
  }

  public get certPem(): string {
    return this.getStringAttribute('cert_pem');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      cert_request_pem: this.config.certRequestPem,
      ca_private_key_pem: this.config.caPrivateKeyPem,
      ca_cert_pem: this.config.caCertPem,
      validity_period_hours: this.config.validityPeriodHours,
      early_renewal_hours: this.config.earlyRenewalHours,
      allowed_uses: this.config.allowedUses,
      is_ca_certificate: this.config.isCaCertificate,
    };
  }
}
