/**
 * Typed Kuma chart values (the subset the library sets) and pure builders for the
 * global and zone control planes.
 *
 * Every key below exists in the Kuma 2.14.3 chart's values.yaml
 * (../shared/upstream/kuma/chart/values.yaml); Kong Mesh reads the same keys under
 * `kuma:` ({@link MeshDistribution.wrapValues}). Multi-zone settings follow
 * kuma.io/docs/2.13.x/production/cp-deployment/multi-zone/ ("Deploy a multi-zone
 * global control plane"): a global with `controlPlane.mode: global` exposing KDS on
 * the global zone sync Service (5685), zones with `controlPlane.mode: zone`,
 * `controlPlane.zone`, `controlPlane.kdsGlobalAddress: grpcs://...:5685`,
 * `ingress.enabled` and `egress.enabled`.
 */
import { ControlPlaneSecretEnv } from './mesh-distribution';

/** KDS port of the global zone sync Service (Kuma's default, `KUMA_MULTIZONE_GLOBAL_KDS_GRPC_PORT`). */
export const KDS_PORT = 5685;
/** Port of the zone ingress Service (chart default `ingress.service.port`). */
export const ZONE_INGRESS_PORT = 10001;

/** `postgres.tls.mode` of the chart (`KUMA_STORE_POSTGRES_TLS_MODE`). */
export enum PostgresTlsMode {
  /** No TLS: only for a database on a private network the control plane alone reaches. */
  DISABLE = 'disable',
  /** TLS without checking the server's certificate. */
  VERIFY_NONE = 'verifyNone',
  /** TLS, the server's certificate signed by the given CA (any host name). */
  VERIFY_CA = 'verifyCa',
  /** TLS, the certificate signed by the given CA and issued for the host name. */
  VERIFY_FULL = 'verifyFull',
}

export interface KumaPodDisruptionBudgetValues {
  readonly enabled: boolean;
}

export interface KumaServiceValues {
  readonly type?: string;
  readonly loadBalancerIP?: string;
  readonly loadBalancerSourceRanges?: string[];
  readonly annotations?: { [key: string]: string };
  readonly port?: number;
}

export interface KumaGlobalZoneSyncServiceValues extends KumaServiceValues {
  readonly enabled: boolean;
}

export interface KumaTlsValues {
  readonly kdsGlobalServer?: { readonly secretName: string };
  /** API server certificate (`tls.crt`, `tls.key`) and the directory of admin client certificates. */
  readonly apiServer?: { readonly secretName?: string; readonly clientCertsSecretName?: string };
  readonly kdsZoneClient?: { readonly secretName?: string; readonly skipVerify: boolean };
}

export interface KumaControlPlaneValues {
  readonly mode: 'global' | 'zone';
  /** `universal` runs the CP with a PostgreSQL store even on Kubernetes. */
  readonly environment?: 'kubernetes' | 'universal';
  readonly zone?: string;
  readonly kdsGlobalAddress?: string;
  readonly replicas: number;
  readonly podDisruptionBudget: KumaPodDisruptionBudgetValues;
  readonly globalZoneSyncService?: KumaGlobalZoneSyncServiceValues;
  readonly tls?: KumaTlsValues;
  readonly secrets?: ControlPlaneSecretEnv[];
  readonly envVars?: { [name: string]: string };
  readonly defaults?: { readonly skipMeshCreation: boolean };
}

export interface KumaZoneProxyValues {
  readonly enabled: boolean;
  readonly replicas?: number;
  readonly podDisruptionBudget?: KumaPodDisruptionBudgetValues;
  readonly service?: KumaServiceValues;
  readonly podAnnotations?: { [key: string]: string };
}

export interface KumaPostgresValues {
  /** A string in the chart (`postgres.port: "5432"`). */
  readonly port: string;
  readonly tls: { readonly mode: PostgresTlsMode; readonly caSecretName?: string };
}

/** The Kuma chart values the library sets. */
export interface KumaValues {
  readonly controlPlane: KumaControlPlaneValues;
  readonly ingress?: KumaZoneProxyValues;
  readonly egress?: KumaZoneProxyValues;
  readonly postgres?: KumaPostgresValues;
}

