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

function globalValues(props: { meshDeletionGuard?: boolean } = {}): any {
  const json = synthStack((stack) => {
    new GlobalControlPlane(stack, 'global', {
      placement: GlobalControlPlanePlacement.dedicatedCluster({ connection, kdsAddress }),
      meshDeletionGuard: props.meshDeletionGuard,
    });
  });
  return helmValues(onlyResource(json, 'helm_release'));
}

test('the global may delete a Mesh with dataplanes attached by default, so a destroy gets past the mesh stage', () => {
  assert.equal(UNSAFE_DELETE_ENV, 'KUMA_STORE_UNSAFE_DELETE');
  assert.equal(globalValues().controlPlane.envVars[UNSAFE_DELETE_ENV], 'true');
});

test('meshDeletionGuard keeps Kuma\'s check: no switch in the values', () => {
  assert.equal(globalValues({ meshDeletionGuard: true }).controlPlane?.envVars?.[UNSAFE_DELETE_ENV], undefined);
});
