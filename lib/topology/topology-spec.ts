/**
 * The declarative topology: what a platform team writes (in TypeScript, YAML or JSON)
 * to describe clusters, zones, gateways, APIs and routes across clouds.
 *
 * Plain data interfaces with string enums, so the same shape is a JSON Schema
 * (`topology.schema.json`) and a jsii-friendly API. Every optional field documents its
 * default; `planTopology` resolves them.
 */
import { Cloud } from '../core/cloud';

/** Which control plane chart runs the mesh. */
export enum MeshDistributionName {
  /** Kuma OSS, no license. */
  KUMA = 'kuma',
  /** Kong Mesh, license from a Kubernetes secret. */
  KONG_MESH = 'kong-mesh',
}

/** Where the global control plane runs. */
export enum GlobalPlacement {
  /** Kubernetes mode on a cluster of its own (Kuma 2.14's documented path). */
  DEDICATED_CLUSTER = 'dedicated-cluster',
  /** Universal mode on Kubernetes backed by PostgreSQL; may share a cluster with a zone. */
  UNIVERSAL_POSTGRES = 'universal-postgres',
  /** An existing global (self-run or Konnect), given its KDS address and CA. */
  EXTERNAL = 'external',
}

/** How certificates for gateway host names are issued. */
export enum CertificateIssuer {
  /** ACME (Let's Encrypt by default) with DNS-01 on the DNS zone's cloud. */
  ACME = 'acme',
  /** A self-signed CA inside each cluster: offline and ephemeral environments. */
  SELF_SIGNED = 'self-signed',
}

/** Cloud accounts the topology deploys into. */
export interface AccountsSpec {
  readonly azure?: AzureAccountSpec;
  readonly gcp?: GcpAccountSpec;
}

export interface AzureAccountSpec {
  /** Subscription id (a GUID). */
  readonly subscriptionId: string;
  /** Default location for Azure resources, e.g. `westeurope`. */
  readonly location: string;
}

export interface GcpAccountSpec {
  /** Project id. */
  readonly project: string;
  /** Default region for Google resources, e.g. `europe-west1`. */
  readonly region: string;
}

/** Network ranges of a cluster created by the topology. */
export interface ClusterNetworkSpec {
  /** AKS: VNet range. @default 10.10.0.0/16 (AKS); GKE has no VNet */
  readonly vnetCidr?: string;
  /** AKS: node subnet range. @default the first /20 of vnetCidr */
  readonly nodeSubnetCidr?: string;
  /** GKE: node subnet range. @default 10.20.0.0/20 */
  readonly subnetCidr?: string;
  /** GKE: secondary range for pods. @default 10.24.0.0/14 */
  readonly podsCidr?: string;
  /** GKE: secondary range for Services. @default 10.28.0.0/20 */
  readonly servicesCidr?: string;
  /** GKE: private control plane range (a /28). @default 172.16.0.0/28 */
  readonly masterCidr?: string;
}

/** Node pool sizing. */
export interface NodePoolSpec {
  /** AKS VM size or GKE machine type. @default a per-cloud production size (smaller when ephemeral) */
  readonly size?: string;
  /** Minimum nodes (autoscaling). @default AKS 2, GKE 3 (1 when ephemeral): the cluster construct's default */
  readonly min?: number;
  /** Maximum nodes (autoscaling). @default AKS 5, GKE 9 (3 when ephemeral): the cluster construct's default */
  readonly max?: number;
}

/** A Kubernetes cluster: created by the topology, or existing. */
export interface ClusterSpec {
  /** Cluster name (lower-case letters, digits and `-`). */
  readonly name: string;
  /** Hosting cloud. */
  readonly cloud: Cloud;
  /** Azure location or Google region. @default the account's location / region */
  readonly region?: string;
  /** The cluster exists already: deploy onto it, create nothing cloud-side for it. @default false */
  readonly existing?: boolean;
  /** Existing AKS: its resource group (required for an existing AKS cluster). */
  readonly resourceGroupName?: string;
  /** Network ranges of a new cluster. @default per-cloud defaults (see ClusterNetworkSpec) */
  readonly network?: ClusterNetworkSpec;
  /** Node pool sizing. @default see NodePoolSpec */
  readonly nodes?: NodePoolSpec;
  /** CIDRs allowed to reach the Kubernetes API server. @default none: the API server is closed unless allowPublicApiServer */
  readonly apiServerAuthorizedRanges?: string[];
  /** Insecure opt-in: an API server reachable from any address (ephemeral test clusters). @default false */
  readonly allowPublicApiServer?: boolean;
}

