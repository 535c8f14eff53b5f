/**
 * The global control plane of a multi-zone mesh (stage "platform").
 *
 * Three placements (kuma.io/docs/2.13.x/production/cp-deployment/multi-zone/):
 * - a dedicated cluster in Kubernetes mode (`controlPlane.mode: global`), the 2.14
 *   documented path; mesh resources are custom resources on that cluster;
 * - Universal mode on Kubernetes (`controlPlane.environment: universal`) backed by
 *   PostgreSQL ("Universal on Kubernetes using Helm"), which may share a cluster with a
 *   zone in its own namespace; mesh resources go through its API (`kumactl apply`);
 * - external: a global someone else runs (self-run or Konnect), given its KDS address
 *   and CA.
 *
 * KDS is served on a LoadBalancer Service (`controlPlane.globalZoneSyncService`, port
 * 5685) bound to an address reserved in stage "infra", with a certificate for that
 * address signed by a CA the zones verify ({@link KdsTls}).
 */
import { Construct } from 'constructs';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ITerraformDependable } from 'cdktf';
import { IClusterConnection } from '../clusters/cluster-connection';
import { IReservedAddress } from '../network/reserved-address';
import { ValidationError, assertDns1123Label, assertDns1123Subdomain, assertIntegerInRange, assertIpv4Cidr, assertNonEmpty, isUnresolved } from '../private/validation';
import { IGlobalControlPlane } from './control-plane';
import { ControlPlaneDatabaseConnection, POSTGRES_TLS_WAIVER, validateDatabaseConnection } from './control-plane-database';
import { KDS_TLS_WAIVER, KdsTls } from './kds-tls';
import { TlsPrivateKey, TlsSelfSignedCert } from '../private/tls-provider';
import { IKumaResourceSink } from './kuma-resource';
import { KubernetesResourceSink } from './kubernetes-resource-sink';
import { KumactlResourceSink } from './kumactl-resource-sink';
import { PostgresTlsMode, UniversalStoreValues, availability, globalControlPlaneValues, kdsGlobalAddress } from './kuma-values';
import { mergeValues, renderValues } from '../private/helm-values';
import { meshDeletionValues } from './_mesh-deletion';
import { LICENSE_SECRET_KEY, MeshDistribution } from './mesh-distribution';

/** A global on a cluster of its own, in Kubernetes mode. */
export interface DedicatedClusterPlacementOptions {
  /** The global's cluster (no zone may run there). */
  readonly connection: IClusterConnection;
  /** Reserved public address of the KDS Service. */
  readonly kdsAddress: IReservedAddress;
  /**
   * DNS name zones dial instead of the IP (a record pointing at `kdsAddress`); added to the certificate.
   * @default zones dial the IP address
   */
  readonly kdsHostname?: string;
}

/** A Universal-mode global (PostgreSQL store) running on a Kubernetes cluster. */
export interface UniversalOnKubernetesPlacementOptions {
  /** The cluster it runs on (may also host a zone). */
  readonly connection: IClusterConnection;
  /** Reserved public address of the KDS Service. */
  readonly kdsAddress: IReservedAddress;
  /** The PostgreSQL store. */
  readonly database: ControlPlaneDatabaseConnection;
  /**
   * Namespace of the global; distinct from the zone's system namespace so both fit in one cluster.
   * @default "<distribution>-global": "kuma-global" or "kong-mesh-global"
   */
  readonly namespace?: string;
  /**
   * DNS name zones dial instead of the IP; added to the certificate.
   * @default zones dial the IP address
   */
  readonly kdsHostname?: string;
  /**
   * Secret (in the global's namespace) with an admin token for the global's API, key `token`,
   * used to apply mesh resources with kumactl. The global then keeps token authentication.
   * @default none: kumactl presents a client certificate Terraform generates, which the global
   * admits as admin (`KUMA_API_SERVER_AUTHN_TYPE=adminClientCerts`); the bootstrap admin token
   * exists only in the global's store, where nothing can read it before the first apply
   */
  readonly adminTokenSecretName?: string;
}

