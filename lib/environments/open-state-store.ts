/**
 * `--state` of the environments command: which backend to read, as one string.
 *
 *   local:<directory>                        <directory>/<env>/<stage>.tfstate
 *   gcs://<bucket>[/<prefix>]                 @google-cloud/storage
 *   s3://<bucket>[/<prefix>][?region=<r>]     @aws-sdk/client-s3
 *   azurerm://<account>/<container>[/<prefix>]  @azure/storage-blob + @azure/identity
 *   remote://<organization>[/<workspace-prefix>][?hostname=<h>]  HCP Terraform API, TF_TOKEN_<host>
 */
import { resolve } from 'node:path';
import { AzureBlobStateStore, GcsStateStore, RemoteStateStore, S3StateStore } from './cloud-state-stores';
import { IStateStore, LocalStateStore } from './state-store';

/** The forms `--state` accepts, for usage and error messages. */
export const STATE_LOCATION_FORMS = 'local:<dir>, gcs://<bucket>/<prefix>, s3://<bucket>/<prefix>, azurerm://<account>/<container>/<prefix> or remote://<organization>/<workspace-prefix>';

/** The store a `--state` value names; throws a sentence for anything else. */
export function openStateStore(location: string, cwd: string, env: NodeJS.ProcessEnv): IStateStore {
  if (location.startsWith('local:')) return new LocalStateStore(resolve(cwd, location.slice('local:'.length) || '.'));
  const match = /^(gcs|s3|azurerm|remote):\/\/([^/?]+)((?:\/[^?]*)?)(?:\?(.*))?$/.exec(location);
  if (!match) throw new Error(`--state "${location}" is not a state location: use ${STATE_LOCATION_FORMS}`);
  const [, kind, head, rest, query] = match;
  const parts = rest.split('/').filter(Boolean);
  const options = new URLSearchParams(query ?? '');
  switch (kind) {
    case 'gcs':
      return new GcsStateStore(head, parts.join('/') || undefined);
    case 's3':
      return new S3StateStore(head, parts.join('/') || undefined, options.get('region') ?? undefined);
    case 'azurerm': {
      const [container, ...prefix] = parts;
      if (!container) throw new Error(`--state "${location}" names no container: use azurerm://<account>/<container>/<prefix>`);
      return new AzureBlobStateStore(head, container, prefix.join('/') || undefined);
    }
    default: {
      const hostname = options.get('hostname') ?? 'app.terraform.io';
      // Terraform's encoding of a host in TF_TOKEN_<host>: `.` as `_`, `-` as `__`
      // (hashicorp/terraform@v1.11.0:internal/command/cliconfig/credentials.go#collectCredentialsFromEnv).
      const variable = `TF_TOKEN_${hostname.replace(/\./g, '_').replace(/-/g, '__')}`;
      const token = env[variable];
      if (!token) throw new Error(`--state "${location}": set ${variable} to an HCP Terraform token that can read the organization's workspaces`);
      return new RemoteStateStore(head, token, parts.join('/'), hostname);
    }
  }
}
