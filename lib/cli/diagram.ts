/**
 * `cross-cloud-mesh diagram <topology> [--out <file>]`: the Mermaid picture of a
 * topology (`topology.md`), printed or written to a file. Needs no synthesis.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopology } from '../topology/load-topology';
import { planTopology } from '../topology/plan-topology';
import { renderTopologyMarkdown } from '../topology/topology-diagram';
import { CliCommand, CliIo, parseFileArguments, reportInvalidTopology } from './cli-io';

export const diagramCommand: CliCommand = {
  usage: '<topology> [--out <file>]',
  summary: 'print the topology as Markdown with a Mermaid diagram, or write it to a file',
  run: runDiagram,
};

export function runDiagram(args: string[], io: CliIo): number {
  const parsed = parseFileArguments(args);
  if (!parsed) {
    io.err(`usage: cross-cloud-mesh diagram ${diagramCommand.usage}`);
    return 2;
  }
  let markdown: string;
  try {
    markdown = renderTopologyMarkdown(planTopology(loadTopology(resolve(io.cwd, parsed.file), io.env)));
  } catch (error) {
    return reportInvalidTopology(error, parsed.file, io);
  }
  if (parsed.out) {
    writeFileSync(resolve(io.cwd, parsed.out), markdown);
    io.out(`wrote ${parsed.out}`);
  } else {
    for (const line of markdown.trimEnd().split('\n')) io.out(line);
  }
  return 0;
}
