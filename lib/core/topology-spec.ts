/**
 * The declarative topology: what a platform team writes (in TypeScript, YAML or JSON)
 * to describe clusters, zones, gateways, APIs and routes across clouds.
 *
 * Plain data interfaces with string enums, so the same shape is a JSON Schema
 * (`topology.schema.json`) and a jsii-friendly API. Every optional field documents its
 * default; `planTopology` resolves them.
 */
import { Cloud } from './cloud';

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
  /** AWS: region and the providers' non-secret settings (clusters with `cloud: aws`, Route 53). */
  readonly aws?: AwsAccountSpec;
}

/**
 * An AWS account: default region and the non-secret settings of the library's aws providers
 * (hashicorp/terraform-provider-aws@v5.100.0 provider arguments `profile`, `assume_role`,
 * `allowed_account_ids`). Credentials come from the environment (AWS_* variables, SSO, the
 * runner's role); never put them here.
 */
export interface AwsAccountSpec {
  /** Default region for AWS resources, e.g. `eu-west-1`. */
  readonly region: string;
  /** Named profile of the shared AWS config, for the providers and `aws eks get-token`. @default the default credential chain */
  readonly profile?: string;
  /** IAM role the providers assume, e.g. `arn:aws:iam::111122223333:role/deployer`. @default none: the caller's identity */
  readonly assumeRoleArn?: string;
  /** Session name of the assumed role. @default the provider's */
  readonly assumeRoleSessionName?: string;
  /** Account ids the providers may act in (12 digits each): other credentials fail at plan. @default any account */
  readonly allowedAccountIds?: string[];
}

export interface AzureAccountSpec {
  /** Subscription id (a GUID). */
  readonly subscriptionId: string;
  /** Default location for Azure resources, e.g. `westeurope`. */
  readonly location: string;
  /** Settings of the library's azurerm providers for this subscription (non-secret only). @default azurerm's own defaults and `ARM_*` environment variables */
  readonly provider?: AzureProviderSettingsSpec;
}

export interface GcpAccountSpec {
  /** Project id. */
  readonly project: string;
  /** Default region for Google resources, e.g. `europe-west1`. */
  readonly region: string;
  /** Settings of the library's google providers for this project (non-secret only). @default google's own defaults and Application Default Credentials */
  readonly provider?: GcpProviderSettingsSpec;
}

/**
 * Non-secret settings of the azurerm provider the library creates in each stack for
 * the subscription (hashicorp/terraform-provider-azurerm@v4.55.0:internal/provider/provider.go#azureProvider).
 * Secrets (client secret, certificate password, OIDC token) come from the environment
 * (`ARM_CLIENT_SECRET`, `ARM_OIDC_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_*`), never from the topology.
 */
export interface AzureProviderSettingsSpec {
  /** Microsoft Entra tenant id (GUID). @default `ARM_TENANT_ID` or the Azure CLI's tenant */
  readonly tenantId?: string;
  /** Client id (GUID) of the app registration or managed identity. @default `ARM_CLIENT_ID` */
  readonly clientId?: string;
  /** Azure cloud: `public`, `usgovernment` or `china`. @default public */
  readonly environment?: string;
  /** Authenticate with OpenID Connect (workload identity federation). @default false (`ARM_USE_OIDC`) */
  readonly useOidc?: boolean;
  /** File holding the OIDC token, e.g. a Kubernetes projected service account token; needs `useOidc`. @default none */
  readonly oidcTokenFilePath?: string;
  /** Authenticate with a managed identity. @default false (`ARM_USE_MSI`) */
  readonly useMsi?: boolean;
  /** Allow the Azure CLI's login. @default true */
  readonly useCli?: boolean;
  /** Authenticate with AKS workload identity. @default false (`ARM_USE_AKS_WORKLOAD_IDENTITY`) */
  readonly useAksWorkloadIdentity?: boolean;
  /** Provider alias of the library's provider, leaving the un-aliased `azurerm` provider of each stack to you. @default none (the library's provider is the default one) */
  readonly alias?: string;
}

/**
 * Non-secret settings of the google provider the library creates in each stack for the
 * project (hashicorp/terraform-provider-google@v6.50.0:google/provider/provider.go#Provider).
 * Credentials come from the environment (`GOOGLE_CREDENTIALS`, `GOOGLE_APPLICATION_CREDENTIALS`,
 * a workload identity federation credential file, or Application Default Credentials).
 */
