/**
 * Read access to the stage states of every environment in one backend, behind one small
 * interface: the local directory (tested), and the cloud backends through their SDKs,
 * which are loaded only when used and are not dependencies of this package.
 *
 * Every backend keeps a stage at `stageStateKey(environment, stage, prefix)`
 * (lib/state/stage-state.ts), so listing is "find the keys that end in `/<stage>.tfstate`".
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STAGES, StageName, stageStateKey } from '../state/stage-state';

/** The parts of a Terraform state file (format version 4) the environments command reads. */
export interface TerraformStateJson {
  readonly version?: number;
  readonly outputs?: { readonly [name: string]: { readonly value: unknown; readonly sensitive?: boolean } };
  readonly resources?: readonly TerraformStateResource[];
}

export interface TerraformStateResource {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly instances: readonly { readonly attributes?: { readonly [key: string]: any } }[];
}

/** Where environments keep their stage states. */
export interface IStateStore {
  /** What the store is, for messages: `local directory ./state`, `gcs bucket acme-tfstate`. */
  readonly description: string;
  /** Names of the environments with at least one stage state object. */
  listEnvironments(): Promise<string[]>;
  /** The state of one stage; undefined when the object does not exist. */
  readStage(environment: string, stage: StageName): Promise<TerraformStateJson | undefined>;
  /**
   * Where the state of a stage is, as `lib/state/state-backend.ts#stageStateLocation` writes
   * it (a local file as an absolute path), so a destroy can check that the configuration it
   * runs uses this state and not another.
   */
  locationOf(environment: string, stage: StageName): string;
}

/** The local backend's layout: `<directory>/<environment>/<stage>.tfstate`. */
export class LocalStateStore implements IStateStore {
  public readonly description: string;

  constructor(private readonly directory: string) {
    this.description = `local directory ${directory}`;
  }

  public async listEnvironments(): Promise<string[]> {
    if (!existsSync(this.directory)) return [];
    return readdirSync(this.directory)
      .filter((name) => statSync(join(this.directory, name)).isDirectory())
      .filter((name) => STAGES.some((stage) => existsSync(this.path(name, stage))))
      .sort();
  }

  public async readStage(environment: string, stage: StageName): Promise<TerraformStateJson | undefined> {
    const path = this.path(environment, stage);
    if (!existsSync(path)) return undefined;
    const text = readFileSync(path, 'utf8');
    // Terraform leaves a zero-byte file behind in some interrupted runs: no state.
    return text.trim() === '' ? undefined : (JSON.parse(text) as TerraformStateJson);
  }

  /** The file of one stage. */
  public locationOf(environment: string, stage: StageName): string {
    return resolve(this.path(environment, stage));
  }

  public path(environment: string, stage: StageName): string {
    return join(this.directory, stageStateKey(environment, stage));
  }
}

/**
 * Environments among object keys: `<prefix>/<environment>/<stage>.tfstate`. Shared by the
 * object-store backends, whose SDKs list keys under a prefix.
 */
export function environmentsFromKeys(keys: readonly string[], prefix?: string): string[] {
  const trimmed = (prefix ?? '').replace(/\/+$/, '');
  const head = trimmed ? `${trimmed}/` : '';
  const found = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length).split('/');
    if (rest.length === 2 && STAGES.some((stage) => rest[1] === `${stage}.tfstate`)) found.add(rest[0]);
  }
  return [...found].sort();
}
