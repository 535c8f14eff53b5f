/**
 * Model of a `MeshMultiZoneService` (kuma.io_meshmultizoneservices.yaml, v1alpha1).
 */
import { KumaResource } from '../kuma-resource';
import { meshLabels } from './target-ref';

/** One port of a MeshMultiZoneService. */
export interface MultiZoneServicePortModel {
  readonly port: number;
  readonly appProtocol?: string;
  readonly name?: string;
}

/** The MeshMultiZoneService spec (`ports` and `selector.meshService` are required by the CRD). */
export interface MeshMultiZoneServiceSpec {
  readonly selector: { readonly meshService: { readonly matchLabels: { [key: string]: string } } };
  readonly ports: MultiZoneServicePortModel[];
}

/** Inputs of {@link renderMeshMultiZoneService}. */
export interface MeshMultiZoneServiceModel {
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
  readonly matchLabels: { [key: string]: string };
  readonly ports: MultiZoneServicePortModel[];
}

/** A service that groups the MeshServices selected by `matchLabels` across zones. */
export function renderMeshMultiZoneService(model: MeshMultiZoneServiceModel): KumaResource {
  const spec: MeshMultiZoneServiceSpec = {
    selector: { meshService: { matchLabels: { ...model.matchLabels } } },
    ports: model.ports.map((port) => ({
      port: port.port,
      // Explicit: the CRD defaults it to tcp, but a Universal global (kumactl) applies no CRD
      // default and its validator refuses an empty protocol
      // (kumahq/kuma@v2.14.3:pkg/core/resources/apis/meshmultizoneservice/api/v1alpha1/validator.go#validate).
      appProtocol: port.appProtocol ?? 'tcp',
      ...(port.name !== undefined ? { name: port.name } : {}),
    })),
  };
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'MeshMultiZoneService',
    metadata: { name: model.name, namespace: model.namespace, labels: meshLabels(model.mesh) },
    spec: spec as unknown as { [key: string]: unknown },
  };
}
