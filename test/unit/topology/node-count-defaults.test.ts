/**
 * Node-count defaults are the cluster constructs' own (AksCluster 2-5, 1-3 ephemeral;
 * GkeCluster 3-9, 1-3 ephemeral): validate asks the same helpers, so a topology it accepts
 * synthesizes, and one the construct would accept is not rejected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cloud } from '../../../lib/core/cloud';
import { aksNodeCountDefaults, gkeNodeCountDefaults } from '../../../lib/private/cluster-names';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { synthTopology } from '../../helpers/examples';
import { resourcesOfType } from '../../helpers/synth';
import { generateTopology } from '../../helpers/generated-topology';

test('GKE nodes.max: 2 is an issue at clusters[i].nodes.max (the GKE default min is 3), not a throw from GkeCluster', () => {
  // GIVEN zone cluster c1 on GKE with only a maximum
  const spec: any = generateTopology({ zones: 1, cloudOfZone: () => Cloud.GCP });
  spec.clusters[1].nodes = { max: 2 };
  // WHEN
  const issues = topologyIssues(spec);
  // THEN
  const issue = issues.find((candidate) => candidate.path === 'clusters[1].nodes.max');
  assert.ok(issue, JSON.stringify(issues));
  assert.match(issue.message, /nodes\.min \(3, the gcp default\)/);
  assert.equal(gkeNodeCountDefaults(false).min, 3);
});

test('ephemeral AKS nodes.min: 3 is accepted (the ephemeral AKS default max is 3) and synthesizes with min 3, max 3', () => {
  // GIVEN
  const spec: any = generateTopology({ zones: 1, ephemeral: true, cloudOfZone: () => Cloud.AZURE });
  spec.clusters[1].nodes = { min: 3 };
  // WHEN
  assert.deepEqual(topologyIssues(spec), []);
  const infra = synthTopology(spec)[`${spec.environment}-infra`];
  // THEN the user pool autoscales between the given min and the construct's max
  const pools = resourcesOfType(infra, 'azurerm_kubernetes_cluster_node_pool').map(([, pool]) => pool);
  assert.equal(pools.length, 1);
  assert.equal(pools[0].min_count, 3);
  assert.equal(pools[0].max_count, aksNodeCountDefaults(true).max);
});
