/**
 * Model of a `Mesh` (kuma.io/v1alpha1, cluster-scoped; spec per kuma/schemas/protos/Mesh.json).
 */
import { KumaResource } from '../kuma-resource';

/** Builtin CA root certificate settings (runtime protobuf field names: `RSAbits`, see upstream SOURCES.md). */
export interface BuiltinCaCert {
  /** Key size of the CA. Kuma's config struct names the field `RSAbits`; `rsaBits` would be ignored. */
  readonly RSAbits: number;
  readonly expiration: string;
}

/** One mTLS backend of a Mesh. */
export interface MeshCaBackend {
  readonly name: string;
  readonly type: 'builtin' | 'provided' | 'vault' | 'acmpca' | 'certmanager';
  readonly mode: 'STRICT' | 'PERMISSIVE';
  readonly dpCert?: { readonly rotation?: { readonly expiration?: string } };
  readonly conf?: { readonly caCert?: BuiltinCaCert };
}

/** The Mesh spec fields this library emits. */
export interface MeshSpec {
  readonly mtls: { readonly enabledBackend: string; readonly backends: MeshCaBackend[] };
  readonly meshServices?: { readonly mode: 'Disabled' | 'Everywhere' | 'ReachableBackends' | 'Exclusive' };
  /** Default policies not to create with the mesh; `*` skips all (including the default allow-all MeshTrafficPermission). */
  readonly skipCreatingInitialPolicies?: string[];
}

/** Inputs of {@link renderMesh}. */
export interface MeshModel {
  readonly name: string;
  readonly caKeySize: number;
  readonly caCertificateExpiration: string;
  readonly certificateRotation: string;
}

/** Name of the builtin CA backend the Mesh enables. */
export const BUILTIN_CA_BACKEND = 'ca-1';

/** The Mesh spec: builtin CA, mTLS STRICT, MeshServices only, no default policies. */
export function renderMeshSpec(model: MeshModel): MeshSpec {
  return {
    mtls: {
      enabledBackend: BUILTIN_CA_BACKEND,
      backends: [
        {
          name: BUILTIN_CA_BACKEND,
          type: 'builtin',
          mode: 'STRICT',
          dpCert: { rotation: { expiration: model.certificateRotation } },
          conf: { caCert: { RSAbits: model.caKeySize, expiration: model.caCertificateExpiration } },
        },
      ],
    },
    meshServices: { mode: 'Exclusive' },
    skipCreatingInitialPolicies: ['*'],
  };
}

/** The Mesh resource in its Kubernetes form (cluster-scoped: no namespace). */
export function renderMesh(model: MeshModel): KumaResource {
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'Mesh',
    metadata: { name: model.name },
    spec: renderMeshSpec(model) as unknown as { [key: string]: unknown },
  };
}
