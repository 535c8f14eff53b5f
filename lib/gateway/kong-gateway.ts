/**
 * Kong Gateway OSS (DB-less) with the Kong Ingress Controller, running in a zone as a
 * mesh workload: a delegated gateway whose outbound traffic goes through its Kuma
 * sidecar, so routes reach mesh services (and other zones) inside mTLS.
 *
 * Settings follow Kuma's delegated gateway guide
 * (https://developer.konghq.com/mesh/ingress-gateway-delegated): the namespace carries
 * `kuma.io/sidecar-injection: enabled`, the pod `kuma.io/gateway: enabled`, and Kong
 * sends traffic to Service IPs (`ingress.kubernetes.io/service-upstream`, which Kuma
 * adds to every Service of an injected namespace) so that the mesh picks endpoints.
 */
import { Construct } from 'constructs';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { IClusterConnection } from '../clusters/cluster-connection';
import { IReservedAddress } from '../network/reserved-address';
import { KONG_CHART } from '../versions';
import { coveredBy } from '../private/coverage';
import {
  ValidationError,
  assertDns1123Label,
  assertDns1123Subdomain,
  assertIntegerInRange,
  assertIpv4Cidr,
  isUnresolved,
} from '../private/validation';
import { HelmValues, RELEASE_SAFETY, mergeValues, renderValues } from '../private/helm-values';

/** Pod annotation that makes a meshed pod a delegated gateway (inbound bypasses the sidecar). */
export const KUMA_GATEWAY_ANNOTATION = 'kuma.io/gateway';
/** Kuma annotation listing outbound ports the sidecar must not intercept. */
export const KUMA_EXCLUDE_OUTBOUND_PORTS = 'traffic.kuma.io/exclude-outbound-ports';
/** Kuma annotation listing inbound ports the sidecar must not intercept. */
export const KUMA_EXCLUDE_INBOUND_PORTS = 'traffic.kuma.io/exclude-inbound-ports';

/** Kong's admin API (HTTPS) port inside the pod; the controller talks to it, nothing else does. */
export const KONG_ADMIN_TLS_PORT = 8444;
/** Kong's public proxy listeners inside the pod (chart defaults `proxy.http/tls.containerPort`). */
export const KONG_PROXY_HTTP_PORT = 8000;
export const KONG_PROXY_TLS_PORT = 8443;
/** Kong's extra TLS listener for traffic that arrives through the mesh (see `acceptMeshTraffic`). */
export const KONG_MESH_TLS_PORT = 9443;
/** Ingress controller ports the API server and kubelet call directly: admission webhook, health. */
export const CONTROLLER_INBOUND_PORTS = [8080, 10254];
/** Kong's status listener (probes). */
export const KONG_STATUS_PORT = 8100;

/** What routes and other stages need from a Kong gateway. */
export interface IKongGateway {
  /** Cluster the gateway runs in. */
  readonly connection: IClusterConnection;
  /** Namespace of the gateway (routes, their Services and plugins live here too). */
  readonly namespace: string;
  /** Gateway name. */
  readonly gatewayName: string;
  /** The proxy Service (type LoadBalancer) the chart creates. */
  readonly proxyServiceName: string;
  /**
   * The ClusterIP Service other zones reach this gateway through (port 443), when
   * `acceptMeshTraffic` is on; undefined otherwise.
   */
  readonly meshServiceName?: string;
  /** Ingress class this gateway's controller serves. */
  readonly ingressClassName: string;
  /** The reserved public address of the proxy. */
  readonly proxyAddress: IReservedAddress;
  /** TLS secret routes use unless they name their own; undefined when none was attached. */
  readonly defaultCertificateSecretName?: string;
  /** DNS names of the default certificate (may contain `*.` wildcards); empty when unknown. */
  readonly certificateDnsNames: string[];
}

