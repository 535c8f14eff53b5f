/**
 * Runs every policy rule on every resource of every synthesized stack. A failure that a
 * construct waived by a named prop (see waivers.ts) is reported as waived, never as passed;
 * a waiver on a rule that passes anyway is ignored.
 */
import { parse } from 'yaml';
import { KUMA_RESOURCES_COMPONENT, KUMA_RESOURCES_COMPONENT_LABEL } from '../../lib/mesh/kumactl-resource-sink';
import { fromUniversal } from '../conformance/check-stacks';
import { ALL_RULES } from './rules';
import type { PolicyRule, Result, RuleContext, StackJson } from './types';
import { waiverFor } from './waivers';

export type { Result, StackJson };

export function evaluatePolicies(synthesized: Record<string, StackJson>, rules: readonly PolicyRule[] = ALL_RULES): Result[] {
  const results: Result[] = [];
  const stacks = withKumactlResources(synthesized);
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

/**
 * A Universal or external global receives mesh resources through `kumactl apply` from a
 * ConfigMap, not as `kubernetes_manifest`s. The mesh rules judge those resources too:
 * each document is added as a `kubernetes_manifest` named `<configmap>/<key>`.
 */
function withKumactlResources(stacks: Record<string, StackJson>): Record<string, StackJson> {
  return Object.fromEntries(
    Object.entries(stacks).map(([stackName, stack]) => {
      const extra: Record<string, any> = {};
      for (const [name, configMap] of Object.entries<any>(stack.resource?.kubernetes_config_map_v1 ?? {})) {
        if (configMap.metadata?.labels?.[KUMA_RESOURCES_COMPONENT_LABEL] !== KUMA_RESOURCES_COMPONENT) continue;
        for (const [key, text] of Object.entries<string>(configMap.data ?? {})) {
          extra[`${name}/${key}`] = { manifest: fromUniversal(parse(text)) };
        }
      }
      if (Object.keys(extra).length === 0) return [stackName, stack];
      const resource = { ...(stack.resource ?? {}), kubernetes_manifest: { ...(stack.resource?.kubernetes_manifest ?? {}), ...extra } };
      return [stackName, { ...stack, resource }];
    }),
  );
}
