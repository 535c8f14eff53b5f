import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIo } from '../../../lib/cli/cli-io';
import { environmentsCommandWith } from '../../../lib/cli/environments';
import { IStageDestroyer, expiryInstant, recordOf } from '../../../lib/environments/environments';
import { LocalStateStore, TerraformStateJson, environmentsFromKeys } from '../../../lib/environments/state-store';
import { GcsStateStore, loadOptionalPackage } from '../../../lib/environments/cloud-state-stores';
import { parse } from 'yaml';
import { openStateStore } from '../../../lib/environments/open-state-store';
import { stageStateLocation, synthesizedStateLocation } from '../../../lib/state/state-backend';
import { previewState } from '../../../examples/ephemeral/state';
import { ephemeralTopology } from '../../../examples/ephemeral/topology';
import { Cloud } from '../../../lib/core/cloud';

function ephemeralTopologyFor(environment: string) {
  return ephemeralTopology({ environment, owner: 'platform-team', ttl: '3d', azureSubscriptionId: '00000000-0000-0000-0000-000000000000', googleProject: 'acme-example-project', dnsZone: 'preview.acme.example', dnsCloud: Cloud.GCP } as any);
}
import { TerraformStageDestroyer } from '../../../lib/environments/terraform-destroyer';
import { STAGES, StageName } from '../../../lib/state/stage-state';
import { synthTopology, ephemeralExampleTopology } from '../../helpers/examples';
import type { StackJson } from '../../helpers/synth';

const NOW = new Date('2030-02-10T12:00:00Z');

/**
 * What `terraform apply` leaves in the state of a synthesized stack: one instance per
 * resource, the outputs evaluated. Only literal outputs and the expiry (the one token the
 * environment record uses) are evaluated; so the states come from what we synthesize, and
 * a stack that stopped publishing its record would show up here.
 */
function appliedState(stack: StackJson, expiresAt: string): TerraformStateJson {
  const resources = Object.entries(stack.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => ({
      mode: 'managed' as const,
      type,
      name,
      instances: [{ attributes: type === 'terraform_data' ? { input: { value: { ...byName[name].input, expires_at: expiresAt }, type: 'object' }, output: { value: { ...byName[name].input, expires_at: expiresAt }, type: 'object' } } : {} }],
    })),
  );
  const outputs: { [name: string]: { value: unknown } } = {};
  for (const [name, output] of Object.entries(stack.output ?? {})) {
    if (!name.startsWith('ccm_')) continue;
    outputs[name] = { value: typeof output.value === 'string' && output.value.includes('${') ? expiresAt : output.value };
  }
  return { version: 4, outputs, resources };
}

/** Writes the three stage states of an environment synthesized from the ephemeral example. */
function deploy(dir: string, environment: string, expiresAt: string, stages: readonly StageName[] = STAGES): void {
  const stacks = synthTopology({ ...ephemeralExampleTopology(), environment });
  for (const stage of stages) {
    mkdirSync(join(dir, environment), { recursive: true });
    writeFileSync(join(dir, environment, `${stage}.tfstate`), JSON.stringify(appliedState(stacks[`${environment}-${stage}`], expiresAt)));
  }
}

/**
 * A fake `terraform destroy` on the local state files: removes every resource and, as
 * Terraform does, every output. `failAt` makes one stage fail midway: half its resources
 * are gone, the record resource (destroyed last) is left, and the outputs are emptied, as
 * a failed destroy does (hashicorp/terraform#29270).
 */
class FakeDestroyer implements IStageDestroyer {
  public readonly calls: string[] = [];
  constructor(private readonly dir: string, private failAt?: { environment: string; stage: StageName }) {}

