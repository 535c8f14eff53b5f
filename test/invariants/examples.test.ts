/**
 * The staging rules of DESIGN.md on every example.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthEphemeralExample, synthExistingClustersExample, synthReferenceExample } from '../helpers/examples';
import { checkStagingInvariants, formatViolations } from './staging-invariants';

const examples = {
  'acme-corp (reference)': synthReferenceExample,
  ephemeral: synthEphemeralExample,
  'existing-clusters': synthExistingClustersExample,
};

for (const [name, synth] of Object.entries(examples)) {
  test(`${name}: providers from data sources, CRDs a stage ahead, cross-stage values by reference`, () => {
    const violations = checkStagingInvariants(synth());
    assert.equal(violations.length, 0, formatViolations(violations));
  });
}

test('existing clusters: the infra stack creates no cluster, only addresses, DNS and identities', () => {
  const infra = synthExistingClustersExample()['platform-infra'];
  assert.equal(infra.resource?.azurerm_kubernetes_cluster, undefined);
  assert.equal(infra.resource?.google_container_cluster, undefined);
  assert.ok(Object.keys(infra.resource?.azurerm_public_ip ?? {}).length > 0);
  assert.ok(Object.keys(infra.resource?.google_compute_address ?? {}).length > 0);
});
