import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { GlobalControlPlane, GlobalControlPlanePlacement } from '../../../lib/mesh/global-control-plane';
import { ZoneControlPlane, ZoneControlPlaneProps } from '../../../lib/mesh/zone-control-plane';
import { IGlobalControlPlane } from '../../../lib/mesh/control-plane';
import { MeshDistribution } from '../../../lib/mesh/mesh-distribution';
import { Cloud } from '../../../lib/core/cloud';
import { helmValues, resourcesOfType, synthApp, synthStack } from '../../helpers/synth';
import { fakeConnection } from '../../helpers/fakes';
import { CA_PEM, reservedAddress } from './_fixtures';

const gke = fakeConnection('gke', Cloud.GCP);
const ingressAddress = reservedAddress('203.0.113.20', Cloud.GCP, { 'cloud.google.com/network-tier': 'PREMIUM' });

function globalOf(stack: TerraformStack, options: { insecure?: boolean; distribution?: MeshDistribution } = {}): GlobalControlPlane {
  return new GlobalControlPlane(stack, 'global', {
    placement: GlobalControlPlanePlacement.dedicatedCluster({ connection: fakeConnection('global', Cloud.GCP), kdsAddress: reservedAddress('203.0.113.10') }),
    insecureSkipKdsVerify: options.insecure,
    distribution: options.distribution,
  });
}

function synthZone(props: Partial<ZoneControlPlaneProps> = {}, globalOptions: { insecure?: boolean; distribution?: MeshDistribution } = {}) {
  const json = synthStack((stack) => {
    new ZoneControlPlane(stack, 'zone-gcp', {
      connection: gke,
      zoneName: 'gcp',
      globalControlPlane: globalOf(stack, globalOptions),
      ingressAddress,
      ...props,
    });
  });
  const [, release] = resourcesOfType(json, 'helm_release').find(([, r]) => r.provider === 'helm.gke')!;
  return { json, release, values: helmValues(release) };
}

test('zone mode, zone name and grpcs KDS address of the global', () => {
  // WHEN
  const { release, values } = synthZone();
  // THEN
  assert.equal(values.controlPlane.mode, 'zone');
  assert.equal(values.controlPlane.zone, 'gcp');
  assert.equal(values.controlPlane.kdsGlobalAddress, 'grpcs://203.0.113.10:5685');
  assert.equal(release.atomic, true);
  assert.equal(release.cleanup_on_fail, true);
  assert.equal(release.create_namespace, false);
  assert.ok(release.depends_on.some((dependency: string) => dependency.startsWith('helm_release.global_release')));
});

test('KDS is verified: the global\'s CA in a Secret of the zone, no skipVerify', () => {
  // WHEN
  const { json, values } = synthZone();
  // THEN
  assert.deepEqual(values.controlPlane.tls.kdsZoneClient, { secretName: 'kuma-kds-global-ca', skipVerify: false });
  const caSecret = resourcesOfType(json, 'kubernetes_secret_v1').map(([, s]) => s).find((s) => s.metadata.name === 'kuma-kds-global-ca');
  assert.equal(caSecret.provider, 'kubernetes.gke');
  assert.match(caSecret.data['ca.crt'], /^\$\{tls_self_signed_cert\..*\.cert_pem\}$/);
});

test('skipVerify only when the global opted into insecureSkipKdsVerify', () => {
  // WHEN
  const { values } = synthZone({}, { insecure: true });
  // THEN
  assert.equal(values.controlPlane.tls.kdsZoneClient.skipVerify, true);
  const withoutCa: IGlobalControlPlane = { kdsGlobalAddress: 'grpcs://kds:5685', systemNamespace: 'kuma-system', resources: { apply: () => undefined } };
  assert.throws(
    () => synthStack((stack) => new ZoneControlPlane(stack, 'zone', { connection: gke, zoneName: 'gcp', globalControlPlane: withoutCa })),
    /kdsCaCertificatePem.*required to verify KDS/,
  );
});

test('zone ingress enabled, no zone egress by default; the ingress Service binds the reserved address, pods advertise it', () => {
  // WHEN
  const { values } = synthZone();
  // THEN
  assert.equal(values.ingress.enabled, true);
  // Nothing the library creates passes a zone egress (Exclusive MeshServices reach remote zone
  // ingresses directly: kumahq/kuma@v2.14.3:pkg/xds/topology/outbound.go#fillRemoteMeshServices).
  assert.equal(values.egress.enabled, false);
  assert.equal(values.ingress.service.type, 'LoadBalancer');
  assert.equal(values.ingress.service.loadBalancerIP, '203.0.113.20');
  assert.deepEqual(values.ingress.service.annotations, { 'cloud.google.com/network-tier': 'PREMIUM' });
  assert.equal(values.ingress.podAnnotations['kuma.io/ingress-public-address'], '203.0.113.20');
});

test('egress can be turned on, for MeshExternalServices', () => {
  assert.equal(synthZone({ egress: true }).values.egress.enabled, true);
});