/** Connection to an existing PostgreSQL for a Universal-mode global. */
export interface DatabaseSpec {
  readonly host: string;
  /** @default 5432 */
  readonly port?: number;
  readonly user: string;
  readonly database: string;
  /**
   * Kubernetes secret (in the global's namespace) holding the password under `password`.
   * @default none: required unless createPasswordSecret
   */
  readonly passwordSecretName?: string;
  // Secrets and server verification (issue 10, item 6).
  /**
   * Terraform creates the password Secret in the global's namespace, from the sensitive
   * `CrossCloudMeshProps.secrets.postgresPassword` (never from this file).
   * @default false: passwordSecretName names a Secret that exists already
   */
  readonly createPasswordSecret?: boolean;
  /**
   * PEM of the CA that signs the server's certificate (not secret; YAML block scalar or `${ENV}`).
   * The control plane verifies the server against it.
   * @default none: required unless insecureSkipServerVerification
   */
  readonly caCertificatePem?: string;
  /**
   * Also check that the server's certificate names `host` (Kuma `verifyFull`); false checks the
   * CA chain only (`verifyCa`), for servers whose certificate names something else (Cloud SQL
   * names the instance, not its address).
   * @default true
   */
  readonly verifyHostname?: boolean;
  /**
   * Insecure opt-in, recorded as the waiver POSTGRES_TLS_VERIFIED: encrypt but do not verify
   * the server (Kuma `verifyNone`, libpq `sslmode=require`): anyone on the path can pose as it.
   * @default false
   */
  readonly insecureSkipServerVerification?: boolean;
}

/** An existing global control plane (self-run or Konnect). */
export interface ExternalGlobalSpec {
  /** KDS address, `grpcs://host:5685`. */
  readonly kdsAddress: string;
  /** Path (relative to the topology file) of the PEM CA that signs the global's KDS certificate. */
  readonly caCertificateFile: string;
  /** API URL of the global, for applying mesh resources with kumactl. */
  readonly apiUrl?: string;
  /** Secret holding an admin token for the API, in the zone cluster that runs the apply Job. */
  readonly adminTokenSecretName?: string;
}

export interface GlobalControlPlaneSpec {
  /** Where the global runs. */
  readonly placement: GlobalPlacement;
  /** Cluster hosting the global (dedicated-cluster and universal-postgres). */
  readonly cluster?: string;
  /** Database of a universal-postgres global. */
  readonly database?: DatabaseSpec;
  /** The existing global, for placement external. */
  readonly external?: ExternalGlobalSpec;
  /** DNS name for KDS (added to the KDS certificate); @default the reserved IP address */
  readonly kdsHostname?: string;
}

export interface MeshSpec {
  /** @default kuma */
  readonly distribution?: MeshDistributionName;
  /**
   * Kong Mesh: secret holding the license (key `license.json`), in the control planes' namespace.
   * @default "kong-mesh-license" when createLicenseSecret; else required for kong-mesh
   */
  readonly licenseSecretName?: string;
  /**
   * Kong Mesh: Terraform creates the license Secret in each control plane namespace it creates,
   * before the releases that read it, from the sensitive `CrossCloudMeshProps.secrets.kongMeshLicense`.
   * @default false: licenseSecretName names a Secret that exists already in every control plane namespace
   */
  readonly createLicenseSecret?: boolean;
  /** Control plane chart version. @default the version pinned in lib/versions.ts */
  readonly version?: string;
  /** Mesh name. @default default */
  readonly name?: string;
  /** Minimum TLS version inside the mesh: TLS12 or TLS13. @default TLS13 */
  readonly minTlsVersion?: string;
  readonly global: GlobalControlPlaneSpec;
}

/** A Kuma zone: one zone control plane in one cluster. */
export interface ZoneSpec {
  /** Zone name (DNS-1123 label), used in virtual host names. */
  readonly name: string;
  /** The cluster the zone runs in. */
  readonly cluster: string;
}