  public async destroy(environment: string, stage: StageName): Promise<void> {
    this.calls.push(`${environment}-${stage}`);
    const path = join(this.dir, environment, `${stage}.tfstate`);
    const state = JSON.parse(readFileSync(path, 'utf8')) as TerraformStateJson;
    if (this.failAt?.environment === environment && this.failAt.stage === stage) {
      this.failAt = undefined;
      const resources = state.resources ?? [];
      const left = resources.filter((resource, index) => index % 2 === 0 || resource.type === 'terraform_data');
      writeFileSync(path, JSON.stringify({ ...state, outputs: {}, resources: left }));
      throw new Error('Error: deleting AKS cluster: context deadline exceeded');
    }
    writeFileSync(path, JSON.stringify({ ...state, outputs: {}, resources: [] }));
  }
}

function captureIo(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), env: {}, cwd };
}

function withStateDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-envs-'));
  return body(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('list reads each environment from its own state: owner, expires-at and stage conditions', () =>
  withStateDir(async (dir) => {
    // GIVEN one expired, one active environment, and a directory that is no environment
    deploy(dir, 'pr-1', '2030-02-01T09:00:00Z');
    deploy(dir, 'pr-2', '2030-03-01T09:00:00Z');
    mkdirSync(join(dir, 'not-an-env'));
    const io = captureIo(dir);
    // WHEN
    const code = await environmentsCommandWith({ now: () => NOW }).run(['list', '--state', 'local:.'], io);
    // THEN
    assert.equal(code, 0, io.stderr.join('\n'));
    assert.match(io.stdout[0], /^2 environment\(s\) in local directory /);
    assert.match(io.stdout[1], /^ENVIRONMENT\s+OWNER\s+EXPIRES-AT\s+STATUS/);
    assert.match(io.stdout[2], /^pr-1\s+ci\s+2030-02-01T09:00:00Z\s+expired\s+infra:deployed platform:deployed mesh:deployed$/);
    assert.match(io.stdout[3], /^pr-2\s+ci\s+2030-03-01T09:00:00Z\s+active\b/);
  }));

test('destroy-expired destroys only expired environments, mesh first; a second run after a partial failure finishes', () =>
  withStateDir(async (dir) => {
    // GIVEN two expired environments and one active one
    deploy(dir, 'pr-1', '2030-02-01T09:00:00Z');
    deploy(dir, 'pr-3', '2030-02-09'); // a date: expired at the end of that day
    deploy(dir, 'pr-2', '2030-03-01T09:00:00Z');
    // ... and the infra stage of pr-1 fails midway
    const destroyer = new FakeDestroyer(dir, { environment: 'pr-1', stage: 'infra' });
    const command = environmentsCommandWith({ now: () => NOW, destroyer: () => destroyer });
    const first = captureIo(dir);
    // WHEN
    const firstCode = await command.run(['destroy-expired', '--state', 'local:.', '--app', 'unused'], first);
    // THEN pr-3 is gone, pr-1 stopped in infra, pr-2 untouched; the exit code says so
    assert.equal(firstCode, 1);
    assert.deepEqual(destroyer.calls, ['pr-1-mesh', 'pr-1-platform', 'pr-1-infra', 'pr-3-mesh', 'pr-3-platform', 'pr-3-infra']);
    assert.match(first.stderr.join('\n'), /pr-1: infra: Error: deleting AKS cluster/);
    const store = new LocalStateStore(dir);
    const pr1Infra = (await store.readStage('pr-1', 'infra'))!;
    assert.deepEqual(pr1Infra.outputs, {}, 'the failed destroy emptied the outputs');
    assert.ok(recordOf(pr1Infra), 'the record resource is still there');

    // WHEN the scheduled job runs again
    destroyer.calls.length = 0;
    const second = captureIo(dir);
    const secondCode = await command.run(['destroy-expired', '--state', 'local:.', '--app', 'unused'], second);
    // THEN it skips the empty stages and finishes pr-1's infra
    assert.equal(secondCode, 0, second.stderr.join('\n'));
    assert.deepEqual(destroyer.calls, ['pr-1-infra']);
    assert.ok(second.stdout.some((line) => line === 'pr-1: mesh has no resources, skipped'));
    // AND a third run has nothing to do; pr-2 still runs
    destroyer.calls.length = 0;
    await command.run(['destroy-expired', '--state', 'local:.', '--app', 'unused'], captureIo(dir));
    assert.deepEqual(destroyer.calls, []);
    const list = captureIo(dir);
    await command.run(['list', '--state', 'local:.'], list);
    assert.match(list.stdout.find((line) => line.startsWith('pr-1'))!, /destroyed\s+infra:empty platform:empty mesh:empty$/);
    assert.match(list.stdout.find((line) => line.startsWith('pr-2'))!, /active\s+infra:deployed platform:deployed mesh:deployed$/);
  }));

test('a teardown whose record is gone too is resumed; resources with no record and no teardown are left alone', () =>
  withStateDir(async (dir) => {
    // GIVEN pr-4: mesh and platform destroyed, infra left without outputs or record
    deploy(dir, 'pr-4', '2030-02-01T09:00:00Z');
    for (const stage of ['mesh', 'platform'] as const) writeFileSync(join(dir, 'pr-4', `${stage}.tfstate`), JSON.stringify({ version: 4, outputs: {}, resources: [] }));
    const infra = JSON.parse(readFileSync(join(dir, 'pr-4', 'infra.tfstate'), 'utf8'));
    writeFileSync(join(dir, 'pr-4', 'infra.tfstate'), JSON.stringify({ ...infra, outputs: {}, resources: infra.resources.filter((r: any) => r.type !== 'terraform_data') }));
    // ... and legacy: an environment deployed without any record (infra only, no later stage yet)
    deploy(dir, 'legacy', '2030-02-01T09:00:00Z', ['infra']);
    const legacy = JSON.parse(readFileSync(join(dir, 'legacy', 'infra.tfstate'), 'utf8'));
    writeFileSync(join(dir, 'legacy', 'infra.tfstate'), JSON.stringify({ ...legacy, outputs: {}, resources: legacy.resources.filter((r: any) => r.type !== 'terraform_data') }));
    const destroyer = new FakeDestroyer(dir);
    // WHEN
    const io = captureIo(dir);
    await environmentsCommandWith({ now: () => NOW, destroyer: () => destroyer }).run(['destroy-expired', '--state', 'local:.', '--app', 'x'], io);
    // THEN
    assert.deepEqual(destroyer.calls, ['pr-4-infra']);
  }));

test('the synthesized stacks publish the record every stage state carries, and tag from the infra record', () => {
  const stacks = synthTopology(ephemeralExampleTopology());
  for (const stage of STAGES) {
    const outputs = stacks[`pr-42-${stage}`].output!;
    assert.equal(outputs.ccm_environment.value, 'pr-42');
    assert.equal(outputs.ccm_owner.value, 'ci');
    assert.equal(outputs.ccm_stage.value, stage);
    assert.match(String(outputs.ccm_expires_at.value), stage === 'infra' ? /^\$\{terraform_data\.ccm_environment\.output\["expires_at"\]\}$/ : /terraform_remote_state/);
  }
});

test('expiry instants: a date expires at the end of its day; an RFC 3339 instant at that instant; anything else never', () => {
  assert.equal(expiryInstant('2030-02-09')!.toISOString(), '2030-02-10T00:00:00.000Z');
  assert.equal(expiryInstant('2030-02-09T10:30:00Z')!.toISOString(), '2030-02-09T10:30:00.000Z');
  assert.equal(expiryInstant('soon'), undefined);
  assert.equal(expiryInstant(''), undefined);
});

test('object-store keys: environments are the folders holding a <stage>.tfstate under the prefix', () => {
  assert.deepEqual(environmentsFromKeys(['ccm/pr-1/infra.tfstate', 'ccm/pr-1/mesh.tfstate', 'ccm/pr-2/platform.tfstate', 'ccm/pr-3/other.txt', 'other/pr-9/infra.tfstate', 'ccm/a/b/infra.tfstate'], 'ccm/'), ['pr-1', 'pr-2']);
});

test('--state: bad locations and missing SDKs are sentences that say what to do', () => {
  assert.throws(() => openStateStore('ftp://x', '/', {}), /is not a state location: use local:<dir>, gcs:/);
  assert.throws(() => openStateStore('azurerm://account', '/', {}), /names no container/);
  assert.throws(() => openStateStore('remote://acme', '/', {}), /set TF_TOKEN_app_terraform_io/);
  const missing = () => {
    const error = new Error("Cannot find module '@google-cloud/storage'") as NodeJS.ErrnoException;
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  };
  assert.throws(() => loadOptionalPackage('@google-cloud/storage', 'listing the gcs backend b', missing), /listing the gcs backend b needs the package @google-cloud\/storage, which is not installed: run `npm install --save-dev @google-cloud\/storage`/);
});

test('usage errors exit 2 and say what is missing', async () => {
  const command = environmentsCommandWith({ now: () => NOW });
  const noState = captureIo('/');
  assert.equal(await command.run(['list'], noState), 2);
  assert.match(noState.stderr[0], /--state is required/);
  const noApp = captureIo('/');
  assert.equal(await command.run(['destroy-expired', '--state', 'local:/nonexistent'], noApp), 2);
  assert.match(noApp.stderr[0], /--app is required/);
  assert.equal(await command.run(['purge'], captureIo('/')), 2);
  assert.ok(!existsSync('/nonexistent'));
});

test('the scheduled cleanup workflow runs commands the CLI accepts, against a state location it can open', async () => {
  const workflow = parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'ephemeral', 'cleanup.github-workflow.yml'), 'utf8'));
  const runs: string[] = workflow.jobs['destroy-expired'].steps.map((step: { run?: string }) => step.run).filter((run: string | undefined) => run?.includes('cross-cloud-mesh environments'));
  assert.deepEqual(runs.map((run) => run.split(' ')[3]), ['list', 'destroy-expired']);
  assert.ok(workflow.on.schedule?.length > 0, 'it runs on a schedule');
  const state = String(workflow.env.CCM_STATE).replace('${{ vars.CCM_STATE_GCS_BUCKET }}', 'acme-tfstate');
  const opened: string[] = [];
  const empty = { description: 'fake', listEnvironments: async () => [], readStage: async () => undefined, locationOf: () => '' };
  for (const run of runs) {
    // npx cross-cloud-mesh environments <args>, with "double-quoted" arguments kept whole
    const args = [...run.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]).slice(3);
    const io = { ...captureIo('/'), env: { CCM_STATE: state } };
    const code = await environmentsCommandWith({
      now: () => NOW,
      openStore: (location, cliIo) => {
        assert.ok(openStateStore(location, cliIo.cwd, cliIo.env) instanceof GcsStateStore);
        opened.push(location);
        return empty;
      },
      destroyer: () => new FakeDestroyer('/nonexistent'),
    }).run(args, io);
    assert.equal(code, 0, `${run}: ${io.stderr.join('\n')}`);
  }
  assert.deepEqual(opened, ['gcs://acme-tfstate/previews', 'gcs://acme-tfstate/previews']);
});

