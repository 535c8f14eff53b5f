/**
 * cert-manager ClusterIssuers (stage "mesh"): ACME DNS-01 on Azure DNS or Google Cloud
 * DNS with workload identity (no static keys), or a self-signed CA for ephemeral and
 * offline environments.
 */
import { Construct } from 'constructs';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { IClusterConnection } from '../clusters/cluster-connection';
import { ValidationError, assertDns1123Label, assertDns1123Subdomain, assertNonEmpty, isUnresolved } from '../private/validation';
import { CERT_MANAGER_NAMESPACE } from './cert-manager';


/** The DNS-01 providers of cert-manager's solver block (cert-manager/cert-manager@v1.21.1:pkg/apis/acme/v1/types_issuer.go#ACMEChallengeSolverDNS01). */
const DNS01_PROVIDERS = ['akamai', 'cloudDNS', 'cloudflare', 'route53', 'azureDNS', 'digitalocean', 'acmeDNS', 'rfc2136', 'webhook'];
/** Fields the webhook requires of a provider block (validation/issuer.go#ValidateACMEChallengeSolverDNS01). */
const DNS01_REQUIRED: { [provider: string]: string[] } = {
  akamai: ['serviceConsumerDomain'],
  azureDNS: ['subscriptionID', 'resourceGroupName'],
  cloudDNS: ['project'],
  acmeDNS: ['host'],
  rfc2136: ['nameserver'],
  webhook: ['solverName'],
};
/** A ClusterIssuer certificates can name. */
export interface IClusterIssuer {
  /** The ClusterIssuer's name. */
  readonly issuerName: string;
  /** Cluster it exists in. */
  readonly connection: IClusterConnection;
}

/** An ACME directory. */
export class AcmeServer {
  /** Let's Encrypt production. */
  public static letsEncrypt(): AcmeServer {
    return new AcmeServer('https://acme-v02.api.letsencrypt.org/directory', true);
  }

  /** Let's Encrypt staging: generous rate limits, certificates no browser trusts. */
  public static letsEncryptStaging(): AcmeServer {
    return new AcmeServer('https://acme-staging-v02.api.letsencrypt.org/directory', false);
  }

  /** Any ACME directory URL (https). */
  public static custom(url: string): AcmeServer {
    if (!isUnresolved(url) && !/^https:\/\/[^\s/]+/.test(url ?? '')) {
      throw new ValidationError('AcmeServer.custom.url', url, 'must be an https ACME directory URL, e.g. "https://acme.example/directory"');
    }
    return new AcmeServer(url, true);
  }

  private constructor(
    /** Directory URL. */
    public readonly url: string,
    /** Whether certificates chain to a publicly trusted root (assumed for custom servers). */
    public readonly publiclyTrusted: boolean,
  ) {}
}

/** Common ACME options. */
export interface AcmeOptions {
  /** Account e-mail (expiry notices). */
  readonly email: string;
  /**
   * ACME directory.
   * @default Let's Encrypt; Let's Encrypt staging when the ClusterIssuer is ephemeral
   */
  readonly server?: AcmeServer;
}

/** ACME DNS-01 on Azure DNS with the managed identity of `AzureDnsSolverIdentity`. */
export interface AcmeAzureDnsOptions extends AcmeOptions {
  readonly subscriptionId: string;
  /** Resource group of the DNS zone. */
  readonly resourceGroupName: string;
  /** The DNS zone, e.g. `azure.acme.example`. */
  readonly hostedZoneName: string;
  /** Client id of the federated managed identity. */
  readonly managedIdentityClientId: string;
}

/** ACME DNS-01 on Google Cloud DNS with GKE workload identity (`CloudDnsSolverIdentity`). */
export interface AcmeCloudDnsOptions extends AcmeOptions {
  /** Project of the managed zone. */
  readonly project: string;
  /**
   * Managed zone name; naming it spares the solver the permission to list zones.
   * @default found by the solver (needs `dns.managedZones.list`)
   */
  readonly hostedZoneName?: string;
}

/** A self-signed CA. */
export interface SelfSignedCaOptions {
  /**
   * Common name of the CA certificate.
   * @default "<issuer name> CA"
   */
  readonly commonName?: string;
}

/**
 * ACME DNS-01 with a solver block a cloud builds itself (lib/core/cloud-support.ts): one
 * provider key of cert-manager's `ACMEChallengeSolverDNS01`, e.g. `{ route53: { … } }`.
 */
export interface AcmeDns01Options extends AcmeOptions {
  /** The `dns01` block of the issuer's solver: exactly one DNS provider key. */
  readonly dns01: { [provider: string]: unknown };
}

/**
 * How a ClusterIssuer signs. One subclass per kind, each answering for its own objects and
 * trust: ACME with a DNS-01 solver (whichever DNS provider the block names), or a self-signed CA.
 */
