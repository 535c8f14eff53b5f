/**
 * The cloud backends' stores, each through its vendor SDK, loaded on first use: the SDKs
 * are not dependencies of this package (a platform repo installs the one it needs), and a
 * missing one is a sentence naming the package, not a stack trace.
 *
 * Not tested against a live cloud: tests use the local store or a fake `IStateStore`.
 */
import { STAGES, StageName, stageStateKey } from '../state/stage-state';
import { gcsStatePrefix, remoteWorkspaceName } from '../state/state-backend';
import { IStateStore, TerraformStateJson, environmentsFromKeys } from './state-store';

/** Loads an optional SDK; `purpose` completes "… needs the package X". */
export function loadOptionalPackage<T = any>(name: string, purpose: string, load: (name: string) => unknown = require): T {
  try {
    return load(name) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND') {
      throw new Error(`${purpose} needs the package ${name}, which is not installed: run \`npm install --save-dev ${name}\` in your project`);
    }
    throw error;
  }
}

/** A Google Cloud Storage bucket (the `gcs` backend), with application default credentials. */
export class GcsStateStore implements IStateStore {
  public readonly description: string;
  private bucketHandle: any;

  constructor(private readonly bucket: string, private readonly prefix?: string) {
    this.description = `gcs bucket ${bucket}${prefix ? `/${prefix}` : ''}`;
  }

  public async listEnvironments(): Promise<string[]> {
    const [files] = await this.handle().getFiles({ prefix: this.prefix ? `${this.prefix.replace(/\/+$/, '')}/` : undefined });
    // The gcs backend keeps the default workspace at `<stage prefix>/default.tfstate`.
    const keys = files.map((file: { name: string }) => file.name.replace(/\/default\.tfstate$/, '.tfstate'));
    return environmentsFromKeys(keys, this.prefix);
  }

  public async readStage(environment: string, stage: StageName): Promise<TerraformStateJson | undefined> {
    const file = this.handle().file(`${gcsStatePrefix(environment, stage, this.prefix)}/default.tfstate`);
    const [exists] = await file.exists();
    if (!exists) return undefined;
    const [content] = await file.download();
    return parseState(content.toString('utf8'));
  }

  public locationOf(environment: string, stage: StageName): string {
    return `gs://${this.bucket}/${gcsStatePrefix(environment, stage, this.prefix)}/default.tfstate`;
  }

  private handle(): any {
    if (!this.bucketHandle) {
      const { Storage } = loadOptionalPackage('@google-cloud/storage', `listing the gcs backend ${this.bucket}`);
      this.bucketHandle = new Storage().bucket(this.bucket);
    }
    return this.bucketHandle;
  }
}

/** An S3 bucket (the `s3` backend), with the SDK's default credential chain. */
export class S3StateStore implements IStateStore {
  public readonly description: string;
  private sdk: any;
  private client: any;

  constructor(private readonly bucket: string, private readonly prefix?: string, private readonly region?: string) {
    this.description = `s3 bucket ${bucket}${prefix ? `/${prefix}` : ''}`;
  }

  public async listEnvironments(): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3().send(
        new this.sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix ? `${this.prefix.replace(/\/+$/, '')}/` : undefined, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).map((object: { Key: string }) => object.Key));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return environmentsFromKeys(keys, this.prefix);
  }

  public locationOf(environment: string, stage: StageName): string {
    return `s3://${this.bucket}/${stageStateKey(environment, stage, this.prefix)}`;
  }

  public async readStage(environment: string, stage: StageName): Promise<TerraformStateJson | undefined> {
    try {
      const object = await this.s3().send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: stageStateKey(environment, stage, this.prefix) }));
      return parseState(await object.Body.transformToString('utf8'));
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  private s3(): any {
    if (!this.client) {
      this.sdk = loadOptionalPackage('@aws-sdk/client-s3', `listing the s3 backend ${this.bucket}`);
      this.client = new this.sdk.S3Client(this.region ? { region: this.region } : {});
    }
    return this.client;
  }
}

/** An Azure Storage blob container (the `azurerm` backend), with DefaultAzureCredential (OIDC in CI). */
export class AzureBlobStateStore implements IStateStore {
  public readonly description: string;
  private containerHandle: any;

  constructor(private readonly account: string, private readonly container: string, private readonly prefix?: string) {
    this.description = `azurerm container ${account}/${container}${prefix ? `/${prefix}` : ''}`;
  }

