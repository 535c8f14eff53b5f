/**
 * Where a {@link GlobalControlPlane} the library runs is placed, as one class per placement
 * (kuma.io/docs/2.13.x/production/cp-deployment/multi-zone/):
 * - a dedicated cluster in Kubernetes mode (`controlPlane.mode: global`), the 2.14 documented
 *   path; mesh resources are custom resources on that cluster;
 * - Universal mode on Kubernetes (`controlPlane.environment: universal`) backed by PostgreSQL
 *   ("Universal on Kubernetes using Helm"), which may share a cluster with a zone in its own
 *   namespace; mesh resources go through its API (`kumactl apply`).
 *
 * Each placement contributes what differs (its namespace, the store and API values, the
 * objects they need, where mesh resources go), so the global never asks which one it has.
 * A global someone else runs is not a placement: it is {@link ExternalGlobalControlPlane}.
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { IClusterConnection } from '../clusters/cluster-connection';
import { IReservedAddress } from '../network/reserved-address';
import { TlsPrivateKey, TlsSelfSignedCert } from '../private/tls-provider';
import { ValidationError } from '../private/validation';
import { ControlPlaneDatabaseConnection, POSTGRES_TLS_WAIVER, validateDatabaseConnection } from './control-plane-database';
import { KdsTls } from './kds-tls';
import { IKumaResourceSink } from './kuma-resource';
import { KubernetesResourceSink } from './kubernetes-resource-sink';
import { KumactlResourceSink } from './kumactl-resource-sink';
import { GlobalValuesInput, PostgresTlsMode } from './kuma-values';
import { MeshDistribution } from './mesh-distribution';

/** What every placement of a library-run global names: its cluster and the KDS endpoint. */
export interface ClusterPlacementOptions {
  /** The cluster the global runs on. */
  readonly connection: IClusterConnection;
  /** Reserved public address of the KDS Service. */
  readonly kdsAddress: IReservedAddress;
  /**
   * DNS name zones dial instead of the IP (a record pointing at `kdsAddress`); added to the certificate.
   * @default zones dial the IP address
   */
  readonly kdsHostname?: string;
}

/** A global on a cluster of its own, in Kubernetes mode (no zone may run on `connection`). */
export interface DedicatedClusterPlacementOptions extends ClusterPlacementOptions {}

/** A Universal-mode global (PostgreSQL store) running on a Kubernetes cluster that may also host a zone. */
export interface UniversalOnKubernetesPlacementOptions extends ClusterPlacementOptions {
  /** The PostgreSQL store. */
  readonly database: ControlPlaneDatabaseConnection;
  /**
   * Namespace of the global; distinct from the zone's system namespace so both fit in one cluster.
   * @default "<distribution>-global": "kuma-global" or "kong-mesh-global"
   */
  readonly namespace?: string;
  /**
   * Secret (in the global's namespace) with an admin token for the global's API, key `token`,
   * used to apply mesh resources with kumactl. The global then keeps token authentication.
   * @default none: kumactl presents a client certificate Terraform generates, which the global
   * admits as admin (`KUMA_API_SERVER_AUTHN_TYPE=adminClientCerts`); the bootstrap admin token
   * exists only in the global's store, where nothing can read it before the first apply
   */
  readonly adminTokenSecretName?: string;
}

/** What the global hands its placement while it builds (not in the public API). */
export interface PlacementContext {
  /** The global construct: scope of what the placement creates. */
  readonly scope: Construct;
  /** Field path of the placement in errors, `<global path>.placement`. */
  readonly field: string;
  readonly distribution: MeshDistribution;
  /** The namespace the global runs in (the placement's own answer, resolved). */
  readonly namespace: string;
  /** The namespace as a reference to the created Namespace, so objects in it depend on it. */
  readonly namespaceReference: string;
  /** Creates a Secret in the global's namespace that the release waits for. */
  readonly secret: (id: string, name: string, data: { [key: string]: string }) => SecretV1;
  /** Makes the release wait for `dependable`. */
  readonly waitFor: (dependable: ITerraformDependable) => void;
}

/** What a placement contributes to the global (not in the public API). */
export interface PlacementInstallation extends Pick<GlobalValuesInput, 'universalStore' | 'apiServer'> {
  /** Install the chart without its CRDs. */
  readonly skipCrds?: boolean;
  /** Where mesh resources for the global are planned. */
  readonly sink: IKumaResourceSink;
  /** Waivers (id -> the opt-in that caused it) recorded on the release. */
  readonly waivers: { [waiverId: string]: string };
}

/**
 * Where a global control plane the library runs is placed. Obtain one from the static
 * factories; the subclasses are the library's (their contribution is internal API).
 */
export abstract class GlobalControlPlanePlacement {
  /** Kubernetes mode on a cluster of its own (the 2.14 documented path). */
  public static dedicatedCluster(options: DedicatedClusterPlacementOptions): GlobalControlPlanePlacement {
    return new DedicatedClusterPlacement(options);
  }

  /** Universal mode with a PostgreSQL store, on a Kubernetes cluster that may also host a zone. */
  public static universalOnKubernetes(options: UniversalOnKubernetesPlacementOptions): GlobalControlPlanePlacement {
    return new UniversalOnKubernetesPlacement(options);
  }

  /** The cluster the global runs on. */
  public readonly connection: IClusterConnection;
  /** Reserved public address of the KDS Service. */
  public readonly kdsAddress: IReservedAddress;
  /** DNS name zones dial instead of the IP, when given. */
  public readonly kdsHostname?: string;
  /** `dedicated-cluster` or `universal-postgres`, as the topology file names placements. */
  public abstract readonly placementName: string;

  protected constructor(options: ClusterPlacementOptions) {
    this.connection = options.connection;
    this.kdsAddress = options.kdsAddress;
    this.kdsHostname = options.kdsHostname;
  }

