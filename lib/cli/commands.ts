/**
 * The command table of `cross-cloud-mesh`. A command is one entry: its name is the
 * key, and `main` dispatches to it and lists it in `--help`.
 */
import { CliCommand } from './cli-io';
import { validateCommand } from './validate';

export const commands: Record<string, CliCommand> = {
  validate: validateCommand,
  // Slots for `synth <topology>` and `diagram <topology>`: the topology layer registers
  // them here (built on synthTopologyFile and the topology diagram).
};
