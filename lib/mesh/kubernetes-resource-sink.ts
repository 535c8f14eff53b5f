/**
 * Delivers Kuma resources to a Kubernetes-mode global as custom resources (`kubernetes_manifest`).
 */
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { IClusterConnection } from '../clusters/cluster-connection';
import { IKumaResourceSink, KumaResource } from './kuma-resource';

/**
 * Kuma kinds whose CRD has `scope: Cluster` (kuma/crds/*.yaml, v2.14.3); every other
 * Kuma kind is namespaced and goes to the system namespace.
 */
export const CLUSTER_SCOPED_KUMA_KINDS: readonly string[] = [
  'CircuitBreaker', 'ExternalService', 'FaultInjection', 'HealthCheck', 'Mesh', 'MeshGatewayConfig',
  'MeshGatewayRoute', 'MeshGateway', 'MeshInsight', 'ProxyTemplate', 'RateLimit', 'Retry', 'ServiceInsight',
  'Timeout', 'TrafficLog', 'TrafficPermission', 'TrafficRoute', 'TrafficTrace', 'VirtualOutbound', 'ZoneInsight', 'Zone',
];

/**
 * The manifest of `resource` as the Kubernetes API expects it: namespaced kinds in
 * `systemNamespace` (resources on a global must live in the system namespace),
 * cluster-scoped kinds without a namespace.
 */
export function toKubernetesManifest(resource: KumaResource, systemNamespace: string): { [key: string]: unknown } {
  const clusterScoped = CLUSTER_SCOPED_KUMA_KINDS.includes(resource.kind);
  const { namespace: _ignored, ...metadata } = resource.metadata;
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    metadata: clusterScoped ? metadata : { ...metadata, namespace: systemNamespace },
    ...(resource.mesh !== undefined ? { mesh: resource.mesh } : {}),
    ...(resource.spec !== undefined ? { spec: resource.spec } : {}),
  };
}

/** Plans Kuma resources as `kubernetes_manifest` resources on the global's cluster. */
export class KubernetesResourceSink implements IKumaResourceSink {
  constructor(
    private readonly connection: IClusterConnection,
    private readonly systemNamespace: string,
  ) {}

  public apply(scope: Construct, id: string, resource: KumaResource): void {
    new Manifest(scope, id, {
      provider: this.connection.providers(scope).kubernetes,
      manifest: toKubernetesManifest(resource, this.systemNamespace),
    });
  }
}
