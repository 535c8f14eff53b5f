/**
 * The reference scenario (DESIGN.md): acme corp on AKS and GKE. Everything it builds
 * is described in topology.yaml; this file only synthesizes it.
 *
 *   npm run synth               # compiles, runs dist/examples/acme-corp/main.js: cdktf.out/stacks/acme-{infra,platform,mesh}, cdktf.out/topology.md
 *   npx cdktf-cli deploy '*'    # deploys the three stages in order
 */
import { synthTopologyFile } from '../../lib/topology/synth-topology-file';
import { exampleFile } from '../example-file';

const { app, diagramPath } = synthTopologyFile(exampleFile('acme-corp', 'topology.yaml'));
console.log(`synthesized ${app.outdir}/stacks/{acme-infra,acme-platform,acme-mesh}; diagram: ${diagramPath}`);
