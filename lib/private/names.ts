/**
 * Derived names that must fit a length limit. A name that fits is returned as it is; a
 * name that does not is cut, and ends in a short hash of the whole uncut name, so that
 * two names cut to the same prefix stay distinct (two GKE clusters whose names share
 * their first 24 characters no longer get one node service account).
 */
import { createHash } from 'node:crypto';

/** Length of the hash a cut name ends with (lower-case hex: valid in every naming rule here). */
export const NAME_HASH_LENGTH = 6;

/** A short, stable hash of `text`: lower-case hex. */
export function nameHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, NAME_HASH_LENGTH);
}

/**
 * `base + suffix` when it has at most `max` characters; else `base` cut so that
 * `<cut base>-<hash of base + suffix><suffix>` has at most `max` characters. Trailing
 * dashes of the cut base are dropped, so the result keeps the shape of a DNS label.
 */
export function fitName(base: string, suffix: string, max: number): string {
  const whole = `${base}${suffix}`;
  if (whole.length <= max) return whole;
  const room = max - suffix.length - NAME_HASH_LENGTH - 1;
  if (room < 1) throw new Error(`fitName: suffix "${suffix}" leaves no room in ${max} characters`);
  return `${base.slice(0, room).replace(/[-_.]+$/, '')}-${nameHash(whole)}${suffix}`;
}