export interface GcpProviderSettingsSpec {
  /** Service account to impersonate, e.g. `deployer@acme-prod.iam.gserviceaccount.com`. @default none (the caller's identity) */
  readonly impersonateServiceAccount?: string;
  /** Delegation chain for the impersonation. @default none */
  readonly impersonateServiceAccountDelegates?: string[];
  /** Project billed for quota, with `userProjectOverride`. @default none */
  readonly billingProject?: string;
  /** Bill quota to `billingProject` (or the resource's project) instead of the credentials' project. @default false */
  readonly userProjectOverride?: boolean;
  /** Provider alias of the library's provider, leaving the un-aliased `google` provider of each stack to you. @default none (the library's provider is the default one) */
  readonly alias?: string;
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
  /** EKS: VPC range (nodes and pods; EKS's servicesCidr is its Service range). @default 10.30.0.0/16 */
  readonly vpcCidr?: string;
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
  /**
   * Existing AKS: principal (object) id of the cluster's control-plane identity; the reserved
   * addresses then grant it Network Contributor, as a created cluster gets.
   * @default none: the identity must hold Network Contributor on resourceGroupName already
   */
  readonly identityPrincipalId?: string;
  /**
   * Existing EKS: its public subnets, one per availability zone, at least two (required for
   * an existing EKS cluster: one Elastic IP per subnet is reserved for each load balancer).
   * @default none
   */
  readonly publicSubnetIds?: string[];
  /** Existing EKS: its VPC. @default read from the cluster */
  readonly vpcId?: string;
  /** Existing EKS: install the eks-pod-identity-agent add-on. @default false: it must be installed already (checked at plan) */
  readonly installPodIdentityAgent?: boolean;
  /**
   * Existing EKS: install the AWS Load Balancer Controller (its Pod Identity role in stage infra,
   * its release in stage platform). Set false when the cluster runs one already: it then builds
   * the NLBs from the Services' annotations. @default true
   */
  readonly installLoadBalancerController?: boolean;
  /** Network ranges of a new cluster. @default per-cloud defaults (see ClusterNetworkSpec) */
  readonly network?: ClusterNetworkSpec;
  /** Node pool sizing. @default see NodePoolSpec */
  readonly nodes?: NodePoolSpec;
  /** CIDRs allowed to reach the Kubernetes API server. @default none: the API server is closed unless allowPublicApiServer */
  readonly apiServerAuthorizedRanges?: string[];
  /** Insecure opt-in: an API server reachable from any address (ephemeral test clusters). @default false */
  readonly allowPublicApiServer?: boolean;
}

/** The ClusterSpec fields of AKS clusters only (checked by each cloud's validator). */
export const AKS_CLUSTER_FIELDS = ['resourceGroupName', 'identityPrincipalId'] as const;

/** The ClusterSpec fields of existing EKS clusters only (checked by each cloud's validator). */
export const EXISTING_EKS_CLUSTER_FIELDS = ['publicSubnetIds', 'vpcId', 'installPodIdentityAgent', 'installLoadBalancerController'] as const;

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
  /** Timeouts, retries, circuit breakers and health checks on the gateways' mesh traffic. @default on, with the defaults of {@link ResilienceSpec} */
  readonly resilience?: ResilienceSpec;
  /** Metrics, access logs and traces from the mesh and the gateways. @default off */
  readonly observability?: ObservabilitySpec;
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
  /**
   * Zones running it, each once. With several, callers stay in their own zone while its copy
   * is healthy and fail over to the others in this order (a MeshMultiZoneService named
   * `<name>.mzsvc.mesh.local` and a MeshLoadBalancingStrategy; routes to the API use it).
   */
  readonly zones: string[];
  /** HTTP port. @default 8080 */
  readonly port?: number;
  /** Container image. @default a small echo server */
  readonly image?: string;
  /** Overrides of `mesh.resilience.api` for gateway traffic to this API. @default none */
  readonly resilience?: HopResilienceSpec;
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
  /** Local API (running in the gateway's zone). An API in several zones is reached through its MeshMultiZoneService: the gateway's zone first, then failover. */
  readonly api?: string;
  /** Forward to another zone's gateway through the mesh. */
  readonly via?: RouteViaSpec;
  readonly plugins?: RoutePluginsSpec;
  /** Overrides, for this route's hop, of `mesh.resilience.api` (api route) or `mesh.resilience.crossZone` (via route), over `apis[].resilience`. @default none */
  readonly resilience?: HopResilienceSpec;
}

