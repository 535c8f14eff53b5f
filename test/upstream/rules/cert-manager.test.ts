import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { CERT_MANAGER_RULES, issuerAdmissionErrors } from './cert-manager';
import { IssuerKind } from '../../../lib/tls/cluster-issuer';

const rule = (id: string) => CERT_MANAGER_RULES.find((r) => r.id === id)!;
const addresses = (id: string, app: AppView) => rule(id).check(app).map((v) => v.address);
const release = (values: string) => ({ chart: 'cert-manager', name: 'cert-manager', namespace: 'cert-manager', provider: 'helm.gke', values: [values] });
const manifest = (m: Record<string, unknown>) => ({ provider: 'kubernetes.gke', manifest: { apiVersion: 'cert-manager.io/v1', ...m } });
const issuer = manifest({ kind: 'ClusterIssuer', metadata: { name: 'acme' }, spec: { acme: {} } });
const certificate = (issuerName: string) => manifest({ kind: 'Certificate', metadata: { name: 'tls', namespace: 'kong' }, spec: { secretName: 'tls', issuerRef: { name: issuerName, kind: 'ClusterIssuer', group: 'cert-manager.io' } } });
const app = (platform: Record<string, unknown>, mesh: Record<string, unknown>) => new AppView({ platform: { resource: platform } as any, mesh: { resource: mesh } as any });

test('CERT_MANAGER_CRDS_INSTALLED: cert-manager.io objects on a cluster whose release keeps the default crds.enabled false are reported', () => {
  const broken = app({ helm_release: { cm: release('replicaCount: 2\n') } }, { kubernetes_manifest: { issuer } });
  const fixed = app({ helm_release: { cm: release('crds:\n  enabled: true\n') } }, { kubernetes_manifest: { issuer } });
  assert.deepEqual(addresses('CERT_MANAGER_CRDS_INSTALLED', broken), ['mesh/kubernetes_manifest.issuer']);
  assert.deepEqual(addresses('CERT_MANAGER_CRDS_INSTALLED', fixed), []);
});

test('CERT_MANAGER_ISSUER_EXISTS: a Certificate naming an issuer the cluster lacks is reported', () => {
  const broken = app({}, { kubernetes_manifest: { issuer, cert: certificate('letsencrypt') } });
  const fixed = app({}, { kubernetes_manifest: { issuer, cert: certificate('acme') } });
  assert.deepEqual(addresses('CERT_MANAGER_ISSUER_EXISTS', broken), ['mesh/kubernetes_manifest.cert']);
  assert.deepEqual(addresses('CERT_MANAGER_ISSUER_EXISTS', fixed), []);
});

test('CERT_MANAGER_CA_SECRET_IN_RESOURCE_NAMESPACE: a CA secret issued outside the release namespace is reported', () => {
  const ca = manifest({ kind: 'ClusterIssuer', metadata: { name: 'ca' }, spec: { ca: { secretName: 'ca' } } });
  const caCert = (namespace: string) => manifest({ kind: 'Certificate', metadata: { name: 'ca', namespace }, spec: { isCA: true, secretName: 'ca', issuerRef: { name: 'acme', kind: 'ClusterIssuer' } } });
  const broken = app({ helm_release: { cm: release('crds:\n  enabled: true\n') } }, { kubernetes_manifest: { ca, caCert: caCert('kong') } });
  const fixed = app({ helm_release: { cm: release('crds:\n  enabled: true\n') } }, { kubernetes_manifest: { ca, caCert: caCert('cert-manager') } });
  assert.deepEqual(addresses('CERT_MANAGER_CA_SECRET_IN_RESOURCE_NAMESPACE', broken), ['mesh/kubernetes_manifest.ca']);
  assert.deepEqual(addresses('CERT_MANAGER_CA_SECRET_IN_RESOURCE_NAMESPACE', fixed), []);
});

test('CERT_MANAGER_PDB_ONE_BOUND: a budget with both bounds is reported', () => {
  const broken = app({ helm_release: { cm: release('webhook:\n  podDisruptionBudget:\n    enabled: true\n    minAvailable: 1\n    maxUnavailable: 1\n') } }, {});
  const fixed = app({ helm_release: { cm: release('webhook:\n  podDisruptionBudget:\n    enabled: true\n    minAvailable: 1\n') } }, {});
  assert.deepEqual(addresses('CERT_MANAGER_PDB_ONE_BOUND', broken), ['platform/helm_release.cm']);
  assert.deepEqual(addresses('CERT_MANAGER_PDB_ONE_BOUND', fixed), []);
});