/** Everything about a gateway except the cluster and its address. */
export interface KongGatewayOptions {
  /**
   * Namespace. It must exist with sidecar injection enabled (the topology layer creates
   * it with `MeshNamespace`); the release does not create it.
   * @default "kong"
   */
  readonly namespace?: string;
  /**
   * Gateway name: Helm release name, and the proxy Service is `<name>-proxy`.
   * @default "gateway"
   */
  readonly name?: string;
  /**
   * CIDRs allowed to reach the proxy's load balancer.
   * @default any address
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * Ingress class served by this gateway's controller; two gateways in one cluster
   * need two classes, so the default is derived from the gateway name.
   * @default "kong-<name>"
   */
  readonly ingressClassName?: string;
  /**
   * Proxy replicas. At least 2 outside ephemeral mode, so the PodDisruptionBudget can
   * let a node drain without downtime.
   * @default 2, or 1 in ephemeral mode
   */
  readonly replicas?: number;
  /**
   * Ephemeral mode: one replica, no PodDisruptionBudget, smaller requests.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * TLS secret (in the gateway's namespace) that routes serve unless they name their
   * own, typically a `WildcardCertificate`'s secret. It may be created later (stage mesh):
   * the controller picks it up, and its renewals, when it appears.
   * @default no default certificate: every route must name its own `tlsSecretName`
   */
  readonly defaultCertificateSecretName?: string;
  /**
   * DNS names the default certificate covers (e.g. `["*.acme.example", "acme.example"]`);
   * routes whose host they do not cover are rejected at synth time.
   * @default unknown: route hosts are not checked against the certificate
   */
  readonly certificateDnsNames?: string[];
  /**
   * Mesh the pods join (pod label `kuma.io/mesh`).
   * @default the namespace's mesh, else `default`
   */
  readonly mesh?: string;
  /**
   * Let other zones reach this gateway through the mesh. A delegated gateway has no
   * mesh inbound (Kuma: "incoming traffic bypasses the sidecar"), so nothing in the mesh
   * can address it. With this on, the pod is a regular mesh workload (no `kuma.io/gateway`
   * key at all, the chart's default one removed) whose public
   * listeners (8000, 8443) and controller ports bypass the sidecar, exactly as a
   * delegated gateway's would, plus a TLS listener on 9443 behind the sidecar and a
   * ClusterIP Service `<name>-mesh` (port 443) that the mesh exposes to other zones.
   * Callers terminate TLS on it with the same certificates and routes as the public side.
   * @default false: a delegated gateway (`kuma.io/gateway: enabled`)
   */
  readonly acceptMeshTraffic?: boolean;
  /**
   * Kong chart version.
   * @default KONG_CHART.version
   */
  readonly chartVersion?: string;
  /**
   * Values merged over the generated ones, last.
   * @default none
   */
  readonly extraValues?: { [key: string]: unknown };
}

/** Props of {@link KongGateway}. */
export interface KongGatewayProps extends KongGatewayOptions {
  /** Cluster to install into. */
  readonly connection: IClusterConnection;
  /** Reserved public address the proxy's LoadBalancer Service binds. */
  readonly proxyAddress: IReservedAddress;
}

/** Inputs of {@link kongGatewayValues}, with defaults resolved. */
export interface KongGatewayValuesInput {
  readonly name: string;
  readonly ingressClassName: string;
  readonly replicas: number;
  readonly ephemeral: boolean;
  readonly proxyAddress: IReservedAddress;
  readonly loadBalancerSourceRanges: string[];
  readonly mesh?: string;
  readonly acceptMeshTraffic: boolean;
}

/**
 * A Kong gateway in one cluster, installed by Helm (stage "platform").
 *
 * The admin API is never given a Service: the controller reaches it on localhost.
 */