/** The whole topology. */
export interface TopologySpec {
  /** Environment name (DNS-1123 label), prefix of the stack names: `<environment>-infra`. */
  readonly environment: string;
  /** Ephemeral environment: no delete protection, spot nodes, staging/self-signed certificates. @default false */
  readonly ephemeral?: boolean;
  /** Owner label/tag; required when ephemeral. */
  readonly owner?: string;
  /** Expiry date YYYY-MM-DD (the environment may be destroyed from the next day on); this or `ttl` is required when ephemeral. */
  readonly expiresAt?: string;
  /**
   * Lifetime counted from when the environment is created, in whole hours or days (`8h`,
   * `3d`, at most `90d`): a `time_offset` fixes the expiry at create and keeps it in state, so
   * re-applying changes nothing. Use this or `expiresAt`; one of them is required when ephemeral.
   * @default no ttl (the environment expires at `expiresAt`, or never)
   */
  readonly ttl?: string;
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
  /** Where each stage keeps its Terraform state. @default local files under `.terraform-state/` of the directory synth runs in */
  readonly state?: StateSpec;
}

/** A Terraform state backend. */
export enum StateBackendName {
  /** An Azure Storage blob per stage; locked with a blob lease. */
  AZURERM = 'azurerm',
  /** A Cloud Storage object per stage; locked with a lock object. */
  GCS = 'gcs',
  /** An S3 object per stage; locked with an S3 lock file (Terraform >= 1.10). */
  S3 = 's3',
  /** One HCP Terraform / Terraform Enterprise workspace per stage; locked by the service. */
  REMOTE = 'remote',
  /** Local files: tests and experiments only. */
  LOCAL = 'local',
}

/**
 * Where the stages keep their state: one state per environment and stage, at
 * `<prefix>/<environment>/<stage>.tfstate` (lib/state/stage-state.ts#stageStateKey).
 * Credentials come from the environment (`ARM_*`, `GOOGLE_*`, `AWS_*`, `TF_TOKEN_*`), never from here.
 */
export interface StateSpec {
  /** The backend; its settings go in the property of the same name. */
  readonly backend: StateBackendName;
  /** Path prefix of every state key, e.g. `platform/mesh`. @default none */
  readonly prefix?: string;
  readonly azurerm?: AzurermStateSpec;
  readonly gcs?: GcsStateSpec;
  readonly s3?: S3StateSpec;
  readonly remote?: RemoteStateSpec;
  readonly local?: LocalStateSpec;
}

/** An Azure Storage container for state blobs. */
export interface AzurermStateSpec {
  /** Storage account name: 3-24 lower-case letters and digits. */
  readonly storageAccountName: string;
  /** Blob container name. */
  readonly containerName: string;
  /** Resource group of the storage account, to look up its access key when `useAzureadAuth` is false and no `ARM_ACCESS_KEY`/`ARM_SAS_TOKEN` is set. @default none */
  readonly resourceGroupName?: string;
  /** Subscription of the storage account. @default the backend's own (`ARM_SUBSCRIPTION_ID`) */
  readonly subscriptionId?: string;
  /** Tenant id (GUID). @default `ARM_TENANT_ID` */
  readonly tenantId?: string;
  /** Client id (GUID). @default `ARM_CLIENT_ID` */
  readonly clientId?: string;
  /** Authenticate with OpenID Connect. @default false (`ARM_USE_OIDC`) */
  readonly useOidc?: boolean;
  /** Reach blobs with Entra ID tokens instead of account keys, so shared-key access can stay disabled. @default true */
  readonly useAzureadAuth?: boolean;
}

/** A Cloud Storage bucket for state objects. */
export interface GcsStateSpec {
  /** Bucket name. */
  readonly bucket: string;
  /** Service account to impersonate for state access. @default none */
  readonly impersonateServiceAccount?: string;
  /** Cloud KMS key encrypting the state objects (`projects/…/cryptoKeys/…`). @default the bucket's encryption */
  readonly kmsEncryptionKey?: string;
}

