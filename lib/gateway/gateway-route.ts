/**
 * Publishes an API on a Kong gateway under a host name and path (stage "mesh").
 *
 * Every route is an Ingress of the gateway's class in the gateway's namespace, also for a
 * local backend: Ingress TLS secrets are namespace-local, and the gateway's wildcard
 * certificate lives in the gateway's namespace. The backend is an ExternalName Service
 * there, naming the backend by DNS:
 * - a local service: `<service>.<namespace>.svc.cluster.local`, i.e. the Service IP, which
 *   the gateway's sidecar routes through the mesh (the "service upstream" of Kuma's
 *   delegated gateway guide);
 * - another zone: the virtual host name a HostnameGenerator gives the remote gateway.
 *   Kong originates TLS (`konghq.com/protocol: https`) with Host = SNI = `tlsHost`:
 *   `konghq.com/host-header` sets the Kong upstream's `host_header`, which Kong sends as
 *   the Host and as the upstream TLS server name (Kong/kong#2457 derives the SNI from the
 *   upstream host; Kong/kong#9920: `host_header` "sets both the SNI field and the host
 *   header"), with `konghq.com/preserve-host: "false"` so the client's Host does not win.
 *   KongUpstreamPolicy (CRD in chart 3.4.1) has no SNI field, so no policy is needed, and
 *   the remote gateway routes and terminates TLS with its own certificate while the mesh
 *   carries the bytes inside mTLS.
 */
import { Construct } from 'constructs';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import {
  ValidationError,
  assertDns1123Label,
  assertDns1123Subdomain,
  assertIntegerInRange,
  isUnresolved,
} from '../private/validation';
import { coveredBy } from '../private/coverage';
import { IKongGateway } from './kong-gateway';
import { KongPlugin } from './kong-plugin';

/** A Kubernetes Service in the gateway's cluster. */
export interface LocalServiceBackendOptions {
  readonly serviceName: string;
  readonly namespace: string;
  /** Service port. */
  readonly port: number;
}

/** A gateway (or service) in another zone, through the mesh. */
export interface CrossZoneBackendOptions {
  /** Virtual host name of the remote Service, e.g. `gateway-mesh.kong.svc.gcp.mesh.local`. */
  readonly virtualHostname: string;
  /** Port of the virtual host, e.g. 443. */
  readonly port: number;
  /** Host header and TLS SNI sent to the remote gateway: a host its route and certificate serve. */
  readonly tlsHost: string;
}

/** A service in the mesh addressed by a `.mesh.local` host name, e.g. a MeshMultiZoneService. */
export interface MeshServiceBackendOptions {
  /** Mesh host name, e.g. `catalog.mzsvc.mesh.local` (a HostnameGenerator gives it). */
  readonly hostname: string;
  /** Port of the mesh service, e.g. 8080. */
  readonly port: number;
}

/** What kind of backend a route has. */
export enum RouteBackendKind {
  /** A Service in the gateway's cluster, plain HTTP through the gateway's sidecar. */
  LOCAL_SERVICE = 'local-service',
  /** A Service or gateway in another zone, TLS originated by Kong, carried by the mesh. */
  CROSS_ZONE = 'cross-zone',
  /**
   * A mesh service by its `.mesh.local` name, plain HTTP through the gateway's sidecar, which
   * picks the endpoints (for a MeshMultiZoneService: local zone first, then failover).
   */
  MESH_SERVICE = 'mesh-service',
}

/** Where a route sends requests. */
export class RouteBackend {
  /** A Service in the gateway's cluster. */
  public static localService(options: LocalServiceBackendOptions): RouteBackend {
    const field = 'RouteBackend.localService';
    assertDns1123Label(options.serviceName, `${field}.serviceName`, 'Service name');
    assertDns1123Label(options.namespace, `${field}.namespace`, 'namespace');
    assertIntegerInRange(options.port, `${field}.port`, 1, 65535);
    return new RouteBackend(RouteBackendKind.LOCAL_SERVICE, `${options.serviceName}.${options.namespace}.svc.cluster.local`, options.port);
  }

  /**
   * A Service or gateway in another zone, addressed by its mesh virtual host name over TLS.
   * The MeshTrafficPermission that lets this gateway call it is not created here: the
   * topology layer owns permissions.
   */
  public static crossZone(options: CrossZoneBackendOptions): RouteBackend {
    const field = 'RouteBackend.crossZone';
    assertDns1123Subdomain(options.virtualHostname, `${field}.virtualHostname`);
    assertIntegerInRange(options.port, `${field}.port`, 1, 65535);
    assertDns1123Subdomain(options.tlsHost, `${field}.tlsHost`);
    return new RouteBackend(RouteBackendKind.CROSS_ZONE, options.virtualHostname, options.port, options.tlsHost);
  }