  public async listEnvironments(): Promise<string[]> {
    const keys: string[] = [];
    for await (const blob of this.handle().listBlobsFlat({ prefix: this.prefix ? `${this.prefix.replace(/\/+$/, '')}/` : undefined })) keys.push(blob.name);
    return environmentsFromKeys(keys, this.prefix);
  }

  public locationOf(environment: string, stage: StageName): string {
    return `azurerm://${this.account}/${this.container}/${stageStateKey(environment, stage, this.prefix)}`;
  }

  public async readStage(environment: string, stage: StageName): Promise<TerraformStateJson | undefined> {
    const blob = this.handle().getBlobClient(stageStateKey(environment, stage, this.prefix));
    if (!(await blob.exists())) return undefined;
    return parseState((await blob.downloadToBuffer()).toString('utf8'));
  }

  private handle(): any {
    if (!this.containerHandle) {
      const purpose = `listing the azurerm backend ${this.account}/${this.container}`;
      const { BlobServiceClient } = loadOptionalPackage('@azure/storage-blob', purpose);
      const { DefaultAzureCredential } = loadOptionalPackage('@azure/identity', purpose);
      this.containerHandle = new BlobServiceClient(`https://${this.account}.blob.core.windows.net`, new DefaultAzureCredential()).getContainerClient(this.container);
    }
    return this.containerHandle;
  }
}

/**
 * HCP Terraform / Terraform Enterprise (the `remote` and `cloud` backends): one workspace
 * per environment and stage, named by `remoteWorkspaceName` (`<prefix>-<environment>-<stage>`), read through the HTTP API
 * with the token of `TF_TOKEN_<host>` (no SDK needed).
 */
export class RemoteStateStore implements IStateStore {
  public readonly description: string;

  constructor(
    private readonly organization: string,
    private readonly token: string,
    private readonly prefix = '',
    private readonly hostname = 'app.terraform.io',
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.description = `HCP Terraform organization ${organization} (${hostname}), workspaces ${prefix ? `${prefix.replace(/\//g, '-')}-` : ''}<environment>-<stage>`;
  }

  public async listEnvironments(): Promise<string[]> {
    const found = new Set<string>();
    for (let page = 1; ; page++) {
      const body = await this.get(`/api/v2/organizations/${encodeURIComponent(this.organization)}/workspaces?page%5Bsize%5D=100&page%5Bnumber%5D=${page}&search%5Bname%5D=${encodeURIComponent(this.prefix)}`);
      for (const workspace of body.data ?? []) {
        const name: string = workspace.attributes?.name ?? '';
        // What precedes the environment in every workspace name, from the one naming rule.
        const [start] = remoteWorkspaceName('\u0000', 'infra', this.prefix).split('\u0000');
        const stage = STAGES.find((candidate) => name.startsWith(start) && name.endsWith(`-${candidate}`));
        if (stage) found.add(name.slice(start.length, name.length - stage.length - 1));
      }
      if (!body.meta?.pagination?.['next-page']) break;
    }
    return [...found].sort();
  }

  public locationOf(environment: string, stage: StageName): string {
    return `remote://${this.hostname}/${this.organization}/${remoteWorkspaceName(environment, stage, this.prefix)}`;
  }

  public async readStage(environment: string, stage: StageName): Promise<TerraformStateJson | undefined> {
    const name = remoteWorkspaceName(environment, stage, this.prefix);
    const workspace = await this.get(`/api/v2/organizations/${encodeURIComponent(this.organization)}/workspaces/${encodeURIComponent(name)}`, true);
    if (!workspace) return undefined;
    const version = await this.get(`/api/v2/workspaces/${workspace.data.id}/current-state-version`, true);
    const url: string | undefined = version?.data?.attributes?.['hosted-state-download-url'];
    if (!url) return undefined;
    const response = await this.fetchImpl(url, { headers: { Authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`${this.description}: downloading the state of ${name} answered ${response.status}`);
    return parseState(await response.text());
  }

  private async get(path: string, allowMissing = false): Promise<any> {
    const response = await this.fetchImpl(`https://${this.hostname}${path}`, {
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/vnd.api+json' },
    });
    if (allowMissing && response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${this.description}: GET ${path} answered ${response.status}`);
    return response.json();
  }
}

function parseState(text: string): TerraformStateJson | undefined {
  return text.trim() === '' ? undefined : (JSON.parse(text) as TerraformStateJson);
}
