/**
 * The local backend and a cross-stack lookup, run through Terraform itself (skipped
 * without a `terraform` binary; no providers are needed, so it runs offline): each stage
 * writes `<directory>/<env>/<stage>.tfstate` relative to the directory synth ran in, and
 * the synthesized `terraform_remote_state` of a later stage reads what the earlier one wrote.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App } from 'cdktf';
import { CrossCloudMesh } from '../../../lib/topology/cross-cloud-mesh';
import { StateBackendName } from '../../../lib/topology/topology-spec';
import { STAGES } from '../../../lib/state/stage-state';
import { ephemeralExampleTopology } from '../../helpers/examples';
import { readStacks } from '../../helpers/synth';

function hasTerraform(): boolean {
  try {
    execFileSync('terraform', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
const terraform = (cwd: string, ...args: string[]) => execFileSync('terraform', args, { cwd, env, stdio: 'pipe' }).toString();

test('terraform writes each stage to <directory>/<env>/<stage>.tfstate and a later stage reads it back', { skip: !hasTerraform() && 'no terraform binary' }, () => {
  // GIVEN the state directory named relative to the directory synth runs in
  const work = mkdtempSync(join(tmpdir(), 'ccm-local-state-'));
  const outdir = join(work, 'cdktf.out');
  const directory = relative(process.cwd(), join(work, 'state'));
  try {
    const app = new App({ outdir });
    new CrossCloudMesh(app, 'pr-42', { topology: { ...ephemeralExampleTopology(), state: { backend: StateBackendName.LOCAL, local: { directory } } } });
    app.synth();
    const stacks = readStacks(outdir);
    // WHEN each stage's working directory (where cdktf runs terraform) holds only its backend, an output, and its lookups
    for (const stage of STAGES) {
      const name = `pr-42-${stage}`;
      const stack = stacks[name];
      const lookups = stack.data?.terraform_remote_state ?? {};
      const config = {
        terraform: { backend: stack.terraform.backend },
        ...(Object.keys(lookups).length ? { data: { terraform_remote_state: lookups } } : {}),
        output: {
          stage: { value: stage },
          ...Object.fromEntries(Object.keys(lookups).map((id) => [`read_${id.replace(/[^A-Za-z0-9_]/g, '_')}`, { value: `\${data.terraform_remote_state.${id}.outputs.stage}` }])),
        },
      };
      const cwd = join(outdir, 'stacks', name);
      writeFileSync(join(cwd, 'cdk.tf.json'), JSON.stringify(config));
      terraform(cwd, 'init', '-no-color');
      terraform(cwd, 'apply', '-auto-approve', '-no-color');
      // THEN
      const file = join(work, 'state', 'pr-42', `${stage}.tfstate`);
      assert.ok(existsSync(file), `${stage}: no state at ${file}`);
      const outputs = JSON.parse(readFileSync(file, 'utf8')).outputs;
      assert.equal(outputs.stage.value, stage);
      for (const [key, output] of Object.entries<any>(outputs)) {
        if (key.startsWith('read_')) assert.ok(STAGES.indexOf(output.value) < STAGES.indexOf(stage) && output.value !== undefined, `${stage} read ${output.value}`);
      }
      if (stage !== 'infra') assert.ok(Object.keys(outputs).some((key) => key.startsWith('read_')), `${stage} has no lookup`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
