/**
 * A topology with every default resolved and every derived name computed: the one
 * place both the stacks (`CrossCloudMesh`) and the picture (`renderTopologyDiagram`)
 * read from, so the diagram cannot show something the stacks do not build.
 */
import { Cloud } from '../core/cloud';
import { PlannedFailover } from './_plan-failover';

export type { PlannedFailover } from './_plan-failover';

export interface PlannedCluster {
  readonly name: string;
  readonly cloud: Cloud;
  readonly region: string;
  /** True when the cluster exists already and the topology only deploys onto it. */
  readonly existing: boolean;
}

export interface PlannedGlobalControlPlane {
  /** `dedicated-cluster`, `universal-postgres` or `external`. */
  readonly placement: string;
  /** Cluster hosting it; undefined for an external global. */
  readonly cluster?: string;
  /** KDS address as the zones see it (host part may be a placeholder until deploy). */
  readonly kdsAddressLabel: string;
}

export interface PlannedZone {
  readonly name: string;
  readonly cluster: string;
  readonly cloud: Cloud;
}

export interface PlannedApi {
  readonly name: string;
  readonly namespace: string;
  readonly zones: string[];
  readonly port: number;
  /** Labels of its pods (its Service's selector): how permissions select it and name it as a caller. */
  readonly podLabels: { [key: string]: string };
  /** Cross-zone failover, when it runs in several zones. */
  readonly failover?: PlannedFailover;
}

export interface PlannedGateway {
  readonly name: string;
  readonly zone: string;
  readonly cluster: string;
  readonly namespace: string;
  /** Kubernetes Service of the Kong proxy (public, LoadBalancer). */
  readonly proxyServiceName: string;
  /**
   * Whether other zones' gateways forward to this one: it then runs as a regular mesh
   * workload with a TLS listener behind its sidecar, published as `meshServiceName`
   * (a delegated gateway has no inbound in the mesh, so nothing could reach it).
   */
  readonly acceptsMeshTraffic: boolean;
  /** The Service other zones reach through the mesh (`<name>-mesh`). */
  readonly meshServiceName: string;
  /** DNS names of its wildcard certificate, e.g. `*.acme.example`, `acme.example`. */
  readonly certificateDnsNames: string[];
  /** Virtual host name other zones use to reach this gateway through the mesh. */
  readonly meshHostname: string;
  /** Labels of its Kong pods, as the Kong chart sets them: how permissions select it and name it as a caller. */
  readonly podLabels: { [key: string]: string };
}

export interface PlannedRoute {
  readonly gateway: string;
  readonly host: string;
  readonly path: string;
  /** The API served, for a local route. */
  readonly api?: string;
  /** The gateway in another zone the request is forwarded to, for a cross-zone route. */
  readonly remoteGateway?: string;
  /** Host and SNI used towards the remote gateway (a host its route and certificate cover). */
  readonly remoteHost?: string;
}

export interface TopologyPlan {
  readonly environment: string;
  readonly ephemeral: boolean;
  readonly meshName: string;
  readonly distribution: string;
  readonly dnsZone: string;
  readonly issuer: string;
  readonly clusters: PlannedCluster[];
  readonly global: PlannedGlobalControlPlane;
  readonly zones: PlannedZone[];
  readonly apis: PlannedApi[];
  readonly gateways: PlannedGateway[];
  readonly routes: PlannedRoute[];
}
