import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GkeCluster } from '../../../lib/clusters/gke-cluster';
import { CloudDnsSolverIdentity } from '../../../lib/tls/cloud-dns-solver-identity';
import { onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';

test('the workload identity binding waits for the cluster whose creation brings the identity pool', () => {
  // GIVEN: the cluster lives in another project than the solver's service account
  const stack = synthStack((s) => {
    const cluster = new GkeCluster(s, 'gcp', { name: 'acme-gcp', project: 'acme-clusters', region: 'europe-west1', masterAuthorizedNetworks: ['203.0.113.0/24'] });
    new CloudDnsSolverIdentity(s, 'solver', { name: 'acme-gcp-cm', project: 'acme-dns', cluster });
  });
  // THEN: IAM rejects a member of a pool that does not exist yet, so the binding depends on the cluster ...
  const [[clusterName]] = resourcesOfType(stack, 'google_container_cluster');
  const binding = onlyResource(stack, 'google_service_account_iam_member');
  assert.deepEqual(binding.depends_on, [`google_container_cluster.${clusterName}`]);
  // ... and names the pool of the cluster's project, where cert-manager's Kubernetes service account lives
  assert.equal(binding.member, 'serviceAccount:acme-clusters.svc.id.goog[cert-manager/cert-manager]');
});

test('without a cluster (an existing one) the binding names the project pool and waits for nothing', () => {
  const binding = onlyResource(synthStack((s) => new CloudDnsSolverIdentity(s, 'solver', { name: 'acme-gcp-cm', project: 'acme-prod' })), 'google_service_account_iam_member');
  assert.equal(binding.member, 'serviceAccount:acme-prod.svc.id.goog[cert-manager/cert-manager]');
  assert.equal(binding.depends_on, undefined);
});