  /**
   * A service in the mesh by its mesh host name, e.g. the MeshMultiZoneService of an API that
   * runs in several zones: the sidecar resolves the name to the service's virtual IP and
   * load-balances over its endpoints as the MeshLoadBalancingStrategy for it says.
   */
  public static meshService(options: MeshServiceBackendOptions): RouteBackend {
    const field = 'RouteBackend.meshService';
    assertDns1123Subdomain(options.hostname, `${field}.hostname`);
    assertIntegerInRange(options.port, `${field}.port`, 1, 65535);
    return new RouteBackend(RouteBackendKind.MESH_SERVICE, options.hostname, options.port);
  }

  private constructor(
    /** Local service, cross-zone or mesh service. */
    public readonly kind: RouteBackendKind,
    /** DNS name the ExternalName Service points at. */
    public readonly externalName: string,
    /** Port Kong connects to. */
    public readonly port: number,
    /** Host and SNI for TLS origination; undefined for plain HTTP to a local service. */
    public readonly tlsHost?: string,
  ) {}
}

/** Props of {@link GatewayRoute}. */
export interface GatewayRouteProps {
  /** Gateway publishing the route. */
  readonly gateway: IKongGateway;
  /** Public host name, e.g. `catalog.acme.example`. */
  readonly host: string;
  /**
   * Path prefix.
   * @default "/"
   */
  readonly path?: string;
  /** Where requests go. */
  readonly backend: RouteBackend;
  /**
   * TLS secret in the gateway's namespace serving `host`.
   * @default the gateway's default certificate
   */
  readonly tlsSecretName?: string;
  /**
   * Kong plugins on this route.
   * @default none
   */
  readonly plugins?: KongPlugin[];
  /**
   * Name of the Ingress and Service.
   * @default derived from host and path, e.g. `catalog-acme-example`
   */
  readonly name?: string;
}

/** A host + path on a Kong gateway, routed to a local or cross-zone backend. */
export class GatewayRoute extends Construct {
  /** Name of the Ingress, the Service and the plugins' prefix. */
  public readonly routeName: string;
  public readonly host: string;
  public readonly path: string;
  public readonly gateway: IKongGateway;
  public readonly backend: RouteBackend;
  /** Local service or cross-zone. */
  public readonly backendKind: RouteBackendKind;
  public readonly tlsSecretName: string;
  public readonly ingress: IngressV1;
  public readonly service: ServiceV1;
  /** Names of the KongPlugin resources, in order. */
  public readonly pluginNames: string[];