/** An S3 bucket for state objects. */
export interface S3StateSpec {
  /** Bucket name. */
  readonly bucket: string;
  /** AWS region of the bucket, e.g. `eu-west-1`. */
  readonly region: string;
  /** Deprecated DynamoDB lock table, for a migration to the S3 lock file. @default none (S3 lock file only) */
  readonly dynamodbTable?: string;
  /** KMS key ARN for server-side encryption. @default the bucket's encryption (SSE-S3) */
  readonly kmsKeyId?: string;
}

/** HCP Terraform or Terraform Enterprise: one workspace per environment and stage. */
export interface RemoteStateSpec {
  /** Organization name. */
  readonly organization: string;
  /** Host name. @default app.terraform.io */
  readonly hostname?: string;
  /** Use the legacy `remote` backend instead of the `cloud` block (cdktf checks `terraform version` >= 1.1 at synth for the `cloud` block; the `remote` backend synthesizes without a binary). @default false */
  readonly legacyRemoteBackend?: boolean;
  /** HCP Terraform project the workspaces belong to (`cloud` block only). @default the organization's default project */
  readonly project?: string;
}

/** Local state files: tests and experiments. */
export interface LocalStateSpec {
  /** Directory of the state files, relative to the directory synth runs in (or absolute). @default .terraform-state */
  readonly directory?: string;
}

// ------------------------------------------------------- mesh.resilience, mesh.observability
// Defaults and their reasons: lib/topology/_mesh-policy-defaults.ts (the one place they are defined).

/**
 * What the mesh adds to the gateways' traffic, per hop: the cross-zone hop (a gateway routing
 * `via` another zone's gateway: TCP, through the remote zone ingress) and the API hop (a gateway
 * to an API of its zone: HTTP). The Mesh skips Kuma's default policies, so without this section
 * neither hop would have a timeout, a retry or a circuit breaker.
 */
export interface ResilienceSpec {
  /** `false` turns every resilience policy off. @default true */
  readonly enabled?: boolean;
  /** Gateway to gateway in another zone (TCP: HTTP fields do not apply). */
  readonly crossZone?: HopResilienceSpec;
  /** Gateway to an API of its zone (HTTP). */
  readonly api?: HopResilienceSpec;
}

/** Resilience of one hop. Durations are Go durations (`300ms`, `5s`, `15m`), as Kuma parses them. */
export interface HopResilienceSpec {
  /** `false` turns this hop's policies off. @default true */
  readonly enabled?: boolean;
  /** MeshTimeout connectionTimeout. @default 5s (Kuma's default: a handshake takes well under a second, even between clouds) */
  readonly connectTimeout?: string;
  /**
   * MeshTimeout idleTimeout.
   * @default 15m cross-zone (below the 20 min of Cloud NAT and the 30 min of AKS's outbound load balancer, which drop idle flows silently), 1h API (Kuma's default)
   */
  readonly idleTimeout?: string;
  /** MeshTimeout http.requestTimeout (API hop only). @default 15s (Kuma's default, below Kong's 60 s read timeout) */
  readonly requestTimeout?: string;
  readonly retries?: RetrySpec;
  readonly circuitBreaker?: CircuitBreakerSpec;
  readonly healthCheck?: HealthCheckSpec;
}

/** MeshRetry: tcp.maxConnectAttempt on the cross-zone hop, http on the API hop. */
export interface RetrySpec {
  /** @default true */
  readonly enabled?: boolean;
  /** Retries after the first try (cross-zone: connect attempts = maxRetries + 1). @default 2 (Kuma's 5 pile five more requests onto a struggling API; two step over one bad endpoint) */
  readonly maxRetries?: number;
  /** Timeout of each try (API hop only). @default 5s (Kuma's 16s exceeds the request timeout, so a slow try would never be retried) */
  readonly perTryTimeout?: string;
  /**
   * MeshRetry http.retryOn values (API hop only).
   * @default ConnectFailure, RefusedStream, GatewayError (Kuma's plugin default), for GET, HEAD, OPTIONS, PUT, DELETE only: the mesh never repeats a POST
   */
  readonly retryOn?: string[];
  /** Back-off base interval (API hop only). @default 25ms (Kuma's default) */
  readonly backOffBaseInterval?: string;
  /** Back-off maximum interval (API hop only). @default 250ms (Kuma's default) */
  readonly backOffMaxInterval?: string;
}

