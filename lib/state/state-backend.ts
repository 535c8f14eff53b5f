/**
 * The Terraform backend of each stage stack, from the topology's `state:` block.
 *
 * Every backend stores one state per environment and stage at the layout of
 * `stageStateKey` (`<prefix>/<environment>/<stage>.tfstate`), so that the environments
 * command can list and destroy environments from the backend alone. cdktf makes the
 * `terraform_remote_state` data source of every cross-stack reference from the
 * producing stack's backend (cdktf@0.21.0:lib/terraform-stack.js#registerIncomingCrossStackReference
 * calls `getRemoteStateDataSource` of that backend), so lookups follow the backend
 * chosen here without more code.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  App,
  AzurermBackend,
  CloudBackend,
  GcsBackend,
  LocalBackend,
  NamedCloudWorkspace,
  NamedRemoteWorkspace,
  RemoteBackend,
  S3Backend,
  TerraformStack,
} from 'cdktf';
import { StateBackendName, StateSpec } from '../core/topology-spec';
import { StageName, stageStateKey } from './stage-state';

/** Where local state lives when the topology has no `state:` block, relative to the directory synth runs in. */
export const DEFAULT_LOCAL_STATE_DIRECTORY = '.terraform-state';

/** HCP Terraform's host name, the remote backend's default. */
export const DEFAULT_REMOTE_HOSTNAME = 'app.terraform.io';

/**
 * The gcs backend's `prefix` for a stage. Terraform's gcs backend stores a workspace's
 * state at `<prefix>/<workspace>.tfstate` (hashicorp/terraform@v1.11.0:internal/backend/remote-state/gcs/backend_state.go#stateFile),
 * so the prefix is the stage key without `.tfstate`: the object of the default
 * workspace is `<prefix>/<environment>/<stage>/default.tfstate`, under the same
 * `<prefix>/<environment>/<stage>` path as the other backends' keys.
 */
export function gcsStatePrefix(environment: string, stage: StageName, prefix?: string): string {
  return stageStateKey(environment, stage, prefix).replace(/\.tfstate$/, '');
}

/**
 * The HCP Terraform / Terraform Enterprise workspace of a stage: the stage key without
 * `.tfstate`, `/` replaced by `-`: `<prefix>-<environment>-<stage>`, e.g. `acme-infra`.
 * Workspace names allow letters, digits, `-` and `_` (at most 90 characters).
 */
