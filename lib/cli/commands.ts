/**
 * The command table of `cross-cloud-mesh`. A command is one entry: its name is the
 * key, and `main` dispatches to it and lists it in `--help`.
 */
import { CliCommand } from './cli-io';
import { diagramCommand } from './diagram';
import { environmentsCommand } from './environments';
import { synthCommand } from './synth';
import { validateCommand } from './validate';

export const commands: Record<string, CliCommand> = {
  validate: validateCommand,
  synth: synthCommand,
  diagram: diagramCommand,
  environments: environmentsCommand,
};
