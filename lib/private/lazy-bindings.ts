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
 *
 * The cluster connections' data sources (AKS, GKE) and the per-stack cloud providers are
 * here for a second reason: lib/clusters/cluster-connection.ts is loaded by every mesh,
 * gateway and workload construct, and those layers must not load a cloud provider
 * (test/lint/layering.ts). The providers load when a stack asks a connection for them.
 */
import type * as ConfigMapV1Module from '@cdktf/provider-kubernetes/lib/config-map-v1';
import type * as JobV1Module from '@cdktf/provider-kubernetes/lib/job-v1';
import type * as DataAzurermKubernetesClusterModule from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import type * as DataGoogleContainerClusterModule from '@cdktf/provider-google/lib/data-google-container-cluster';
import type * as DataGoogleClientConfigModule from '@cdktf/provider-google/lib/data-google-client-config';
import type * as CloudProvidersModule from './cloud-providers';

/** `kubernetes_job_v1`, loaded on first call. */
export function jobV1(): typeof JobV1Module.JobV1 {
  return (require('@cdktf/provider-kubernetes/lib/job-v1') as typeof JobV1Module).JobV1;
}

/** `kubernetes_config_map_v1`, loaded on first call. */
export function configMapV1(): typeof ConfigMapV1Module.ConfigMapV1 {
  return (require('@cdktf/provider-kubernetes/lib/config-map-v1') as typeof ConfigMapV1Module).ConfigMapV1;
}

/** `azurerm_kubernetes_cluster` (data source), loaded on first call. */
export function dataAzurermKubernetesCluster(): typeof DataAzurermKubernetesClusterModule.DataAzurermKubernetesCluster {
  return (require('@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster') as typeof DataAzurermKubernetesClusterModule).DataAzurermKubernetesCluster;
}

/** `google_container_cluster` (data source), loaded on first call. */
export function dataGoogleContainerCluster(): typeof DataGoogleContainerClusterModule.DataGoogleContainerCluster {
  return (require('@cdktf/provider-google/lib/data-google-container-cluster') as typeof DataGoogleContainerClusterModule).DataGoogleContainerCluster;
}

/** `google_client_config` (data source), loaded on first call. */
export function dataGoogleClientConfig(): typeof DataGoogleClientConfigModule.DataGoogleClientConfig {
  return (require('@cdktf/provider-google/lib/data-google-client-config') as typeof DataGoogleClientConfigModule).DataGoogleClientConfig;
}

/** lib/private/cloud-providers.ts (it loads the azurerm and google provider bindings), on first call. */
export function cloudProviders(): typeof CloudProvidersModule {
  return require('./cloud-providers') as typeof CloudProvidersModule;
}
