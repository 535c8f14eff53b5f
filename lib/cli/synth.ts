/**
 * `cross-cloud-mesh synth <topology> [--out <dir>]`: validates a topology file and
 * synthesizes its staged stacks (plus `topology.md`) without the cdktf CLI.
 */
import { resolve } from 'node:path';
import { synthTopologyFile } from '../topology/synth-topology-file';
import { TopologyValidationError, formatTopologyIssue } from '../topology/validate-topology';
import { CliCommand, CliIo } from './cli-io';

export const synthCommand: CliCommand = {
  usage: '<topology> [--out <dir>]',
  summary: 'synthesize the staged stacks (<env>-infra, -platform, -mesh) and topology.md into a directory (default cdktf.out)',
  run: runSynth,
};

export function runSynth(args: string[], io: CliIo): number {
  const outIndex = args.indexOf('--out');
  const outdir = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const positional = outIndex >= 0 ? args.filter((_, index) => index !== outIndex && index !== outIndex + 1) : args;
  if (positional.length !== 1 || (outIndex >= 0 && !outdir)) {
    io.err(`usage: cross-cloud-mesh synth ${synthCommand.usage}`);
    return 2;
  }
  try {
    const { app, mesh, diagramPath } = synthTopologyFile(resolve(io.cwd, positional[0]), {
      outdir: resolve(io.cwd, outdir ?? io.env.CDKTF_OUTDIR ?? 'cdktf.out'),
      env: io.env,
    });
    for (const stack of [mesh.infraStack, mesh.platformStack, mesh.meshStack]) {
      io.out(`synthesized ${app.outdir}/stacks/${stack.node.id}`);
    }
    io.out(`diagram ${diagramPath}`);
    return 0;
  } catch (error) {
    if (!(error instanceof TopologyValidationError)) throw error;
    io.err(`${positional[0]}: ${error.issues.length} issue${error.issues.length === 1 ? '' : 's'}`);
    for (const issue of error.issues) io.err(`  ${formatTopologyIssue(issue)}`);
    return 1;
  }
}
