/**
 * An HTTP API running as a mesh workload: a Deployment and a ClusterIP Service in a
 * namespace with sidecar injection. The reference scenario's `catalog` API is one.
 */
import { Construct } from 'constructs';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { IClusterConnection } from '../clusters/cluster-connection';
import { assertDns1123Label, assertIntegerInRange, assertNonEmpty } from '../private/validation';
import { sidecarTokenAnnotations, sidecarTokenVolume } from './_sidecar-token';

/**
 * Default image: a tiny HTTP echo server that runs as non-root and answers on any path,
 * pinned by digest so every node runs the same bytes (Checkov CKV_K8S_43).
 */
export const DEFAULT_API_IMAGE =
  'docker.io/hashicorp/http-echo:1.0@sha256:fcb75f691c8b0414d670ae570240cbf95502cc18a9ba57e982ecac589760a186';

export interface MeshedApiProps {
  /** Cluster the API runs in. */
  readonly connection: IClusterConnection;
  /** API name: the Deployment, Service and MeshService name. */
  readonly name: string;
  /** Namespace; it must already exist with sidecar injection enabled (see `MeshNamespace`). */
  readonly namespace: string;
  /**
   * Container image.
   * @default DEFAULT_API_IMAGE, an echo server answering `<name> in <zone>`
   */
  readonly image?: string;
  /**
   * Port the container listens on and the Service exposes.
   * @default 8080
   */
  readonly port?: number;
  /**
   * Pod replicas.
   * @default 2, or 1 in ephemeral mode
   */
  readonly replicas?: number;
  /**
   * Zone the API runs in; only used in the default echo reply, so that a caller can
   * see which zone answered.
   * @default no zone in the reply
   */
  readonly zoneName?: string;
  /**
   * Smaller footprint for short-lived environments.
   * @default false
   */
  readonly ephemeral?: boolean;
}

export class MeshedApi extends Construct {
  /** The Kubernetes Service name (also the MeshService name in this zone). */
  public readonly serviceName: string;
  public readonly namespace: string;
  public readonly port: number;

  constructor(scope: Construct, id: string, props: MeshedApiProps) {
    super(scope, id);
    const path = this.node.path;
    assertDns1123Label(props.name, `${path}.name`, 'Service name');
    assertDns1123Label(props.namespace, `${path}.namespace`, 'namespace');
    assertIntegerInRange(props.port, `${path}.port`, 1, 65535);
    assertIntegerInRange(props.replicas, `${path}.replicas`, 1, 100);
    if (props.image !== undefined) assertNonEmpty(props.image, `${path}.image`, DEFAULT_API_IMAGE);

    this.serviceName = props.name;
    this.namespace = props.namespace;
    this.port = props.port ?? 8080;
    const image = props.image ?? DEFAULT_API_IMAGE;
    const replicas = props.replicas ?? (props.ephemeral ? 1 : 2);
    const provider = props.connection.providers(this).kubernetes;
    const labels = { ...meshedApiSelector(props.name), 'app.kubernetes.io/part-of': 'cross-cloud-mesh' };
    const answer = meshedApiAnswer(props.name, props.zoneName, props.image);
    const args = answer !== undefined ? [`-listen=:${this.port}`, `-text=${answer}`] : undefined;

    new DeploymentV1(this, 'deployment', {
      provider,
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        replicas: String(replicas),
        selector: { matchLabels: meshedApiSelector(props.name) },
        template: {
          metadata: { labels, annotations: sidecarTokenAnnotations() },
          spec: {
            // The application gets no API token; the sidecar gets its own (see _sidecar-token.ts).
            automountServiceAccountToken: false,
            volume: [sidecarTokenVolume()],
            securityContext: { runAsNonRoot: true, runAsUser: '65532', seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: 'api',
                image,
                // Checkov CKV_K8S_15: every start re-checks the registry (and its pull secrets).
                imagePullPolicy: 'Always',
                args,
                port: [{ name: 'http', containerPort: this.port }],
                readinessProbe: { httpGet: { path: '/', port: String(this.port) } },
                // Checkov CKV_K8S_8: a hung server is restarted.
                livenessProbe: { httpGet: { path: '/', port: String(this.port) }, periodSeconds: 20, failureThreshold: 3 },
                // Checkov CKV_K8S_11 and CKV_K8S_12: bounded CPU and memory.
                resources: {
                  requests: { cpu: '50m', memory: '32Mi' },
                  limits: { cpu: '500m', memory: '128Mi' },
                },
                // Non-root, no privilege escalation, read-only root, no capabilities: the
                // restricted Pod Security Standard.
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
              },
            ],
          },
        },
      },
    });

    new ServiceV1(this, 'service', {
      provider,
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector: meshedApiSelector(props.name),
        // appProtocol tells Kuma to treat the port as HTTP (L7 metrics, retries, routes).
        port: [{ name: 'http', port: this.port, targetPort: String(this.port), appProtocol: 'http' }],
      },
    });
  }
}

/**
 * The body the default image answers with (`<name> in <zone>`), which tells a caller which
 * zone's copy served it; undefined for any other image.
 */
export function meshedApiAnswer(name: string, zoneName?: string, image?: string): string | undefined {
  if ((image ?? DEFAULT_API_IMAGE) !== DEFAULT_API_IMAGE) return undefined;
  return `${name}${zoneName ? ` in ${zoneName}` : ''}`;
}

/**
 * Labels that select exactly an API's pods: its Deployment's and Service's selector, and
 * so what a MeshTrafficPermission names it by (every pod label is a tag of its Dataplane).
 */
export function meshedApiSelector(apiName: string): { [key: string]: string } {
  return { 'app.kubernetes.io/name': apiName };
}
