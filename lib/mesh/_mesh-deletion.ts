/**
 * Whether the global control plane may delete a Mesh that still has dataplanes.
 *
 * Kuma refuses to delete a Mesh while any Dataplane of it exists in the global's store
 * (kumahq/kuma@v2.14.3:pkg/core/managers/apis/mesh/mesh_validator.go#ValidateNoActiveDP),
 * both in its admission webhook for the Mesh CRD
 * (pkg/plugins/runtime/k8s/webhooks/mesh_validator.go#ValidateDelete) and in its API
 * (pkg/core/managers/apis/mesh/mesh_manager.go#Delete). Zones sync their Dataplanes to the
 * global, so the gateways and APIs of every zone count. The one switch for both is
 * `store.unsafeDelete`, `KUMA_STORE_UNSAFE_DELETE`, whose documented purpose is exactly
 * this: "you don't have to delete all Dataplane objects before you delete a Mesh"
 * (pkg/config/app/kuma-cp/kuma-cp.defaults.yaml, pkg/config/core/resources/store/config.go#UnsafeDelete).
 *
 * Why the library turns the check off rather than order the teardown around it:
 * - the Mesh is a custom resource, so it lives in the mesh stage, after the release that
 *   installs its CRD; the meshed workloads (Kong gateways, APIs) live in the platform
 *   stage, before the Kong CRDs the mesh stage's routes use. `cdktf destroy` runs the mesh
 *   stage first, so the Mesh goes while they run, and no order of the three stages fixes
 *   that without a fourth stage between Kong's CRDs and the Mesh;
 * - even in a correct order, a zone removes its Dataplanes and KDS syncs the removal to
 *   the global some time after the pods are gone: the delete would still fail at random;
 * - the Mesh is Terraform's: it is deleted only by a plan that says so (a destroy, or a
 *   reviewed rename), so the check guards against nothing a reviewed plan does not show.
 * The switch also skips Kuma's check on Secret deletes on the global
 * (pkg/plugins/runtime/k8s/webhooks/secret_validator.go#handleDelete), which guards the CA
 * Secret of the Mesh's mTLS backend against a `kubectl delete` outside Terraform. So it is
 * the ephemeral default only: elsewhere `meshDeletionGuard` defaults to true, and the Mesh
 * is delete-protected like the clusters (remove the protection deliberately to tear down).
 */
import { HelmValues } from '../private/helm-values';

/** The control plane environment variable of `store.unsafeDelete`. */
export const UNSAFE_DELETE_ENV = 'KUMA_STORE_UNSAFE_DELETE';

/** Values (in the Kuma chart's shape) that let the global delete a Mesh with dataplanes attached. */
export function meshDeletionValues(guard: boolean): HelmValues {
  return guard ? {} : { controlPlane: { envVars: { [UNSAFE_DELETE_ENV]: 'true' } } };
}
