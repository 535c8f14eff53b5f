/**
 * The reference scenario (DESIGN.md): acme corp on AKS and GKE. Everything it builds
 * is described in topology.yaml; this file only synthesizes it.
 *
 *   npm run synth               # cdktf.out/stacks/acme-{infra,platform,mesh}, cdktf.out/topology.md
 *   npx cdktf-cli deploy '*'    # deploys the three stages in order
 */
import { join } from 'node:path';
import { synthTopologyFile } from '../../lib/topology/synth-topology-file';

const { app, diagramPath } = synthTopologyFile(join(__dirname, 'topology.yaml'));
console.log(`synthesized ${app.outdir}/stacks/{acme-infra,acme-platform,acme-mesh}; diagram: ${diagramPath}`);