export function remoteWorkspaceName(environment: string, stage: StageName, prefix?: string): string {
  return gcsStatePrefix(environment, stage, prefix).replace(/\//g, '-');
}

/** The local state file of a stage, as the user names it: `<directory>/<prefix>/<environment>/<stage>.tfstate`. */
export function localStateFile(environment: string, stage: StageName, state?: StateSpec): string {
  return join(state?.local?.directory ?? DEFAULT_LOCAL_STATE_DIRECTORY, stageStateKey(environment, stage, state?.prefix));
}

/**
 * Configures the backend of `stack`, the `stage` stack of `environment`. Without a
 * `state:` block, local files under {@link DEFAULT_LOCAL_STATE_DIRECTORY}.
 */
export function configureStateBackend(stack: TerraformStack, environment: string, stage: StageName, state?: StateSpec): void {
  const backend = state?.backend ?? StateBackendName.LOCAL;
  const key = stageStateKey(environment, stage, state?.prefix);
  switch (backend) {
    case StateBackendName.AZURERM: {
      const azurerm = state!.azurerm!;
      // Locking: the backend takes a blob lease on the state blob (hashicorp/terraform@v1.11.0:internal/backend/remote-state/azure/client.go#Lock).
      new AzurermBackend(stack, {
        storageAccountName: azurerm.storageAccountName,
        containerName: azurerm.containerName,
        key,
        resourceGroupName: azurerm.resourceGroupName,
        subscriptionId: azurerm.subscriptionId,
        tenantId: azurerm.tenantId,
        clientId: azurerm.clientId,
        useOidc: azurerm.useOidc,
        // Entra ID data-plane access, so the account's shared keys can stay disabled;
        // without it the backend needs an access key or the resource group to look one up
        // (hashicorp/terraform@v1.11.0:internal/backend/remote-state/azure/backend.go#configure).
        useAzureadAuth: azurerm.useAzureadAuth ?? true,
      });
      return;
    }
    case StateBackendName.GCS: {
      const gcs = state!.gcs!;
      // Locking: a `<prefix>/<workspace>.tflock` object, created only if absent (gcs/client.go#Lock).
      new GcsBackend(stack, {
        bucket: gcs.bucket,
        prefix: gcsStatePrefix(environment, stage, state?.prefix),
        impersonateServiceAccount: gcs.impersonateServiceAccount,
        kmsEncryptionKey: gcs.kmsEncryptionKey,
      });
      return;
    }
    case StateBackendName.S3: {
      const s3 = state!.s3!;
      const backend = new S3Backend(stack, {
        bucket: s3.bucket,
        region: s3.region,
        key,
        // Server-side encryption of the state object, always: it holds private keys.
        encrypt: true,
        kmsKeyId: s3.kmsKeyId,
        dynamodbTable: s3.dynamodbTable,
      });
      // The S3 lock file (`<key>.tflock`, conditional writes), the locking Terraform 1.11
      // recommends over the deprecated `dynamodb_table`
      // (hashicorp/terraform@v1.11.0:internal/backend/remote-state/s3/backend.go, "use_lockfile").
      // cdktf 0.21's S3BackendConfig predates the attribute, hence the override.
      backend.addOverride('use_lockfile', true);
      return;
    }
    case StateBackendName.REMOTE: {
      const remote = state!.remote!;
      const name = remoteWorkspaceName(environment, stage, state?.prefix);
      const hostname = remote.hostname ?? DEFAULT_REMOTE_HOSTNAME;
      // The token is never synthesized: TF_TOKEN_<host> or `terraform login` supplies it.
      if (remote.legacyRemoteBackend) {
        new RemoteBackend(stack, { organization: remote.organization, hostname, workspaces: new NamedRemoteWorkspace(name) });
      } else {
        new CloudBackend(stack, { organization: remote.organization, hostname, workspaces: new NamedCloudWorkspace(name, remote.project) });
      }
      return;
    }
    case StateBackendName.LOCAL:
      new LocalBackend(stack, { path: localBackendPath(stack, localStateFile(environment, stage, state)) });
      return;
  }
}

/**
 * The `path` of a local backend: Terraform resolves a relative path against its working
 * directory, which cdktf makes `<outdir>/stacks/<stack>` (cdktf@0.21.0:lib/manifest.js#forStack),
 * so a file named relative to the directory synth runs in is written relative to that
 * directory. The result stays relative: the synthesized JSON does not depend on where the
 * checkout lives, and every stage stack, siblings under `stacks/`, resolves it alike.
 */
function localBackendPath(stack: TerraformStack, file: string): string {
  if (isAbsolute(file)) return file;
  const workingDirectory = resolve(App.of(stack).outdir, 'stacks', stack.node.id);
  return relative(workingDirectory, resolve(file));
}

/**
 * Where the state of a stage is, as a URL-like string the environments command and
 * messages can show: `gs://bucket/<prefix>/<env>/<stage>/default.tfstate`,
 * `s3://bucket/<key>`, `azurerm://<account>/<container>/<key>`,
 * `remote://<host>/<organization>/<workspace>`, or the local file (relative to the
 * directory synth runs in). Describes the default workspace.
 */
export function stageStateLocation(environment: string, stage: StageName, state?: StateSpec): string {
  const key = stageStateKey(environment, stage, state?.prefix);
  switch (state?.backend ?? StateBackendName.LOCAL) {
    case StateBackendName.AZURERM:
      return `azurerm://${state!.azurerm!.storageAccountName}/${state!.azurerm!.containerName}/${key}`;
    case StateBackendName.GCS:
      return `gs://${state!.gcs!.bucket}/${gcsStatePrefix(environment, stage, state?.prefix)}/default.tfstate`;
    case StateBackendName.S3:
      return `s3://${state!.s3!.bucket}/${key}`;
    case StateBackendName.REMOTE:
      return `remote://${state!.remote!.hostname ?? DEFAULT_REMOTE_HOSTNAME}/${state!.remote!.organization}/${remoteWorkspaceName(environment, stage, state?.prefix)}`;
    case StateBackendName.LOCAL:
      return localStateFile(environment, stage, state);
  }
}

/**
 * Where a synthesized stack keeps its state, in the form of {@link stageStateLocation}
 * (a local path made absolute against the stack's directory), read from its
 * `terraform.backend` / `terraform.cloud` block; undefined when it has neither (Terraform's
 * default: `terraform.tfstate` in that directory).
 */
export function synthesizedStateLocation(stack: { terraform?: { backend?: Record<string, any>; cloud?: Record<string, any> } }, stackDirectory: string): string {
  const cloud = stack.terraform?.cloud;
  if (cloud) return `remote://${cloud.hostname ?? DEFAULT_REMOTE_HOSTNAME}/${cloud.organization}/${cloud.workspaces?.name}`;
  const [[type, block] = ['local', {}]] = Object.entries(stack.terraform?.backend ?? {});
  switch (type) {
    case 'gcs':
      return `gs://${block.bucket}/${block.prefix}/default.tfstate`;
    case 's3':
      return `s3://${block.bucket}/${block.key}`;
    case 'azurerm':
      return `azurerm://${block.storage_account_name}/${block.container_name}/${block.key}`;
    case 'remote':
      return `remote://${block.hostname ?? DEFAULT_REMOTE_HOSTNAME}/${block.organization}/${block.workspaces?.name}`;
    case 'local':
      return resolve(stackDirectory, block.path ?? 'terraform.tfstate');
    default:
      return `${type}://${JSON.stringify(block)}`;
  }
}
