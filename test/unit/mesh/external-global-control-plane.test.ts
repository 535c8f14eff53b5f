import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformVariable } from 'cdktf';
import { ExternalGlobalControlPlane } from '../../../lib/mesh/external-global-control-plane';
import { GlobalControlPlane } from '../../../lib/mesh/global-control-plane';
import { KumactlResourceSink } from '../../../lib/mesh/kumactl-resource-sink';
import { MeshDistribution } from '../../../lib/mesh/mesh-distribution';
import { ZoneControlPlane } from '../../../lib/mesh/zone-control-plane';
import { Cloud } from '../../../lib/core/cloud';
import { resourcesOfType, synthStack } from '../../helpers/synth';
import { fakeConnection } from '../../helpers/fakes';
import { CA_PEM } from './_fixtures';

test('external: KDS address and CA given, nothing created, verified, kumactl sink only with an API', () => {
  // WHEN
  let global!: ExternalGlobalControlPlane;
  const json = synthStack((stack) => {
    global = new ExternalGlobalControlPlane(stack, 'global', { kdsGlobalAddress: 'grpcs://kds.mesh.example:5685', caCertificatePem: CA_PEM });
  });
  // THEN
  assert.equal(json.resource, undefined);
  assert.equal(global.kdsGlobalAddress, 'grpcs://kds.mesh.example:5685');
  assert.equal(global.kdsCaCertificatePem, CA_PEM);
  assert.equal(global.insecureSkipKdsVerify, false);
  assert.equal(global.distribution.name, MeshDistribution.kuma().name);
  assert.equal(global.zoneTokenFor('gcp'), undefined);
  assert.equal(global.systemNamespace, 'kuma-system');
  assert.throws(() => global.resources, /apiUrl/);
  synthStack((stack) => {
    const withApi = new ExternalGlobalControlPlane(stack, 'global', {
      kdsGlobalAddress: 'grpcs://kds.mesh.example:5685',
      caCertificatePem: CA_PEM,
      apiUrl: 'https://global.mesh.example:5682',
      adminTokenSecretName: 'admin-token',
      runnerConnection: fakeConnection('gke'),
    });
    assert.ok(withApi.resources instanceof KumactlResourceSink);
  });
});

test('GlobalControlPlane.fromExternal is the same construct', () => {
  synthStack((stack) => {
    const global = GlobalControlPlane.fromExternal(stack, 'global', { kdsGlobalAddress: 'grpcs://kds.mesh.example:5685', caCertificatePem: CA_PEM });
    assert.ok(global instanceof ExternalGlobalControlPlane);
  });
});

test('a zone of an external global waits for nothing of it: the global is up before the app runs', () => {
  // WHEN
  const json = synthStack((stack) => {
    const global = new ExternalGlobalControlPlane(stack, 'global', { kdsGlobalAddress: 'grpcs://kds.mesh.example:5685', caCertificatePem: CA_PEM });
    new ZoneControlPlane(stack, 'zone', { connection: fakeConnection('gke', Cloud.GCP), zoneName: 'gcp', globalControlPlane: global });
  });
  // THEN: only the zone's own namespace and Secret
  const [, release] = resourcesOfType(json, 'helm_release')[0];
  assert.deepEqual(
    release.depends_on.map((dependency: string) => dependency.split('.')[0]),
    ['kubernetes_namespace_v1', 'kubernetes_secret_v1'],
  );
});

test('validation: not grpcs, not a PEM, literal zone token', () => {
  const build = (props: Partial<ConstructorParameters<typeof ExternalGlobalControlPlane>[2]>) =>
    synthStack((stack) => new ExternalGlobalControlPlane(stack, 'global', { kdsGlobalAddress: 'grpcs://kds:5685', caCertificatePem: CA_PEM, ...props }));
  assert.throws(() => build({ kdsGlobalAddress: 'grpc://kds.mesh.example:5685' }), /\(test\/global\.kdsGlobalAddress\) must be a grpcs:\/\/ URL/);
  assert.throws(() => build({ caCertificatePem: 'not a pem' }), /caCertificatePem\) must be the PEM/);
  const kongMesh = MeshDistribution.kongMesh({ licenseSecretName: 'kong-mesh-license' });
  assert.throws(() => build({ distribution: kongMesh, zoneTokens: { gcp: 'eyJhbGciOi' } }), /\(test\/global\.zoneTokens\.gcp\).*sensitive Terraform value/);
  // Zone tokens are a Kong Mesh / Konnect mechanism: on a Kuma global the error names the global's field.
  assert.throws(
    () => synthStack((stack) => build({ zoneTokens: { gcp: new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue } })),
    /\(test\/global\.zoneTokens\) authenticate zones to a Kong Mesh \/ Konnect global only/,
  );
  // A sensitive value is accepted.
  synthStack((stack) => {
    const token = new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue;
    new ExternalGlobalControlPlane(stack, 'global', { kdsGlobalAddress: 'grpcs://kds:5685', caCertificatePem: CA_PEM, distribution: kongMesh, zoneTokens: { gcp: token } });
  });
});

test('zone tokens: each zone presents its own, and a zone without one is refused (a token names one zone)', () => {
  // WHEN
  const json = synthStack((stack) => {
    const token = (zone: string) => new TerraformVariable(stack, `token-${zone}`, { type: 'string', sensitive: true }).stringValue;
    const global = new ExternalGlobalControlPlane(stack, 'global', {
      kdsGlobalAddress: 'grpcs://kds.konnect.example:443',
      caCertificatePem: CA_PEM,
      distribution: MeshDistribution.kongMesh({ licenseSecretName: 'kong-mesh-license' }),
      zoneTokens: { azure: token('azure'), gcp: token('gcp') },
    });
    new ZoneControlPlane(stack, 'zone-azure', { connection: fakeConnection('aks', Cloud.AZURE), zoneName: 'azure', globalControlPlane: global });
    new ZoneControlPlane(stack, 'zone-gcp', { connection: fakeConnection('gke', Cloud.GCP), zoneName: 'gcp', globalControlPlane: global });
  });
  // THEN
  const tokens = resourcesOfType(json, 'kubernetes_secret_v1').map(([, s]) => s).filter((s) => s.metadata.name === 'kong-mesh-global-cp-token');
  assert.deepEqual(tokens.map((s) => [s.provider, s.data.token]).sort(), [['kubernetes.aks', '${var.token-azure}'], ['kubernetes.gke', '${var.token-gcp}']]);
  assert.throws(
    () => synthStack((stack) => {
      const global = new ExternalGlobalControlPlane(stack, 'global', {
        kdsGlobalAddress: 'grpcs://kds.konnect.example:443',
        caCertificatePem: CA_PEM,
        distribution: MeshDistribution.kongMesh({ licenseSecretName: 'kong-mesh-license' }),
        zoneTokens: { gcp: new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue },
      });
      new ZoneControlPlane(stack, 'zone-azure', { connection: fakeConnection('aks', Cloud.AZURE), zoneName: 'azure', globalControlPlane: global });
    }),
    /\(test\/global\.zoneTokens\) has no token for zone "azure".*kumactl generate zone-token --zone azure --scope cp/,
  );
});
