/**
 * Bench subject: synthesizes a generated topology with N zones (argv[2]) into
 * $CDKTF_OUTDIR, as a whole process, the way an app would.
 */
import { App } from 'cdktf';
import { CrossCloudMesh } from '../../lib/topology/cross-cloud-mesh';
import { generateTopology } from '../helpers/generated-topology';

const zones = Number(process.argv[2] ?? 2);
const app = new App();
new CrossCloudMesh(app, `gen${zones}`, { topology: generateTopology({ zones }) });
app.synth();