/** A global the library does not run. */
export interface ExternalPlacementOptions {
  /** KDS address, `grpcs://host:5685`. */
  readonly kdsGlobalAddress: string;
  /** PEM of the CA that signs the global's KDS certificate. */
  readonly caCertificatePem: string;
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
   * @default none
   */
  readonly adminTokenSecretName?: string;
  /**
   * The cluster that runs the kumactl apply Job.
   * @default none: mesh resources cannot be planned for this global
   */
  readonly runnerConnection?: IClusterConnection;
}

export interface GlobalControlPlaneProps {
  /** Where the global runs. */
  readonly placement: GlobalControlPlanePlacement;
  /**
   * Kuma or Kong Mesh.
   * @default MeshDistribution.kuma()
   */
  readonly distribution?: MeshDistribution;
  /**
   * Ephemeral environment: one replica, no disruption budget.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * CIDRs allowed to open KDS sessions (`loadBalancerSourceRanges`): the zones' egress addresses.
   * @default no restriction (KDS is still TLS and, with Kong Mesh, token-authenticated)
   */
  readonly kdsAllowedSourceRanges?: string[];
  /**
   * Insecure opt-in: generate no KDS certificate; the global self-signs one and zones
   * skip verification (`controlPlane.tls.kdsZoneClient.skipVerify`).
   * @default false
   */
  readonly insecureSkipKdsVerify?: boolean;
  /**
   * A `kubernetes.io/tls` Secret (in the global's namespace) with your own KDS server
   * certificate; requires `kdsCaCertificatePem`.
   * @default a CA and certificate generated by Terraform (hashicorp/tls)
   */
  readonly kdsTlsSecretName?: string;
  /**
   * PEM of the CA that signed the certificate in `kdsTlsSecretName`.
   * @default the generated CA
   */
  readonly kdsCaCertificatePem?: string;
  /**
   * Keep Kuma's checks that refuse to delete a Mesh while dataplanes are attached, and a
   * Secret the Mesh's mTLS backend still uses (the CA). With them, `cdktf destroy` stops at
   * the mesh stage until every gateway and API is gone: the Mesh is delete-protected, as
   * the clusters are outside ephemeral mode. Without them the global sets
   * `KUMA_STORE_UNSAFE_DELETE`, so an environment comes down in one destroy (see
   * lib/mesh/_mesh-deletion.ts).
   * @default true, false when ephemeral (an ephemeral environment must always come down)
   */
  readonly meshDeletionGuard?: boolean;
  /**
   * Control plane replicas.
   * @default 2, or 1 when ephemeral
   */
  readonly replicas?: number;
  /**
   * Chart version.
   * @default the distribution's chart version
   */
  readonly chartVersion?: string;
  /**
   * Helm install/upgrade timeout in seconds.
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /**
   * Chart values merged last, in the chart's own shape (under `kuma:` for Kong Mesh).
   * @default none
   */
  readonly extraValues?: { [key: string]: any };
}

/** Kinds of placement; the values are the placement names of the topology file. */
export enum GlobalPlacementKind {
  DEDICATED_CLUSTER = 'dedicated-cluster',
  UNIVERSAL_ON_KUBERNETES = 'universal-postgres',
  EXTERNAL = 'external',
}

/** Where the global control plane runs. */
export class GlobalControlPlanePlacement {
  /** Kubernetes mode on a cluster of its own (the 2.14 documented path). */
  public static dedicatedCluster(options: DedicatedClusterPlacementOptions): GlobalControlPlanePlacement {
    return new GlobalControlPlanePlacement(GlobalPlacementKind.DEDICATED_CLUSTER, options, undefined, undefined);
  }

  /** Universal mode with a PostgreSQL store, on a Kubernetes cluster that may also host a zone. */
  public static universalOnKubernetes(options: UniversalOnKubernetesPlacementOptions): GlobalControlPlanePlacement {
    return new GlobalControlPlanePlacement(GlobalPlacementKind.UNIVERSAL_ON_KUBERNETES, undefined, options, undefined);
  }

