/**
 * The `state:` block as Terraform reads it: one backend block per stage stack, keyed by
 * stageStateKey, with the backend's locking, and cross-stack lookups
 * (`terraform_remote_state`) reading the producing stack's state where it was written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { App } from 'cdktf';
import { CrossCloudMesh } from '../../../lib/topology/cross-cloud-mesh';
import { StateBackendName, StateSpec } from '../../../lib/topology/topology-spec';
import { STAGES, stageStateKey } from '../../../lib/state/stage-state';
import { DEFAULT_LOCAL_STATE_DIRECTORY, gcsStatePrefix, remoteWorkspaceName, stageStateLocation } from '../../../lib/state/state-backend';
import { ephemeralExampleTopology } from '../../helpers/examples';
import { readStacks, StackJson } from '../../helpers/synth';

interface Synthesized {
  readonly outdir: string;
  readonly stacks: Record<string, StackJson>;
}

/** Synthesizes the ephemeral example with `state`, keeping the outdir until `use` returns. */
function withState<T>(state: StateSpec | undefined, use: (synth: Synthesized) => T, skipValidation = false): T {
  const outdir = mkdtempSync(join(tmpdir(), 'ccm-state-'));
  try {
    const app = new App({ outdir, skipValidation });
    new CrossCloudMesh(app, 'pr-42', { topology: { ...ephemeralExampleTopology(), state } });
    app.synth();
    return use({ outdir, stacks: readStacks(outdir) });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const stackOf = (stage: string) => `pr-42-${stage}`;

/** The remote-state data sources of a stack, by the stack they read. */
function remoteStates(stack: StackJson): any[] {
  return Object.values(stack.data?.terraform_remote_state ?? {});
}

/**
 * Every cross-stack lookup reads the state the producing stack writes: for each
 * terraform_remote_state, some earlier stack has the same backend type and a config
 * that contains every setting of the data source except `workspace`.
 */
function assertLookupsFollowBackend(stacks: Record<string, StackJson>, backend: string, match: (producer: any, config: any) => boolean): void {
  let lookups = 0;
  for (const stage of STAGES) {
    for (const source of remoteStates(stacks[stackOf(stage)])) {
      lookups++;
      assert.equal(source.backend, backend, `${stage}: lookup uses backend ${source.backend}`);
      const producers = STAGES.filter((s) => s !== stage).map((s) => stacks[stackOf(s)].terraform.backend?.[backend] ?? stacks[stackOf(s)].terraform.cloud);
      assert.ok(producers.some((producer) => producer && match(producer, source.config)), `${stage}: lookup ${JSON.stringify(source.config)} matches no producing stack's backend`);
    }
  }
  // The platform and mesh stages read the infra stage's outputs (cluster names); without lookups this test proves nothing.
  assert.ok(lookups >= 2, `expected cross-stack lookups, found ${lookups}`);
}

test('azurerm: a blob per environment and stage, Entra ID data-plane auth by default, lookups read the same blob', () => {
  // GIVEN
  const state: StateSpec = { backend: StateBackendName.AZURERM, prefix: 'mesh', azurerm: { storageAccountName: 'acmetfstate', containerName: 'tfstate', resourceGroupName: 'tfstate-rg' } };
  withState(state, ({ stacks }) => {
    // THEN
    const keys = STAGES.map((stage) => {
      const backend = stacks[stackOf(stage)].terraform.backend.azurerm;
      assert.equal(backend.storage_account_name, 'acmetfstate');
      assert.equal(backend.container_name, 'tfstate');
      assert.equal(backend.resource_group_name, 'tfstate-rg');
      // Without it the backend needs a storage key (hashicorp/terraform@v1.11.0:internal/backend/remote-state/azure/backend.go#configure).
      assert.equal(backend.use_azuread_auth, true);
      return backend.key;
    });
    assert.deepEqual(keys, STAGES.map((stage) => stageStateKey('pr-42', stage, 'mesh')));
    assertLookupsFollowBackend(stacks, 'azurerm', (producer, config) =>
      Object.entries(producer).every(([k, v]) => config[k] === v) && Object.keys(config).every((k) => k in producer));
  });
});

test('gcs: the prefix places the default workspace object at <prefix>/<env>/<stage>/default.tfstate', () => {
  // GIVEN
  const state: StateSpec = { backend: StateBackendName.GCS, gcs: { bucket: 'acme-tfstate' } };
  withState(state, ({ stacks }) => {
    const prefixes = STAGES.map((stage) => stacks[stackOf(stage)].terraform.backend.gcs.prefix);
    // THEN: the gcs backend writes `<prefix>/<workspace>.tfstate` (hashicorp/terraform@v1.11.0:internal/backend/remote-state/gcs/backend_state.go#stateFile)
    const objects = prefixes.map((prefix) => `${prefix.replace(/\/$/, '')}/default.tfstate`);
    assert.deepEqual(objects, STAGES.map((stage) => stageStateKey('pr-42', stage).replace(/\.tfstate$/, '/default.tfstate')));
    assert.equal(new Set(prefixes).size, STAGES.length);
    assert.deepEqual(prefixes, STAGES.map((stage) => gcsStatePrefix('pr-42', stage)));
    assertLookupsFollowBackend(stacks, 'gcs', (producer, config) => config.bucket === producer.bucket && config.prefix === producer.prefix);
  });
});

test('s3: encrypted, locked with the S3 lock file, one key per stage', () => {
  // GIVEN
  const state: StateSpec = { backend: StateBackendName.S3, s3: { bucket: 'acme-tfstate', region: 'eu-west-1' } };
  withState(state, ({ stacks }) => {
    // THEN
    for (const stage of STAGES) {
      const backend = stacks[stackOf(stage)].terraform.backend.s3;
      assert.equal(backend.key, stageStateKey('pr-42', stage));
      assert.equal(backend.encrypt, true);
      // Terraform 1.11: use_lockfile, dynamodb_table deprecated (internal/backend/remote-state/s3/backend.go).
      assert.equal(backend.use_lockfile, true);
      assert.equal(backend.dynamodb_table, undefined);
    }
    assertLookupsFollowBackend(stacks, 's3', (producer, config) => config.bucket === producer.bucket && config.key === producer.key && config.region === producer.region);
  });
});

test('s3 with a DynamoDB table keeps it for the migration, beside the lock file', () => {
  const state: StateSpec = { backend: StateBackendName.S3, s3: { bucket: 'acme-tfstate', region: 'eu-west-1', dynamodbTable: 'tf-locks' } };
  withState(state, ({ stacks }) => {
    const backend = stacks[stackOf('infra')].terraform.backend.s3;
    assert.equal(backend.dynamodb_table, 'tf-locks');
    assert.equal(backend.use_lockfile, true);
  });
});

test('remote: a cloud block with one named workspace per environment and stage; lookups name the same workspace', () => {
  // GIVEN
  const state: StateSpec = { backend: StateBackendName.REMOTE, prefix: 'acme', remote: { organization: 'acme-corp', project: 'platform' } };
  withState(state, ({ stacks }) => {
    // THEN
    const names = STAGES.map((stage) => {
      const terraform = stacks[stackOf(stage)].terraform;
      // The cloud block's arguments: hashicorp/terraform@v1.11.0:internal/cloud/backend.go#ConfigSchema (workspaces.name, workspaces.project).
      assert.equal(terraform.backend, undefined, 'the cloud block replaces the backend block');
      assert.equal(terraform.cloud.organization, 'acme-corp');
      assert.equal(terraform.cloud.hostname, 'app.terraform.io');
      assert.equal(terraform.cloud.workspaces.project, 'platform');
      assert.equal(terraform.cloud.token, undefined, 'the token comes from TF_TOKEN_* or the credentials file');
      return terraform.cloud.workspaces.name;
    });
    assert.deepEqual(names, ['acme-pr-42-infra', 'acme-pr-42-platform', 'acme-pr-42-mesh']);
    assert.deepEqual(names, STAGES.map((stage) => remoteWorkspaceName('pr-42', stage, 'acme')));
    // The cloud block has no remote-state source of its own; cdktf reads it with the `remote` backend by workspace name.
    let lookups = 0;
    for (const stage of STAGES) {
      for (const source of remoteStates(stacks[stackOf(stage)])) {
        lookups++;
        assert.equal(source.backend, 'remote');
        assert.equal(source.config.organization, 'acme-corp');
        assert.ok(names.includes(source.config.workspaces.name), JSON.stringify(source.config));
        assert.notEqual(source.config.workspaces.name, remoteWorkspaceName('pr-42', stage, 'acme'), 'a stage does not read itself');
      }
    }
    assert.ok(lookups >= 2);
    // cdktf's CloudBackend validates `terraform version` >= 1.1 at synth (cdktf@0.21.0:lib/backends/cloud-backend.js);
    // skipped here so that this test needs no binary.
  }, true);
});

test('remote with legacyRemoteBackend: the remote backend block, named workspaces', () => {
  const state: StateSpec = { backend: StateBackendName.REMOTE, remote: { organization: 'acme-corp', hostname: 'tfe.acme.example', legacyRemoteBackend: true } };
  withState(state, ({ stacks }) => {
    const backend = stacks[stackOf('mesh')].terraform.backend.remote;
    assert.equal(backend.hostname, 'tfe.acme.example');
    assert.deepEqual(backend.workspaces, { name: 'pr-42-mesh' });
    assertLookupsFollowBackend(stacks, 'remote', (producer, config) => config.workspaces.name === producer.workspaces.name && config.hostname === producer.hostname);
  });
});

test('local: a relative path that Terraform, running in the stack directory, resolves to <directory>/<env>/<stage>.tfstate', () => {
  // GIVEN a directory named relative to where synth runs
  const state: StateSpec = { backend: StateBackendName.LOCAL, local: { directory: 'build/state' } };
  withState(state, ({ outdir, stacks }) => {
    for (const stage of STAGES) {
      const path = stacks[stackOf(stage)].terraform.backend.local.path;
      // THEN: relative (not absolute to where synth ran), and Terraform's working directory
      // is <outdir>/stacks/<stack> (cdktf@0.21.0:lib/manifest.js#forStack)
      assert.equal(isAbsolute(path), false, path);
      assert.equal(resolve(outdir, 'stacks', stackOf(stage), path), resolve('build/state', 'pr-42', `${stage}.tfstate`));
    }
    // Sibling stack directories resolve a lookup's path to the producer's file.
    for (const stage of STAGES) {
      for (const source of remoteStates(stacks[stackOf(stage)])) {
        const file = resolve(outdir, 'stacks', stackOf(stage), source.config.path);
        const producers = STAGES.map((s) => resolve(outdir, 'stacks', stackOf(s), stacks[stackOf(s)].terraform.backend.local.path));
        assert.ok(producers.includes(file) && file !== producers[STAGES.indexOf(stage)], file);
      }
    }
  });
});

test('without state: local files under the documented default directory', () => {
  withState(undefined, ({ outdir, stacks }) => {
    const path = stacks[stackOf('infra')].terraform.backend.local.path;
    assert.equal(resolve(outdir, 'stacks', stackOf('infra'), path), resolve(DEFAULT_LOCAL_STATE_DIRECTORY, 'pr-42', 'infra.tfstate'));
  });
});

test('two environments in one backend get distinct keys for every stage', () => {
  const state: StateSpec = { backend: StateBackendName.S3, s3: { bucket: 'acme-tfstate', region: 'eu-west-1' } };
  const keysOf = (environment: string) => {
    const outdir = mkdtempSync(join(tmpdir(), 'ccm-state-'));
    try {
      const app = new App({ outdir });
      new CrossCloudMesh(app, environment, { topology: { ...ephemeralExampleTopology(), environment, state } });
      app.synth();
      const stacks = readStacks(outdir);
      return Object.values(stacks).map((stack) => stack.terraform.backend.s3.key as string);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };
  const keys = [...keysOf('pr-1'), ...keysOf('pr-2')];
  assert.equal(new Set(keys).size, 6, keys.join(', '));
});

test('stageStateLocation names the object each backend block writes', () => {
  // GIVEN
  const gcs: StateSpec = { backend: StateBackendName.GCS, prefix: 'p', gcs: { bucket: 'b-1' } };
  const s3: StateSpec = { backend: StateBackendName.S3, s3: { bucket: 'b-2', region: 'eu-west-1' } };
  withState(gcs, ({ stacks }) => {
    // THEN: bucket + the gcs backend's <prefix>/<workspace>.tfstate
    const backend = stacks[stackOf('mesh')].terraform.backend.gcs;
    assert.equal(stageStateLocation('pr-42', 'mesh', gcs), `gs://${backend.bucket}/${backend.prefix}/default.tfstate`);
  });
  withState(s3, ({ stacks }) => {
    const backend = stacks[stackOf('infra')].terraform.backend.s3;
    assert.equal(stageStateLocation('pr-42', 'infra', s3), `s3://${backend.bucket}/${backend.key}`);
  });
  assert.equal(stageStateLocation('pr-42', 'platform'), join(DEFAULT_LOCAL_STATE_DIRECTORY, 'pr-42', 'platform.tfstate'));
  assert.equal(stageStateLocation('pr-42', 'platform', { backend: StateBackendName.REMOTE, remote: { organization: 'acme' } }), 'remote://app.terraform.io/acme/pr-42-platform');
});
