/**
 * Topology file to synthesized stacks, the way `npm run synth`, the examples and the
 * `cross-cloud-mesh synth` command do it: load and validate the file, build the
 * staged stacks, synthesize, and write `topology.md` beside them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { App } from 'cdktf';
import { CrossCloudMesh } from './cross-cloud-mesh';
import { loadTopology } from './load-topology';
import { TopologySpec } from './topology-spec';
import { ValidationError } from '../private/validation';

export interface SynthTopologyFileOptions {
  /**
   * Output directory.
   * @default $CDKTF_OUTDIR, else `cdktf.out`
   */
  readonly outdir?: string;
  /**
   * Environment for `${VAR}` expansion in the file.
   * @default process.env
   */
  readonly env?: { [name: string]: string };
}

export interface SynthesizedTopology {
  readonly app: App;
  readonly mesh: CrossCloudMesh;
  /** Where `topology.md` was written. */
  readonly diagramPath: string;
}

/** Builds the app for a topology file without synthesizing it (tests and tools add to it). */
export function buildTopologyApp(topologyPath: string, options: SynthTopologyFileOptions = {}): { app: App; mesh: CrossCloudMesh } {
  const topology = loadTopology(topologyPath, options.env ?? process.env);
  const app = new App({ outdir: options.outdir });
  const mesh = new CrossCloudMesh(app, topology.environment, {
    topology,
    externalGlobalCaCertificatePem: readExternalCa(topology, topologyPath),
  });
  return { app, mesh };
}

/** Loads, validates and synthesizes a topology file; writes `topology.md` into the output directory. */
export function synthTopologyFile(topologyPath: string, options: SynthTopologyFileOptions = {}): SynthesizedTopology {
  const { app, mesh } = buildTopologyApp(topologyPath, options);
  app.synth();
  const diagramPath = join(app.outdir, 'topology.md');
  writeFileSync(diagramPath, mesh.diagramMarkdown);
  return { app, mesh, diagramPath };
}

function readExternalCa(topology: TopologySpec, topologyPath: string): string | undefined {
  const file = topology.mesh.global.external?.caCertificateFile;
  if (file === undefined) return undefined;
  const path = isAbsolute(file) ? file : resolve(dirname(topologyPath), file);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ValidationError('mesh.global.external.caCertificateFile', file, `must name a readable PEM file (looked for ${path})`);
  }
}