  /** An existing global (self-run or Konnect). */
  public static external(options: ExternalPlacementOptions): GlobalControlPlanePlacement {
    return new GlobalControlPlanePlacement(GlobalPlacementKind.EXTERNAL, undefined, undefined, options);
  }

  private constructor(
    public readonly kind: GlobalPlacementKind,
    /** @internal */ public readonly dedicated: DedicatedClusterPlacementOptions | undefined,
    /** @internal */ public readonly universal: UniversalOnKubernetesPlacementOptions | undefined,
    /** @internal */ public readonly externalGlobal: ExternalPlacementOptions | undefined,
  ) {}
}

/** A global control plane, run by the library or external. */
export class GlobalControlPlane extends Construct implements IGlobalControlPlane {
  public readonly placementKind: GlobalPlacementKind;
  public readonly distribution: MeshDistribution;
  /** `grpcs://<address or host name>:5685`. */
  public readonly kdsGlobalAddress: string;
  public readonly kdsCaCertificatePem?: string;
  /** Namespace Kuma treats as its system namespace (`kuma-system` / `kong-mesh-system`): where resources on the global go. */
  public readonly systemNamespace: string;
  /** Namespace the global runs in (undefined for an external global). */
  public readonly namespace?: string;
  /** The global's cluster (undefined for an external global). */
  public readonly connection?: IClusterConnection;
  /** Reserved address of the KDS Service (undefined for an external global). */
  public readonly kdsAddress?: IReservedAddress;
  /** Zone token (sensitive) zones present, for an external Kong Mesh / Konnect global. */
  public readonly zoneToken?: string;
  /** The Helm release (undefined for an external global). */
  public readonly release?: Release;
  /** True when zones must skip KDS certificate verification (insecure opt-in). */
  public readonly insecureSkipKdsVerify: boolean;
  private readonly sink?: IKumaResourceSink;

