import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshLoadBalancingStrategy } from '../../../lib/mesh/mesh-load-balancing-strategy';
import { MeshMultiZoneService } from '../../../lib/mesh/mesh-multi-zone-service';
import { localZoneFirstFailover } from '../../../lib/mesh/models/mesh-load-balancing-strategy';
import { fakeGlobal } from '../gateway/fakes';
import { synthStack } from '../../helpers/synth';

function catalog(scope: any, global: ReturnType<typeof fakeGlobal>, mesh?: string): MeshMultiZoneService {
  return new MeshMultiZoneService(scope, 'catalog', { globalControlPlane: global, mesh, name: 'catalog', matchLabels: { 'k8s.kuma.io/service-name': 'catalog' }, ports: [{ port: 8080, appProtocol: 'http' }] });
}

test('localZoneFirst: every caller zone fails over to the others in the order given, then any zone for zones without a copy', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => MeshLoadBalancingStrategy.localZoneFirst(s, 'lb', { globalControlPlane: global, service: catalog(s, global, 'prod'), zones: ['gcp', 'azure', 'edge'] }));
  // THEN
  const policy = global.applied.find((resource) => resource.kind === 'MeshLoadBalancingStrategy')!;
  assert.deepEqual(policy.metadata, { name: 'catalog-failover', namespace: 'kuma-system', labels: { 'kuma.io/mesh': 'prod' } });
  const spec = policy.spec as any;
  assert.deepEqual(spec.targetRef, { kind: 'Mesh' });
  assert.deepEqual(spec.to[0].targetRef, { kind: 'MeshMultiZoneService', name: 'catalog' });
  assert.deepEqual(spec.to[0].default.localityAwareness.crossZone.failover, [
    { from: { zones: ['gcp'] }, to: { type: 'Only', zones: ['azure'] } },
    { from: { zones: ['gcp'] }, to: { type: 'Only', zones: ['edge'] } },
    { from: { zones: ['azure'] }, to: { type: 'Only', zones: ['gcp'] } },
    { from: { zones: ['azure'] }, to: { type: 'Only', zones: ['edge'] } },
    { from: { zones: ['edge'] }, to: { type: 'Only', zones: ['gcp'] } },
    { from: { zones: ['edge'] }, to: { type: 'Only', zones: ['azure'] } },
    // priority.go#getCrossZoneLbGroups + locality_aware.go#NewEndpoints: without it a caller in a
    // zone with no copy would get no remote endpoint at all
    { to: { type: 'Any' } },
  ]);
  assert.equal(spec.to[0].default.localityAwareness.crossZone.failoverThreshold, undefined, "Kuma's default (50 %) unless set");
});

test('explicit steps and threshold are written as Kuma reads them', () => {
  const global = fakeGlobal();
  synthStack((s) => new MeshLoadBalancingStrategy(s, 'lb', { globalControlPlane: global, name: 'to-gcp', service: catalog(s, global), failover: [{ fromZones: ['azure'], toZones: ['gcp'] }, {}], failoverThresholdPercent: 70 }));
  const crossZone = (global.applied.find((resource) => resource.kind === 'MeshLoadBalancingStrategy')!.spec as any).to[0].default.localityAwareness.crossZone;
  assert.deepEqual(crossZone, { failover: [{ from: { zones: ['azure'] }, to: { type: 'Only', zones: ['gcp'] } }, { to: { type: 'Any' } }], failoverThreshold: { percentage: 70 } });
});

test('validation names the field: empty steps, empty zone lists (validator.go#validateCrossZone), bad zones, threshold, repeated zones', () => {
  const build = (props: any) => () => synthStack((s) => { const global = fakeGlobal(); new MeshLoadBalancingStrategy(s, 'lb', { globalControlPlane: global, name: 'x', service: catalog(s, global), failover: [{}], ...props }); });
  assert.throws(build({ failover: [] }), /lb\.failover.*at least one step/);
  assert.throws(build({ failover: [{ toZones: [] }] }), /lb\.failover\[0\]\.toZones.*at least one zone/);
  assert.throws(build({ failover: [{ fromZones: [] }] }), /lb\.failover\[0\]\.fromZones/);
  assert.throws(build({ failover: [{ toZones: ['GCP_West'] }] }), /lb\.failover\[0\]\.toZones\[0\]/);
  assert.throws(build({ failoverThresholdPercent: 0 }), /failoverThresholdPercent/);
  assert.throws(build({ name: 'Bad_Name' }), /lb\.name/);
  assert.throws(
    () => synthStack((s) => { const global = fakeGlobal(); MeshLoadBalancingStrategy.localZoneFirst(s, 'lb', { globalControlPlane: global, service: catalog(s, global), zones: ['gcp', 'gcp'] }); }),
    /lb\.zones.*"gcp" twice/,
  );
});

test('localZoneFirstFailover: a single zone has nothing to fail over to but the catch-all', () => {
  assert.deepEqual(localZoneFirstFailover(['gcp']), [{ to: { type: 'Any' } }]);
});
