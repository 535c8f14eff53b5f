import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { StackJson } from '../helpers/synth';
import { ephemeralExampleStacks, referenceExampleStacks } from './example-stacks';
import { SecretFinding, isSecretName, scanStacks } from './secret-scanner';

// Planted secrets are generated, so no secret-looking literal lives in the repository. The
// token walks the base62 alphabet with a stride coprime to 62: 44 distinct characters, so its
// entropy (log2 44, about 5.46 bits) is above the threshold on every run.
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const RANDOM_TOKEN = Array.from({ length: 44 }, (_, i) => BASE62[(i * 17) % 62]).join('');
const PEM_LABEL = ['PRIVATE', 'KEY'].join(' ');
const PRIVATE_KEY_PEM = `-----BEGIN ${PEM_LABEL}-----\n${randomBytes(48).toString('base64')}\n-----END ${PEM_LABEL}-----\n`;
const CERTIFICATE_PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n';

function describe(findings: SecretFinding[]): string {
  return findings.map((f) => `${f.kind} ${f.address} ${f.path}: ${f.detail}`).join('\n');
}

function kindsAt(findings: SecretFinding[], address: string): string[] {
  return [...new Set(findings.filter((f) => f.address === address).map((f) => f.kind))].sort();
}

test('the reference and ephemeral examples carry no secret in plain text', () => {
  for (const example of [referenceExampleStacks(), ephemeralExampleStacks()]) {
    // WHEN
    const findings = scanStacks(example.stacks);
    // THEN
    assert.equal(describe(findings), '', example.source);
  }
});

test('each kind of planted secret is found, with its resource address', () => {
  // GIVEN
  const planted: Record<string, StackJson> = {
    platform: {
      provider: {
        kubernetes: [{ alias: 'gke', host: 'https://203.0.113.1', token: 'literal-kube-token' }],
        azurerm: [{ features: [{}], client_secret: 'literal-client-secret' }],
      },
      resource: {
        kubernetes_secret_v1: { kds_ca: { metadata: { name: 'kds-ca' }, data: { 'ca.pem': PRIVATE_KEY_PEM } } },
        kubernetes_deployment_v1: { api: { spec: { template: { spec: { container: [{ name: 'api', env: [{ name: 'UPSTREAM', value: RANDOM_TOKEN }] }] } } } } },
        helm_release: {
          kong_mesh: { chart: 'kong-mesh', values: ['kuma:\n  controlPlane:\n    mode: zone\nlicense: "mesh-license-contents"\n'] },
          kong_set: { chart: 'kong', set: [{ name: 'env.KONG_PASSWORD', value: '${var.kong_password}' }] },
          kong_sensitive_literal: { chart: 'kong', set_sensitive: [{ name: 'env.pg_password', value: 'hunter2-literal' }] },
        },
        google_service_account_key: { dns_solver: { service_account_id: '${google_service_account.dns.name}' } },
        azuread_application_password: { dns_solver: { application_id: '${azuread_application.dns.id}' } },
        azurerm_kubernetes_cluster: { legacy: { name: 'legacy', service_principal: { client_id: 'id', client_secret: '${var.sp_secret}' } } },
      },
      output: {
        kubeconfig: { value: '${azurerm_kubernetes_cluster.legacy.kube_config_raw}' },
        admin_password: { value: '${random_password.admin.result}' },
      },
    },
  };
  // WHEN
  const findings = scanStacks(planted);
  // THEN
  assert.deepEqual(kindsAt(findings, 'platform/provider.kubernetes[0]'), ['secret-field']);
  assert.deepEqual(kindsAt(findings, 'platform/provider.azurerm[0]'), ['secret-field']);
  assert.ok(kindsAt(findings, 'platform/kubernetes_secret_v1.kds_ca').includes('pem-private-key'), describe(findings));
  assert.deepEqual(kindsAt(findings, 'platform/kubernetes_deployment_v1.api'), ['high-entropy']);
  assert.deepEqual(kindsAt(findings, 'platform/helm_release.kong_mesh'), ['secret-field']);
  assert.ok(findings.some((f) => f.address === 'platform/helm_release.kong_mesh' && f.path === 'values[0].license'));
  assert.deepEqual(kindsAt(findings, 'platform/helm_release.kong_set'), ['helm-set']);
  assert.deepEqual(kindsAt(findings, 'platform/helm_release.kong_sensitive_literal'), ['secret-field']);
  assert.deepEqual(kindsAt(findings, 'platform/google_service_account_key.dns_solver'), ['static-cloud-key']);
  assert.deepEqual(kindsAt(findings, 'platform/azuread_application_password.dns_solver'), ['static-cloud-key']);
  assert.deepEqual(kindsAt(findings, 'platform/azurerm_kubernetes_cluster.legacy'), ['static-cloud-key']);
  assert.deepEqual(kindsAt(findings, 'platform/output.kubeconfig'), ['insensitive-output']);
  assert.deepEqual(kindsAt(findings, 'platform/output.admin_password'), ['insensitive-output']);
});

test('expressions, references to secrets, digests, ids, certificates and sensitive outputs are not findings', () => {
  // GIVEN
  const clean: Record<string, StackJson> = {
    platform: {
      provider: { kubernetes: [{ alias: 'gke', token: '${data.google_client_config.default.access_token}', cluster_ca_certificate: '${base64decode(data.google_container_cluster.gke.master_auth[0].cluster_ca_certificate)}' }] },
      resource: {
        helm_release: {
          kuma: {
            chart: 'kong-mesh',
            values: ['kuma:\n  controlPlane:\n    tls:\n      kdsZoneClient:\n        secretName: kds-ca\n    secrets:\n      - Env: KMESH_LICENSE\n        Secret: kong-mesh-license\n        Key: license.json\n'],
            set_sensitive: [{ name: 'kuma.license', value: '${var.kong_mesh_license}' }],
            set: [{ name: 'image.tag', value: '2.14.3' }],
          },
        },
        kubernetes_secret_v1: { kds_ca: { data: { 'ca.crt': CERTIFICATE_PEM } } },
        kubernetes_deployment_v1: {
          api: {
            '//': { metadata: { path: 'platform/catalog/deployment', uniqueId: 'catalog_deployment_A1B2C3D4' } },
            depends_on: ['kubernetes_namespace_v1.catalog_namespace_82CFA7D2'],
            spec: { template: { spec: { container: [{ image: `docker.io/hashicorp/http-echo@sha256:${'ab12'.repeat(16)}`, env: [{ name: 'SUBSCRIPTION', value: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' }] }] } } },
          },
        },
      },
      output: {
        kubeconfig: { value: '${azurerm_kubernetes_cluster.aks.kube_config_raw}', sensitive: true },
        cluster_name: { value: '${google_container_cluster.gke.name}' },
      },
    },
  };
  // WHEN / THEN
  assert.equal(describe(scanStacks(clean)), '');
});

test('secret field names are told apart from references to secrets', () => {
  for (const name of ['password', 'client_secret', 'clientSecret', 'private_key', 'token', 'license', 'access_key', 'tls.key', 'KONG_PG_PASSWORD', 'connection_string']) {
    assert.equal(isSecretName(name), true, name);
  }
  for (const name of ['secretName', 'secret_name', 'password_ref', 'tokenSecretRef', 'licenseSecretName', 'key', 'ca.crt', 'service_account', 'token_ttl', 'kdsGlobalAddress']) {
    assert.equal(isSecretName(name), false, name);
  }
});
