/**
 * Provider bindings loaded on first use instead of at import time.
 *
 * A prebuilt binding module costs its load time in every process that imports the file
 * that names it, whether or not a resource of that type is ever created. The ones here
 * are large (the Job binding's structs alone are among the biggest modules of
 * @cdktf/provider-kubernetes) and only some topologies use them: a Job exists only with
 * an external global control plane (kumactl) or a connectivity check. Loading them
 * lazily takes about 30 ms of CPU off a synth that creates neither (`npm run bench`).
 * Importers keep `import type` for the class types; only construction goes through here.
 */
import type * as ConfigMapV1Module from '@cdktf/provider-kubernetes/lib/config-map-v1';
import type * as JobV1Module from '@cdktf/provider-kubernetes/lib/job-v1';

/** `kubernetes_job_v1`, loaded on first call. */
export function jobV1(): typeof JobV1Module.JobV1 {
  return (require('@cdktf/provider-kubernetes/lib/job-v1') as typeof JobV1Module).JobV1;
}

/** `kubernetes_config_map_v1`, loaded on first call. */
export function configMapV1(): typeof ConfigMapV1Module.ConfigMapV1 {
  return (require('@cdktf/provider-kubernetes/lib/config-map-v1') as typeof ConfigMapV1Module).ConfigMapV1;
}
