/**
 * `cross-cloud-mesh synth <topology> [--out <dir>]`: validates a topology file and
 * synthesizes its staged stacks (plus `topology.md`) without the cdktf CLI.
 */
import { resolve } from 'node:path';
import { synthTopologyFile } from '../topology/synth-topology-file';
import { CliCommand, CliIo, parseFileArguments, reportInvalidTopology } from './cli-io';

export const synthCommand: CliCommand = {
  usage: '<topology> [--out <dir>]',
  summary: 'synthesize the staged stacks (<env>-infra, -platform, -mesh) and topology.md into a directory (default cdktf.out)',
  run: runSynth,
};

export function runSynth(args: string[], io: CliIo): number {
  const parsed = parseFileArguments(args);
  if (!parsed) {
    io.err(`usage: cross-cloud-mesh synth ${synthCommand.usage}`);
    return 2;
  }
  try {
    const { app, mesh, diagramPath } = synthTopologyFile(resolve(io.cwd, parsed.file), {
      outdir: resolve(io.cwd, parsed.out ?? io.env.CDKTF_OUTDIR ?? 'cdktf.out'),
      env: io.env,
    });
    for (const stack of [mesh.infraStack, mesh.platformStack, mesh.meshStack]) {
      io.out(`synthesized ${app.outdir}/stacks/${stack.node.id}`);
    }
    io.out(`diagram ${diagramPath}`);
    return 0;
  } catch (error) {
    return reportInvalidTopology(error, parsed.file, io);
  }
}
