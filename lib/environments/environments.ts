/**
 * `environments list` and `environments destroy-expired`, as functions of a state store,
 * a clock and a destroyer, so that tests run them on a local backend with fakes.
 */
import { STAGES, StageName } from '../state/stage-state';
import { ENVIRONMENT_OUTPUTS, ENVIRONMENT_RECORD } from './record-names';
import { IStateStore, TerraformStateJson } from './state-store';

/** What one stage state holds. */
export type StageCondition = 'missing' | 'empty' | 'deployed';

/** One environment as its states describe it. */
export interface EnvironmentSummary {
  readonly environment: string;
  readonly owner?: string;
  /** As recorded: an RFC 3339 instant (ttl) or a YYYY-MM-DD date; undefined: never expires or unknown. */
  readonly expiresAt?: string;
  /** When `expiresAt` passes: a date expires at the end of that day (UTC). */
  readonly expiresAtInstant?: Date;
  readonly stages: { readonly [stage in StageName]: StageCondition };
  /**
   * `active`: not expired (or no expiry); `expired`: past its expiry, with resources left;
   * `destroyed`: no stage holds a resource; `incomplete-teardown`: no record left, but a stage
   * still holds resources while every later stage is already gone, which only a teardown
   * that failed after the later stages leaves behind; `unknown`: resources without any
   * record (an environment this library did not label), never destroyed automatically.
   */
  readonly status: 'active' | 'expired' | 'destroyed' | 'incomplete-teardown' | 'unknown';
}

/** Reads every environment of the store and classifies it at `now`. */
export async function listEnvironments(store: IStateStore, now: Date): Promise<EnvironmentSummary[]> {
  const names = await store.listEnvironments();
  const summaries: EnvironmentSummary[] = [];
  for (const environment of names) summaries.push(await inspectEnvironment(store, environment, now));
  return summaries;
}

/** One environment, from its stage states. */
export async function inspectEnvironment(store: IStateStore, environment: string, now: Date): Promise<EnvironmentSummary> {
  const states = new Map<StageName, TerraformStateJson | undefined>();
  for (const stage of STAGES) states.set(stage, await store.readStage(environment, stage));
  const stages = Object.fromEntries(STAGES.map((stage) => [stage, stageCondition(states.get(stage))])) as { [stage in StageName]: StageCondition };
  const record = STAGES.map((stage) => recordOf(states.get(stage))).find((found) => found !== undefined);
  const expiresAtInstant = record?.expiresAt ? expiryInstant(record.expiresAt) : undefined;
  const deployed = STAGES.filter((stage) => stages[stage] === 'deployed');
  let status: EnvironmentSummary['status'];
  if (deployed.length === 0) status = 'destroyed';
  else if (record) status = expiresAtInstant && expiresAtInstant.getTime() < now.getTime() ? 'expired' : 'active';
  else {
    // Teardown runs the stages in reverse and `terraform destroy` leaves an empty state
    // object behind: resources in a stage whose later stages all exist but are empty is a
    // teardown that failed. A first deploy differs: its later stages have no state yet.
    const last = STAGES.indexOf(deployed[deployed.length - 1]);
    const laterGone = STAGES.slice(last + 1).every((stage) => stages[stage] !== 'deployed');
    const laterExisted = STAGES.slice(last + 1).some((stage) => stages[stage] === 'empty');
    status = laterGone && laterExisted ? 'incomplete-teardown' : 'unknown';
  }
  return { environment, owner: record?.owner || undefined, expiresAt: record?.expiresAt || undefined, expiresAtInstant, stages, status };
}

/** Destroys one stage of an environment (`terraform destroy` in its synthesized stack). */
export interface IStageDestroyer {
  /**
   * Destroys one stage. `stateLocation` is where the store found its state
   * (`IStateStore.locationOf`): a destroyer must refuse a configuration whose backend is
   * elsewhere, or it would destroy an empty state and report success.
   */
  destroy(environment: string, stage: StageName, stateLocation: string): Promise<void>;
}

export interface DestroyExpiredOptions {
  readonly store: IStateStore;
  readonly destroyer: IStageDestroyer;
  /** The clock. @default new Date() */
  readonly now?: Date;
  /** Called with one line per step. @default silent */
  readonly log?: (line: string) => void;
}

export interface DestroyOutcome {
  readonly environment: string;
  /** Stages destroyed by this run, in the order they ran. */
  readonly destroyed: StageName[];
  /** Stages skipped because their state was missing or empty. */
  readonly skipped: StageName[];
  /** The error that stopped this environment's teardown; a later run resumes it. */
  readonly error?: string;
}