export abstract class IssuerKind {
  /** ACME DNS-01 on Azure DNS. */
  public static acmeAzureDns(options: AcmeAzureDnsOptions): IssuerKind {
    const field = 'IssuerKind.acmeAzureDns';
    assertEmail(options.email, `${field}.email`);
    assertNonEmpty(options.subscriptionId, `${field}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
    assertNonEmpty(options.resourceGroupName, `${field}.resourceGroupName`, 'acme-dns');
    assertDns1123Subdomain(options.hostedZoneName, `${field}.hostedZoneName`);
    assertNonEmpty(options.managedIdentityClientId, `${field}.managedIdentityClientId`, '00000000-0000-0000-0000-000000000000');
    return new AcmeDns01IssuerKind(options.email, options.server, {
      azureDNS: {
        subscriptionID: options.subscriptionId,
        resourceGroupName: options.resourceGroupName,
        hostedZoneName: options.hostedZoneName,
        environment: 'AzurePublicCloud',
        managedIdentity: { clientID: options.managedIdentityClientId },
      },
    });
  }

  /** ACME DNS-01 on Google Cloud DNS. */
  public static acmeCloudDns(options: AcmeCloudDnsOptions): IssuerKind {
    const field = 'IssuerKind.acmeCloudDns';
    assertEmail(options.email, `${field}.email`);
    assertNonEmpty(options.project, `${field}.project`, 'acme-prod');
    const cloudDNS: { [key: string]: unknown } = { project: options.project };
    if (options.hostedZoneName !== undefined) {
      assertDns1123Label(options.hostedZoneName, `${field}.hostedZoneName`, 'Cloud DNS managed zone name');
      cloudDNS.hostedZoneName = options.hostedZoneName;
    }
    return new AcmeDns01IssuerKind(options.email, options.server, { cloudDNS });
  }

  /**
   * ACME DNS-01 with a solver block of one provider, and optionally `cnameStrategy`.
   * cert-manager rejects a block of no provider or several ("no DNS01 provider configured",
   * "may not specify more than one provider type") and a strategy other than None / Follow
   * (cert-manager/cert-manager@v1.21.1:internal/apis/certmanager/validation/issuer.go#ValidateACMEChallengeSolverDNS01);
   * the API server drops a key the CRD does not know (pkg/apis/acme/v1/types_issuer.go#ACMEChallengeSolverDNS01),
   * so a misspelt provider would leave none.
   */
  public static acmeDns01(options: AcmeDns01Options): IssuerKind {
    const field = 'IssuerKind.acmeDns01';
    assertEmail(options.email, `${field}.email`);
    const keys = Object.keys(options.dns01 ?? {});
    const unknown = keys.filter((key) => key !== 'cnameStrategy' && !DNS01_PROVIDERS.includes(key));
    if (unknown.length > 0) {
      throw new ValidationError(`${field}.dns01`, unknown, `names no DNS-01 provider of cert-manager: use one of ${DNS01_PROVIDERS.join(', ')} (and optionally cnameStrategy)`);
    }
    // A provider set to null is no provider: Go reads it as nil ("no DNS01 provider configured").
    const providers = keys.filter((key) => DNS01_PROVIDERS.includes(key) && typeof options.dns01[key] === 'object' && options.dns01[key] !== null);
    if (providers.length !== 1) {
      throw new ValidationError(`${field}.dns01`, providers, 'must name exactly one DNS-01 provider, e.g. { route53: { hostedZoneID: "Z0123456789ABC", region: "eu-west-1" } }');
    }
    const provider = providers[0];
    const block = options.dns01[provider] as { [key: string]: unknown };
    for (const required of DNS01_REQUIRED[provider] ?? []) {
      if (block[required] === undefined || block[required] === '') {
        throw new ValidationError(`${field}.dns01.${provider}.${required}`, block[required], `is required by cert-manager's ${provider} solver`);
      }
    }
    const strategy = options.dns01.cnameStrategy;
    if (strategy !== undefined && strategy !== 'None' && strategy !== 'Follow') {
      throw new ValidationError(`${field}.dns01.cnameStrategy`, strategy, 'must be "None" or "Follow"');
    }
    return new AcmeDns01IssuerKind(options.email, options.server, { ...options.dns01 });
  }

  /** A CA of its own, bootstrapped by a self-signed issuer; its certificates are trusted by no one by default. */
  public static selfSignedCa(options: SelfSignedCaOptions = {}): IssuerKind {
    if (options.commonName !== undefined) assertNonEmpty(options.commonName, 'IssuerKind.selfSignedCa.commonName', 'acme gateway CA');
    return new SelfSignedCaIssuerKind(options.commonName);
  }

  protected constructor() {}

  /**
   * The cert-manager objects of a ClusterIssuer named `issuerName` of this kind, in the order
   * they must be created (each waits for the one before).
   */
  public abstract manifests(issuerName: string, ephemeral: boolean): CertManagerManifest[];

  /** Whether certificates of such an issuer chain to a publicly trusted root. */
  public abstract publiclyTrusted(ephemeral: boolean): boolean;
}

/** ACME with one DNS-01 solver: one ClusterIssuer holding the account and the solver. */
class AcmeDns01IssuerKind extends IssuerKind {
  constructor(
    private readonly email: string,
    private readonly server: AcmeServer | undefined,
    private readonly dns01: { [key: string]: unknown },
  ) {
    super();
  }

