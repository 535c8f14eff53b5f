import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  crossStageValuesByReference,
  customResourcesNotBesideTheirCrds,
  providersNotFromOwnResources,
} from './staging-invariants';

// Each rule is proved able to fail on a hand-made stack, and to pass on its fix.

test('a Kubernetes provider configured from a cluster of its own stack is reported', () => {
  // GIVEN
  const stacks = {
    infra: {
      resource: { google_container_cluster: { gke: { name: 'gke' } } },
      provider: { kubernetes: [{ alias: 'gke', host: 'https://${google_container_cluster.gke.endpoint}' }] },
    },
  };
  // THEN
  assert.deepEqual(
    providersNotFromOwnResources(stacks).map((violation) => violation.where),
    ['infra/provider.kubernetes.gke'],
  );
  const fixed = {
    platform: {
      data: { google_container_cluster: { gke: { name: 'gke' } } },
      provider: { kubernetes: [{ alias: 'gke', host: 'https://${data.google_container_cluster.gke.endpoint}' }] },
    },
  };
  assert.deepEqual(providersNotFromOwnResources(fixed), []);
});

test('a Kuma custom resource beside the Kuma Helm release is reported', () => {
  const stacks = {
    platform: {
      resource: {
        helm_release: { kuma: { chart: 'kuma' } },
        kubernetes_manifest: { mesh: { manifest: { apiVersion: 'kuma.io/v1alpha1', kind: 'Mesh' } } },
      },
    },
  };
  assert.deepEqual(
    customResourcesNotBesideTheirCrds(stacks).map((violation) => violation.where),
    ['platform/kubernetes_manifest.mesh'],
  );
  const staged = {
    platform: { resource: { helm_release: { kuma: { chart: 'kuma' } } } },
    mesh: { resource: { kubernetes_manifest: { mesh: { manifest: { apiVersion: 'kuma.io/v1alpha1', kind: 'Mesh' } } } } },
  };
  assert.deepEqual(customResourcesNotBesideTheirCrds(staged), []);
});

test('a reference to another stack\'s resource, or a non-sensitive cross-stack output, is reported', () => {
  const stacks = {
    platform: {
      resource: { helm_release: { kong: { set: [{ name: 'proxy.loadBalancerIP', value: '${google_compute_address.gw.address}' }] } } },
      output: { 'cross-stack-output-x': { value: '${helm_release.kong.id}' } },
    },
  };
  const found = crossStageValuesByReference(stacks);
  assert.deepEqual(found.map((violation) => violation.where), ['platform/helm_release.kong', 'platform/output.cross-stack-output-x']);
  const fixed = {
    platform: {
      data: { terraform_remote_state: { infra: {} } },
      resource: { helm_release: { kong: { set: [{ name: 'a', value: '${data.terraform_remote_state.infra.outputs.x}' }] } } },
    },
  };
  assert.deepEqual(crossStageValuesByReference(fixed), []);
});
