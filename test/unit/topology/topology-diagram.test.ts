import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadTopology } from '../../../lib/topology/load-topology';
import { planTopology } from '../../../lib/topology/plan-topology';
import { renderMermaid, renderTopologyMarkdown } from '../../../lib/topology/topology-diagram';
import { assertMatchesSnapshot } from '../../helpers/snapshot';
import { ephemeralExampleTopology } from '../../helpers/examples';

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

test('an API in several zones: one node per zone, each route goes to its local copy and fails over to the others in order', () => {
  // GIVEN the ephemeral example: catalog in zones gcp and azure, a route to it on each zone's gateway
  const plan = planTopology(ephemeralExampleTopology());
  // WHEN
  const mermaid = renderMermaid(plan);
  const markdown = renderTopologyMarkdown(plan);
  // THEN
  assert.match(mermaid, /api_catalog_gcp\["API catalog\/catalog:8080<br\/>multi-zone: catalog\.mzsvc\.mesh\.local"\]/);
  assert.match(mermaid, /api_catalog_azure\["API catalog\/catalog:8080<br\/>multi-zone: catalog\.mzsvc\.mesh\.local"\]/);
  assert.match(mermaid, /gw_gateway_azure -->\|"\/ via catalog\.mzsvc\.mesh\.local<br\/>local zone first"\| api_catalog_azure/);
  assert.match(mermaid, /gw_gateway_azure -\.->\|"failover 1: mTLS via mesh"\| api_catalog_gcp/);
  assert.match(mermaid, /gw_gateway -->\|"\/ via catalog\.mzsvc\.mesh\.local<br\/>local zone first"\| api_catalog_gcp/);
  assert.match(mermaid, /gw_gateway -\.->\|"failover 1: mTLS via mesh"\| api_catalog_azure/);
  // a gateway never "fails over" to its own zone
  assert.doesNotMatch(mermaid, /gw_gateway_azure -\.->\|[^|]*\| api_catalog_azure/);
  assert.match(markdown, /\| `gateway-azure` \| API `catalog` in zone `azure`, failing over to `gcp` \|/);
});

test('with three zones the failover edges follow the order of apis[].zones after the local zone', () => {
  const spec = ephemeralExampleTopology();
  const plan = planTopology({ ...spec, apis: [{ name: 'catalog', zones: ['gcp', 'azure', 'edge'] }], zones: [...spec.zones, { name: 'edge', cluster: 'global' }] });
  const mermaid = renderMermaid(plan);
  assert.match(mermaid, /gw_gateway_azure -\.->\|"failover 1: mTLS via mesh"\| api_catalog_gcp/);
  assert.match(mermaid, /gw_gateway_azure -\.->\|"failover 2: mTLS via mesh"\| api_catalog_edge/);
  assert.match(mermaid, /gw_gateway -\.->\|"failover 1: mTLS via mesh"\| api_catalog_azure/);
  assert.match(mermaid, /gw_gateway -\.->\|"failover 2: mTLS via mesh"\| api_catalog_edge/);
});
