/**
 * A `MeshMultiZoneService` (kuma.io_meshmultizoneservices.yaml v1alpha1): one service name for
 * the MeshServices of several zones, selected by labels (e.g. `k8s.kuma.io/service-name` and
 * `k8s.kuma.io/namespace`; not `kuma.io/display-name`, which only synced copies carry).
 */
import { Construct } from 'constructs';
import { assertDns1123Label, assertIntegerInRange, isUnresolved, ValidationError } from '../private/validation';
import { IGlobalControlPlane } from './control-plane';
import { renderMeshMultiZoneService } from './models/mesh-multi-zone-service';

/** A port of a {@link MeshMultiZoneService}. */
export interface MultiZoneServicePort {
  /** Port number. */
  readonly port: number;
  /**
   * Application protocol (`http`, `http2`, `grpc`, `tcp`).
   * @default "tcp", written out (a Universal global applies no CRD default)
   */
  readonly appProtocol?: string;
}

/** Properties of a {@link MeshMultiZoneService}. */
export interface MeshMultiZoneServiceProps {
  /** Global control plane the resource is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /**
   * Mesh.
   * @default "default"
   */
  readonly mesh?: string;
  /** Name (RFC 1035 label). */
  readonly name: string;
  /**
   * Labels of the MeshServices to group, in every zone, e.g.
   * `{ 'k8s.kuma.io/service-name': 'catalog', 'k8s.kuma.io/namespace': 'catalog' }`. Each zone
   * matches them against its own MeshServices' labels and those synced from other zones
   * (kumahq/kuma@v2.14.3:pkg/core/resources/apis/meshmultizoneservice/status_updater.go#matchesService,
   * run by every zone control plane: pkg/insights/components.go#Setup). `kuma.io/display-name`
   * is only on synced copies, so it would leave out the zone's own MeshService.
   */
  readonly matchLabels: { [key: string]: string };
  /** Ports (at least one). */
  readonly ports: MultiZoneServicePort[];
}

const APP_PROTOCOLS = ['tcp', 'http', 'http2', 'grpc'];

/** A service that runs in several zones. */
export class MeshMultiZoneService extends Construct {
  /** Name of the MeshMultiZoneService. */
  public readonly serviceName: string;
  /** Mesh it belongs to. */
  public readonly mesh: string;

  constructor(scope: Construct, id: string, props: MeshMultiZoneServiceProps) {
    super(scope, id);
    const path = this.node.path;
    this.serviceName = props.name;
    this.mesh = props.mesh ?? 'default';
    if (!isUnresolved(props.name)) assertDns1123Label(props.name, `${path}.name`, 'service name');
    if (Object.keys(props.matchLabels).length === 0) {
      throw new ValidationError(`${path}.matchLabels`, props.matchLabels, 'must select MeshServices by at least one label, e.g. { "k8s.kuma.io/service-name": "catalog", "k8s.kuma.io/namespace": "catalog" } (not kuma.io/display-name: only the copies synced from other zones carry it)');
    }
    if (props.ports.length === 0) throw new ValidationError(`${path}.ports`, props.ports, 'must list at least one port');
    props.ports.forEach((port, index) => {
      assertIntegerInRange(port.port, `${path}.ports[${index}].port`, 1, 65535);
      if (port.appProtocol !== undefined && !APP_PROTOCOLS.includes(port.appProtocol)) {
        throw new ValidationError(`${path}.ports[${index}].appProtocol`, port.appProtocol, `must be one of ${APP_PROTOCOLS.join(', ')}`);
      }
    });
    props.globalControlPlane.resources.apply(
      this,
      'resource',
      renderMeshMultiZoneService({
        name: props.name,
        namespace: props.globalControlPlane.systemNamespace,
        mesh: this.mesh,
        matchLabels: props.matchLabels,
        ports: props.ports,
      }),
    );
  }
}
