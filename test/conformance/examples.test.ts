/**
 * The three examples against upstream: every custom resource against its CRD, every
 * Helm value against its chart, the chart guard rails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthEphemeralExample, synthExistingClustersExample, synthReferenceExample } from '../helpers/examples';
import { checkConformance, formatFindings } from './check-stacks';
import { skipMessage } from './upstream';

const examples = {
  'acme-corp (reference)': synthReferenceExample,
  ephemeral: synthEphemeralExample,
  'existing-clusters': synthExistingClustersExample,
};

for (const [name, synth] of Object.entries(examples)) {
  test(`${name}: every custom resource and Helm value conforms to upstream`, { skip: skipMessage() }, () => {
    const findings = checkConformance(synth());
    assert.equal(findings.length, 0, formatFindings(findings));
  });
}

test('the reference example plans custom resources of each kind it relies on', { skip: skipMessage() }, () => {
  const kinds = Object.values(synthReferenceExample()['acme-mesh'].resource?.kubernetes_manifest ?? {}).map(
    (resource: any) => resource.manifest.kind,
  );
  for (const kind of ['Mesh', 'MeshTLS', 'MeshTrafficPermission', 'HostnameGenerator', 'ClusterIssuer', 'Certificate']) {
    assert.ok(kinds.includes(kind), `acme-mesh plans a ${kind}`);
  }
});
