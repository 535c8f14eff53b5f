import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTopology } from '../../../lib/topology/plan-topology';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { ephemeralExampleTopology } from '../../helpers/examples';

test('an API in several zones is planned with a MeshMultiZoneService name and a local-first order per zone', () => {
  // WHEN
  const plan = planTopology(ephemeralExampleTopology());
  // THEN
  const catalog = plan.apis.find((api) => api.name === 'catalog')!;
  assert.deepEqual(catalog.failover, {
    serviceName: 'catalog',
    hostname: 'catalog.mzsvc.mesh.local',
    zones: ['gcp', 'azure'],
    orderFrom: { gcp: ['gcp', 'azure'], azure: ['azure', 'gcp'] },
  });
});

test('an API in one zone has no failover', () => {
  const spec = ephemeralExampleTopology();
  const plan = planTopology({ ...spec, apis: [{ name: 'catalog', zones: ['gcp'] }], routes: spec.routes!.filter((route) => route.gateway === 'gateway' || route.via) });
  assert.equal(plan.apis[0].failover, undefined);
});

test('a zone listed twice for an API is an issue at its field path (the list is the failover order)', () => {
  // GIVEN
  const spec = ephemeralExampleTopology();
  // WHEN
  const issues = topologyIssues({ ...spec, apis: [{ name: 'catalog', zones: ['gcp', 'azure', 'gcp'] }] });
  // THEN
  assert.deepEqual(
    issues.map((issue) => [issue.path, issue.value]),
    [['apis[0].zones[2]', 'gcp']],
  );
  assert.match(issues[0].message, /repeats apis\[0\]\.zones\[0\].*failover order.*list each zone once/);
  assert.deepEqual(topologyIssues(spec), [], 'the ephemeral example is valid');
});
