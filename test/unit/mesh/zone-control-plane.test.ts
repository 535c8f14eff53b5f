import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { GlobalControlPlane, GlobalControlPlanePlacement } from '../../../lib/mesh/global-control-plane';
import { ZoneControlPlane, ZoneControlPlaneProps } from '../../../lib/mesh/zone-control-plane';
import { ExternalGlobalControlPlane } from '../../../lib/mesh/external-global-control-plane';
import { IGlobalControlPlane } from '../../../lib/mesh/control-plane';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { MeshDistribution } from '../../../lib/mesh/mesh-distribution';
import { Cloud } from '../../../lib/core/cloud';
import { helmValues, resourcesOfType, synthApp, synthStack } from '../../helpers/synth';
import { fakeConnection, fakeGlobalControlPlane } from '../../helpers/fakes';
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
  const withoutCa = fakeGlobalControlPlane({ kdsCaCertificatePem: undefined });
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
    const global = new ExternalGlobalControlPlane(stack, 'global', {
      kdsGlobalAddress: 'grpcs://kds.konnect.example:443',
      caCertificatePem: CA_PEM,
      zoneTokens: { gcp: zoneToken },
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

// A hand-written IGlobalControlPlane (neither GlobalControlPlane nor ExternalGlobalControlPlane):
// the zone applies the same checks to it, from the contract alone.
function zoneOf(global: IGlobalControlPlane, props: Partial<ZoneControlPlaneProps> = {}) {
  const json = synthStack((stack) => new ZoneControlPlane(stack, 'zone', { connection: gke, zoneName: 'gcp', globalControlPlane: global, ...props }));
  const [, release] = resourcesOfType(json, 'helm_release')[0];
  return { json, release, values: helmValues(release) };
}

test('hand-written global: KDS verified with its CA; skipped only when it says so, then waived', () => {
  // verified: the zone trusts the CA the global publishes
  assert.deepEqual(zoneOf(fakeGlobalControlPlane()).values.controlPlane.tls.kdsZoneClient, { secretName: 'kuma-kds-global-ca', skipVerify: false });
  // no CA and no opt-in: refused
  assert.throws(() => zoneOf(fakeGlobalControlPlane({ kdsCaCertificatePem: undefined })), /\(test\/zone\.globalControlPlane\.kdsCaCertificatePem\) is required to verify KDS/);
  // the global's owner opted in: skipped, and the waiver recorded on the zone's release
  const skipped = synthApp((app) => {
    new ZoneControlPlane(new TerraformStack(app, 'platform'), 'zone', {
      connection: gke,
      zoneName: 'gcp',
      globalControlPlane: fakeGlobalControlPlane({ kdsCaCertificatePem: undefined, insecureSkipKdsVerify: true }),
    });
  }).platform;
  const [, release] = resourcesOfType(skipped, 'helm_release')[0];
  assert.equal(helmValues(release).controlPlane.tls.kdsZoneClient.skipVerify, true);
  assert.equal(release['//']?.waivers?.KDS_TLS_VERIFIED, 'insecureSkipKdsVerify');
  // a global that publishes a CA and asks to skip contradicts itself: Kuma's KDS client would set
  // InsecureSkipVerify and ignore the CA (kumahq/kuma@v2.14.3:pkg/kds/mux/client.go#tlsConfig)
  assert.throws(() => zoneOf(fakeGlobalControlPlane({ insecureSkipKdsVerify: true })), /insecureSkipKdsVerify\).*contradicts/);
});

test('hand-written global: the zone runs its distribution by default and refuses another', () => {
  const kongMesh = fakeGlobalControlPlane({ distribution: MeshDistribution.kongMesh({ licenseSecretName: 'kong-mesh-license' }), systemNamespace: 'kong-mesh-system' });
  assert.equal(zoneOf(kongMesh).release.chart, 'kong-mesh');
  assert.throws(() => zoneOf(kongMesh, { distribution: MeshDistribution.kuma() }), /\(test\/zone\.distribution\) must match the global's distribution \("kong-mesh"\)/);
  assert.throws(() => zoneOf(fakeGlobalControlPlane(), { distribution: MeshDistribution.kongMesh() }), /must match the global's distribution \("kuma"\)/);
});

test('hand-written global: its zone token goes into a Secret, and only a Kong Mesh zone can present one', () => {
  const withToken = (stack: TerraformStack, distribution: MeshDistribution) =>
    fakeGlobalControlPlane({ distribution, zoneTokenFor: () => new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue });
  const json = synthStack((stack) => {
    new ZoneControlPlane(stack, 'zone', { connection: gke, zoneName: 'gcp', globalControlPlane: withToken(stack, MeshDistribution.kongMesh({ licenseSecretName: 'kong-mesh-license' })) });
  });
  const token = resourcesOfType(json, 'kubernetes_secret_v1').map(([, s]) => s).find((s) => s.metadata.name === 'kong-mesh-global-cp-token');
  assert.equal(token.data.token, '${var.token}');
  assert.throws(
    () => synthStack((stack) => new ZoneControlPlane(stack, 'zone', { connection: gke, zoneName: 'gcp', globalControlPlane: withToken(stack, MeshDistribution.kuma()) })),
    /\(test\/zone\.globalControlPlane\.distribution\) runs Kuma, but the global hands this zone a zone token/,
  );
});

test('hand-written global: the zone itself refuses a literal zone token and a KDS address that is not grpcs://', () => {
  const kongMesh = MeshDistribution.kongMesh({ licenseSecretName: 'kong-mesh-license' });
  const zone = (global: IGlobalControlPlane) => synthStack((stack) => new ZoneControlPlane(stack, 'zone', { connection: gke, zoneName: 'gcp', globalControlPlane: global }));
  // A literal would be written in plain text into cdk.tf.json.
  assert.throws(() => zone(fakeGlobalControlPlane({ distribution: kongMesh, zoneTokenFor: () => 'eyJhbGciOi' })), /\(test\/zone\.globalControlPlane\.zoneTokenFor\("gcp"\)\) must be a sensitive Terraform value/);
  assert.throws(() => zone(fakeGlobalControlPlane({ distribution: kongMesh, zoneTokenFor: () => '' })), /zoneTokenFor\("gcp"\)/);
  // grpc:// is plain text (pkg/kds/mux/client.go#Start): the CA would verify nothing.
  assert.throws(() => zone(fakeGlobalControlPlane({ kdsGlobalAddress: 'grpc://203.0.113.1:5685' })), /\(test\/zone\.globalControlPlane\.kdsGlobalAddress\) must be a grpcs:\/\/ URL/);
  assert.throws(() => zone(fakeGlobalControlPlane({ kdsGlobalAddress: 'https://203.0.113.1:5685' })), /must be a grpcs:\/\/ URL/);
});

test('hand-written global: the zone release waits for what the global names', () => {
  // WHEN
  const json = synthStack((stack) => {
    const marker = new SecretV1(stack, 'global-ready', { provider: fakeConnection('global').providers(stack).kubernetes, metadata: { name: 'ready' } });
    new ZoneControlPlane(stack, 'zone', { connection: gke, zoneName: 'gcp', globalControlPlane: fakeGlobalControlPlane({ zoneReleasePrerequisites: () => [marker] }) });
  });
  // THEN
  const release = resourcesOfType(json, 'helm_release')[0][1];
  assert.ok(release.depends_on.includes('kubernetes_secret_v1.global-ready'), release.depends_on.join(', '));
});

test('GlobalControlPlane: a zone in the same stack waits for its release, one in a later stack does not', () => {
  const apps = synthApp((app) => {
    const platform = new TerraformStack(app, 'platform');
    const global = globalOf(platform);
    new ZoneControlPlane(platform, 'zone-same', { connection: gke, zoneName: 'gcp', globalControlPlane: global });
    new ZoneControlPlane(new TerraformStack(app, 'later'), 'zone-later', { connection: gke, zoneName: 'gcp', globalControlPlane: global });
  });
  const zoneRelease = (stack: any) => resourcesOfType(stack, 'helm_release').find(([, r]) => r.provider === 'helm.gke')![1];
  assert.ok(zoneRelease(apps.platform).depends_on.some((d: string) => d.startsWith('helm_release.global_release')));
  assert.ok(!zoneRelease(apps.later).depends_on.some((d: string) => d.startsWith('helm_release.')));
});

test('IGlobalControlPlane: an implementation that leaves a zone decision unanswered does not compile (checked by tsc --noEmit)', () => {
  // Optional members would let a third implementation compile without answering them, and a
  // zone would then silently skip the check; each is `T | undefined` or required instead.
  const { zoneTokenFor: _token, ...noToken } = fakeGlobalControlPlane();
  // @ts-expect-error zoneTokenFor must be answered, even when it returns undefined
  const withoutToken: IGlobalControlPlane = noToken;
  const { kdsCaCertificatePem: _ca, ...noCa } = fakeGlobalControlPlane();
  // @ts-expect-error kdsCaCertificatePem must be answered, even when it is undefined
  const withoutCa: IGlobalControlPlane = noCa;
  const { insecureSkipKdsVerify: _skip, distribution: _distribution, zoneReleasePrerequisites: _wait, ...rest } = fakeGlobalControlPlane();
  // @ts-expect-error insecureSkipKdsVerify, distribution and zoneReleasePrerequisites are required
  const withoutRest: IGlobalControlPlane = rest;
  assert.ok(withoutToken && withoutCa && withoutRest);
});
