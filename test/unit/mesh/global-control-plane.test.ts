import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { GlobalControlPlane, GlobalControlPlanePlacement, GlobalControlPlaneProps } from '../../../lib/mesh/global-control-plane';
import { KubernetesResourceSink } from '../../../lib/mesh/kubernetes-resource-sink';
import { KumactlResourceSink } from '../../../lib/mesh/kumactl-resource-sink';
import { MeshDistribution } from '../../../lib/mesh/mesh-distribution';
import { Cloud } from '../../../lib/core/cloud';
import { helmValues, onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';
import { fakeConnection } from '../../helpers/fakes';
import { CA_PEM, reservedAddress } from './_fixtures';

const connection = fakeConnection('global', Cloud.GCP);
const kdsAddress = reservedAddress('203.0.113.10', Cloud.GCP, { 'cloud.google.com/network-tier': 'PREMIUM' });

function synthGlobal(props: Partial<GlobalControlPlaneProps> = {}, build?: (stack: TerraformStack, global: GlobalControlPlane) => void) {
  let global!: GlobalControlPlane;
  const json = synthStack((stack) => {
    global = new GlobalControlPlane(stack, 'global', {
      placement: GlobalControlPlanePlacement.dedicatedCluster({ connection, kdsAddress }),
      ...props,
    });
    build?.(stack, global);
  });
  return { json, global, release: onlyResource(json, 'helm_release') };
}

test('dedicated cluster: Kubernetes-mode global, reliable Helm release on the cluster\'s provider', () => {
  // WHEN
  const { json, global, release } = synthGlobal();
  // THEN
  const values = helmValues(release);
  assert.equal(values.controlPlane.mode, 'global');
  assert.equal(values.controlPlane.environment, undefined);
  assert.equal(release.chart, 'kuma');
  assert.equal(release.version, '2.14.3');
  assert.match(release.namespace, /^\$\{kubernetes_namespace_v1\..*\.metadata\[0\]\.name\}$/);
  assert.equal(release.atomic, true);
  assert.equal(release.cleanup_on_fail, true);
  assert.equal(release.create_namespace, false);
  assert.ok(release.timeout > 0);
  assert.equal(release.provider, 'helm.global');
  assert.equal(onlyResource(json, 'kubernetes_namespace_v1').metadata.name, 'kuma-system');
  assert.equal(global.kdsGlobalAddress, 'grpcs://203.0.113.10:5685');
  assert.equal(global.connection, connection);
  assert.equal(global.kdsAddress, kdsAddress);
  assert.ok(global.resources instanceof KubernetesResourceSink);
  assert.equal(global.placementName, 'dedicated-cluster');
});

test('global mode never sets zone, kdsGlobalAddress, ingress or egress', () => {
  const values = helmValues(synthGlobal().release);
  assert.equal(values.controlPlane.zone, undefined);
  assert.equal(values.controlPlane.kdsGlobalAddress, undefined);
  assert.equal(values.ingress, undefined);
  assert.equal(values.egress, undefined);
});

test('the KDS sync Service binds the reserved address on 5685, with its annotations and source ranges', () => {
  // WHEN
  const { release } = synthGlobal({ kdsAllowedSourceRanges: ['198.51.100.7/32', '198.51.100.8/32'] });
  // THEN
  assert.deepEqual(helmValues(release).controlPlane.globalZoneSyncService, {
    enabled: true,
    type: 'LoadBalancer',
    loadBalancerIP: '203.0.113.10',
    loadBalancerSourceRanges: ['198.51.100.7/32', '198.51.100.8/32'],
    annotations: { 'cloud.google.com/network-tier': 'PREMIUM' },
    port: 5685,
  });
});

test('KDS TLS is verified by default: a generated certificate for the KDS IP, mounted by the chart', () => {
  // WHEN
  const { json, global, release } = synthGlobal({ placement: GlobalControlPlanePlacement.dedicatedCluster({ connection, kdsAddress, kdsHostname: 'kds.acme.example' }) });
  // THEN
  const values = helmValues(release);
  assert.equal(values.controlPlane.tls.kdsGlobalServer.secretName, 'kuma-kds-server-tls');
  const request = onlyResource(json, 'tls_cert_request');
  assert.deepEqual(request.ip_addresses, ['203.0.113.10']);
  assert.deepEqual(request.dns_names, ['kds.acme.example']);
  assert.equal(global.kdsGlobalAddress, 'grpcs://kds.acme.example:5685');
  assert.match(global.kdsCaCertificatePem!, /TOKEN|tls_self_signed_cert/);
  assert.ok(release.depends_on.some((dependency: string) => dependency.startsWith('kubernetes_secret_v1.')));
});

test('no private key and no output in the synthesized JSON', () => {
  const { json } = synthGlobal();
  const text = JSON.stringify(json);
  assert.ok(!/BEGIN [A-Z ]*PRIVATE KEY/.test(text));
  assert.equal(json.output, undefined);
  for (const [, release] of resourcesOfType(json, 'helm_release')) assert.ok(!release.values.join('\n').includes('private_key'));
});

test('insecureSkipKdsVerify is the only way to skip the certificate', () => {
  // WHEN
  const { json, global, release } = synthGlobal({ insecureSkipKdsVerify: true });
  // THEN
  assert.equal(resourcesOfType(json, 'tls_locally_signed_cert').length, 0);
  assert.equal(helmValues(release).controlPlane.tls, undefined);
  assert.equal(global.kdsCaCertificatePem, undefined);
});

test('a user-supplied KDS certificate Secret and CA replace the generated ones', () => {
  const { json, global, release } = synthGlobal({ kdsTlsSecretName: 'my-kds-tls', kdsCaCertificatePem: CA_PEM });
  assert.equal(resourcesOfType(json, 'tls_private_key').length, 0);
  assert.equal(helmValues(release).controlPlane.tls.kdsGlobalServer.secretName, 'my-kds-tls');
  assert.equal(global.kdsCaCertificatePem, CA_PEM);
  assert.throws(() => synthGlobal({ kdsTlsSecretName: 'my-kds-tls' }), /kdsCaCertificatePem go together/);
});

test('HA outside ephemeral, one replica when ephemeral', () => {
  assert.equal(helmValues(synthGlobal().release).controlPlane.replicas, 2);
  assert.equal(helmValues(synthGlobal().release).controlPlane.podDisruptionBudget.enabled, true);
  const small = helmValues(synthGlobal({ ephemeral: true }).release);
  assert.equal(small.controlPlane.replicas, 1);
  assert.equal(small.controlPlane.podDisruptionBudget.enabled, false);
});

test('Kong Mesh: kong-mesh chart, values under kuma:, license Secret from a sensitive value', () => {
  // WHEN
  const json = synthStack((stack) => {
    const license = new TerraformVariable(stack, 'license', { type: 'string', sensitive: true });
    new GlobalControlPlane(stack, 'global', {
      placement: GlobalControlPlanePlacement.dedicatedCluster({ connection, kdsAddress }),
      distribution: MeshDistribution.kongMesh({ license: license.stringValue }),
    });
  });
  const release = onlyResource(json, 'helm_release');
  // THEN
  assert.equal(release.chart, 'kong-mesh');
  const values = helmValues(release);
  assert.equal(values.controlPlane, undefined);
  assert.equal(values.kuma.controlPlane.mode, 'global');
  assert.deepEqual(values.kuma.controlPlane.secrets, [{ Env: 'KMESH_LICENSE_INLINE', Secret: 'kong-mesh-license', Key: 'license.json' }]);
  const licenseSecret = resourcesOfType(json, 'kubernetes_secret_v1').map(([, s]) => s).find((s) => s.metadata.name === 'kong-mesh-license');
  assert.equal(licenseSecret.data['license.json'], '${var.license}');
  assert.equal(onlyResource(json, 'kubernetes_namespace_v1').metadata.name, 'kong-mesh-system');
});

test('Universal on Kubernetes: environment universal, PostgreSQL store, own namespace, kumactl sink', () => {
  // WHEN
  let global!: GlobalControlPlane;
  const json = synthStack((stack) => {
    const password = new TerraformVariable(stack, 'pw', { type: 'string', sensitive: true }).stringValue;
    global = new GlobalControlPlane(stack, 'global', {
      placement: GlobalControlPlanePlacement.universalOnKubernetes({
        connection,
        kdsAddress,
        database: { host: 'db.example', user: 'kuma', database: 'kuma', password, caCertificatePem: CA_PEM },
      }),
    });
  });
  // THEN
  const values = helmValues(onlyResource(json, 'helm_release'));
  assert.equal(values.controlPlane.environment, 'universal');
  assert.equal(values.controlPlane.mode, 'global');
  assert.equal(values.postgres.tls.mode, 'verifyFull');
  assert.equal(values.postgres.tls.caSecretName, 'kuma-postgres-ca');
  assert.deepEqual(values.controlPlane.secrets, [{ Env: 'KUMA_STORE_POSTGRES_PASSWORD', Secret: 'kuma-postgres', Key: 'password' }]);
  assert.equal(global.namespace, 'kuma-global');
  assert.equal(onlyResource(json, 'kubernetes_namespace_v1').metadata.name, 'kuma-global');
  const passwordSecret = resourcesOfType(json, 'kubernetes_secret_v1').map(([, s]) => s).find((s) => s.metadata.name === 'kuma-postgres');
  assert.equal(passwordSecret.data.password, '${var.pw}');
  assert.ok(global.resources instanceof KumactlResourceSink);
  assert.equal(global.placementName, 'universal-postgres');
});

test('Universal on Kubernetes: the API has a certificate kumactl verifies and admits a generated client certificate as admin', () => {
  // WHEN
  const json = synthStack((stack) => {
    const password = new TerraformVariable(stack, 'pw', { type: 'string', sensitive: true }).stringValue;
    const global = new GlobalControlPlane(stack, 'global', {
      placement: GlobalControlPlanePlacement.universalOnKubernetes({ connection, kdsAddress, database: { host: 'db.example', user: 'kuma', database: 'kuma', password, caCertificatePem: CA_PEM } }),
    });
    global.resources.apply(stack, 'mesh', { apiVersion: 'kuma.io/v1alpha1', kind: 'Mesh', metadata: { name: 'default' } });
  });
  // THEN: without controlPlane.tls.apiServer a Universal CP signs its own certificate for its pod name
  // (kumahq/kuma@v2.14.3:pkg/core/bootstrap/autoconfig.go#autoconfigureTLS), and its admin token exists
  // only in its store; so the API gets a Terraform-made certificate for the Service name, and kumactl a client certificate.
  const values = helmValues(onlyResource(json, 'helm_release'));
  assert.deepEqual(values.controlPlane.tls.apiServer, { secretName: 'kuma-api-server-tls', clientCertsSecretName: 'kuma-api-client-certs' });
  assert.equal(values.controlPlane.envVars.KUMA_API_SERVER_AUTHN_TYPE, 'adminClientCerts');
  const secrets = Object.fromEntries(resourcesOfType(json, 'kubernetes_secret_v1').map(([, secret]) => [secret.metadata.name, secret]));
  assert.deepEqual(Object.keys(secrets['kuma-api-ca'].data), ['ca.crt']);
  assert.deepEqual(Object.keys(secrets['kuma-kumactl-client'].data).sort(), ['tls.crt', 'tls.key']);
  assert.equal(secrets['kuma-api-client-certs'].data['kumactl.pem'], secrets['kuma-kumactl-client'].data['tls.crt']);
  const request = resourcesOfType(json, 'tls_cert_request').map(([, r]) => r).find((r) => r.dns_names?.includes('kuma-control-plane.kuma-global.svc'));
  assert.ok(request, 'a certificate for kuma-control-plane.kuma-global.svc');
  const script = onlyResource(json, 'kubernetes_job_v1').spec.template.spec.container[0].command.join(' ');
  assert.match(script, /--client-cert-file \S+tls\.crt --client-key-file \S+tls\.key --ca-cert-file \S+ca\.crt/);
  assert.doesNotMatch(script, /--auth-type tokens/);
});

test('validation: missing KDS address, wrong cloud, bad ranges, not a placement', () => {
  assert.throws(
    () => synthGlobal({ placement: GlobalControlPlanePlacement.dedicatedCluster({ connection, kdsAddress: undefined as any }) }),
    /\(test\/global\.placement\.kdsAddress\) is required: reserve a public address/,
  );
  assert.throws(
    () => synthGlobal({ placement: GlobalControlPlanePlacement.dedicatedCluster({ connection, kdsAddress: reservedAddress('203.0.113.10', Cloud.AZURE) }) }),
    /another cloud/,
  );
  assert.throws(() => synthGlobal({ kdsAllowedSourceRanges: ['198.51.100.7'] }), /kdsAllowedSourceRanges\[0\].*IPv4 CIDR/);
  assert.throws(() => synthGlobal({ kdsAllowedSourceRanges: [] }), /at least one CIDR/);
  // An external global is not a placement any more: a plain object in its place is refused by name.
  assert.throws(() => synthGlobal({ placement: { kdsGlobalAddress: 'grpcs://kds:5685' } as any }), /placement\).*ExternalGlobalControlPlane/);
  // A subclass from plain JavaScript (or another jsii language) sees none of the @internal members.
  const Placement: new (options: object) => object = GlobalControlPlanePlacement as any;
  class Homemade extends Placement {
    public readonly placementName = 'homemade';
  }
  const homemade = new Homemade({ connection, kdsAddress: reservedAddress('203.0.113.10', Cloud.GCP) }) as GlobalControlPlanePlacement;
  assert.throws(() => synthGlobal({ placement: homemade }), /"Homemade" \(test\/global\.placement\) must come from GlobalControlPlanePlacement\.dedicatedCluster\(\)/);
});

test('extra values merge last', () => {
  const values = helmValues(synthGlobal({ extraValues: { controlPlane: { logLevel: 'debug', replicas: 3 } } }).release);
  assert.equal(values.controlPlane.logLevel, 'debug');
  assert.equal(values.controlPlane.replicas, 3);
  assert.equal(values.controlPlane.mode, 'global');
});
