/**
 * A namespace whose pods join the mesh: Kuma injects a sidecar into every pod of a
 * namespace labelled `kuma.io/sidecar-injection: enabled`, and puts them in the mesh
 * named by `kuma.io/mesh` (the `default` mesh when absent). Kuma docs: "Data plane on
 * Kubernetes" (kuma.io/docs/2.13.x/production/dp-config/dpp-on-kubernetes/).
 */
import { Construct } from 'constructs';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { IClusterConnection } from '../clusters/cluster-connection';
import { ValidationError, assertDns1123Label } from '../private/validation';

export interface MeshNamespaceProps {
  /** The cluster (a zone of the mesh). */
  readonly connection: IClusterConnection;
  /** Namespace name (DNS-1123 label). */
  readonly name: string;
  /**
   * The mesh its pods join.
   * @default "default" (no `kuma.io/mesh` label)
   */
  readonly mesh?: string;
  /**
   * Extra labels (e.g. ownership). Cannot override the mesh labels.
   * @default none
   */
  readonly labels?: { [key: string]: string };
}

/** Namespaces the control plane owns: injecting sidecars there breaks the mesh itself. */
/** Namespaces MeshNamespace refuses: Kubernetes' and the control planes' own. */
export const RESERVED_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'kuma-system', 'kong-mesh-system'];

/** A `kubernetes_namespace_v1` with sidecar injection enabled. */
export class MeshNamespace extends Construct {
  /** The namespace name (a reference to the created namespace, so users depend on it). */
  public readonly name: string;
  /** The mesh its pods join. */
  public readonly mesh: string;
  public readonly resource: NamespaceV1;

  constructor(scope: Construct, id: string, props: MeshNamespaceProps) {
    super(scope, id);
    assertDns1123Label(props.name, `${this.node.path}.name`, 'namespace name');
    if (RESERVED_NAMESPACES.includes(props.name)) {
      throw new ValidationError(`${this.node.path}.name`, props.name, 'is a system namespace: sidecars must not be injected there; pick an application namespace, e.g. "catalog"');
    }
    const mesh = props.mesh ?? 'default';
    assertDns1123Label(mesh, `${this.node.path}.mesh`, 'mesh name');
    this.mesh = mesh;
    this.resource = new NamespaceV1(this, 'namespace', {
      provider: props.connection.providers(this).kubernetes,
      metadata: { name: props.name, labels: meshNamespaceLabels(mesh, props.labels) },
    });
    this.name = this.resource.metadata.name;
  }
}

/** Labels of a meshed namespace: the user's, then injection and (unless default) the mesh. */
export function meshNamespaceLabels(mesh: string, extra: { [key: string]: string } = {}): { [key: string]: string } {
  return {
    ...extra,
    'kuma.io/sidecar-injection': 'enabled',
    ...(mesh === 'default' ? {} : { 'kuma.io/mesh': mesh }),
  };
}
