/**
 * `cross-cloud-mesh environments list|destroy-expired --state <location>`: the
 * environments in a state backend, with owner and expiry, and the teardown of every
 * expired one (see lib/environments/environments.ts).
 */
import { IStateStore } from '../environments/state-store';
import { STATE_LOCATION_FORMS, openStateStore } from '../environments/open-state-store';
import { EnvironmentSummary, IStageDestroyer, destroyExpired, listEnvironments } from '../environments/environments';
import { TerraformStageDestroyer } from '../environments/terraform-destroyer';
import { STAGES } from '../state/stage-state';
import { CliCommand, CliIo } from './cli-io';

const USAGE = 'list|destroy-expired --state <location> [--app <command>] [--now <time>]';

/** Seams for tests: the store, the destroyer and the clock. */
export interface EnvironmentsCommandSeams {
  readonly openStore?: (location: string, io: CliIo) => IStateStore;
  readonly destroyer?: (app: string, io: CliIo) => IStageDestroyer;
  readonly now?: () => Date;
}

export function environmentsCommandWith(seams: EnvironmentsCommandSeams = {}): CliCommand {
  return {
    usage: USAGE,
    summary: 'list the environments in a state backend (owner, expires-at), or destroy every expired one, mesh stage first',
    run: (args, io) => runEnvironments(args, io, seams),
  };
}

export const environmentsCommand: CliCommand = environmentsCommandWith();

async function runEnvironments(args: string[], io: CliIo, seams: EnvironmentsCommandSeams): Promise<number> {
  const [action, ...rest] = args;
  const flags = parseFlags(rest);
  if ((action !== 'list' && action !== 'destroy-expired') || !flags) return usage(io);
  const location = flags.state ?? io.env.CCM_STATE;
  if (!location) {
    io.err(`environments ${action}: --state is required (or CCM_STATE): ${STATE_LOCATION_FORMS}`);
    return 2;
  }
  const now = flags.now !== undefined ? new Date(flags.now) : (seams.now ?? (() => new Date()))();
  if (Number.isNaN(now.getTime())) {
    io.err(`--now "${flags.now}" is not a time: use RFC 3339, e.g. 2030-01-31T00:00:00Z`);
    return 2;
  }
  let store: IStateStore;
  try {
    store = (seams.openStore ?? ((value, cliIo) => openStateStore(value, cliIo.cwd, cliIo.env)))(location, io);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 2;
  }
  try {
    if (action === 'list') {
      printList(await listEnvironments(store, now), store, io);
      return 0;
    }
    const app = flags.app ?? io.env.CCM_APP;
    if (!app) {
      io.err('environments destroy-expired: --app is required (or CCM_APP): the command that synthesizes your app, e.g. "node dist/main.js"; it gets CCM_ENVIRONMENT and CDKTF_OUTDIR');
      return 2;
    }
    const destroyer = (seams.destroyer ?? ((command, cliIo) => new TerraformStageDestroyer({ app: command, cwd: cliIo.cwd, env: cliIo.env })))(app, io);
    const outcomes = await destroyExpired({ store, destroyer, now, log: io.out });
    const failed = outcomes.filter((outcome) => outcome.error);
    io.out(`${outcomes.length - failed.length} environment(s) destroyed, ${failed.length} failed${failed.length ? ': run again to resume' : ''}`);
    for (const outcome of failed) io.err(`  ${outcome.environment}: ${outcome.error}`);
    return failed.length > 0 ? 1 : 0;
  } catch (error) {
    io.err(`${store.description}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function printList(summaries: EnvironmentSummary[], store: IStateStore, io: CliIo): void {
  io.out(`${summaries.length} environment(s) in ${store.description}`);
  const rows = summaries.map((summary) => [
    summary.environment,
    summary.owner ?? '-',
    summary.expiresAt ?? (summary.status === 'unknown' || summary.status === 'incomplete-teardown' ? 'unknown' : 'never'),
    summary.status,
    STAGES.map((stage) => `${stage}:${summary.stages[stage]}`).join(' '),
  ]);
  const table = [['ENVIRONMENT', 'OWNER', 'EXPIRES-AT', 'STATUS', 'STAGES'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table) io.out(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}

function parseFlags(args: string[]): { state?: string; app?: string; now?: string } | undefined {
  const flags: { [name: string]: string } = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = /^--(state|app|now)$/.exec(args[i])?.[1];
    const value = args[i + 1];
    if (!name || value === undefined) return undefined;
    flags[name] = value;
  }
  return flags;
}

function usage(io: CliIo): number {
  io.err(`usage: cross-cloud-mesh environments ${USAGE}`);
  io.err(`  --state  ${STATE_LOCATION_FORMS}`);
  io.err('  --app    (destroy-expired) the command that synthesizes your app for CCM_ENVIRONMENT into CDKTF_OUTDIR');
  io.err('  --now    the clock, RFC 3339 (default: now)');
  return 2;
}
