/**
 * A `MeshTrafficPermission` (kuma.io_meshtrafficpermissions.yaml v1alpha1): explicit allow
 * rules from named sources to one named target. The Mesh skips Kuma's default allow-all
 * policy, so anything not allowed here is denied. Allow-all exists only as the explicitly
 * named {@link MeshTrafficPermission.allowAllInsecure}.
 *
 * How Kuma 2.14 selects the target and matches each source is in
 * `models/mesh-traffic-permission.ts`: give `podLabels` so both follow the pods, which is
 * what Kuma's matcher and certificates see.
 */
import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { assertDns1123Label, isUnresolved, ValidationError } from '../private/validation';
import { IGlobalControlPlane } from './control-plane';
import { KumaResource } from './kuma-resource';
import { renderAllowAllTrafficPermission, renderMeshTrafficPermission } from './models/mesh-traffic-permission';

/** A workload: a Kubernetes Service and the pods it selects. */
export interface ServiceReference {
  /** Service name (and the default policy name). */
  readonly name: string;
  /** Kubernetes namespace of the Service. */
  readonly namespace: string;
  /**
   * Zone the Service runs in.
   * @default any zone
   */
  readonly zone?: string;
  /**
   * Labels every pod of the workload carries, e.g. the Service's selector. The target is
   * then selected as `kind: Dataplane` by these labels (Kuma 2.14's recommended form), and a
   * caller is matched by them: they are tags of every inbound and of a delegated gateway,
   * whichever Service Kuma took its identity from. Keys containing `kuma.io/` are not
   * allowed: Kuma drops them from inbound tags.
   * @default the Service's inbound tag `k8s.kuma.io/service-name`: right for a regular
   * workload; a delegated gateway only carries it for the first Service (by name) selecting it
   */
  readonly podLabels?: { [key: string]: string };
}

/** Options of {@link MeshTrafficPermission.allowAllInsecure}. */
export interface AllowAllTrafficPermissionOptions {
  /** Global control plane the policy is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /**
   * Mesh.
   * @default "default"
   */
  readonly mesh?: string;
}

/** Properties of a {@link MeshTrafficPermission}. */
export interface MeshTrafficPermissionProps {
  /** Global control plane the policy is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /**
   * Mesh.
   * @default "default"
   */
  readonly mesh?: string;
  /**
   * Policy name (DNS-1123 label).
   * @default "<target name>-<target namespace>-allow"
   */
  readonly name?: string;
  /** The service being called. */
  readonly target: ServiceReference;
  /** The callers allowed to reach `target` (at least one). */
  readonly allowFrom: ServiceReference[];
}

/** Policy waiver id recorded on an allow-all permission (see the MESH_NO_ALLOW_ALL policy rule). */
export const ALLOW_ALL_WAIVER = 'MESH_NO_ALLOW_ALL';

/**
 * Set only while {@link MeshTrafficPermission.allowAllInsecure} constructs its policy, so that the
 * public constructor keeps one shape and cannot be talked into allow-all by its props.
 */
let allowAllRequest: { globalControlPlane: IGlobalControlPlane; resource: KumaResource } | undefined;
/** Placeholder reference for the allow-all policy's props (not rendered). */
const ALL: ServiceReference = { name: 'all', namespace: 'all' };

/** Lets named callers reach one service in the mesh. */
export class MeshTrafficPermission extends Construct {
  /**
   * Every workload of the mesh may call every other: Kuma's default, which this library does not
   * create. Recorded as a policy waiver so reports show it was chosen, not missed.
   */
  public static allowAllInsecure(scope: Construct, id: string, options: AllowAllTrafficPermissionOptions): MeshTrafficPermission {
    const mesh = options.mesh ?? 'default';
    const resource = renderAllowAllTrafficPermission({
      name: `allow-all-${mesh}`,
      namespace: options.globalControlPlane.systemNamespace,
      mesh,
    });
    allowAllRequest = { globalControlPlane: options.globalControlPlane, resource };
    try {
      return new MeshTrafficPermission(scope, id, { globalControlPlane: options.globalControlPlane, mesh, target: ALL, allowFrom: [ALL] });
    } finally {
      allowAllRequest = undefined;
    }
  }

  /** Name of the policy. */
  public readonly permissionName: string;

  constructor(scope: Construct, id: string, props: MeshTrafficPermissionProps) {
    super(scope, id);
    const allowAll = allowAllRequest;
    allowAllRequest = undefined;
    if (allowAll) {
      this.permissionName = allowAll.resource.metadata.name;
      allowAll.globalControlPlane.resources.apply(this, 'resource', allowAll.resource);
      for (const child of this.node.findAll()) {
        if (child instanceof TerraformResource) child.addOverride(`//.waivers.${ALLOW_ALL_WAIVER}`, 'allowAllInsecure');
      }
      return;
    }
    const path = this.node.path;
    const mesh = props.mesh ?? 'default';
    assertService(props.target, `${path}.target`);
    if (props.allowFrom.length === 0) {
      throw new ValidationError(`${path}.allowFrom`, props.allowFrom, 'must name at least one caller; use MeshTrafficPermission.allowAllInsecure to allow everyone');
    }
    props.allowFrom.forEach((source, index) => assertService(source, `${path}.allowFrom[${index}]`));
    this.permissionName = props.name ?? defaultPermissionName(props.target);
    if (!isUnresolved(this.permissionName)) assertDns1123Label(this.permissionName, `${path}.name`, 'policy name');

    props.globalControlPlane.resources.apply(
      this,
      'resource',
      renderMeshTrafficPermission({
        name: this.permissionName,
        namespace: props.globalControlPlane.systemNamespace,
        mesh,
        target: props.target,
        allowFrom: props.allowFrom,
      }),
    );
  }
}

/** `<name>-<namespace>-allow`, cut to a DNS-1123 label. */
export function defaultPermissionName(target: ServiceReference): string {
  return `${target.name}-${target.namespace}-allow`.slice(0, 63).replace(/-+$/, '');
}

/** Kubernetes label key: optional DNS-1123 subdomain prefix, then a name of up to 63 characters. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function assertService(service: ServiceReference, field: string): void {
  if (!isUnresolved(service.name)) assertDns1123Label(service.name, `${field}.name`, 'Service name');
  if (!isUnresolved(service.namespace)) assertDns1123Label(service.namespace, `${field}.namespace`, 'namespace');
  if (service.zone !== undefined && !isUnresolved(service.zone)) assertDns1123Label(service.zone, `${field}.zone`, 'zone name');
  for (const [key, value] of Object.entries(service.podLabels ?? {})) {
    if (isUnresolved(key) || isUnresolved(value)) continue;
    if (!LABEL_KEY.test(key)) throw new ValidationError(`${field}.podLabels`, key, 'must be a Kubernetes label key, e.g. "app.kubernetes.io/name"');
    // kumahq/kuma@v2.14.3:pkg/plugins/runtime/k8s/controllers/inbound_converter.go#InboundTagsForService
    if (key.includes('kuma.io/')) throw new ValidationError(`${field}.podLabels`, key, 'must not contain "kuma.io/": Kuma drops such pod labels from inbound tags, so no caller would carry it');
    if (value === '' || !LABEL_VALUE.test(value)) throw new ValidationError(`${field}.podLabels.${key}`, value, 'must be a non-empty Kubernetes label value (Kuma ignores empty pod labels)');
  }
}
