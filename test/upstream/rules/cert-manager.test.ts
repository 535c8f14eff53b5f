import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { CERT_MANAGER_RULES } from './cert-manager';

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
