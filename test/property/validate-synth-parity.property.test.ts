/**
 * Parity of `validate` and synth: topologies near the limits (long names sharing prefixes,
 * several routes per host and per API, node counts around each cloud's defaults, Azure
 * resource group names, private control plane ranges of other sizes, long DNS zones). Whenever
 * validateTopology accepts one, building and synthesizing its stacks must not throw: every
 * length limit, derived-name collision and cloud naming rule is validate's to find, with
 * its YAML field path.
 *
 * FC_RUNS and FC_SEED reproduce or widen a run: `FC_RUNS=500 FC_SEED=42 npm test -- test/property/validate-synth`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TopologySpec } from '../../lib/topology/topology-spec';
import { topologyIssues } from '../../lib/topology/validate-topology';
import { synthTopology } from '../helpers/examples';
import { EXTERNAL_GLOBAL_CA_PEM } from '../helpers/generated-topology';
import { nearLimitTopology } from '../helpers/near-limit-topology';

const FIELD_PATH = /^[a-zA-Z]+(\[\d+\])?(\.[a-zA-Z]+(\[\d+\])?)*$/;

test('whenever validate accepts a topology near the limits, synth does not throw; its issues name YAML fields', (t) => {
  let accepted = 0;
  let generated = 0;
  fc.assert(
    fc.property(nearLimitTopology, (candidate) => {
      generated++;
      const issues = topologyIssues(candidate);
      for (const issue of issues) assert.match(issue.path || 'x', FIELD_PATH, `issue path names a field: ${issue.path} (${issue.message})`);
      if (issues.length > 0) return;
      accepted++;
      // Throws (and fails the property) on any error synth finds that validate missed.
      synthTopology(candidate as TopologySpec, EXTERNAL_GLOBAL_CA_PEM);
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 150), seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
  );
  // The generator must keep producing valid topologies, or the property proves nothing.
  t.diagnostic(`${accepted} of ${generated} generated topologies valid, each synthesized`);
  assert.ok(accepted > 0, 'no generated topology was valid');
});