  constructor(scope: Construct, id: string, props: GlobalControlPlaneProps) {
    super(scope, id);
    const path = this.node.path;
    const placement = props.placement;
    if (!(placement instanceof GlobalControlPlanePlacement)) {
      throw new ValidationError(`${path}.placement`, placement, 'must come from GlobalControlPlanePlacement.dedicatedCluster(), .universalOnKubernetes() or .external()');
    }
    const distribution = props.distribution ?? MeshDistribution.kuma();
    this.distribution = props.chartVersion === undefined ? distribution : withChartVersion(distribution, props.chartVersion, path);
    this.placementKind = placement.kind;
    this.systemNamespace = distribution.systemNamespace;
    this.insecureSkipKdsVerify = props.insecureSkipKdsVerify ?? false;
    assertIntegerInRange(props.replicas, `${path}.replicas`, 1, 10);
    assertIntegerInRange(props.timeoutSeconds, `${path}.timeoutSeconds`, 60, 3600);

    if (placement.kind === GlobalPlacementKind.EXTERNAL) {
      const external = placement.externalGlobal!;
      validateExternal(external, `${path}.placement`);
      this.kdsGlobalAddress = external.kdsGlobalAddress;
      this.kdsCaCertificatePem = external.caCertificatePem;
      this.zoneToken = external.zoneToken;
      if (external.apiUrl !== undefined && external.runnerConnection !== undefined) {
        this.sink = new KumactlResourceSink({
          connection: external.runnerConnection,
          namespace: this.systemNamespace,
          apiUrl: external.apiUrl,
          adminTokenSecretName: external.adminTokenSecretName,
        });
      }
      return;
    }

    const universal = placement.universal;
    const options = (placement.dedicated ?? universal)!;
    const field = `${path}.placement`;
    if (!options.connection) throw new ValidationError(`${field}.connection`, undefined, 'is required: the cluster the global runs on');
    if (!options.kdsAddress) {
      throw new ValidationError(`${field}.kdsAddress`, undefined, 'is required: reserve a public address in the infra stage (e.g. cluster.reservePublicAddress("kds")) so zones know where KDS is before anything is installed');
    }
    if (options.connection.cloud !== undefined && options.kdsAddress.cloud !== options.connection.cloud) {
      throw new ValidationError(`${field}.kdsAddress`, options.kdsAddress.cloud, `is reserved on another cloud than the cluster (${options.connection.cloud}): a LoadBalancer can only bind an address of its own cloud`);
    }
    if (options.kdsHostname !== undefined) assertDns1123Subdomain(options.kdsHostname, `${field}.kdsHostname`);
    const namespace = universal?.namespace ?? (universal ? universalGlobalNamespace(distribution) : distribution.systemNamespace);
    assertDns1123Label(namespace, `${field}.namespace`, 'namespace');
    const sourceRanges = props.kdsAllowedSourceRanges;
    if (sourceRanges !== undefined) {
      if (sourceRanges.length === 0) {
        throw new ValidationError(`${path}.kdsAllowedSourceRanges`, sourceRanges, 'must name at least one CIDR (the zones\' egress addresses), or be left out to allow any source');
      }
      sourceRanges.forEach((range, index) => assertIpv4Cidr(range, `${path}.kdsAllowedSourceRanges[${index}]`));
    }
    if ((props.kdsTlsSecretName === undefined) !== (props.kdsCaCertificatePem === undefined)) {
      throw new ValidationError(`${path}.kdsTlsSecretName`, props.kdsTlsSecretName, 'and kdsCaCertificatePem go together: zones must know the CA of a certificate you supply');
    }
    if (this.insecureSkipKdsVerify && props.kdsTlsSecretName !== undefined) {
      throw new ValidationError(`${path}.insecureSkipKdsVerify`, true, 'contradicts kdsTlsSecretName: with your own certificate, let zones verify it');
    }

    this.connection = options.connection;
    this.kdsAddress = options.kdsAddress;
    this.namespace = namespace;
    this.kdsGlobalAddress = kdsGlobalAddress(options.kdsHostname ?? options.kdsAddress.address);
    const providers = options.connection.providers(this);
    const release = distribution.releaseName;
    const ephemeral = props.ephemeral ?? false;

    const namespaceResource = new NamespaceV1(this, 'namespace', {
      provider: providers.kubernetes,
      // The label the chart's pre-install hook would add; set here so Terraform sees no drift.
      metadata: { name: namespace, labels: { 'kuma.io/system-namespace': 'true' } },
    });
    const dependencies: ITerraformDependable[] = [namespaceResource];
    const secret = (secretId: string, name: string, data: { [key: string]: string }, type?: string): SecretV1 => {
      const created = new SecretV1(this, secretId, {
        provider: providers.kubernetes,
        metadata: { name, namespace: namespaceResource.metadata.name },
        type,
        data,
      });
      dependencies.push(created);
      return created;
    };

    let kdsServerSecretName: string | undefined;
    if (props.kdsTlsSecretName !== undefined) {
      assertNonEmpty(props.kdsTlsSecretName, `${path}.kdsTlsSecretName`, 'kuma-kds-server-tls');
      kdsServerSecretName = props.kdsTlsSecretName;
      this.kdsCaCertificatePem = props.kdsCaCertificatePem;
    } else if (!this.insecureSkipKdsVerify) {
      const tls = new KdsTls(this, 'kds-tls', {
        connection: options.connection,
        namespace: namespaceResource.metadata.name,
        secretName: `${release}-kds-server-tls`,
        ipAddresses: [options.kdsAddress.address],
        dnsNames: options.kdsHostname ? [options.kdsHostname] : undefined,
      });
      dependencies.push(tls.secret);
      kdsServerSecretName = tls.secretName;
      this.kdsCaCertificatePem = tls.caCertificatePem;
    }

    if (distribution.license !== undefined) {
      secret('license', distribution.licenseSecretName!, { [LICENSE_SECRET_KEY]: distribution.license });
    }

    // A Universal global's API: a certificate kumactl can verify for the in-cluster Service name,
    // and (unless a token is given) a client certificate it admits as admin.
    let apiServer: { secretName: string; clientCertsSecretName?: string } | undefined;
    let apiAccess: { caSecretName: string; clientSecretName?: string } | undefined;
    if (universal) {
      const serviceName = `${release}-control-plane`;
      const apiTls = new KdsTls(this, 'api-tls', {
        connection: options.connection,
        namespace: namespaceResource.metadata.name,
        secretName: `${release}-api-server-tls`,
        dnsNames: [`${serviceName}.${namespace}.svc`, `${serviceName}.${namespace}`],
        caCommonName: 'Kuma API CA',
      });
      dependencies.push(apiTls.secret);
      secret('api-ca', `${release}-api-ca`, { 'ca.crt': apiTls.caCertificatePem });
      apiAccess = { caSecretName: `${release}-api-ca` };
      apiServer = { secretName: apiTls.secretName };
      if (universal.adminTokenSecretName === undefined) {
        const clientKey = new TlsPrivateKey(this, 'kumactl-key', { algorithm: 'ECDSA', ecdsaCurve: 'P256' });
        const clientCertificate = new TlsSelfSignedCert(this, 'kumactl-certificate', {
          privateKeyPem: clientKey.privateKeyPem,
          subject: { commonName: 'kumactl', organization: 'kuma' },
          validityPeriodHours: 87600,
          allowedUses: ['client_auth', 'digital_signature', 'key_encipherment'],
        });
        // The CP trusts every .pem in KUMA_API_SERVER_AUTH_CLIENT_CERTS_DIR (kumahq/kuma@v2.14.3:pkg/api-server/server.go).
        secret('api-client-certs', `${release}-api-client-certs`, { 'kumactl.pem': clientCertificate.certPem });
        secret('kumactl-client', `${release}-kumactl-client`, { 'tls.crt': clientCertificate.certPem, 'tls.key': clientKey.privateKeyPem });
        apiServer = { secretName: apiTls.secretName, clientCertsSecretName: `${release}-api-client-certs` };
        apiAccess = { ...apiAccess, clientSecretName: `${release}-kumactl-client` };
      }
    }

    let universalStore: UniversalStoreValues | undefined;
    if (universal) {
      const database = universal.database;
      if (!database) throw new ValidationError(`${field}.database`, undefined, 'is required: a Universal global keeps its store in PostgreSQL (ControlPlaneDatabase.connection() or your own)');
      const tlsMode = validateDatabaseConnection(database, `${field}.database`);
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
      universalStore = {
        host: database.host,
        port: database.port ?? 5432,
        user: database.user,
        database: database.database,
        passwordSecretName: passwordSecretName!,
        passwordSecretKey: database.passwordSecretKey ?? 'password',
        tlsMode,
        caSecretName,
      };
    }

    const licenseEnv = distribution._licenseSecretEnv();
    const values = globalControlPlaneValues({
      availability: availability(ephemeral, props.replicas),
      kdsServerSecretName,
      sync: { address: options.kdsAddress.address, annotations: options.kdsAddress.serviceAnnotations, sourceRanges },
      universalStore,
      secrets: licenseEnv ? [licenseEnv] : [],
      apiServer,
    });

    this.release = new Release(this, 'release', {
      provider: providers.helm,
      name: release,
      namespace: namespaceResource.metadata.name,
      repository: this.distribution.chart.repository,
      chart: this.distribution.chart.chart,
      version: this.distribution.chart.version,
      createNamespace: false,
      // A Universal global keeps no resources in CRDs, and the multi-zone docs install it
      // with --skip-crds: a zone in the same cluster owns them.
      skipCrds: universal ? true : undefined,
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: props.timeoutSeconds ?? 600,
      maxHistory: 10,
      values: [renderValues(mergeValues(distribution.wrapValues(mergeValues(values, meshDeletionValues(props.meshDeletionGuard ?? !props.ephemeral))), props.extraValues))],
      dependsOn: dependencies,
    });
    // The global then serves a self-signed certificate nobody can verify.
    if (this.insecureSkipKdsVerify) this.release.addOverride(`//.waivers.${KDS_TLS_WAIVER}`, 'insecureSkipKdsVerify');
    // The store connection then does not verify the server.
    if (universalStore && universalStore.tlsMode !== PostgresTlsMode.VERIFY_CA && universalStore.tlsMode !== PostgresTlsMode.VERIFY_FULL) {
      this.release.addOverride(`//.waivers.${POSTGRES_TLS_WAIVER}`, 'insecureSkipServerVerification');
    }

    if (universal) {
      this.sink = new KumactlResourceSink({
        connection: options.connection,
        namespace,
        // In-cluster HTTPS API of the global's release.
        apiUrl: `https://${release}-control-plane.${namespace}.svc:5682`,
        apiCaCertificateSecretName: apiAccess?.caSecretName,
        ...(apiAccess?.clientSecretName
          ? { clientCertificateSecretName: apiAccess.clientSecretName }
          : { adminTokenSecretName: universal.adminTokenSecretName }),
      });
    } else {
      this.sink = new KubernetesResourceSink(options.connection, this.systemNamespace);
    }
  }