test('the cleanup workflow reads the state where the preview workflow writes it, and its app synthesizes that same backend', () => {
  // GIVEN both workflows with the same repository variable
  const read = (name: string) => parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'ephemeral', name), 'utf8'));
  const withVars = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value).replace(/\$\{\{ vars\.CCM_STATE_GCS_BUCKET \}\}/g, 'acme-tfstate')]));
  const cleanupEnv = withVars(read('cleanup.github-workflow.yml').env);
  const previewEnv = withVars(read('preview-environment.github-workflow.yml').env);
  const deployed = previewState(previewEnv);
  const reaped = previewState(cleanupEnv);
  assert.ok(deployed, 'the preview workflow deploys with a shared backend');
  // WHEN the cleanup opens its store, and its app synthesizes an environment
  const store = openStateStore(cleanupEnv.CCM_STATE, '/', cleanupEnv);
  const stacks = synthTopology({ ...ephemeralTopologyFor('pr-42'), state: reaped });
  // THEN every stage is found, and destroyed, where the preview wrote it
  for (const stage of STAGES) {
    assert.equal(store.locationOf('pr-42', stage), stageStateLocation('pr-42', stage, deployed), stage);
    assert.equal(synthesizedStateLocation(stacks[`pr-42-${stage}`], '/out/stacks'), stageStateLocation('pr-42', stage, deployed), stage);
  }
});

