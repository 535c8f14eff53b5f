/**
 * What a day-2 change does to what is already deployed, from the JSON of the stacks
 * before and after: a resource whose address disappears is destroyed (or, renamed,
 * destroyed and created), and a resource whose ForceNew / RequiresReplace attribute
 * changes is replaced (see ./force-new.ts for the provider sources).
 */
import { isDeepStrictEqual } from 'node:util';
import type { StackJson } from '../helpers/synth';
import { FORCE_NEW } from './force-new';

export interface DayTwoImpact {
  /** `stack/type.name` of every resource that exists before and not after. */
  readonly removed: string[];
  /** `stack/type.name path: before -> after (source)` for every replacing change. */
  readonly replaced: string[];
  /** `stack/type.name` of resources that only the after side has. */
  readonly added: string[];
  /** Resource types with no ForceNew entry: the comparison cannot judge them. */
  readonly unknownTypes: string[];
}

export function dayTwoImpact(before: Record<string, StackJson>, after: Record<string, StackJson>): DayTwoImpact {
  const removed: string[] = [];
  const replaced: string[] = [];
  const added: string[] = [];
  const unknownTypes = new Set<string>();
  for (const [stack, json] of Object.entries(before)) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      const entry = FORCE_NEW[type];
      if (!entry) unknownTypes.add(type);
      for (const [name, config] of Object.entries(byName)) {
        const next = after[stack]?.resource?.[type]?.[name];
        if (next === undefined) {
          removed.push(`${stack}/${type}.${name}`);
          continue;
        }
        for (const path of entry?.paths ?? []) {
          const was = valueAt(config, path);
          const becomes = valueAt(next, path);
          if (!isDeepStrictEqual(was, becomes)) {
            replaced.push(`${stack}/${type}.${name} ${path}: ${JSON.stringify(was)} -> ${JSON.stringify(becomes)} (${entry!.source})`);
          }
        }
      }
    }
  }
  for (const [stack, json] of Object.entries(after)) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      if (!FORCE_NEW[type]) unknownTypes.add(type);
      for (const name of Object.keys(byName)) if (before[stack]?.resource?.[type]?.[name] === undefined) added.push(`${stack}/${type}.${name}`);
    }
  }
  return { removed, replaced, added, unknownTypes: [...unknownTypes].sort() };
}

/**
 * The value at a dotted path; cdktf writes a nested block as an object or a one-element
 * list, and a list of blocks is followed element by element.
 */
export function valueAt(config: unknown, path: string): unknown {
  let current: unknown = config;
  for (const key of path.split('.')) {
    if (current === undefined || current === null) return undefined;
    if (Array.isArray(current)) {
      const items = current.map((item) => (item && typeof item === 'object' ? (item as any)[key] : undefined));
      current = items.length === 1 ? items[0] : items;
    } else if (typeof current === 'object') {
      current = (current as any)[key];
    } else {
      return undefined;
    }
  }
  return current;
}
