/**
 * Helm values shared by every release the library installs: typed values in, one YAML
 * document out, with the user's `extraValues` merged last.
 */
import { stringify } from 'yaml';

/** A plain JSON-like object of Helm values. */
export type HelmValues = { [key: string]: any };

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
 * Renders values as one YAML document for `helm_release.values`.
 *
 * Helm reads values with sigs.k8s.io/yaml, which follows YAML 1.1: a plain `off`, `on`,
 * `yes`, `no`, `y` or `n` is a boolean there, so Kong's `env.database: off` would reach
 * the chart's `eq .Values.env.database "off"` as `false` (Kong/charts@kong-3.4.1:
 * charts/kong/templates/deployment.yaml). Writing the document as YAML 1.1 quotes every
 * such string, so Helm reads what we meant. Line folding is off: a Terraform token folded
 * across two lines would no longer resolve.
 */
export function renderValues(values: HelmValues): string {
  return stringify(values, { version: '1.1', lineWidth: 0 });
}

/** Settings every release of the library shares: roll back and clean up on failure. */
export const RELEASE_SAFETY = { atomic: true, cleanupOnFail: true, timeout: 600 } as const;

function isPlainObject(value: unknown): value is HelmValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
