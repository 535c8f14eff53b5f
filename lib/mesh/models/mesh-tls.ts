/**
 * Model of a `MeshTLS` policy (kuma.io_meshtlses.yaml, v1alpha1).
 */
import { KumaResource } from '../kuma-resource';
import { meshLabels, TargetRef } from './target-ref';

/** TLS versions the CRD accepts (`tlsVersion.min` / `max`). */
export type MeshTlsVersionName = 'TLSAuto' | 'TLS10' | 'TLS11' | 'TLS12' | 'TLS13';

/** The MeshTLS spec fields this library emits. */
export interface MeshTlsSpec {
  readonly targetRef: TargetRef;
  readonly rules: Array<{
    readonly default: {
      readonly mode: 'Strict' | 'Permissive';
      readonly tlsVersion: { readonly min: MeshTlsVersionName; readonly max?: MeshTlsVersionName };
    };
  }>;
}

/** Inputs of {@link renderMeshTls}. */
export interface MeshTlsModel {
  readonly name: string;
  readonly namespace: string;
  readonly mesh: string;
  readonly minTlsVersion: MeshTlsVersionName;
}

/** MeshTLS for the whole mesh: Strict mode and a minimum TLS version. */
export function renderMeshTls(model: MeshTlsModel): KumaResource {
  const spec: MeshTlsSpec = {
    targetRef: { kind: 'Mesh' },
    rules: [{ default: { mode: 'Strict', tlsVersion: { min: model.minTlsVersion } } }],
  };
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'MeshTLS',
    metadata: { name: model.name, namespace: model.namespace, labels: meshLabels(model.mesh) },
    spec: spec as unknown as { [key: string]: unknown },
  };
}
