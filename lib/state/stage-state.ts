/**
 * Where each stage of an environment keeps its Terraform state: one object per
 * environment and stage, under one prefix, whatever the backend. The backends, the
 * environments command and the stacks all derive the location from here.
 */

/** The stages of an environment, in deploy order; teardown runs them in reverse. */
export const STAGES = ['infra', 'platform', 'mesh'] as const;

/** One of `STAGES`. */
export type StageName = (typeof STAGES)[number];

/**
 * The state object of `stage` in `environment`: `<prefix>/<environment>/<stage>.tfstate`
 * (without a prefix, `<environment>/<stage>.tfstate`). Environment names are DNS labels,
 * so the key needs no escaping.
 */
export function stageStateKey(environment: string, stage: StageName, prefix?: string): string {
  const trimmed = (prefix ?? '').replace(/\/+$/, '');
  return `${trimmed ? `${trimmed}/` : ''}${environment}/${stage}.tfstate`;
}