export interface DnsSpec {
  /** Public DNS zone, e.g. `acme.example`. */
  readonly zone: string;
  /** Cloud hosting the zone. */
  readonly cloud: Cloud;
  /** Use an existing zone instead of creating one. @default false */
  readonly existing?: boolean;
  /** Azure DNS: resource group of the zone. @default a resource group the topology creates */
  readonly resourceGroupName?: string;
  /** Cloud DNS: managed zone name. @default the zone name with dots replaced by dashes */
  readonly managedZoneName?: string;
  /** Record TTL in seconds. @default 300 */
  readonly ttl?: number;
}

export interface CertificatesSpec {
  /** @default acme (self-signed when ephemeral) */
  readonly issuer?: CertificateIssuer;
  /** ACME directory: `letsencrypt`, `letsencrypt-staging` or a URL. @default letsencrypt (letsencrypt-staging when ephemeral) */
  readonly acmeServer?: string;
  /** ACME account e-mail. Required for acme. */
  readonly email?: string;
}

/** A Kong gateway running as a delegated gateway inside a zone. */
export interface GatewaySpec {
  /** Gateway name (DNS-1123 label). */
  readonly name: string;
  /** Zone it runs in. */
  readonly zone: string;
  /** Namespace. @default kong */
  readonly namespace?: string;
  /** Base domain of its wildcard certificate, e.g. `acme.example` gives `*.acme.example`. */
  readonly domain: string;
  /** Also cover the base domain itself. @default true */
  readonly includeApex?: boolean;
  /** Proxy replicas. @default 2 (1 when ephemeral) */
  readonly replicas?: number;
  /** CIDRs allowed to reach the proxy. @default any address */
  readonly sourceRanges?: string[];
}

/** An API deployed as a mesh workload. */
export interface ApiSpec {
  /** API name: Deployment, Service and MeshService name. */
  readonly name: string;
  /** Namespace (created with sidecar injection). @default the API name */
  readonly namespace?: string;
  /** Zones running it. */
  readonly zones: string[];
  /** HTTP port. @default 8080 */
  readonly port?: number;
  /** Container image. @default a small echo server */
  readonly image?: string;
}

/** Typed rate limiting (Kong `rate-limiting` plugin, local policy). */
export interface RateLimitSpec {
  readonly minute?: number;
  readonly hour?: number;
}

/** Typed CORS (Kong `cors` plugin). */
export interface CorsSpec {
  readonly origins: string[];
  readonly methods?: string[];
  readonly credentials?: boolean;
}

export interface RoutePluginsSpec {
  readonly rateLimit?: RateLimitSpec;
  readonly cors?: CorsSpec;
}

/** Cross-zone forwarding through another gateway. */
export interface RouteViaSpec {
  /** The remote gateway (in another zone). */
  readonly gateway: string;
  /** Host (and SNI) sent to the remote gateway; a route of the remote gateway must serve it. */
  readonly host: string;
}

/** A host name and path published on a gateway. Exactly one of `api` and `via`. */
export interface RouteSpec {
  /** Gateway publishing the route. */
  readonly gateway: string;
  /** Public host name, covered by the gateway's certificate and inside the DNS zone. */
  readonly host: string;
  /** Path prefix. @default / */
  readonly path?: string;
  /** Local API (running in the gateway's zone). */
  readonly api?: string;
  /** Forward to another zone's gateway through the mesh. */
  readonly via?: RouteViaSpec;
  readonly plugins?: RoutePluginsSpec;
}

/** The whole topology. */
export interface TopologySpec {
  /** Environment name (DNS-1123 label), prefix of the stack names: `<environment>-infra`. */
  readonly environment: string;
  /** Ephemeral environment: no delete protection, spot nodes, staging/self-signed certificates. @default false */
  readonly ephemeral?: boolean;
  /** Owner label/tag; required when ephemeral. */
  readonly owner?: string;
  /** Expiry date YYYY-MM-DD; required when ephemeral. */
  readonly expiresAt?: string;
  readonly accounts: AccountsSpec;
  readonly clusters: ClusterSpec[];
  readonly mesh: MeshSpec;
  readonly zones: ZoneSpec[];
  readonly dns: DnsSpec;
  readonly certificates?: CertificatesSpec;
  readonly gateways: GatewaySpec[];
  readonly apis?: ApiSpec[];
  readonly routes?: RouteSpec[];
  /** Jobs that call every route after deploy and fail it when one is broken. @default true when ephemeral */
  readonly connectivityChecks?: boolean;
}
