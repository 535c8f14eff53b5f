import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CertManager, certManagerValues } from '../../../lib/tls/cert-manager';
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
  const values = certManagerValues({ ephemeral: false, azureWorkloadIdentityClientId: '11111111-2222-3333-4444-555555555555' });
  assert.equal(values.podLabels && (values.podLabels as any)['azure.workload.identity/use'], 'true');
  assert.equal((values.serviceAccount as any).labels['azure.workload.identity/use'], 'true');
  assert.equal((values.serviceAccount as any).annotations['azure.workload.identity/client-id'], '11111111-2222-3333-4444-555555555555');
});

test('GKE workload identity: service account annotation', () => {
  const values = certManagerValues({ ephemeral: true, gcpServiceAccountEmail: 'acme-gcp-cm@acme.iam.gserviceaccount.com' });
  assert.equal((values.serviceAccount as any).annotations['iam.gke.io/gcp-service-account'], 'acme-gcp-cm@acme.iam.gserviceaccount.com');
  assert.equal(values.replicaCount, 1);
  assert.equal((values.podDisruptionBudget as any).enabled, false);
});

test('rejects a malformed service account e-mail', () => {
  assert.throws(
    () => synthStack((s) => new CertManager(s, 'cm', { connection: fakeConnection('gke'), gcpServiceAccountEmail: 'cert-manager' })),
    /"cert-manager" \(test\/cm\.gcpServiceAccountEmail\) must be a service account e-mail/,
  );
});

test('values validate against the chart values.schema.json', { skip: !HAVE_UPSTREAM && 'upstream files not found' }, () => {
  for (const input of [
    { ephemeral: false, azureWorkloadIdentityClientId: 'x' },
    { ephemeral: true, gcpServiceAccountEmail: 'a@b.iam.gserviceaccount.com' },
    { ephemeral: false },
  ]) {
    assert.deepEqual(certManagerValuesErrors(certManagerValues(input)), []);
  }
  assert.notDeepEqual(certManagerValuesErrors({ notAValue: true }), []);
});
