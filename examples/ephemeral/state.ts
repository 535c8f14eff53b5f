/**
 * Where preview environments keep their state: a shared backend, so that the `down` job
 * of the workflow, a fresh runner, finds the state the `up` job wrote. Each environment
 * and stage has its own key under `previews/` (lib/state/stage-state.ts#stageStateKey).
 *
 *   CCM_STATE_GCS_BUCKET=acme-tfstate                       # a Cloud Storage bucket, or
 *   CCM_STATE_AZURE_STORAGE_ACCOUNT=acmetfstate             # an Azure Storage container
 *   CCM_STATE_AZURE_CONTAINER=tfstate                       #   (default tfstate)
 *
 * With neither, local files under .terraform-state/: fine on a laptop, lost with a CI runner.
 */
import { StateBackendName, StateSpec } from '../../lib/topology/topology-spec';

export const PREVIEW_STATE_PREFIX = 'previews';

export function previewState(env: NodeJS.ProcessEnv = process.env): StateSpec | undefined {
  if (env.CCM_STATE_GCS_BUCKET) {
    return { backend: StateBackendName.GCS, prefix: PREVIEW_STATE_PREFIX, gcs: { bucket: env.CCM_STATE_GCS_BUCKET } };
  }
  if (env.CCM_STATE_AZURE_STORAGE_ACCOUNT) {
    return {
      backend: StateBackendName.AZURERM,
      prefix: PREVIEW_STATE_PREFIX,
      azurerm: {
        storageAccountName: env.CCM_STATE_AZURE_STORAGE_ACCOUNT,
        containerName: env.CCM_STATE_AZURE_CONTAINER ?? 'tfstate',
        // The workflow signs in with GitHub's OIDC token (ARM_USE_OIDC), as the azurerm provider does.
        useOidc: env.ARM_USE_OIDC === 'true' ? true : undefined,
      },
    };
  }
  return undefined;
}
