import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadTopology } from '../../../lib/topology/load-topology';
import { planTopology } from '../../../lib/topology/plan-topology';
import { renderMermaid, renderTopologyMarkdown } from '../../../lib/topology/topology-diagram';
import { assertMatchesSnapshot } from '../../helpers/snapshot';

const root = join(__dirname, '..', '..', '..');
const reference = planTopology(loadTopology(join(root, 'examples', 'acme-corp', 'topology.yaml'), {}));

test('the reference example diagram is pinned (examples/acme-corp/topology.md)', () => {
  assertMatchesSnapshot(renderTopologyMarkdown(reference), join(root, 'examples', 'acme-corp', 'topology.md'), 'reference topology diagram');
});

test('every cluster, zone, gateway, API and route appears in the diagram', () => {
  const mermaid = renderMermaid(reference);
  for (const cluster of reference.clusters) assert.ok(mermaid.includes(`cluster_${cluster.name}`), cluster.name);
  for (const zone of reference.zones) assert.ok(mermaid.includes(`zone_${zone.name}`), zone.name);
  for (const gateway of reference.gateways) assert.ok(mermaid.includes(`gw_${gateway.name.replace(/-/g, '_')}`), gateway.name);
  for (const route of reference.routes) assert.ok(mermaid.includes(`https://${route.host}`), route.host);
  assert.match(mermaid, /gw_gateway_azure -\.->\|"mTLS via mesh: gateway-mesh\.kong\.svc\.gcp\.mesh\.local<br\/>TLS SNI catalog\.acme\.example"\| gw_gateway/);
});

test('labels cannot break the Mermaid syntax', () => {
  const plan = { ...reference, clusters: [{ ...reference.clusters[0], region: 'eu "west"' }] };
  assert.match(renderMermaid(plan), /eu #quot;west#quot;/);
});
