/**
 * One report for a bad topology, whichever way it arrives: `cross-cloud-mesh validate`
 * prints it, and so does a user's own `main.ts` (`new CrossCloudMesh(app, ...)` with
 * `loadTopology(...)`, run by `cdktf synth` or node) when the error goes uncaught:
 * the file, the issue count and one `<field path>: <value> <message>` line per issue,
 * without the stack trace node would print, which points into this library and says
 * nothing the field path does not. Errors in the app's own setup (unsupported peer
 * versions, two copies of cdktf) are printed the same way: their fix is an install
 * step, not a line of code.
 */
import { PeerDependencyError } from '../private/peer-dependencies';
import { TopologyValidationError, formatTopologyIssue } from './validate-topology';

/** The report lines: `<source>: N issues`, then each issue indented by two spaces. */
export function formatTopologyReport(error: TopologyValidationError, source: string): string[] {
  const count = error.issues.length;
  return [`${source}: ${count} issue${count === 1 ? '' : 's'}`, ...error.issues.map((issue) => `  ${formatTopologyIssue(issue)}`)];
}

/** Where topology errors came from (the file given to `loadTopology`), for the report's first line. */
const sources = new WeakMap<object, string>();

/** Runs `load`; a topology error it throws is remembered as coming from `source`. */
export function withTopologySource<T>(source: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof TopologyValidationError && !sources.has(error)) sources.set(error, source);
    throw error;
  }
}

/** The lines to print for an error a user fixes in their input or install, else undefined. */
export function userErrorReport(error: unknown): string[] | undefined {
  if (error instanceof TopologyValidationError) return formatTopologyReport(error, sources.get(error) ?? 'topology');
  if (error instanceof PeerDependencyError) return error.message.split('\n');
  return undefined;
}

// `uncaughtExceptionMonitor` runs before node prints an uncaught error, and changes
// nothing for any other error or for errors the app catches; exiting here replaces
// node's trace with the report (exit code 1, as node's own would be).
process.on('uncaughtExceptionMonitor', (error) => {
  const report = userErrorReport(error);
  if (report === undefined) return;
  process.stderr.write(`${report.join('\n')}\n`);
  process.exit(1);
});
