/**
 * Runs every policy rule on every resource of every synthesized stack. A failure that a
 * construct waived by a named prop (see waivers.ts) is reported as waived, never as passed;
 * a waiver on a rule that passes anyway is ignored.
 */
import { ALL_RULES } from './rules';
import type { PolicyRule, Result, RuleContext, StackJson } from './types';
import { waiverFor } from './waivers';

export type { Result, StackJson };

export function evaluatePolicies(stacks: Record<string, StackJson>, rules: readonly PolicyRule[] = ALL_RULES): Result[] {
  const results: Result[] = [];
  for (const [stackName, stack] of Object.entries(stacks)) {
    for (const rule of rules) {
      for (const resourceType of rule.resourceTypes) {
        for (const [resourceName, config] of Object.entries(stack.resource?.[resourceType] ?? {})) {
          const context: RuleContext = { stackName, stack, stacks, resourceType, resourceName, address: `${stackName}/${resourceType}.${resourceName}` };
          if (rule.appliesTo && !rule.appliesTo(config, context)) continue;
          const outcome = rule.check(config, context);
          if (outcome.status === 'passed') {
            results.push({ ruleId: rule.id, address: context.address, status: 'passed' });
            continue;
          }
          const waivedBy = waiverFor(config, rule.id);
          results.push(waivedBy
            ? { ruleId: rule.id, address: context.address, status: 'waived', reason: outcome.reason, waivedBy }
            : { ruleId: rule.id, address: context.address, status: 'failed', reason: outcome.reason });
        }
      }
    }
  }
  return results;
}

/** The failures, one line each, for an assertion message. */
export function describeFailures(results: readonly Result[]): string {
  return results
    .filter((result) => result.status === 'failed')
    .map((result) => `${result.ruleId} ${result.address}: ${result.reason}`)
    .join('\n');
}