/** Replica counts and disruption budgets: HA outside ephemeral environments. */
export interface Availability {
  /** Control plane replicas. */
  readonly replicas: number;
  /** Zone ingress / egress replicas. */
  readonly proxyReplicas: number;
  /** PodDisruptionBudgets, so node drains keep one replica serving. */
  readonly disruptionBudgets: boolean;
}

/**
 * HA by default: two replicas of each component with PodDisruptionBudgets (the chart's
 * default affinity already spreads them across nodes); one replica each when ephemeral.
 */
export function availability(ephemeral: boolean, replicas?: number): Availability {
  const count = replicas ?? (ephemeral ? 1 : 2);
  return { replicas: count, proxyReplicas: ephemeral ? 1 : Math.max(2, count), disruptionBudgets: !ephemeral };
}

/** A reserved address for a LoadBalancer Service. */
export interface LoadBalancerBinding {
  readonly address: string;
  readonly annotations: { [key: string]: string };
  readonly sourceRanges?: string[];
}

/** The database of a Universal-mode global. Host, user and name are not secret; the password comes from a Secret. */
export interface UniversalStoreValues {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly passwordSecretName: string;
  readonly passwordSecretKey: string;
  readonly tlsMode: PostgresTlsMode;
  readonly caSecretName?: string;
}

export interface GlobalValuesInput {
  readonly availability: Availability;
  /** Secret (tls.crt, tls.key) of the KDS server certificate; undefined: the CP self-signs (only with insecureSkipKdsVerify). */
  readonly kdsServerSecretName?: string;
  /** Where the KDS Service binds. */
  readonly sync: LoadBalancerBinding;
  /** Universal mode: the PostgreSQL store. Undefined: Kubernetes mode. */
  readonly universalStore?: UniversalStoreValues;
  /** Extra `controlPlane.secrets` entries (the Kong Mesh license). */
  readonly secrets?: ControlPlaneSecretEnv[];
  /**
   * Universal mode: the API's certificate, and client certificates admitted as admin, so that
   * kumactl can verify the API and authenticate without a token nobody has at first deploy.
   */
  readonly apiServer?: { readonly secretName: string; readonly clientCertsSecretName?: string };
}

/**
 * Values of a global control plane. Never sets `controlPlane.zone`,
 * `controlPlane.kdsGlobalAddress`, `ingress.enabled` or `egress.enabled`: the chart
 * fails on the first two in global mode, and a global serves no traffic.
 */
