/**
 * The preview-environment workflow keeps its state in a shared backend: `down` runs on a
 * fresh runner and must find, by the same keys, the state `up` wrote.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { previewState } from '../../../examples/ephemeral/state';
import { StateBackendName } from '../../../lib/topology/topology-spec';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { ephemeralExampleTopology } from '../../helpers/examples';

const workflow = parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'ephemeral', 'preview-environment.github-workflow.yml'), 'utf8'));

test('previewState: a gcs bucket or an Azure container from the environment, local only when neither is set', () => {
  const gcs = previewState({ CCM_STATE_GCS_BUCKET: 'acme-tfstate' });
  assert.equal(gcs?.backend, StateBackendName.GCS);
  const azure = previewState({ CCM_STATE_AZURE_STORAGE_ACCOUNT: 'acmetfstate', ARM_USE_OIDC: 'true' });
  assert.equal(azure?.backend, StateBackendName.AZURERM);
  assert.equal(azure?.azurerm?.useOidc, true);
  assert.equal(previewState({}), undefined);
  for (const state of [gcs, azure]) assert.deepEqual(topologyIssues({ ...ephemeralExampleTopology(), state }), []);
});

test('both jobs read the backend settings and the environment name from the same workflow-level variables', () => {
  for (const variable of ['CCM_STATE_GCS_BUCKET', 'CCM_STATE_AZURE_STORAGE_ACCOUNT', 'CCM_ENVIRONMENT_SOURCE']) {
    assert.ok(workflow.env[variable], `workflow env ${variable}`);
    for (const job of ['up', 'down']) assert.equal(workflow.jobs[job].env?.[variable], undefined, `${job} must not override ${variable}`);
  }
});

test('up and down refuse to run on local state, before they touch anything', () => {
  for (const [job, script] of [['up', 'npm run env:up'], ['down', 'npm run env:down']]) {
    const steps: any[] = workflow.jobs[job].steps;
    const guard = steps.findIndex((step) => /CCM_STATE_GCS_BUCKET/.test(step.run ?? '') && /CCM_STATE_AZURE_STORAGE_ACCOUNT/.test(step.run ?? '') && /exit 1/.test(step.run ?? ''));
    const run = steps.findIndex((step) => step.run === script);
    assert.ok(guard >= 0 && run > guard, `${job}: the guard must run before ${script}`);
  }
});
