/**
 * Cross-field checks of the topology's `state:` block: the backend's settings block is
 * there and no other backend's is, and the names the backend will use are names the
 * cloud accepts, so a bad bucket fails `validate`, not `terraform init`.
 */
import { StateBackendName, TopologySpec } from './topology-spec';
import { AddIssue } from './validate-topology';
import { STAGES } from '../state/stage-state';
import { remoteWorkspaceName } from '../state/state-backend';

const BACKENDS = Object.values(StateBackendName);

/** What each backend's block needs, for the message when it is missing. */
const REQUIRED: Record<StateBackendName, string> = {
  [StateBackendName.AZURERM]: '{ storageAccountName, containerName }',
  [StateBackendName.GCS]: '{ bucket }',
  [StateBackendName.S3]: '{ bucket, region }',
  [StateBackendName.REMOTE]: '{ organization }',
  [StateBackendName.LOCAL]: '{} (or leave it out: local is the default)',
};

/** HCP Terraform's limit on workspace names (letters, digits, '-', '_'; https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create). */
const MAX_WORKSPACE_NAME = 90;

export function checkState(spec: TopologySpec, add: AddIssue): void {
  const state = spec.state;
  if (!state) return;
  const blocks = state as unknown as Record<string, unknown>;
  if (state.backend !== StateBackendName.LOCAL && blocks[state.backend] === undefined) {
    add(`state.${state.backend}`, undefined, `is required with backend "${state.backend}": add state.${state.backend}: ${REQUIRED[state.backend]}`);
  }
  for (const other of BACKENDS) {
    if (other !== state.backend && blocks[other] !== undefined) {
      add(`state.${other}`, blocks[other], `is the setting of backend "${other}", but state.backend is "${state.backend}": remove it, or set state.backend: ${other}`);
    }
  }
  (state.prefix ?? '').split('/').forEach((segment) => {
    if (segment === '.' || segment === '..') add('state.prefix', state.prefix, `has a "${segment}" segment: state keys are object names, not paths to resolve; use plain segments, e.g. "platform/mesh"`);
  });

  if (state.backend === StateBackendName.AZURERM && state.azurerm) {
    const { storageAccountName, containerName, resourceGroupName } = state.azurerm;
    // hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/storage/validate/storage_account_name.go#StorageAccountName
    if (!/^[a-z0-9]{3,24}$/.test(storageAccountName)) {
      add('state.azurerm.storageAccountName', storageAccountName, `must be 3 to 24 lower-case letters and digits (Azure storage account names), e.g. "${storageAccountName.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 24) || 'acmetfstate'}"`);
    }
    // azurerm's StorageContainerName (storage_container.go): lower-case letters, digits and '-', 3-63, no leading '-';
    // the Blob service also refuses a trailing '-' and '--'.
    if (!/^[a-z0-9](-?[a-z0-9])*$/.test(containerName) || containerName.length < 3 || containerName.length > 63) {
      add('state.azurerm.containerName', containerName, 'must be 3 to 63 lower-case letters, digits and single "-", starting and ending with a letter or digit (Azure blob container names), e.g. "tfstate"');
    }
    // hashicorp/terraform-provider-azurerm@v4.55.0:vendor/github.com/hashicorp/go-azure-helpers/resourcemanager/resourcegroups/validate.go#ValidateName
    if (resourceGroupName !== undefined && (!/^[-\w._()]{1,90}$/.test(resourceGroupName) || resourceGroupName.endsWith('.'))) {
      add('state.azurerm.resourceGroupName', resourceGroupName, 'must be 1 to 90 letters, digits, "_", "-", ".", "(" and ")", not ending in "." (Azure resource group names), e.g. "tfstate-rg"');
    }
  }
  if (state.backend === StateBackendName.GCS && state.gcs) {
    const problem = gcsBucketProblem(state.gcs.bucket);
    if (problem) add('state.gcs.bucket', state.gcs.bucket, `${problem} (Cloud Storage bucket names, https://cloud.google.com/storage/docs/buckets#naming), e.g. "acme-tfstate"`);
  }
  if (state.backend === StateBackendName.S3 && state.s3) {
    const problem = s3BucketProblem(state.s3.bucket);
    if (problem) add('state.s3.bucket', state.s3.bucket, `${problem} (S3 general purpose bucket names, https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), e.g. "acme-tfstate"`);
  }
  if (state.backend === StateBackendName.REMOTE) {
    if (state.prefix?.includes('.')) {
      add('state.prefix', state.prefix, `becomes part of the workspace names, and HCP Terraform workspace names allow only letters, digits, "-" and "_": drop the ".", e.g. "${state.prefix.replace(/\./g, '-')}"`);
    }
    if (state.remote?.legacyRemoteBackend && state.remote.project !== undefined) {
      // Only the cloud block has workspaces.project (hashicorp/terraform@v1.11.0:internal/cloud/backend.go#ConfigSchema);
      // the remote backend would put the workspaces in the organization's default project.
      add('state.remote.project', state.remote.project, 'is ignored by the legacy remote backend (legacyRemoteBackend: true): remove it, or drop legacyRemoteBackend to use the cloud block, which places workspaces in the project');
    }
    const longest = STAGES.map((stage) => remoteWorkspaceName(spec.environment, stage, state.prefix)).sort((a, b) => b.length - a.length)[0];
    if (longest.length > MAX_WORKSPACE_NAME) {
      add('state.prefix', state.prefix, `makes the workspace name "${longest}" ${longest.length} characters long; HCP Terraform allows ${MAX_WORKSPACE_NAME}: shorten the prefix or the environment name`);
    }
  }
}

/** Why a name is not a Cloud Storage bucket name, or undefined. */
export function gcsBucketProblem(bucket: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(bucket)) return 'must be lower-case letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  if (bucket.includes('.')) {
    if (bucket.length > 222 || bucket.split('.').some((part) => part.length === 0 || part.length > 63)) return 'with dots, must be at most 222 characters, each dot-separated part 1 to 63';
  } else if (bucket.length < 3 || bucket.length > 63) return 'must be 3 to 63 characters';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bucket)) return 'must not be an IP address';
  if (bucket.startsWith('goog') || /g[o0][o0]gle/.test(bucket)) return 'must not start with "goog" or contain "google"';
  return undefined;
}

/** Why a name is not an S3 general purpose bucket name, or undefined. */
export function s3BucketProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63) return 'must be 3 to 63 characters';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket)) return 'must be lower-case letters, digits, "." and "-", starting and ending with a letter or digit';
  if (bucket.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bucket)) return 'must not be an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(bucket) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(bucket)) return 'uses a prefix or suffix AWS reserves (xn--, sthree-, amzn-s3-demo-, -s3alias, --ol-s3, .mrap, --x-s3, --table-s3)';
  return undefined;
}