  constructor(scope: Construct, id: string, props: GatewayRouteProps) {
    super(scope, id);
    const path = this.node.path;
    const gateway = props.gateway;
    assertDns1123Subdomain(props.host, `${path}.host`);
    const routePath = props.path ?? '/';
    if (!isUnresolved(routePath) && (!routePath.startsWith('/') || /\s/.test(routePath))) {
      throw new ValidationError(`${path}.path`, routePath, 'must be a path prefix starting with "/", e.g. "/v1"');
    }
    const tlsSecretName = props.tlsSecretName ?? gateway.defaultCertificateSecretName;
    if (tlsSecretName === undefined) {
      throw new ValidationError(
        `${path}.tlsSecretName`,
        tlsSecretName,
        `is required: gateway "${gateway.gatewayName}" has no default certificate; attach one (KongGateway defaultCertificateSecretName) or name a TLS secret in namespace "${gateway.namespace}"`,
      );
    }
    assertDns1123Subdomain(tlsSecretName, `${path}.tlsSecretName`);
    if (props.tlsSecretName === undefined && !isUnresolved(props.host) && gateway.certificateDnsNames.length > 0) {
      const covered = gateway.certificateDnsNames.some((dnsName) => dnsNameCoversHost(dnsName, props.host));
      if (!covered) {
        throw new ValidationError(
          `${path}.host`,
          props.host,
          `is not covered by the certificate of gateway "${gateway.gatewayName}" (${gateway.certificateDnsNames.join(', ')}); use a host under one of those names or give the route its own tlsSecretName`,
        );
      }
    }
    const routeName = props.name ?? routeNameFor(props.host, routePath);
    assertDns1123Label(routeName, `${path}.name`, 'Ingress and Service name');

    this.routeName = routeName;
    this.host = props.host;
    this.path = routePath;
    this.gateway = gateway;
    this.backend = props.backend;
    this.backendKind = props.backend.kind;
    this.tlsSecretName = tlsSecretName;

    const { kubernetes } = gateway.connection.providers(this);
    const plugins = props.plugins ?? [];
    this.pluginNames = plugins.map((plugin, index) => pluginResourceName(routeName, plugin.pluginName, index, plugins));
    const pluginResources = plugins.map(
      (plugin, index) =>
        new Manifest(this, `plugin-${index}`, {
          provider: kubernetes,
          manifest: plugin.toManifest(this.pluginNames[index], gateway.namespace) as unknown as { [key: string]: unknown },
        }),
    );

    this.service = new ServiceV1(this, 'backend', {
      provider: kubernetes,
      metadata: {
        name: routeName,
        namespace: gateway.namespace,
        annotations: backendServiceAnnotations(props.backend),
      },
      spec: {
        type: 'ExternalName',
        externalName: props.backend.externalName,
        port: [{ name: props.backend.tlsHost ? 'https' : 'http', port: props.backend.port, protocol: 'TCP' }],
      },
    });

    this.ingress = new IngressV1(this, 'ingress', {
      provider: kubernetes,
      metadata: {
        name: routeName,
        namespace: gateway.namespace,
        annotations: ingressAnnotations(props.backend, this.pluginNames),
      },
      spec: {
        ingressClassName: gateway.ingressClassName,
        rule: [
          {
            host: props.host,
            http: {
              path: [
                {
                  path: routePath,
                  pathType: 'Prefix',
                  backend: { service: { name: routeName, port: { number: props.backend.port } } },
                },
              ],
            },
          },
        ],
        tls: [{ hosts: [props.host], secretName: tlsSecretName }],
      },
      // The controller publishes a route whose KongPlugin does not exist yet WITHOUT that
      // plugin (Kong/kubernetes-ingress-controller@v3.5.9:
      // internal/dataplane/kongstate/kongstate.go#buildPlugins skips it), so the Ingress is
      // created after its plugins and destroyed before them: never a window without them.
      dependsOn: [this.service, ...pluginResources],
    });
  }
}

/** Annotations of the backend Service: TLS origination with Host and SNI for cross-zone backends. */
export function backendServiceAnnotations(backend: RouteBackend): { [key: string]: string } {
  if (!backend.tlsHost) return { 'konghq.com/protocol': 'http' };
  return { 'konghq.com/protocol': 'https', 'konghq.com/host-header': backend.tlsHost };
}

/** Annotations of a route's Ingress. */
export function ingressAnnotations(backend: RouteBackend, pluginNames: string[]): { [key: string]: string } {
  const annotations: { [key: string]: string } = {
    // HTTPS only; plain HTTP gets a permanent redirect rather than a 426.
    'konghq.com/protocols': 'https',
    'konghq.com/https-redirect-status-code': '301',
    'konghq.com/strip-path': 'false',
  };
  // KIC preserves the client's Host by default, which would win over the Service's host-header.
  if (backend.tlsHost) annotations['konghq.com/preserve-host'] = 'false';
  if (pluginNames.length > 0) annotations['konghq.com/plugins'] = pluginNames.join(',');
  return annotations;
}

/** A DNS-1123 label for a route: host with dots as dashes, then the path, at most 63 characters. */
export function routeNameFor(host: string, routePath: string): string {
  const base = `${host}${routePath === '/' ? '' : routePath}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= 63) return base;
  // Keep names unique when trimmed: a short hash of the whole name at the end.
  return `${base.slice(0, 56).replace(/-+$/, '')}-${shortHash(base)}`;
}

function pluginResourceName(routeName: string, pluginName: string, index: number, all: KongPlugin[]): string {
  const repeated = all.filter((plugin) => plugin.pluginName === pluginName).length > 1;
  const suffix = repeated ? `${pluginName}-${index}` : pluginName;
  const name = `${routeName}-${suffix}`;
  return name.length <= 63 ? name : `${name.slice(0, 56).replace(/-+$/, '')}-${shortHash(name)}`;
}

function dnsNameCoversHost(dnsName: string, host: string): boolean {
  if (isUnresolved(dnsName)) return true;
  return coveredBy(host, [dnsName]);
}

function shortHash(text: string): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(36).padStart(6, '0').slice(-6);
}