test('the Terraform destroyer synthesizes the app once per environment, then runs init and destroy in the stage stack', () =>
  withStateDir(async (dir) => {
    const calls: string[] = [];
    const destroyer = new TerraformStageDestroyer({
      app: 'node dist/main.js',
      cwd: '/repo',
      env: { PATH: '/bin' },
      outdirFor: (environment) => join(dir, environment),
      run: async (command, args, options) => {
        calls.push(`${command} ${args.join(' ')} @${options.cwd.replace(dir, '<out>')}`);
        if (command === 'sh') {
          // The app writes the stacks of the environment it was given.
          assert.equal(options.env.CCM_ENVIRONMENT, 'pr-7');
          assert.equal(options.env.CCM_ENVIRONMENT_SOURCE, 'pr-7');
          for (const stage of STAGES) {
            const stackDir = join(options.env.CDKTF_OUTDIR!, 'stacks', `pr-7-${stage}`);
            mkdirSync(stackDir, { recursive: true });
            writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify({ terraform: { backend: { gcs: { bucket: 'acme-tfstate', prefix: `previews/pr-7/${stage}` } } } }));
          }
        } else {
          assert.equal(options.env.TF_IN_AUTOMATION, '1');
        }
        return command === 'terraform' && args[0] === 'destroy' && options.cwd.endsWith('pr-7-infra') ? 1 : 0;
      },
    });
    const at = (stage: string) => `gs://acme-tfstate/previews/pr-7/${stage}/default.tfstate`;
    await destroyer.destroy('pr-7', 'mesh', at('mesh'));
    await assert.rejects(destroyer.destroy('pr-7', 'infra', at('infra')), /`terraform destroy -auto-approve -input=false` in .*pr-7-infra exited with 1/);
    // A configuration whose backend is elsewhere would destroy an empty state, successfully: refused before init.
    const before = calls.length;
    await assert.rejects(destroyer.destroy('pr-7', 'platform', 'gs://other-bucket/previews/pr-7/platform/default.tfstate'), /synthesized pr-7-platform with its state at gs:\/\/acme-tfstate\/previews\/pr-7\/platform\/default\.tfstate, but the environment's state is at gs:\/\/other-bucket/);
    assert.equal(calls.length, before, 'no terraform command runs');
    assert.deepEqual(calls, [
      'sh -c node dist/main.js @/repo',
      'terraform init -input=false @<out>/pr-7/stacks/pr-7-mesh',
      'terraform destroy -auto-approve -input=false @<out>/pr-7/stacks/pr-7-mesh',
      'terraform init -input=false @<out>/pr-7/stacks/pr-7-infra',
      'terraform destroy -auto-approve -input=false @<out>/pr-7/stacks/pr-7-infra',
    ]);
    // An app that ignores CCM_ENVIRONMENT synthesizes some other environment's stacks.
    const wrongApp = new TerraformStageDestroyer({ app: 'x', cwd: '/', env: {}, outdirFor: () => join(dir, 'other'), run: async () => 0 });
    await assert.rejects(wrongApp.destroy('pr-8', 'mesh', 'unused'), /synthesized no stack pr-8-mesh: it must take the environment name from CCM_ENVIRONMENT/);
  }));
