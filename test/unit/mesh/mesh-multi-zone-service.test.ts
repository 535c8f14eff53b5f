import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeshMultiZoneService } from '../../../lib/mesh/mesh-multi-zone-service';
import { fakeGlobal } from '../gateway/fakes';
import { synthStack } from '../../helpers/synth';

test('MeshMultiZoneService: selector and ports; empty selectors and bad ports are rejected', () => {
  // GIVEN
  const global = fakeGlobal();
  // WHEN
  synthStack((s) => new MeshMultiZoneService(s, 'm', { globalControlPlane: global, name: 'catalog', matchLabels: { 'kuma.io/display-name': 'catalog' }, ports: [{ port: 8080, appProtocol: 'http' }] }));
  // THEN
  assert.deepEqual(global.applied[0].spec, { selector: { meshService: { matchLabels: { 'kuma.io/display-name': 'catalog' } } }, ports: [{ port: 8080, appProtocol: 'http' }] });
  assert.throws(() => synthStack((s) => new MeshMultiZoneService(s, 'm', { globalControlPlane: fakeGlobal(), name: 'c', matchLabels: {}, ports: [{ port: 1 }] })), /matchLabels/);
  assert.throws(() => synthStack((s) => new MeshMultiZoneService(s, 'm', { globalControlPlane: fakeGlobal(), name: 'c', matchLabels: { a: 'b' }, ports: [{ port: 70000 }] })), /port/);
});

test('MeshMultiZoneService: a port without appProtocol is written as tcp, which a Universal global needs', () => {
  // GIVEN / WHEN (meshmultizoneservice validator.go#validate refuses an empty appProtocol; only the CRD defaults it)
  const global = fakeGlobal();
  synthStack((s) => new MeshMultiZoneService(s, 'm', { globalControlPlane: global, name: 'catalog', matchLabels: { 'kuma.io/display-name': 'catalog' }, ports: [{ port: 8080 }] }));
  // THEN
  assert.deepEqual((global.applied[0].spec as any).ports, [{ port: 8080, appProtocol: 'tcp' }]);
});
