/**
 * The vocabulary of the upstream-behaviour suite. A rule restates one thing an upstream
 * consumer does with a value we emit (a provider's schema or CRUD code, a chart template,
 * a Kuma matcher or webhook, Checkov's own check) and cites where it does it, as
 * `owner/repo@tag:path` plus the function or line. Rules judge whole synthesized apps,
 * because most upstream behaviour spans resources: a permission and the pods it selects,
 * a pod and the namespace and webhook it needs first.
 */
import type { AppView } from './app-view';

export interface Violation {
  /** `stack/type.name` of the resource at fault (or of the resource that is missing something). */
  readonly address: string;
  /** What upstream will do, and what would be right. */
  readonly message: string;
}

export interface UpstreamRule {
  /** Stable id, upper snake case, prefixed by the consumer: `HELM_…`, `KUMA_…`, `AZURERM_…`. */
  readonly id: string;
  readonly title: string;
  /** Where upstream does it: `owner/repo@tag:path` and a function name or line. One or more. */
  readonly sources: readonly string[];
  readonly check: (app: AppView) => readonly Violation[];
}

/** Formats violations for an assertion message, one per line. */
export function formatViolations(ruleId: string, violations: readonly Violation[]): string {
  return violations.map((violation) => `${ruleId} ${violation.address}: ${violation.message}`).join('\n');
}
