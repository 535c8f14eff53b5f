import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GcsStateStore, RemoteStateStore } from '../../../lib/environments/cloud-state-stores';
import { gcsStatePrefix, remoteWorkspaceName } from '../../../lib/state/state-backend';

// The stores must find state where the backends put it (lib/state/state-backend.ts), not
// where a second reading of the layout would expect it.

const stateWith = (environment: string) => JSON.stringify({ version: 4, outputs: { ccm_environment: { value: environment } }, resources: [] });

test('the remote store lists and reads the workspaces the remote backend names', async () => {
  const workspaces = ['infra', 'platform', 'mesh'].map((stage) => remoteWorkspaceName('pr-7', stage as 'infra', 'previews'));
  workspaces.push('previews-unrelated', 'other-pr-8-infra');
  const requested: string[] = [];
  const fakeFetch = (async (url: string) => {
    requested.push(url);
    const reply = (body: unknown, status = 200) => ({ ok: status < 400, status, json: async () => body, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) });
    if (url.startsWith('https://state/')) return reply(stateWith('pr-7'));
    if (url.includes('/workspaces?')) return reply({ data: workspaces.map((name) => ({ attributes: { name } })), meta: { pagination: {} } });
    const single = /\/workspaces\/([^/?]+)$/.exec(url);
    if (single) return workspaces.includes(decodeURIComponent(single[1])) ? reply({ data: { id: `ws-${single[1]}` } }) : reply({}, 404);
    if (url.endsWith('/current-state-version')) return reply({ data: { attributes: { 'hosted-state-download-url': `https://state/${url}` } } });
    return reply({}, 404);
  }) as unknown as typeof fetch;
  const store = new RemoteStateStore('acme', 'token', 'previews', 'app.terraform.io', fakeFetch);
  assert.deepEqual(await store.listEnvironments(), ['pr-7']);
  const state = await store.readStage('pr-7', 'mesh');
  assert.equal(state?.outputs?.ccm_environment?.value, 'pr-7');
  assert.ok(requested.some((url) => url.endsWith(`/workspaces/${remoteWorkspaceName('pr-7', 'mesh', 'previews')}`)), 'reads the workspace the backend writes');
});

test('the gcs store reads the default-workspace object under the backend prefix', async () => {
  const objects = ['infra', 'platform'].map((stage) => `${gcsStatePrefix('pr-9', stage as 'infra', 'previews')}/default.tfstate`);
  const read: string[] = [];
  const store = new GcsStateStore('bucket', 'previews');
  // The SDK is optional and absent here: stand in for its bucket handle.
  (store as unknown as { bucketHandle: unknown }).bucketHandle = {
    getFiles: async () => [objects.map((name) => ({ name }))],
    file: (name: string) => ({
      exists: async () => [objects.includes(name)],
      download: async () => {
        read.push(name);
        return [Buffer.from(stateWith('pr-9'))];
      },
    }),
  };
  assert.deepEqual(await store.listEnvironments(), ['pr-9']);
  assert.equal((await store.readStage('pr-9', 'infra'))?.outputs?.ccm_environment?.value, 'pr-9');
  assert.equal(await store.readStage('pr-9', 'mesh'), undefined);
  assert.deepEqual(read, ['previews/pr-9/infra/default.tfstate']);
});