export class KongGateway extends Construct implements IKongGateway {
  public readonly connection: IClusterConnection;
  public readonly namespace: string;
  public readonly gatewayName: string;
  public readonly proxyServiceName: string;
  public readonly meshServiceName?: string;
  public readonly ingressClassName: string;
  public readonly proxyAddress: IReservedAddress;
  public readonly defaultCertificateSecretName?: string;
  public readonly certificateDnsNames: string[];
  /** The Helm release. */
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: KongGatewayProps) {
    super(scope, id);
    const path = this.node.path;
    const ephemeral = props.ephemeral ?? false;
    const name = props.name ?? 'gateway';
    const namespace = props.namespace ?? 'kong';
    assertDns1123Label(name, `${path}.name`, 'Helm release name');
    // The proxy Service `<name>-proxy` must itself be a DNS-1123 label.
    if (!isUnresolved(name) && name.length > KONG_GATEWAY_NAME_MAX_LENGTH) {
      throw new ValidationError(`${path}.name`, name, `must be at most ${KONG_GATEWAY_NAME_MAX_LENGTH} characters (a Helm release name), e.g. "gateway"`);
    }
    assertDns1123Label(namespace, `${path}.namespace`, 'namespace');
    const ingressClassName = props.ingressClassName ?? `kong-${name}`;
    assertDns1123Subdomain(ingressClassName, `${path}.ingressClassName`);
    const replicas = props.replicas ?? minimumGatewayReplicas(ephemeral);
    assertIntegerInRange(replicas, `${path}.replicas`, 1, 100);
    if (replicas < minimumGatewayReplicas(ephemeral)) {
      throw new ValidationError(
        `${path}.replicas`,
        replicas,
        'must be at least 2 outside ephemeral mode, so the PodDisruptionBudget lets a node drain without downtime; set ephemeral: true for a single replica',
      );
    }
    const sourceRanges = props.loadBalancerSourceRanges ?? [];
    sourceRanges.forEach((cidr, index) => assertIpv4Cidr(cidr, `${path}.loadBalancerSourceRanges[${index}]`));
    if (props.defaultCertificateSecretName !== undefined) {
      assertDns1123Subdomain(props.defaultCertificateSecretName, `${path}.defaultCertificateSecretName`);
    }
    (props.certificateDnsNames ?? []).forEach((dnsName, index) => {
      if (isUnresolved(dnsName)) return;
      assertDns1123Subdomain(dnsName.replace(/^\*\./, ''), `${path}.certificateDnsNames[${index}]`);
    });
    if (props.mesh !== undefined) assertDns1123Label(props.mesh, `${path}.mesh`, 'mesh name');

    this.connection = props.connection;
    this.namespace = namespace;
    this.gatewayName = name;
    this.proxyServiceName = kongProxyServiceName(name);
    this.ingressClassName = ingressClassName;
    this.proxyAddress = props.proxyAddress;
    this.defaultCertificateSecretName = props.defaultCertificateSecretName;
    this.certificateDnsNames = [...(props.certificateDnsNames ?? [])];
    const acceptMeshTraffic = props.acceptMeshTraffic ?? false;

    const { kubernetes, helm } = props.connection.providers(this);
    const values = kongGatewayValues({
      name,
      ingressClassName,
      replicas,
      ephemeral,
      proxyAddress: props.proxyAddress,
      loadBalancerSourceRanges: sourceRanges,
      mesh: props.mesh,
      acceptMeshTraffic,
    });

    this.release = new Release(this, 'release', {
      provider: helm,
      name,
      namespace,
      repository: KONG_CHART.repository,
      chart: KONG_CHART.chart,
      version: props.chartVersion ?? KONG_CHART.version,
      createNamespace: false,
      ...RELEASE_SAFETY,
      values: [renderValues(mergeValues(values, props.extraValues))],
    });

    if (acceptMeshTraffic) {
      this.meshServiceName = kongMeshServiceName(name);
      new ServiceV1(this, 'mesh-service', {
        provider: kubernetes,
        metadata: {
          name: this.meshServiceName,
          namespace,
          labels: { 'app.kubernetes.io/name': 'kong', 'app.kubernetes.io/instance': name },
        },
        spec: {
          type: 'ClusterIP',
          selector: kongGatewaySelector(name),
          // TLS passes through the mesh untouched: Kuma must treat it as TCP, not HTTP.
          port: [{ name: 'tls', port: 443, targetPort: String(KONG_MESH_TLS_PORT), protocol: 'TCP', appProtocol: 'tcp' }],
        },
        dependsOn: [this.release],
      });
    }
  }

  /** True when the default certificate's DNS names cover `host` (always true when they are unknown). */
  public covers(host: string): boolean {
    return this.certificateDnsNames.length === 0 || coveredBy(host, this.certificateDnsNames);
  }
}

/**
 * The proxy Service name `<name>-proxy`, set through the chart's declared `proxy.nameOverride`
 * so it never depends on the chart's fullname rules (`<release>-kong-proxy`). The chart's
 * template also reads an undeclared `fullnameOverride`, but chart 3.4.1's values.yaml does not
 * list it, so it is not used.
 */
export function kongProxyServiceName(gatewayName: string): string {
  return `${gatewayName}-proxy`;
}

/**
 * Longest gateway name: it is the Helm release name, and the chart's proxy Service
 * `<name>-proxy` must still be a DNS-1123 label (63 characters); Helm caps release names at 53.
 */
export const KONG_GATEWAY_NAME_MAX_LENGTH = 53;

/** Fewest proxy replicas (and the default): 2, so the PodDisruptionBudget lets a node drain; 1 when ephemeral. */
export function minimumGatewayReplicas(ephemeral: boolean | undefined): number {
  return ephemeral ? 1 : 2;
}

