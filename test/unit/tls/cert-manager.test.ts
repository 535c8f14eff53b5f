import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CertManager, certManagerValues } from '../../../lib/tls/cert-manager';
import { AksWorkloadIdentity } from '../../../lib/clusters/aks-workload-identity';
import { GkeWorkloadIdentity } from '../../../lib/clusters/gke-workload-identity';
import type { IWorkloadIdentity } from '../../../lib/clusters/workload-identity';
import { helmValues, onlyResource, synthStack } from '../../helpers/synth';
import { HAVE_UPSTREAM, certManagerValuesErrors, fakeConnection } from '../gateway/fakes';

test('installs cert-manager with chart-managed CRDs, atomically, in its own namespace', () => {
  // WHEN
  const release = onlyResource(synthStack((s) => new CertManager(s, 'cm', { connection: fakeConnection('aks') })), 'helm_release');
  const values = helmValues(release);
  // THEN
  assert.equal(release.chart, 'cert-manager');
  assert.equal(release.version, 'v1.21.1');
  assert.equal(release.namespace, 'cert-manager');
  assert.equal(release.provider, 'helm.aks');
  assert.equal(release.atomic, true);
  assert.deepEqual(values.crds, { enabled: true, keep: true });
  assert.equal(values.replicaCount, 2);
  assert.equal(values.podDisruptionBudget.enabled, true);
  assert.equal(values.serviceAccount.name, 'cert-manager');
});

test('Azure workload identity: pod and service account labels, client id annotation', () => {
  const values = certManagerValues({ ephemeral: false, workloadIdentity: new AksWorkloadIdentity('11111111-2222-3333-4444-555555555555') });
  assert.equal(values.podLabels && (values.podLabels as any)['azure.workload.identity/use'], 'true');
  assert.equal((values.serviceAccount as any).labels['azure.workload.identity/use'], 'true');
  assert.equal((values.serviceAccount as any).annotations['azure.workload.identity/client-id'], '11111111-2222-3333-4444-555555555555');
});

test('GKE workload identity: service account annotation', () => {
  const values = certManagerValues({ ephemeral: true, workloadIdentity: new GkeWorkloadIdentity('acme-gcp-cm@acme.iam.gserviceaccount.com') });
  assert.equal((values.serviceAccount as any).annotations['iam.gke.io/gcp-service-account'], 'acme-gcp-cm@acme.iam.gserviceaccount.com');
  assert.equal(values.replicaCount, 1);
  assert.equal((values.podDisruptionBudget as any).enabled, false);
  // GKE's metadata server needs no label; a stray Azure label would be harmless but wrong.
  assert.deepEqual(values.podLabels, {});
  assert.equal((values.serviceAccount as any).labels, undefined);
});

test('any IWorkloadIdentity: the chart gets its annotations and labels, and no cloud of its own', () => {
  const identity: IWorkloadIdentity = {
    serviceAccountAnnotations: { 'example.com/identity': 'dns-solver' },
    serviceAccountLabels: { 'example.com/federated': 'yes' },
    podLabels: { 'example.com/inject': 'true' },
  };
  const values = certManagerValues({ ephemeral: false, workloadIdentity: identity });
  assert.deepEqual((values.serviceAccount as any).annotations, identity.serviceAccountAnnotations);
  assert.deepEqual((values.serviceAccount as any).labels, identity.serviceAccountLabels);
  assert.deepEqual(values.podLabels, identity.podLabels);
  const none = certManagerValues({ ephemeral: false });
  assert.equal((none.serviceAccount as any).annotations, undefined);
  assert.deepEqual(none.podLabels, {});
});

test('AKS workload identity needs a client id', () => {
  assert.throws(() => new AksWorkloadIdentity(''), /workloadIdentity\.clientId/);
});

test('rejects a malformed service account e-mail', () => {
  assert.throws(
    () => synthStack((s) => new CertManager(s, 'cm', { connection: fakeConnection('gke'), workloadIdentity: new GkeWorkloadIdentity('cert-manager', 'test/cm.workloadIdentity') })),
    /"cert-manager" \(test\/cm\.workloadIdentity\) must be a service account e-mail/,
  );
});

test('values validate against the chart values.schema.json', { skip: !HAVE_UPSTREAM && 'upstream files not found' }, () => {
  for (const input of [
    { ephemeral: false, workloadIdentity: new AksWorkloadIdentity('x') },
    { ephemeral: true, workloadIdentity: new GkeWorkloadIdentity('a@b.iam.gserviceaccount.com') },
    { ephemeral: false },
  ]) {
    assert.deepEqual(certManagerValuesErrors(certManagerValues(input)), []);
  }
  assert.notDeepEqual(certManagerValuesErrors({ notAValue: true }), []);
});
