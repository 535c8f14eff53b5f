/**
 * Helm values rendering shared by the gateway and tls constructs: typed values in,
 * one YAML document out, with the user's `extraValues` merged last.
 */
import { stringify } from 'yaml';

/** A plain JSON-like object of Helm values. */
export type HelmValues = { [key: string]: unknown };

/**
 * Deep-merges `extra` over `base` (objects merge, everything else replaces), without
 * mutating either. Lists replace, as Helm does with `-f` files.
 */
export function mergeValues(base: HelmValues, extra: HelmValues | undefined): HelmValues {
  if (!extra) return base;
  const merged: HelmValues = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

/**
 * Renders values as YAML. Line folding is off: a Terraform token folded across two
 * lines would no longer resolve.
 */
export function renderValues(values: HelmValues): string {
  return stringify(values, { lineWidth: 0 });
}

/** Settings every release of the library shares: roll back and clean up on failure. */
export const RELEASE_SAFETY = { atomic: true, cleanupOnFail: true, timeout: 600 } as const;

function isPlainObject(value: unknown): value is HelmValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