  public manifests(issuerName: string, ephemeral: boolean): CertManagerManifest[] {
    return [
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: issuerName },
        spec: {
          acme: {
            server: this.resolvedServer(ephemeral).url,
            email: this.email,
            privateKeySecretRef: { name: `${issuerName}-account-key` },
            solvers: [{ dns01: this.dns01 }],
          },
        },
      },
    ];
  }

  public publiclyTrusted(ephemeral: boolean): boolean {
    return this.resolvedServer(ephemeral).publiclyTrusted;
  }

  private resolvedServer(ephemeral: boolean): AcmeServer {
    return this.server ?? (ephemeral ? AcmeServer.letsEncryptStaging() : AcmeServer.letsEncrypt());
  }
}

/** A CA of its own: a self-signed bootstrap issuer, the CA certificate it signs, and a CA issuer on that certificate. */
class SelfSignedCaIssuerKind extends IssuerKind {
  constructor(private readonly commonName: string | undefined) {
    super();
  }

  public manifests(issuerName: string, _ephemeral: boolean): CertManagerManifest[] {
    const bootstrap = `${issuerName}-bootstrap`;
    const caSecret = `${issuerName}-ca`;
    return [
      { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: bootstrap }, spec: { selfSigned: {} } },
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        // A ClusterIssuer reads its CA secret from cert-manager's cluster resource namespace.
        metadata: { name: caSecret, namespace: CERT_MANAGER_NAMESPACE },
        spec: {
          isCA: true,
          commonName: this.commonName ?? `${issuerName} CA`,
          secretName: caSecret,
          duration: '87600h',
          privateKey: { algorithm: 'ECDSA', size: 256 },
          issuerRef: { name: bootstrap, kind: 'ClusterIssuer', group: 'cert-manager.io' },
        },
      },
      { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: issuerName }, spec: { ca: { secretName: caSecret } } },
    ];
  }

  /** Nobody trusts a CA of one's own until told to. */
  public publiclyTrusted(_ephemeral: boolean): boolean {
    return false;
  }
}

/** Props of {@link ClusterIssuer}. */
export interface ClusterIssuerProps {
  /** Cluster with cert-manager installed (stage "platform"). */
  readonly connection: IClusterConnection;
  /** ClusterIssuer name. */
  readonly name: string;
  /** How it signs. */
  readonly kind: IssuerKind;
  /**
   * Ephemeral mode: ACME defaults to Let's Encrypt staging.
   * @default false
   */
  readonly ephemeral?: boolean;
}

/** A cluster-scoped cert-manager issuer. */
export class ClusterIssuer extends Construct implements IClusterIssuer {
  public readonly issuerName: string;
  public readonly connection: IClusterConnection;
  /** Whether its certificates chain to a publicly trusted root. */
  public readonly publiclyTrusted: boolean;

  constructor(scope: Construct, id: string, props: ClusterIssuerProps) {
    super(scope, id);
    assertDns1123Subdomain(props.name, `${this.node.path}.name`);
    if (!(props.kind instanceof IssuerKind)) {
      throw new ValidationError(`${this.node.path}.kind`, props.kind, 'must come from IssuerKind.acmeAzureDns(), .acmeCloudDns(), .acmeDns01() or .selfSignedCa()');
    }
    this.issuerName = props.name;
    this.connection = props.connection;
    const { kubernetes } = props.connection.providers(this);
    const documents = clusterIssuerManifests(props.name, props.kind, props.ephemeral ?? false);
    let previous: Manifest | undefined;
    for (const document of documents) {
      previous = new Manifest(this, `${document.kind.toLowerCase()}-${document.metadata.name}`, {
        provider: kubernetes,
        manifest: document as unknown as { [key: string]: unknown },
        dependsOn: previous ? [previous] : undefined,
      });
    }
    this.publiclyTrusted = props.kind.publiclyTrusted(props.ephemeral ?? false);
  }
}

/** Name and (for a Certificate) namespace of a planned cert-manager object. */
export interface CertManagerMetadata {
  readonly name: string;
  /**
   * Namespace of a Certificate.
   * @default none: ClusterIssuers are cluster-scoped
   */
  readonly namespace?: string;
}

/** A cert-manager object as planned. */
export interface CertManagerManifest {
  readonly apiVersion: 'cert-manager.io/v1';
  readonly kind: 'ClusterIssuer' | 'Certificate';
  readonly metadata: CertManagerMetadata;
  readonly spec: { [key: string]: unknown };
}

/** The objects of a ClusterIssuer: one for ACME; bootstrap issuer, CA certificate and CA issuer for a self-signed CA. */
export function clusterIssuerManifests(name: string, kind: IssuerKind, ephemeral: boolean): CertManagerManifest[] {
  return kind.manifests(name, ephemeral);
}

function assertEmail(email: string, field: string): void {
  if (isUnresolved(email)) return;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    throw new ValidationError(field, email, 'must be an e-mail address for the ACME account, e.g. "platform@acme.example"');
  }
}