test('CERT_MANAGER_ISSUER_ADMITTED: what cert-manager\'s webhook refuses in a ClusterIssuer is reported; the library\'s kinds pass', () => {
  const acme = (dns01: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'a@b.example', privateKeySecretRef: { name: 'le' }, solvers: [{ dns01 }], ...extra } });
  const azure = { subscriptionID: 'sub', resourceGroupName: 'rg', hostedZoneName: 'acme.example', environment: 'AzurePublicCloud', managedIdentity: { clientID: 'id' } };
  // The library's own kinds (lib/tls/cluster-issuer.ts) are admitted.
  for (const { manifests } of [
    IssuerKind.acmeAzureDns({ email: 'a@b.example', subscriptionId: 'sub', resourceGroupName: 'rg', hostedZoneName: 'acme.example', managedIdentityClientId: 'id' }),
    IssuerKind.acmeCloudDns({ email: 'a@b.example', project: 'p' }),
    IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { cnameStrategy: 'Follow', route53: { region: 'eu-west-1' } } }),
    IssuerKind.selfSignedCa(),
  ].map((kind) => ({ manifests: kind.manifests('issuer', false) }))) {
    for (const document of manifests.filter((m) => m.kind === 'ClusterIssuer')) assert.deepEqual(issuerAdmissionErrors(document.spec), [], JSON.stringify(document.spec));
  }
  const refused: [string, unknown, RegExp][] = [
    ['no issuer type', {}, /^spec: at least one issuer/],
    ['two issuer types', { ...acme({ route53: {} }), ca: { secretName: 'ca' } }, /^spec\.ca: may not specify more than one issuer type/],
    ['CA without its Secret', { ca: {} }, /^spec\.ca\.secretName: Required/],
    ['ACME without server', { acme: { ...acme({ route53: {} }).acme, server: '' } }, /spec\.acme\.server: acme server URL is a required field/],
    ['ACME without key Secret', { acme: { ...acme({ route53: {} }).acme, privateKeySecretRef: {} } }, /privateKeySecretRef\.name/],
    ['a solver of no type', { acme: { ...acme({}).acme, solvers: [{}] } }, /solvers\[0\]: no solver type configured/],
    ['no DNS-01 provider', acme({ cnameStrategy: 'Follow' }), /dns01: no DNS01 provider configured/],
    ['two DNS-01 providers', acme({ route53: {}, cloudDNS: { project: 'p' } }), /dns01\.route53: may not specify more than one provider type/],
    ['a webhook solver without its name', acme({ webhook: { groupName: 'acme.example.com' } }), /dns01\.webhook\.solverName: Required/],
    ['bad cnameStrategy', acme({ cnameStrategy: 'Always', route53: {} }), /cnameStrategy: must be one of/],
    ['Azure DNS without subscription', acme({ azureDNS: { ...azure, subscriptionID: '' } }), /azureDNS\.subscriptionID: Required/],
    ['Azure DNS with an unknown environment', acme({ azureDNS: { ...azure, environment: 'AzureCloud' } }), /azureDNS\.environment/],
    ['Azure managed identity beside a client secret', acme({ azureDNS: { ...azure, clientID: 'x', tenantID: 't', clientSecretSecretRef: { name: 's', key: 'k' } } }), /managed identity cannot be used at the same time/],
    ['Azure managed identity by client and resource id', acme({ azureDNS: { ...azure, managedIdentity: { clientID: 'id', resourceID: '/subscriptions/x' } } }), /cannot both be specified/],
    ['Cloud DNS without project', acme({ cloudDNS: {} }), /cloudDNS\.project: Required/],
    ['Route 53 key id twice', acme({ route53: { accessKeyID: 'AKIA', accessKeyIDSecretRef: { name: 's', key: 'k' } } }), /accessKeyID and accessKeyIDSecretRef cannot both/],
  ];
  for (const [name, spec, expected] of refused) {
    const errors = issuerAdmissionErrors(spec);
    assert.ok(errors.some((error) => expected.test(error)), `${name}: ${JSON.stringify(errors)}`);
  }
  // As upstream counts: acmeDNS after another provider is not refused (it is counted without the check).
  assert.deepEqual(issuerAdmissionErrors(acme({ route53: {}, acmeDNS: { host: 'https://auth.acme-dns.example' } })), []);
  // Through the rule: the refused issuer is reported at its address.
  const broken = app({}, { kubernetes_manifest: { issuer: manifest({ kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: acme({ route53: {}, cloudDNS: { project: 'p' } }) }) } });
  assert.deepEqual(addresses('CERT_MANAGER_ISSUER_ADMITTED', broken), ['mesh/kubernetes_manifest.issuer']);
});