/** MeshCircuitBreaker: connection limits and outlier detection. */
export interface CircuitBreakerSpec {
  /** @default true */
  readonly enabled?: boolean;
  /** @default 1024 (Kuma's default MeshCircuitBreaker, which the Mesh no longer creates) */
  readonly maxConnections?: number;
  /** @default 1024 (Kuma's default) */
  readonly maxPendingRequests?: number;
  /** @default 1024 (Kuma's default) */
  readonly maxRequests?: number;
  /** Retries in flight at once. @default 3 (Kuma's default) */
  readonly maxConcurrentRetries?: number;
  /** Outlier detection: consecutive failures (5xx, or connect failures on TCP) that eject an endpoint. @default 5 (Envoy's default; Kuma's default has no outlier detection) */
  readonly consecutiveFailures?: number;
  /** Outlier detection interval. @default 10s (Envoy's default) */
  readonly interval?: string;
  /** Base ejection time. @default 30s (Envoy's default) */
  readonly baseEjectionTime?: string;
  /** Most endpoints ejected at once, in percent. @default 50 (Envoy's 10 % ejects only one endpoint below ten) */
  readonly maxEjectionPercent?: number;
}

/** MeshHealthCheck: active checks (TCP on the cross-zone hop, HTTP on the API hop). */
export interface HealthCheckSpec {
  /**
   * @default false on both hops: cross-zone, the remote gateway has one endpoint (one remote
   * zone ingress address) and Envoy routes to it below its panic threshold anyway; on the API
   * hop, local endpoints follow pod readiness, and an HTTP check needs a path only the API knows
   */
  readonly enabled?: boolean;
  /** @default 10s */
  readonly interval?: string;
  /** @default 3s */
  readonly timeout?: string;
  /** @default 3 */
  readonly unhealthyThreshold?: number;
  /** @default 1 */
  readonly healthyThreshold?: number;
  /** HTTP path (API hop only). @default / */
  readonly path?: string;
}

/** An OpenTelemetry collector the user runs (a MeshOpenTelemetryBackend). */
export interface CollectorSpec {
  /** Host name or IP address, e.g. `otel-collector.observability.svc.cluster.local`. */
  readonly address: string;
  /** @default 4317 */
  readonly port?: number;
  /** `grpc` or `http`. @default grpc */
  readonly protocol?: string;
  /** Base path (http only). @default / */
  readonly path?: string;
}

/** Telemetry from every proxy of the mesh and from the Kong gateways. */
export interface ObservabilitySpec {
  /** `false` turns all of it off. @default true once the section is present */
  readonly enabled?: boolean;
  /** An existing OpenTelemetry collector; `openTelemetry` backends and traces send to it. @default none */
  readonly collector?: CollectorSpec;
  readonly metrics?: MetricsSpec;
  readonly accessLogs?: AccessLogsSpec;
  readonly traces?: TracesSpec;
  readonly kong?: KongMetricsSpec;
}

/** MeshMetric. */
export interface MetricsSpec {
  /** @default true */
  readonly enabled?: boolean;
  /** `prometheus` (scraped on port/path) or `openTelemetry` (pushed to the collector). @default prometheus */
  readonly backend?: string;
  /** Prometheus port on every proxy. @default 5670 */
  readonly port?: number;
  /** Prometheus path. @default /metrics */
  readonly path?: string;
}

/** MeshAccessLog. */
export interface AccessLogsSpec {
  /** @default true */
  readonly enabled?: boolean;
  /** `stdout` (the sidecar's log) or `openTelemetry` (the collector). @default stdout */
  readonly backend?: string;
}

/** MeshTrace (OpenTelemetry, to the collector). */
export interface TracesSpec {
  /** @default true when a collector is set, else false */
  readonly enabled?: boolean;
  /** Percentage of requests traced, 0-100. @default 10 */
  readonly samplingPercent?: number;
}

/** Kong's own metrics: its Prometheus plugin on every route. */
export interface KongMetricsSpec {
  /** @default true */
  readonly enabled?: boolean;
}
