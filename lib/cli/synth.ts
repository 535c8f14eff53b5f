/**
 * `cross-cloud-mesh synth <topology> [--out <dir>]`: validates a topology file and
 * synthesizes its staged stacks (plus `topology.md`) without the cdktf CLI.
 */
import { definedEnvironment } from '../private/defined-environment';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopology } from '../topology/load-topology';
import { synthTopologyFile } from '../topology/synth-topology-file';
import { CliCommand, CliIo, parseFileArguments, reportInvalidTopology } from './cli-io';

export const synthCommand: CliCommand = {
  usage: '<topology> [--out <dir>]',
  summary: 'synthesize the staged stacks (<env>-infra, -platform, -mesh) and topology.md into a directory (default cdktf.out)',
  details: [
    '',
    '<topology>   a .yaml, .yml or .json file, as for validate',
    '--out <dir>  where the stacks go, created with its parents when missing (default $CDKTF_OUTDIR, else cdktf.out)',
    '',
    'Needs no cdktf CLI and no credentials. Exit 1 with the validate report on a bad topology; nothing is written then.',
  ],
  run: runSynth,
};

export function runSynth(args: string[], io: CliIo): number {
  const parsed = parseFileArguments(args);
  if (!parsed) {
    io.err(`usage: cross-cloud-mesh synth ${synthCommand.usage}`);
    return 2;
  }
  const outdir = resolve(io.cwd, parsed.out ?? io.env.CDKTF_OUTDIR ?? 'cdktf.out');
  try {
    // Validated before any folder is made, so a bad topology writes nothing; then the
    // folder with its parents, since cdktf's App creates only the last level of its outdir.
    loadTopology(resolve(io.cwd, parsed.file), io.env);
    mkdirSync(outdir, { recursive: true });
    const { app, mesh, diagramPath } = synthTopologyFile(resolve(io.cwd, parsed.file), { outdir, env: definedEnvironment(io.env) });
    for (const stack of [mesh.infraStack, mesh.platformStack, mesh.meshStack]) {
      io.out(`synthesized ${app.outdir}/stacks/${stack.node.id}`);
    }
    io.out(`diagram ${diagramPath}`);
    return 0;
  } catch (error) {
    return reportInvalidTopology(error, parsed.file, io);
  }
}