test('HA outside ephemeral, smallest footprint when ephemeral', () => {
  const ha = synthZone().values;
  assert.equal(ha.controlPlane.replicas, 2);
  assert.equal(ha.controlPlane.podDisruptionBudget.enabled, true);
  assert.equal(ha.ingress.replicas, 2);
  assert.equal(ha.ingress.podDisruptionBudget.enabled, true);
  const small = synthZone({ ephemeral: true, egress: true }).values;
  assert.equal(small.controlPlane.replicas, 1);
  assert.equal(small.ingress.replicas, 1);
  assert.equal(small.egress.podDisruptionBudget.enabled, false);
});

test('Kong Mesh zone: values under kuma:, license Secret from a sensitive value', () => {
  // WHEN
  const json = synthStack((stack) => {
    const license = new TerraformVariable(stack, 'license', { type: 'string', sensitive: true }).stringValue;
    const distribution = MeshDistribution.kongMesh({ license });
    new ZoneControlPlane(stack, 'zone-gcp', { connection: gke, zoneName: 'gcp', globalControlPlane: globalOf(stack, { distribution }) });
  });
  // THEN
  const [, release] = resourcesOfType(json, 'helm_release').find(([, r]) => r.provider === 'helm.gke')!;
  const values = helmValues(release);
  assert.equal(release.chart, 'kong-mesh');
  assert.equal(values.kuma.controlPlane.mode, 'zone');
  assert.equal(values.kuma.controlPlane.tls.kdsZoneClient.secretName, 'kong-mesh-kds-global-ca');
  assert.deepEqual(values.kuma.controlPlane.secrets, [{ Env: 'KMESH_LICENSE_INLINE', Secret: 'kong-mesh-license', Key: 'license.json' }]);
  const zoneLicense = resourcesOfType(json, 'kubernetes_secret_v1').map(([, s]) => s).find((s) => s.provider === 'kubernetes.gke' && s.metadata.name === 'kong-mesh-license');
  assert.equal(zoneLicense.data['license.json'], '${var.license}');
});

test('a zone token of an external Kong Mesh global goes into a Secret', () => {
  const json = synthStack((stack) => {
    const zoneToken = new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue;
    const global = new GlobalControlPlane(stack, 'global', {
      placement: GlobalControlPlanePlacement.external({ kdsGlobalAddress: 'grpcs://kds.konnect.example:443', caCertificatePem: CA_PEM, zoneToken }),
      distribution: MeshDistribution.kongMesh({ licenseSecretName: 'kong-mesh-license' }),
    });
    new ZoneControlPlane(stack, 'zone', { connection: gke, zoneName: 'gcp', globalControlPlane: global });
  });
  const values = helmValues(resourcesOfType(json, 'helm_release')[0][1]);
  assert.ok(values.kuma.controlPlane.secrets.some((entry: any) => entry.Env === 'KMESH_MULTIZONE_ZONE_KDS_AUTH_CP_TOKEN_INLINE'));
  const token = resourcesOfType(json, 'kubernetes_secret_v1').map(([, s]) => s).find((s) => s.metadata.name === 'kong-mesh-global-cp-token');
  assert.equal(token.data.token, '${var.token}');
});

test('validation: bad zone name, address on another cloud, mismatched distribution', () => {
  assert.throws(() => synthZone({ zoneName: 'GCP_West' }), /"GCP_West" \(test\/zone-gcp\.zoneName\).*"gcp-west"/);
  assert.throws(() => synthZone({ ingressAddress: reservedAddress('203.0.113.20', Cloud.AZURE) }), /another cloud/);
  assert.throws(() => synthZone({ distribution: MeshDistribution.kongMesh() }), /must match the global's distribution/);
});

test('no private key and no output in the JSON of a global and a zone', () => {
  const { json } = synthZone();
  assert.ok(!/BEGIN [A-Z ]*PRIVATE KEY/.test(JSON.stringify(json)));
  assert.equal(json.output, undefined);
});

test('insecureSkipKdsVerify is recorded as a KDS_TLS_VERIFIED waiver on the global and zone releases only then', () => {
  // GIVEN / WHEN: synthesized to disk, since Testing.synth strips the `//` block
  const build = (insecure: boolean) =>
    synthApp((app) => {
      const stack = new TerraformStack(app, 'platform');
      new ZoneControlPlane(stack, 'zone-gcp', { connection: gke, zoneName: 'gcp', globalControlPlane: globalOf(stack, { insecure }), ingressAddress });
    }).platform;
  // THEN
  const waivers = (json: any) => resourcesOfType(json, 'helm_release').map(([, release]) => release['//']?.waivers?.KDS_TLS_VERIFIED);
  assert.deepEqual(waivers(build(true)), ['insecureSkipKdsVerify', 'insecureSkipKdsVerify']);
  assert.deepEqual(waivers(build(false)), [undefined, undefined]);
});
