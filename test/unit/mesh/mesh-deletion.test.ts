import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cloud } from '../../../lib/core/cloud';
import { GlobalControlPlane, GlobalControlPlanePlacement } from '../../../lib/mesh/global-control-plane';
import { UNSAFE_DELETE_ENV } from '../../../lib/mesh/_mesh-deletion';
import { helmValues, onlyResource, synthStack } from '../../helpers/synth';
import { fakeConnection } from '../../helpers/fakes';
import { reservedAddress } from './_fixtures';

// kumahq/kuma@v2.14.3:pkg/config/core/resources/store/config.go#UnsafeDelete is read from
// KUMA_STORE_UNSAFE_DELETE (envconfig tag kuma_store_unsafe_delete), as a boolean.
const connection = fakeConnection('global', Cloud.GCP);
const kdsAddress = reservedAddress('203.0.113.10', Cloud.GCP, {});

function globalValues(props: { meshDeletionGuard?: boolean; ephemeral?: boolean } = {}): any {
  const json = synthStack((stack) => {
    new GlobalControlPlane(stack, 'global', {
      placement: GlobalControlPlanePlacement.dedicatedCluster({ connection, kdsAddress }),
      meshDeletionGuard: props.meshDeletionGuard,
      ephemeral: props.ephemeral,
    });
  });
  return helmValues(onlyResource(json, 'helm_release'));
}

test('an ephemeral global may delete a Mesh with dataplanes attached, so a destroy gets past the mesh stage', () => {
  assert.equal(UNSAFE_DELETE_ENV, 'KUMA_STORE_UNSAFE_DELETE');
  assert.equal(globalValues({ ephemeral: true }).controlPlane.envVars[UNSAFE_DELETE_ENV], 'true');
});

test('outside ephemeral mode the global keeps Kuma\'s delete checks (the Mesh and its CA Secret are protected), unless asked', () => {
  assert.equal(globalValues().controlPlane?.envVars?.[UNSAFE_DELETE_ENV], undefined);
  assert.equal(globalValues({ meshDeletionGuard: true, ephemeral: true }).controlPlane?.envVars?.[UNSAFE_DELETE_ENV], undefined);
  assert.equal(globalValues({ meshDeletionGuard: false }).controlPlane.envVars[UNSAFE_DELETE_ENV], 'true');
});