/**
 * Labels that select exactly the gateway's Kong pods: the chart's own selector labels
 * (Kong/charts@kong-3.4.1: charts/kong/templates/_helpers.tpl#kong.selectorLabels).
 */
export function kongGatewaySelector(gatewayName: string): { [key: string]: string } {
  return { 'app.kubernetes.io/name': 'kong', 'app.kubernetes.io/component': 'app', 'app.kubernetes.io/instance': gatewayName };
}

/** The mesh-facing Service name of a gateway that accepts mesh traffic. */
export function kongMeshServiceName(gatewayName: string): string {
  return `${gatewayName}-mesh`;
}

/** The Kong chart values of a gateway. Every key exists in the chart's values.yaml (3.4.1). */
export function kongGatewayValues(input: KongGatewayValuesInput): HelmValues {
  const podAnnotations: { [key: string]: string | null } = {
    // Belt and braces: the controller reaches the admin API on localhost, which the
    // sidecar does not intercept; should it ever use the pod IP, it must not enter the mesh.
    [KUMA_EXCLUDE_OUTBOUND_PORTS]: String(KONG_ADMIN_TLS_PORT),
  };
  const env: { [key: string]: unknown } = {
    database: 'off',
  };
  if (input.acceptMeshTraffic) {
    // A regular mesh workload: the sidecar handles 9443 (mTLS from other zones); the public
    // listeners, the admission webhook and the probes bypass it as on a delegated gateway.
    // The key must be ABSENT, not "disabled": Kuma skips a MeshService for any Service whose
    // pods carry the key at all, whatever its value (kumahq/kuma@v2.14.3:
    // pkg/plugins/runtime/k8s/controllers/meshservice_controller.go#isServiceForGateway), and the
    // chart's own default podAnnotations set it to "enabled" (Kong/charts@kong-3.4.1:
    // charts/kong/values.yaml#podAnnotations). A null deletes a default key when Helm merges
    // values (helm/helm@v3.18.4:pkg/chartutil/coalesce.go#coalesceValues).
    podAnnotations[KUMA_GATEWAY_ANNOTATION] = null;
    podAnnotations[KUMA_EXCLUDE_INBOUND_PORTS] = [KONG_PROXY_HTTP_PORT, KONG_PROXY_TLS_PORT, KONG_STATUS_PORT, ...CONTROLLER_INBOUND_PORTS].join(',');
    env.proxy_listen = [
      `0.0.0.0:${KONG_PROXY_HTTP_PORT}`,
      `0.0.0.0:${KONG_PROXY_TLS_PORT} http2 ssl`,
      `0.0.0.0:${KONG_MESH_TLS_PORT} http2 ssl`,
    ].join(', ');
  } else {
    podAnnotations[KUMA_GATEWAY_ANNOTATION] = 'enabled';
  }
  const podLabels: { [key: string]: string } = input.mesh ? { 'kuma.io/mesh': input.mesh } : {};

  const proxy: HelmValues = {
    enabled: true,
    type: 'LoadBalancer',
    nameOverride: kongProxyServiceName(input.name),
    loadBalancerIP: input.proxyAddress.address,
    annotations: { ...input.proxyAddress.serviceAnnotations },
    http: { enabled: true },
    tls: { enabled: true },
  };
  if (input.loadBalancerSourceRanges.length > 0) proxy.loadBalancerSourceRanges = [...input.loadBalancerSourceRanges];

  return {
    deployment: { kong: { enabled: true } },
    env,
    // Never a Service for the admin API: the controller in the same pod uses localhost.
    admin: { enabled: false, type: 'ClusterIP', ingress: { enabled: false } },
    // Nor one for Kong Manager: the chart's default is a NodePort Service (manager.enabled,
    // type NodePort, Kong/charts@kong-3.4.1:charts/kong/values.yaml) that opens 8002/8445 on
    // every node, serves nothing without the admin API, and would be one more Service Kuma
    // derives the gateway's tags from.
    manager: { enabled: false },
    proxy,
    ingressController: {
      enabled: true,
      ingressClass: input.ingressClassName,
      createIngressClass: true,
      resources: input.ephemeral
        ? { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '256Mi' } }
        : { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    },
    replicaCount: input.replicas,
    podDisruptionBudget: input.ephemeral ? { enabled: false } : { enabled: true, maxUnavailable: 1 },
    resources: input.ephemeral
      ? { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } }
      : { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } },
    podAnnotations,
    podLabels,
    // Non-root is enforced per container (the chart's pod securityContext only carries seccomp).
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    containerSecurityContext: {
      enabled: true,
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}
