/** Argument dispatch for `cross-cloud-mesh`, separate from the bin so tests can run it. */
import { CliIo } from './cli-io';
import { commands } from './commands';

/** Runs `cross-cloud-mesh <command> [args]`; resolves to the exit code (0 ok, 1 invalid input, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    usage(name === undefined ? io.err : io.out);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command "${name}"`);
    usage(io.err);
    return 2;
  }
  return command.run(args, io);
}

function usage(write: (line: string) => void): void {
  write('usage: cross-cloud-mesh <command> [arguments]');
  write('');
  for (const [name, command] of Object.entries(commands)) {
    write(`  ${`${name} ${command.usage}`.padEnd(28)} ${command.summary}`);
  }
}
