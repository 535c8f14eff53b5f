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
  /** One line for `--help`. */
  readonly summary: string;
  /** Runs the command; resolves to the process exit code. */
  readonly run: (args: string[], io: CliIo) => number | Promise<number>;
}
