/**
 * `cross-cloud-mesh diagram <topology> [--out <file>]`: the Mermaid picture of a
 * topology (`topology.md`), printed or written to a file. Needs no synthesis.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadTopology } from '../topology/load-topology';
import { planTopology } from '../topology/plan-topology';
import { renderTopologyMarkdown } from '../topology/topology-diagram';
import { CliCommand, CliIo, parseFileArguments, reportInvalidTopology } from './cli-io';

export const diagramCommand: CliCommand = {
  usage: '<topology> [--out <file>]',
  summary: 'print the topology as Markdown with a Mermaid diagram, or write it to a file',
  details: [
    '',
    '<topology>    a .yaml, .yml or .json file, as for validate',
    '--out <file>  write the Markdown there (its folder is created when missing) instead of printing it',
  ],
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
    const target = resolve(io.cwd, parsed.out);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, markdown);
    io.out(`wrote ${parsed.out}`);
  } else {
    for (const line of markdown.trimEnd().split('\n')) io.out(line);
  }
  return 0;
}
