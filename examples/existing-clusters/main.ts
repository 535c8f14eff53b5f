/**
 * Existing clusters: the topology marks every cluster `existing: true`, so the infra
 * stage only reserves addresses, DNS records and certificate identities; later stages
 * reach the clusters by name.
 *
 *   node --import tsx examples/existing-clusters/main.ts
 */
import { synthTopologyFile } from '../../lib/topology/synth-topology-file';
import { exampleFile } from '../example-file';

const { app, diagramPath } = synthTopologyFile(exampleFile('existing-clusters', 'topology.yaml'));
console.log(`synthesized ${app.outdir}; diagram: ${diagramPath}`);
