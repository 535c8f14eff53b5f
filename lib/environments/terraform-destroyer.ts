/**
 * How `destroy-expired` gets each environment's configuration and destroys a stage: it
 * synthesizes the user's app for that environment name (as the ephemeral example does
 * from `CCM_ENVIRONMENT_SOURCE`), then runs `terraform init` and `terraform destroy
 * -auto-approve` in the stage's stack directory of that output, after checking that the
 * synthesized backend block points at the state the environment was found in: on an empty
 * state Terraform plans nothing and exits 0 (hashicorp/terraform@v1.11.0:internal/terraform/context_plan.go#destroyPlan),
 * so an app synthesized without the right backend would "destroy" nothing, successfully.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StageName } from '../state/stage-state';
import { synthesizedStateLocation } from '../state/state-backend';
import { IStageDestroyer } from './environments';

/** Runs one process; resolves to its exit code. Injectable for tests. */
export type ProcessRunner = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => Promise<number>;

/** Spawns with inherited output, so Terraform's progress shows in the CI log. */
export const spawnProcess: ProcessRunner = (command, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });

export interface TerraformStageDestroyerProps {
  /** Shell command that synthesizes the app, e.g. `node dist/main.js` (cdktf.json's `app`). */
  readonly app: string;
  /** Directory the app runs in. */
  readonly cwd: string;
  /** Environment of the app and of Terraform (credentials, `CHECKPOINT_DISABLE`). */
  readonly env: NodeJS.ProcessEnv;
  /** @default `terraform` on the PATH */
  readonly terraform?: string;
  /** @default spawnProcess */
  readonly run?: ProcessRunner;
  /** Where synthesized output goes. @default a new temporary directory per environment */
  readonly outdirFor?: (environment: string) => string;
}

export class TerraformStageDestroyer implements IStageDestroyer {
  private readonly outdirs = new Map<string, string>();

  constructor(private readonly props: TerraformStageDestroyerProps) {}

  public async destroy(environment: string, stage: StageName, stateLocation: string): Promise<void> {
    const stackDir = join(await this.synthesized(environment), 'stacks', `${environment}-${stage}`);
    if (!existsSync(stackDir)) {
      throw new Error(`the app \`${this.props.app}\` synthesized no stack ${environment}-${stage}: it must take the environment name from CCM_ENVIRONMENT (or CCM_ENVIRONMENT_SOURCE) and write to CDKTF_OUTDIR`);
    }
    const synthesized = synthesizedStateLocation(JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')), stackDir);
    if (synthesized !== stateLocation) {
      throw new Error(`the app \`${this.props.app}\` synthesized ${environment}-${stage} with its state at ${synthesized}, but the environment's state is at ${stateLocation}: destroying there would find nothing; give the app the same state settings as the environment's deploy (e.g. the CCM_STATE_* variables of the preview workflow)`);
    }
    const terraform = this.props.terraform ?? 'terraform';
    const env = { ...this.props.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
    await this.step(terraform, ['init', '-input=false'], stackDir, env);
    await this.step(terraform, ['destroy', '-auto-approve', '-input=false'], stackDir, env);
  }

  private async synthesized(environment: string): Promise<string> {
    const known = this.outdirs.get(environment);
    if (known) return known;
    const outdir = this.props.outdirFor?.(environment) ?? mkdtempSync(join(tmpdir(), `ccm-destroy-${environment}-`));
    const env = { ...this.props.env, CCM_ENVIRONMENT: environment, CCM_ENVIRONMENT_SOURCE: environment, CDKTF_OUTDIR: outdir };
    await this.step('sh', ['-c', this.props.app], this.props.cwd, env);
    this.outdirs.set(environment, outdir);
    return outdir;
  }

  private async step(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
    const code = await (this.props.run ?? spawnProcess)(command, args, { cwd, env });
    if (code !== 0) throw new Error(`\`${[command, ...args].join(' ')}\` in ${cwd} exited with ${code}`);
  }
}
