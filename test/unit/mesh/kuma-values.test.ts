import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GlobalValuesInput,
  PostgresTlsMode,
  ZoneValuesInput,
  availability,
  globalControlPlaneValues,
  kdsGlobalAddress,
  zoneControlPlaneValues,
} from '../../../lib/mesh/kuma-values';
import { MeshDistribution } from '../../../lib/mesh/mesh-distribution';
import { chartValues, kongMeshReference, unknownPaths, upstreamAvailable } from './_upstream-values';

const globalInput: GlobalValuesInput = {
  availability: availability(false),
  kdsServerSecretName: 'kuma-kds-server-tls',
  sync: { address: '203.0.113.10', annotations: { 'example.com/rg': 'acme' }, sourceRanges: ['198.51.100.1/32'] },
};

const zoneInput: ZoneValuesInput = {
  zoneName: 'gcp',
  kdsGlobalAddress: 'grpcs://203.0.113.10:5685',
  availability: availability(false),
  kdsCaSecretName: 'kuma-kds-global-ca',
  skipKdsVerify: false,
  ingress: { address: '203.0.113.20', annotations: {} },
  egress: true,
};

test('global values: mode global, KDS sync Service on the reserved address with source ranges', () => {
  // WHEN
  const values = globalControlPlaneValues(globalInput);
  // THEN
  assert.equal(values.controlPlane.mode, 'global');
  assert.deepEqual(values.controlPlane.globalZoneSyncService, {
    enabled: true,
    type: 'LoadBalancer',
    loadBalancerIP: '203.0.113.10',
    loadBalancerSourceRanges: ['198.51.100.1/32'],
    annotations: { 'example.com/rg': 'acme' },
    port: 5685,
  });
  assert.equal(values.controlPlane.tls?.kdsGlobalServer?.secretName, 'kuma-kds-server-tls');
  assert.equal(values.controlPlane.defaults?.skipMeshCreation, true);
});

test('global values never set the keys the chart forbids in global mode', () => {
  // WHEN
  const values: any = globalControlPlaneValues({ ...globalInput, universalStore: undefined });
  // THEN
  assert.equal(values.controlPlane.zone, undefined);
  assert.equal(values.controlPlane.kdsGlobalAddress, undefined);
  assert.equal(values.ingress, undefined);
  assert.equal(values.egress, undefined);
});

test('Universal global values: environment universal, store from env and a password Secret', () => {
  // WHEN
  const values: any = globalControlPlaneValues({
    ...globalInput,
    universalStore: {
      host: 'db.example', port: 5432, user: 'kuma', database: 'kuma',
      passwordSecretName: 'kuma-postgres', passwordSecretKey: 'password',
      tlsMode: PostgresTlsMode.VERIFY_CA, caSecretName: 'kuma-postgres-ca',
    },
  });
  // THEN
  assert.equal(values.controlPlane.environment, 'universal');
  assert.deepEqual(values.controlPlane.secrets, [{ Env: 'KUMA_STORE_POSTGRES_PASSWORD', Secret: 'kuma-postgres', Key: 'password' }]);
  assert.equal(values.controlPlane.envVars.KUMA_STORE_POSTGRES_HOST, 'db.example');
  assert.deepEqual(values.postgres, { port: '5432', tls: { mode: 'verifyCa', caSecretName: 'kuma-postgres-ca' } });
  assert.ok(!JSON.stringify(values).includes('KUMA_STORE_POSTGRES_PASSWORD":'), 'the password is never an env value');
});

test('zone values: mode zone, zone name, grpcs KDS address, verified KDS, ingress and egress', () => {
  // WHEN
  const values: any = zoneControlPlaneValues(zoneInput);
  // THEN
  assert.equal(values.controlPlane.mode, 'zone');
  assert.equal(values.controlPlane.zone, 'gcp');
  assert.equal(values.controlPlane.kdsGlobalAddress, 'grpcs://203.0.113.10:5685');
  assert.deepEqual(values.controlPlane.tls.kdsZoneClient, { secretName: 'kuma-kds-global-ca', skipVerify: false });
  assert.equal(values.ingress.enabled, true);
  assert.equal(values.egress.enabled, true);
  assert.equal(values.ingress.service.type, 'LoadBalancer');
  assert.equal(values.ingress.service.loadBalancerIP, '203.0.113.20');
  assert.equal(values.ingress.podAnnotations['kuma.io/ingress-public-address'], '203.0.113.20');
  assert.equal(values.ingress.podAnnotations['kuma.io/ingress-public-port'], '10001');
});

test('HA outside ephemeral: 2 replicas and disruption budgets; ephemeral: 1 replica, none', () => {
  // WHEN
  const ha: any = zoneControlPlaneValues(zoneInput);
  const small: any = zoneControlPlaneValues({ ...zoneInput, availability: availability(true) });
  // THEN
  assert.equal(ha.controlPlane.replicas, 2);
  assert.equal(ha.controlPlane.podDisruptionBudget.enabled, true);
  assert.equal(ha.ingress.replicas, 2);
  assert.equal(ha.egress.podDisruptionBudget.enabled, true);
  assert.equal(small.controlPlane.replicas, 1);
  assert.equal(small.ingress.replicas, 1);
  assert.equal(small.controlPlane.podDisruptionBudget.enabled, false);
});

test('zone without egress disables it explicitly', () => {
  assert.deepEqual(zoneControlPlaneValues({ ...zoneInput, egress: false }).egress, { enabled: false });
});

test('KDS address: grpcs on 5685, IPv6 literals bracketed', () => {
  assert.equal(kdsGlobalAddress('kds.acme.example'), 'grpcs://kds.acme.example:5685');
  assert.equal(kdsGlobalAddress('2001:db8::1'), 'grpcs://[2001:db8::1]:5685');
});

test('every key path exists in the upstream Kuma chart values', { skip: !upstreamAvailable() && 'upstream values not found' }, () => {
  // GIVEN
  const kuma = chartValues('kuma');
  const trees = [
    globalControlPlaneValues(globalInput),
    globalControlPlaneValues({
      ...globalInput,
      secrets: [{ Env: 'KMESH_LICENSE_INLINE', Secret: 'kong-mesh-license', Key: 'license.json' }],
      universalStore: { host: 'h', port: 5432, user: 'u', database: 'd', passwordSecretName: 's', passwordSecretKey: 'password', tlsMode: PostgresTlsMode.VERIFY_FULL, caSecretName: 'ca' },
    }),
    zoneControlPlaneValues({ ...zoneInput, ingress: { ...zoneInput.ingress!, sourceRanges: ['198.51.100.0/24'] }, secrets: [{ Env: 'X', Secret: 'y', Key: 'z' }] }),
  ];
  // THEN
  for (const tree of trees) assert.deepEqual(unknownPaths(tree, kuma), []);
});

test('Kong Mesh nesting: every key path exists under kuma: in the Kong Mesh chart', { skip: !upstreamAvailable() && 'upstream values not found' }, () => {
  // WHEN
  const nested = MeshDistribution.kongMesh().wrapValues(zoneControlPlaneValues(zoneInput));
  // THEN
  assert.ok('kuma' in nested);
  assert.deepEqual(unknownPaths(nested, kongMeshReference()), []);
});

test('the key checker reports a misspelled key', { skip: !upstreamAvailable() && 'upstream values not found' }, () => {
  assert.deepEqual(unknownPaths({ controlPlane: { kdsGlobalAdress: 'x' } }, chartValues('kuma')), ['controlPlane.kdsGlobalAdress']);
});
