/**
 * What an environment says about itself in its own Terraform state: its name, owner,
 * stage and expiry, as outputs of every stack (`ccm_*`), so that `cross-cloud-mesh
 * environments` can list and reap environments from the state backend alone, without the
 * topology that created them.
 *
 * The expiry is fixed when the environment is created. With `ttl`, a `time_offset` takes
 * the current time once, at create, and keeps it in state; with `expiresAt`, the date is
 * the configuration. Either way the infra stage holds a `terraform_data` record with the
 * values, and every owner/expiry tag reads the record, so
 * - a later synth or apply computes nothing new (no tag churn on re-apply), and
 * - Terraform destroys the record only after every tagged resource
 *   (hashicorp/terraform@v1.11.0:internal/terraform/transform_destroy_edge.go#DestroyEdgeTransformer):
 *   a failed destroy empties a stack's outputs (hashicorp/terraform#29270), but while any
 *   tagged resource is left, the record that names its expiry is still in the state.
 */
import { DataResource, Fn, TerraformOutput, TerraformStack } from 'cdktf';
import { OwnershipProps } from '../private/ownership';
import { TimeOffset } from '../private/time-provider';
import { StageName } from '../state/stage-state';
import { parseTtl } from './ttl';
import { ENVIRONMENT_OUTPUTS, ENVIRONMENT_RECORD } from './record-names';

export { ENVIRONMENT_OUTPUTS, ENVIRONMENT_RECORD };

/**
 * The `expires-at` text of tags and labels when the expiry comes from a ttl: Google label
 * values allow only lower-case letters, digits, `_` and `-`, so the RFC 3339 instant is
 * written as `2030-01-31t1000z` (formatdate's literals in quotes).
 */
export const EXPIRY_LABEL_FORMAT = "YYYY-MM-DD't'hhmm'z'";

/** What an environment's topology says about owner and expiry. */
export interface EnvironmentIdentity {
  readonly environment: string;
  readonly ephemeral?: boolean;
  readonly owner?: string;
  readonly expiresAt?: string;
  readonly ttl?: string;
}

interface Record {
  readonly ownership: OwnershipProps;
  /** RFC 3339 instant or YYYY-MM-DD date; undefined: the environment does not expire. */
  readonly expiresAt?: string;
}

const records = new WeakMap<TerraformStack, Record>();

/**
 * The owner/expiry markers of the infra stage's cloud resources, created once per stack:
 * with an expiry, they read the `terraform_data` record (and its `time_offset` for a ttl).
 */
export function environmentOwnership(infra: TerraformStack, identity: EnvironmentIdentity): OwnershipProps {
  return environmentRecord(infra, identity).ownership;
}

function environmentRecord(infra: TerraformStack, identity: EnvironmentIdentity): Record {
  const existing = records.get(infra);
  if (existing) return existing;
  const base = { ephemeral: identity.ephemeral, owner: identity.owner };
  let record: Record = { ownership: { ...base, expiresAt: identity.expiresAt }, expiresAt: identity.expiresAt };
  const ttl = identity.ttl !== undefined ? parseTtl(identity.ttl) : undefined;
  if (ttl || identity.expiresAt !== undefined) {
    const instant = ttl ? new TimeOffset(infra, 'ccm-expiry', ttl.unit === 'd' ? { offsetDays: ttl.amount } : { offsetHours: ttl.amount }).rfc3339 : identity.expiresAt!;
    const label = ttl ? Fn.formatdate(EXPIRY_LABEL_FORMAT, instant) : identity.expiresAt!;
    const data = new DataResource(infra, 'ccm-environment', {
      input: { environment: identity.environment, owner: identity.owner ?? '', expires_at: instant, expires_at_label: label },
    });
    // The construct id is the resource name: `terraform_data.ccm_environment`, read back by name.
    data.overrideLogicalId(ENVIRONMENT_RECORD.name);
    const expiresAt = data.output.lookup('expires_at') as unknown as string;
    record = { ownership: { ...base, expiresAt: data.output.lookup('expires_at_label') as unknown as string }, expiresAt };
  }
  records.set(infra, record);
  return record;
}

/** The three stacks of an environment, by stage. */
export type EnvironmentStacks = { readonly [stage in StageName]: TerraformStack };

/**
 * Publishes `ccm_environment`, `ccm_owner`, `ccm_expires_at` and `ccm_stage` in every stack.
 * Later stages take the expiry from the infra record (a cross-stack reference), so all
 * three states agree and each alone names the environment.
 */
export function publishEnvironmentOutputs(stacks: EnvironmentStacks, identity: EnvironmentIdentity): void {
  const record = environmentRecord(stacks.infra, identity);
  for (const [stage, stack] of Object.entries(stacks) as [StageName, TerraformStack][]) {
    const outputs: { [key in keyof typeof ENVIRONMENT_OUTPUTS]: string } = {
      environment: identity.environment,
      owner: identity.owner ?? '',
      expiresAt: record.expiresAt ?? '',
      stage,
    };
    for (const [key, name] of Object.entries(ENVIRONMENT_OUTPUTS) as [keyof typeof ENVIRONMENT_OUTPUTS, string][]) {
      new TerraformOutput(stack, name, {
        value: outputs[key],
        // Not sensitive: a later stage reads the expiry through terraform_remote_state,
        // which returns outputs without their marks
        // (hashicorp/terraform@v1.11.0:internal/builtin/providers/terraform/data_source_state.go#dataSourceRemoteStateRead),
        // so `terraform output` may show it.
        description: `cross-cloud-mesh environment record (${key}), read by \`cross-cloud-mesh environments\``,
      }).overrideLogicalId(name);
    }
  }
}