  /** `dedicated-cluster`, `universal-postgres` or `external`, as the topology file names placements. */
  public get placementName(): string {
    return this.placementKind;
  }

  /** Where mesh resources for this global are planned. */
  public get resources(): IKumaResourceSink {
    if (!this.sink) {
      throw new ValidationError(
        `${this.node.path}.placement`,
        'external without apiUrl / runnerConnection',
        'cannot receive mesh resources: give the external global apiUrl, adminTokenSecretName and runnerConnection, or apply Mesh and policies to it yourself',
      );
    }
    return this.sink;
  }
}

/** The default namespace of a Universal global: `<chart>-global`, beside the zone's system namespace. */
export function universalGlobalNamespace(distribution: MeshDistribution): string {
  return `${distribution.releaseName}-global`;
}

function withChartVersion(distribution: MeshDistribution, chartVersion: string, path: string): MeshDistribution {
  assertNonEmpty(chartVersion, `${path}.chartVersion`, distribution.chart.version);
  const options = { chartVersion, chartRepository: distribution.chart.repository };
  return distribution.isKongMesh
    ? MeshDistribution.kongMesh({ ...options, license: distribution.license, licenseSecretName: distribution.licenseSecretName })
    : MeshDistribution.kuma(options);
}

function validateExternal(external: ExternalPlacementOptions, field: string): void {
  assertNonEmpty(external.kdsGlobalAddress, `${field}.kdsGlobalAddress`, 'grpcs://kds.mesh.example:5685');
  if (!isUnresolved(external.kdsGlobalAddress) && !/^grpcs:\/\/[^/:\s]+(:\d+)?\/?$/.test(external.kdsGlobalAddress)) {
    throw new ValidationError(`${field}.kdsGlobalAddress`, external.kdsGlobalAddress, 'must be a grpcs:// URL with a host and optional port, e.g. "grpcs://kds.mesh.example:5685" (KDS is always TLS here)');
  }
  if (!isUnresolved(external.caCertificatePem) && !/-----BEGIN CERTIFICATE-----/.test(external.caCertificatePem ?? '')) {
    throw new ValidationError(`${field}.caCertificatePem`, external.caCertificatePem === undefined ? undefined : '<not a PEM certificate>', 'must be the PEM of the CA that signs the global\'s KDS certificate ("-----BEGIN CERTIFICATE-----...")');
  }
  if (external.zoneToken !== undefined && !isUnresolved(external.zoneToken)) {
    throw new ValidationError(`${field}.zoneToken`, '<literal token>', 'must be a sensitive Terraform value (a TerraformVariable with sensitive: true): a literal would be written in plain text into cdk.tf.json');
  }
  if (external.apiUrl !== undefined) assertNonEmpty(external.apiUrl, `${field}.apiUrl`, 'https://global.mesh.example:5682');
}
