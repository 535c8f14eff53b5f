import { TopologyValidationError } from '../topology/validate-topology';
import { formatTopologyReport } from '../topology/topology-report';

/** What a command may touch, so commands run the same from the bin and from tests. */
export interface CliIo {
  /** Writes one line to standard output. */
  readonly out: (line: string) => void;
  /** Writes one line to standard error. */
  readonly err: (line: string) => void;
  /** Environment for `${VAR}` expansion in topology files. */
  readonly env: NodeJS.ProcessEnv;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

/** One sub-command of `cross-cloud-mesh`. */
export interface CliCommand {
  /** Argument synopsis after the command name, e.g. `<topology>`. */
  readonly usage: string;
  /** One line for the command list of `cross-cloud-mesh --help`. */
  readonly summary: string;
  /** More lines for `cross-cloud-mesh <command> --help`: arguments, defaults, exit codes. */
  readonly details?: string[];
  /** Runs the command; resolves to the process exit code. */
  readonly run: (args: string[], io: CliIo) => number | Promise<number>;
}

/** Arguments of a command taking one file and an optional `--out <path>`. */
export interface FileArguments {
  readonly file: string;
  readonly out?: string;
}

/** Splits `<file> [--out <path>]`; undefined when the arguments do not have that shape. */
export function parseFileArguments(args: string[]): FileArguments | undefined {
  const outIndex = args.indexOf('--out');
  if (outIndex < 0) return args.length === 1 ? { file: args[0] } : undefined;
  const out = args[outIndex + 1];
  const positional = args.filter((_, index) => index !== outIndex && index !== outIndex + 1);
  return out && positional.length === 1 ? { file: positional[0], out } : undefined;
}

/** Prints every issue of an invalid topology and returns exit code 1; rethrows anything else. */
export function reportInvalidTopology(error: unknown, file: string, io: CliIo): number {
  if (!(error instanceof TopologyValidationError)) throw error;
  for (const line of formatTopologyReport(error, file)) io.err(line);
  return 1;
}