  /** @internal The namespace the global runs in. */
  public abstract _namespace(distribution: MeshDistribution): string;

  /** @internal Creates what this placement needs beside the release, and says how the release differs. */
  public abstract _install(context: PlacementContext): PlacementInstallation;
}

/** The default namespace of a Universal global: `<chart>-global`, beside the zone's system namespace. */
export function universalGlobalNamespace(distribution: MeshDistribution): string {
  return `${distribution.releaseName}-global`;
}

class DedicatedClusterPlacement extends GlobalControlPlanePlacement {
  public readonly placementName = 'dedicated-cluster';

  constructor(options: DedicatedClusterPlacementOptions) {
    super(options);
  }

  /** Kubernetes mode: the global is the system namespace's control plane. */
  public _namespace(distribution: MeshDistribution): string {
    return distribution.systemNamespace;
  }

  /** Mesh resources are custom resources on the global's cluster. */
  public _install(context: PlacementContext): PlacementInstallation {
    return { sink: new KubernetesResourceSink(this.connection, context.distribution.systemNamespace), waivers: {} };
  }
}

class UniversalOnKubernetesPlacement extends GlobalControlPlanePlacement {
  public readonly placementName = 'universal-postgres';
  private readonly options: UniversalOnKubernetesPlacementOptions;

  constructor(options: UniversalOnKubernetesPlacementOptions) {
    super(options);
    this.options = options;
  }

  public _namespace(distribution: MeshDistribution): string {
    return this.options.namespace ?? universalGlobalNamespace(distribution);
  }

  public _install(context: PlacementContext): PlacementInstallation {
    const { scope, namespace, secret } = context;
    const release = context.distribution.releaseName;
    const database = this.options.database;
    if (!database) throw new ValidationError(`${context.field}.database`, undefined, 'is required: a Universal global keeps its store in PostgreSQL (ControlPlaneDatabase.connection() or your own)');
    const tlsMode = validateDatabaseConnection(database, `${context.field}.database`);

    // The global's API: a certificate kumactl can verify for the in-cluster Service name,
    // and (unless a token is given) a client certificate it admits as admin.
    const serviceName = `${release}-control-plane`;
    const apiTls = new KdsTls(scope, 'api-tls', {
      connection: this.connection,
      namespace: context.namespaceReference,
      secretName: `${release}-api-server-tls`,
      dnsNames: [`${serviceName}.${namespace}.svc`, `${serviceName}.${namespace}`],
      caCommonName: 'Kuma API CA',
    });
    context.waitFor(apiTls.secret);
    const apiCaSecretName = `${release}-api-ca`;
    secret('api-ca', apiCaSecretName, { 'ca.crt': apiTls.caCertificatePem });
    let apiServer: { secretName: string; clientCertsSecretName?: string } = { secretName: apiTls.secretName };
    let clientSecretName: string | undefined;
    if (this.options.adminTokenSecretName === undefined) {
      const clientKey = new TlsPrivateKey(scope, 'kumactl-key', { algorithm: 'ECDSA', ecdsaCurve: 'P256' });
      const clientCertificate = new TlsSelfSignedCert(scope, 'kumactl-certificate', {
        privateKeyPem: clientKey.privateKeyPem,
        subject: { commonName: 'kumactl', organization: 'kuma' },
        validityPeriodHours: 87600,
        allowedUses: ['client_auth', 'digital_signature', 'key_encipherment'],
      });
      // The CP trusts every .pem in KUMA_API_SERVER_AUTH_CLIENT_CERTS_DIR (kumahq/kuma@v2.14.3:pkg/api-server/server.go).
      secret('api-client-certs', `${release}-api-client-certs`, { 'kumactl.pem': clientCertificate.certPem });
      clientSecretName = `${release}-kumactl-client`;
      secret('kumactl-client', clientSecretName, { 'tls.crt': clientCertificate.certPem, 'tls.key': clientKey.privateKeyPem });
      apiServer = { secretName: apiTls.secretName, clientCertsSecretName: `${release}-api-client-certs` };
    }

    let passwordSecretName = database.passwordSecretName;
    if (database.password !== undefined) {
      passwordSecretName = `${release}-postgres`;
      secret('postgres-password', passwordSecretName, { password: database.password });
    }
    let caSecretName: string | undefined;
    if (database.caCertificatePem !== undefined) {
      caSecretName = `${release}-postgres-ca`;
      secret('postgres-ca', caSecretName, { 'ca.crt': database.caCertificatePem });
    }

    return {
      universalStore: {
        host: database.host,
        port: database.port ?? 5432,
        user: database.user,
        database: database.database,
        passwordSecretName: passwordSecretName!,
        passwordSecretKey: database.passwordSecretKey ?? 'password',
        tlsMode,
        caSecretName,
      },
      apiServer,
      // A Universal global keeps no resources in CRDs, and the multi-zone docs install it
      // with --skip-crds: a zone in the same cluster owns them.
      skipCrds: true,
      sink: new KumactlResourceSink({
        connection: this.connection,
        namespace,
        // In-cluster HTTPS API of the global's release.
        apiUrl: `https://${release}-control-plane.${namespace}.svc:5682`,
        apiCaCertificateSecretName: apiCaSecretName,
        ...(clientSecretName ? { clientCertificateSecretName: clientSecretName } : { adminTokenSecretName: this.options.adminTokenSecretName }),
      }),
      // The store connection then does not verify the server.
      waivers: tlsMode !== PostgresTlsMode.VERIFY_CA && tlsMode !== PostgresTlsMode.VERIFY_FULL ? { [POSTGRES_TLS_WAIVER]: 'insecureSkipServerVerification' } : {},
    };
  }
}
