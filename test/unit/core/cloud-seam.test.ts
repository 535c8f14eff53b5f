import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Cloud } from '../../../lib/core/cloud';
import { CLOUDS, cloudSupport } from '../../../lib/core/cloud-registry';
import type { CloudSupport } from '../../../lib/core/cloud-support';
import { AZURE } from '../../../lib/azure/azure-cloud';
import { cloudBranchesIn, findCloudBranches } from '../../lint/cloud-branches';

test('no code outside the cloud folders and the registry branches on a cloud name', () => {
  // THEN
  assert.deepEqual(findCloudBranches(join(__dirname, '..', '..', '..')), []);
});

test('the rule catches each form of cloud branch', () => {
  // GIVEN
  const source = [
    "const max = cluster.cloud === Cloud.AZURE ? 54 : 40;",
    "if (Cloud.GCP !== dns.cloud) return;",
    "switch (cloud) { case Cloud.AWS: break; }",
    "const LABEL: Record<Cloud, string> = { [Cloud.AZURE]: 'AKS', [Cloud.GCP]: 'GKE' };",
    "if (zone.cloud === 'azure') write();",
    "const kind = cloudSupport(cluster.cloud).clusterKind; // Cloud.AZURE === x in a comment is fine",
    "public readonly cloud = Cloud.AZURE;",
    "if (cluster.cloud === spec.dns.cloud) continue;",
  ].join('\n');
  // WHEN
  const hits = cloudBranchesIn(source).map((hit) => hit.split(':')[0]);
  // THEN: lines 1-5 branch on a name (line 4 twice: Record<Cloud> and a keyed entry); 6-8 do not
  assert.deepEqual(hits, ['1', '2', '3', '4', '5']);
});

test('every Cloud value has its implementation in the registry, and it says which cloud it is', () => {
  for (const cloud of Object.values(Cloud)) {
    // WHEN
    const support = cloudSupport(cloud);
    // THEN
    assert.equal(support.cloud, cloud);
    assert.ok(support.networkFields.length > 0, `${cloud}: network fields`);
    assert.ok(support.clusterNameMaxLength > 0, `${cloud}: cluster name limit`);
  }
});

test('an unknown cloud (from untyped input) is an error naming the clouds', () => {
  assert.throws(() => cloudSupport('ibm' as Cloud), /Unknown cloud "ibm": use one of "azure", "gcp", "aws"$/);
});

test('the registry type rejects a missing cloud and an incomplete implementation at compile time', () => {
  // @ts-expect-error a Cloud value without an entry does not compile
  const missing: typeof CLOUDS = { [Cloud.AZURE]: CLOUDS[Cloud.AZURE] };
  // @ts-expect-error an implementation without its public zone does not compile
  const incomplete: CloudSupport = { ...AZURE, publicZone: undefined };
  assert.ok(missing && incomplete);
});