export function globalControlPlaneValues(input: GlobalValuesInput): KumaValues {
  const store = input.universalStore;
  const secrets: ControlPlaneSecretEnv[] = [...(input.secrets ?? [])];
  if (store) {
    // As in the multi-zone docs ("Universal on Kubernetes using Helm"): the password from a Secret.
    secrets.push({ Env: 'KUMA_STORE_POSTGRES_PASSWORD', Secret: store.passwordSecretName, Key: store.passwordSecretKey });
  }
  const controlPlane: KumaControlPlaneValues = {
    mode: 'global',
    ...(store ? { environment: 'universal' as const } : {}),
    replicas: input.availability.replicas,
    podDisruptionBudget: { enabled: input.availability.disruptionBudgets },
    globalZoneSyncService: {
      enabled: true,
      type: 'LoadBalancer',
      loadBalancerIP: input.sync.address,
      ...(input.sync.sourceRanges && input.sync.sourceRanges.length > 0 ? { loadBalancerSourceRanges: input.sync.sourceRanges } : {}),
      annotations: { ...input.sync.annotations },
      port: KDS_PORT,
    },
    ...(input.kdsServerSecretName || input.apiServer
      ? {
          tls: {
            ...(input.kdsServerSecretName ? { kdsGlobalServer: { secretName: input.kdsServerSecretName } } : {}),
            // A Universal CP otherwise serves its API with a certificate it signs itself for its pod
            // name (kumahq/kuma@v2.14.3:pkg/core/bootstrap/autoconfig.go#autoconfigureTLS), which no client can verify.
            ...(input.apiServer
              ? {
                  apiServer: {
                    secretName: input.apiServer.secretName,
                    ...(input.apiServer.clientCertsSecretName ? { clientCertsSecretName: input.apiServer.clientCertsSecretName } : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
    ...(store
      ? {
          envVars: {
            KUMA_STORE_POSTGRES_HOST: store.host,
            KUMA_STORE_POSTGRES_USER: store.user,
            KUMA_STORE_POSTGRES_DB_NAME: store.database,
            // A client certificate from KUMA_API_SERVER_AUTH_CLIENT_CERTS_DIR is admin
            // (pkg/api-server/server.go, authn type adminClientCerts): the admin token is only
            // in the store, out of Terraform's reach at first deploy.
            ...(input.apiServer?.clientCertsSecretName ? { KUMA_API_SERVER_AUTHN_TYPE: 'adminClientCerts' } : {}),
          },
        }
      : {}),
    // The mesh stage declares the Mesh (mTLS STRICT); an auto-created `default` mesh
    // without mTLS would both be insecure and collide with it.
    defaults: { skipMeshCreation: true },
  };
  return {
    controlPlane,
    ...(store
      ? { postgres: { port: String(store.port), tls: { mode: store.tlsMode, ...(store.caSecretName ? { caSecretName: store.caSecretName } : {}) } } }
      : {}),
  };
}

export interface ZoneValuesInput {
  readonly zoneName: string;
  /** `grpcs://host:5685`. */
  readonly kdsGlobalAddress: string;
  readonly availability: Availability;
  /** Secret holding `ca.crt`, the CA of the global's KDS certificate; undefined only with skipVerify. */
  readonly kdsCaSecretName?: string;
  /** Insecure opt-in: do not verify the global's KDS certificate. */
  readonly skipKdsVerify: boolean;
  /** Where the zone ingress Service binds; undefined: an address the cloud picks. */
  readonly ingress?: LoadBalancerBinding;
  readonly egress: boolean;
  /** Extra `controlPlane.secrets` entries (license, zone token). */
  readonly secrets?: ControlPlaneSecretEnv[];
  /** Extra control plane environment (Kong Mesh zone token auth). */
  readonly envVars?: { [name: string]: string };
}

/** Values of a zone control plane with zone ingress (and egress). */
export function zoneControlPlaneValues(input: ZoneValuesInput): KumaValues {
  const { availability: ha } = input;
  const tls: KumaTlsValues = {
    kdsZoneClient: {
      ...(input.kdsCaSecretName ? { secretName: input.kdsCaSecretName } : {}),
      skipVerify: input.skipKdsVerify,
    },
  };
  const secrets = input.secrets ?? [];
  const ingress: KumaZoneProxyValues = {
    enabled: true,
    replicas: ha.proxyReplicas,
    podDisruptionBudget: { enabled: ha.disruptionBudgets },
    service: {
      type: 'LoadBalancer',
      ...(input.ingress ? { loadBalancerIP: input.ingress.address, annotations: { ...input.ingress.annotations } } : {}),
      ...(input.ingress?.sourceRanges && input.ingress.sourceRanges.length > 0 ? { loadBalancerSourceRanges: input.ingress.sourceRanges } : {}),
      port: ZONE_INGRESS_PORT,
    },
    // Other zones reach this zone at its reserved address: advertise it explicitly
    // instead of waiting for the Service status (Kuma docs, "kuma.io/ingress-public-address").
    ...(input.ingress
      ? { podAnnotations: { 'kuma.io/ingress-public-address': input.ingress.address, 'kuma.io/ingress-public-port': String(ZONE_INGRESS_PORT) } }
      : {}),
  };
  return {
    controlPlane: {
      mode: 'zone',
      zone: input.zoneName,
      kdsGlobalAddress: input.kdsGlobalAddress,
      replicas: ha.replicas,
      podDisruptionBudget: { enabled: ha.disruptionBudgets },
      tls,
      ...(secrets.length > 0 ? { secrets } : {}),
      ...(input.envVars && Object.keys(input.envVars).length > 0 ? { envVars: { ...input.envVars } } : {}),
    },
    ingress,
    egress: input.egress
      ? { enabled: true, replicas: ha.proxyReplicas, podDisruptionBudget: { enabled: ha.disruptionBudgets } }
      : { enabled: false },
  };
}

/** `grpcs://<host>:5685`; IPv6 literals in brackets. */
export function kdsGlobalAddress(host: string): string {
  const bracketed = host.includes(':') && !host.startsWith('[') && !host.includes('${') ? `[${host}]` : host;
  return `grpcs://${bracketed}:${KDS_PORT}`;
}