/**
 * Destroys every expired environment (and every incomplete teardown), stage by stage in
 * reverse deploy order (mesh, platform, infra). Empty or missing stages are skipped, so a
 * run after a partial failure resumes where the failure left off. One environment's
 * failure does not stop the others; a failed stage stops the earlier stages of the same
 * environment, which must outlive it (their clusters run its workloads).
 */
export async function destroyExpired(options: DestroyExpiredOptions): Promise<DestroyOutcome[]> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const outcomes: DestroyOutcome[] = [];
  for (const summary of await listEnvironments(options.store, now)) {
    if (summary.status !== 'expired' && summary.status !== 'incomplete-teardown') continue;
    log(`${summary.environment}: ${summary.status === 'expired' ? `expired at ${summary.expiresAt}` : 'resuming an incomplete teardown'}`);
    const destroyed: StageName[] = [];
    const skipped: StageName[] = [];
    let error: string | undefined;
    for (const stage of [...STAGES].reverse()) {
      // Read again: the previous stage's destroy may share nothing with this one, but a
      // concurrent run may have finished it.
      if (stageCondition(await options.store.readStage(summary.environment, stage)) !== 'deployed') {
        skipped.push(stage);
        log(`${summary.environment}: ${stage} has no resources, skipped`);
        continue;
      }
      try {
        log(`${summary.environment}: destroying ${stage}`);
        await options.destroyer.destroy(summary.environment, stage, options.store.locationOf(summary.environment, stage));
        destroyed.push(stage);
      } catch (caught) {
        error = `${stage}: ${caught instanceof Error ? caught.message : String(caught)}`;
        log(`${summary.environment}: destroying ${stage} failed (${error}); the next run resumes here`);
        break;
      }
    }
    outcomes.push({ environment: summary.environment, destroyed, skipped, ...(error ? { error } : {}) });
  }
  return outcomes;
}

/** `missing`: no state object; `empty`: no managed resource instance left; else `deployed`. */
export function stageCondition(state: TerraformStateJson | undefined): StageCondition {
  if (!state) return 'missing';
  const live = (state.resources ?? []).some((resource) => resource.mode === 'managed' && resource.instances.length > 0);
  return live ? 'deployed' : 'empty';
}

/** The environment record of one state: its `ccm_*` outputs, else the infra record resource. */
export function recordOf(state: TerraformStateJson | undefined): { environment: string; owner: string; expiresAt: string } | undefined {
  if (!state) return undefined;
  const output = (name: string) => {
    const value = state.outputs?.[name]?.value;
    return typeof value === 'string' ? value : undefined;
  };
  const environment = output(ENVIRONMENT_OUTPUTS.environment);
  if (environment !== undefined) {
    return { environment, owner: output(ENVIRONMENT_OUTPUTS.owner) ?? '', expiresAt: output(ENVIRONMENT_OUTPUTS.expiresAt) ?? '' };
  }
  // A failed destroy empties every output of its stack (hashicorp/terraform#29270); the
  // record resource outlives every resource tagged from it.
  const resource = (state.resources ?? []).find((candidate) => candidate.mode === 'managed' && candidate.type === ENVIRONMENT_RECORD.type && candidate.name === ENVIRONMENT_RECORD.name);
  // terraform_data's `input`/`output` are dynamic values: state keeps them as { value, type }.
  const attributes = resource?.instances[0]?.attributes;
  const dynamic = (value: any) => (value && typeof value === 'object' && 'value' in value && 'type' in value ? value.value : value);
  const recorded = dynamic(attributes?.output) ?? dynamic(attributes?.input);
  if (recorded && typeof recorded.environment === 'string') {
    return { environment: recorded.environment, owner: String(recorded.owner ?? ''), expiresAt: String(recorded.expires_at ?? '') };
  }
  return undefined;
}

/**
 * When a recorded expiry passes. A date is "the date after which the environment may be
 * destroyed": it expires at the end of that day, UTC. Undefined for text that is neither.
 */
export function expiryInstant(text: string): Date | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = new Date(`${text}T00:00:00Z`);
    return Number.isNaN(start.getTime()) ? undefined : new Date(start.getTime() + 24 * 3600 * 1000);
  }
  const instant = new Date(text);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(instant.getTime()) ? instant : undefined;
}
