/**
 * `cross-cloud-mesh diagram <topology> [--out <file>]`: the Mermaid picture of a
 * topology (`topology.md`), printed or written to a file. Needs no synthesis.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopology } from '../topology/load-topology';
import { planTopology } from '../topology/plan-topology';
import { renderTopologyMarkdown } from '../topology/topology-diagram';
import { TopologyValidationError, formatTopologyIssue } from '../topology/validate-topology';
import { CliCommand, CliIo } from './cli-io';

export const diagramCommand: CliCommand = {
  usage: '<topology> [--out <file>]',
  summary: 'print the topology as Markdown with a Mermaid diagram, or write it to a file',
  run: runDiagram,
};

export function runDiagram(args: string[], io: CliIo): number {
  const outIndex = args.indexOf('--out');
  const outFile = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const positional = outIndex >= 0 ? args.filter((_, index) => index !== outIndex && index !== outIndex + 1) : args;
  if (positional.length !== 1 || (outIndex >= 0 && !outFile)) {
    io.err(`usage: cross-cloud-mesh diagram ${diagramCommand.usage}`);
    return 2;
  }
  try {
    const markdown = renderTopologyMarkdown(planTopology(loadTopology(resolve(io.cwd, positional[0]), io.env)));
    if (outFile) {
      writeFileSync(resolve(io.cwd, outFile), markdown);
      io.out(`wrote ${outFile}`);
    } else {
      for (const line of markdown.trimEnd().split('\n')) io.out(line);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof TopologyValidationError)) throw error;
    io.err(`${positional[0]}: ${error.issues.length} issue${error.issues.length === 1 ? '' : 's'}`);
    for (const issue of error.issues) io.err(`  ${formatTopologyIssue(issue)}`);
    return 1;
  }
}
