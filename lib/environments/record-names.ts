/**
 * Names under which an environment's record is found in its state; shared by the stacks
 * that write it and the environments command that reads it (which loads no cdktf).
 */

/** Output names every stack publishes; `environments list` reads them from state. */
export const ENVIRONMENT_OUTPUTS = {
  environment: 'ccm_environment',
  owner: 'ccm_owner',
  expiresAt: 'ccm_expires_at',
  stage: 'ccm_stage',
} as const;

/** Type and name of the infra stage's record in state (`terraform_data.ccm_environment`). */
export const ENVIRONMENT_RECORD = { type: 'terraform_data', name: 'ccm_environment' } as const;
