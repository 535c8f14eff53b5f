/**
 * Bench subject: synthesizes a generated topology with N zones (argv[2]) into
 * $CDKTF_OUTDIR, as a whole process, the way an app would.
 *
 * argv[3] says which way: `construct` (default) builds `new App()` and `CrossCloudMesh`
 * itself, as an adopter's main.ts does; `file` writes the topology as YAML and runs
 * `synthTopologyFile`, as `npm run synth`, the examples and the `cross-cloud-mesh synth`
 * command do.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { stringify } from 'yaml';
import { CrossCloudMesh } from '../../lib/topology/cross-cloud-mesh';
import { synthTopologyFile } from '../../lib/topology/synth-topology-file';
import { generateTopology } from '../helpers/generated-topology';

const zones = Number(process.argv[2] ?? 2);
const topology = generateTopology({ zones });
if (process.argv[3] === 'file') {
  const file = join(mkdtempSync(join(tmpdir(), 'ccm-bench-topology-')), 'topology.yaml');
  writeFileSync(file, stringify(topology));
  synthTopologyFile(file);
} else {
  const app = new App();
  new CrossCloudMesh(app, `gen${zones}`, { topology });
  app.synth();
}
