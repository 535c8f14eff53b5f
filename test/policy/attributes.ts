/**
 * Reading Terraform JSON the way Checkov reads HCL. cdktf writes a single nested block as
 * an object and a repeated one as an array; Checkov sees both as lists. `get` unwraps
 * one-element arrays on the way down so a rule can say `default_node_pool.max_pods`.
 */
import YAML from 'yaml';

/** The value at a dotted path; one-element arrays are unwrapped at every step. */
export function get(config: unknown, path: string): any {
  let value: any = unwrap(config);
  for (const key of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = unwrap(value[key]);
  }
  return value;
}

/** `true` only for a literal `true` (an expression is not proof). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** A Terraform expression (`${...}`), resolved only at plan time. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** Present and not empty (an empty string, list or object counts as absent). */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

/** A value as a list (an absent value is an empty list, a single block a list of one). */
export function asList(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** `lifecycle.ignore_changes` of a resource; `all` when Terraform ignores every attribute. */
export function ignoredChanges(config: any): string[] | 'all' {
  const ignore = config?.lifecycle?.ignore_changes;
  if (ignore === 'all' || (Array.isArray(ignore) && ignore.includes('all'))) return 'all';
  return asList(ignore).map((entry) => String(entry).replace(/\s+/g, ''));
}

/** Whether `lifecycle.ignore_changes` covers `attribute` (e.g. `default_node_pool[0].node_count`). */
export function ignoresChange(config: any, attribute: string): boolean {
  const ignored = ignoredChanges(config);
  if (ignored === 'all') return true;
  const wanted = attribute.replace(/\s+/g, '');
  return ignored.some((entry) => entry === wanted || wanted.startsWith(`${entry}.`) || wanted.startsWith(`${entry}[`));
}

/** Tags (Azure) or labels (Google) of a cloud resource. */
export function cloudLabels(config: any): Record<string, unknown> {
  return { ...(config?.tags ?? {}), ...(config?.labels ?? {}), ...(config?.resource_labels ?? {}) };
}

/** Whether the resource carries the ephemeral marker that ephemeral mode puts on every cloud resource. */
export function isEphemeral(config: any): boolean {
  return String(cloudLabels(config).ephemeral ?? '') === 'true';
}

/**
 * The values a `helm_release` gives its chart: the `values` YAML documents merged in order,
 * then `set` and `set_sensitive` entries (dotted names; `\.` escapes a dot inside a key).
 */
export function chartValues(release: any): Record<string, any> {
  const merged: Record<string, any> = {};
  for (const doc of asList(release?.values)) {
    if (typeof doc !== 'string') continue;
    deepMerge(merged, (YAML.parse(doc) as Record<string, any>) ?? {});
  }
  for (const entry of [...asList(release?.set), ...asList(release?.set_sensitive)]) {
    if (!entry || typeof entry.name !== 'string') continue;
    const keys = entry.name.split(/(?<!\\)\./).map((key: string) => key.replace(/\\\./g, '.'));
    let target = merged;
    for (const key of keys.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key];
    }
    target[keys[keys.length - 1]] = entry.value;
  }
  return merged;
}

/** A chart name without repository prefix (`kong/kong` and `kong` both give `kong`). */
export function chartName(release: any): string {
  return String(release?.chart ?? '').split('/').pop() ?? '';
}

function unwrap(value: any): any {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

function deepMerge(target: Record<string, any>, source: Record<string, any>): void {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && target[key] && typeof target[key] === 'object' && !Array.isArray(target[key])) {
      deepMerge(target[key], value);
    } else {
      target[key] = value;
    }
  }
}
