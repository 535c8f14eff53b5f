/** Argument dispatch for `cross-cloud-mesh`, separate from the bin so tests can run it. */
import { libraryVersion } from '../private/peer-dependencies';
import { CliCommand, CliIo } from './cli-io';
import { commands } from './commands';

const HELP = ['--help', '-h'];

/** Runs `cross-cloud-mesh <command> [args]`; resolves to the exit code (0 ok, 1 invalid input, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || HELP.includes(name) || name === 'help') {
    const topic = name === 'help' ? args[0] : undefined;
    if (topic !== undefined && commands[topic]) {
      commandHelp(topic, commands[topic], io.out);
      return 0;
    }
    usage(name === undefined ? io.err : io.out);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(libraryVersion());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command "${name}"`);
    usage(io.err);
    return 2;
  }
  if (args.some((arg) => HELP.includes(arg))) {
    commandHelp(name, command, io.out);
    return 0;
  }
  return command.run(args, io);
}

function usage(write: (line: string) => void): void {
  write('usage: cross-cloud-mesh <command> [arguments]');
  write('');
  for (const [name, command] of Object.entries(commands)) {
    write(`  ${`${name} ${command.usage}`.padEnd(28)} ${command.summary}`);
  }
  write('');
  write('  cross-cloud-mesh <command> --help   the arguments of one command');
  write('  cross-cloud-mesh --version          the version of cdktf-cross-cloud-mesh');
}

function commandHelp(name: string, command: CliCommand, write: (line: string) => void): void {
  write(`usage: cross-cloud-mesh ${name} ${command.usage}`);
  write('');
  write(`  ${command.summary}`);
  for (const line of command.details ?? []) write(line === '' ? '' : `  ${line}`);
}
