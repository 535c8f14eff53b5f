/**
 * The vocabulary of the policy suite: a rule mirrors one public check (Checkov's id where
 * one exists, an id of our own otherwise) and reads the synthesized Terraform JSON, so the
 * attribute names are the snake_case names of `cdk.tf.json`.
 */
import type { StackJson } from '../helpers/synth';

export type { StackJson };

/** What a rule concluded about one resource. */
export type CheckOutcome = { readonly status: 'passed' } | { readonly status: 'failed'; readonly reason: string };

/** Where a resource sits, for rules that need its neighbours (references, other resources). */
export interface RuleContext {
  readonly stackName: string;
  readonly stack: StackJson;
  /** Every stack of the app, for rules that need the whole picture (e.g. a Mesh declared in a later stage). */
  readonly stacks: Record<string, StackJson>;
  readonly resourceType: string;
  readonly resourceName: string;
  /** `stack/type.name`, the address results and failures name. */
  readonly address: string;
}

/** The rule families; a deliberately bad stack per family proves the family can fail. */
export enum RuleFamily {
  AKS = 'aks',
  GKE = 'gke',
  MESH = 'mesh',
  KUBERNETES = 'kubernetes',
  RELIABILITY = 'reliability',
  DNS = 'dns',
  AWS = 'aws',
}

export interface PolicyRule {
  /** The public id this rule mirrors (`CKV_AZURE_6`) or our own (`MESH_MTLS_STRICT`). */
  readonly id: string;
  readonly title: string;
  readonly family: RuleFamily;
  /** Terraform resource types the rule reads. */
  readonly resourceTypes: readonly string[];
  /** Narrows the resources of those types the rule is about (e.g. one chart, one kind); default: all. */
  readonly appliesTo?: (config: any, context: RuleContext) => boolean;
  readonly check: (config: any, context: RuleContext) => CheckOutcome;
}

/** One rule on one resource. */
export interface Result {
  readonly ruleId: string;
  /** `stack/type.name`. */
  readonly address: string;
  readonly status: 'passed' | 'failed' | 'waived';
  /** Why it failed, or (waived) why it would have failed. */
  readonly reason?: string;
  /** The construct prop that waived the rule (waived only). */
  readonly waivedBy?: string;
}

export const PASSED: CheckOutcome = { status: 'passed' };

export function failed(reason: string): CheckOutcome {
  return { status: 'failed', reason };
}
