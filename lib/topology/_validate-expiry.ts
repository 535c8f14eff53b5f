/**
 * Cross-field checks of an environment's expiry: `ttl` (fixed at create by a
 * `time_offset`) or `expiresAt` (a date), not both.
 */
import { MAX_TTL_DAYS, parseTtl, ttlHours } from '../environments/ttl';
import { TopologySpec } from './topology-spec';
import type { AddIssue } from './validate-topology';

export function checkExpiry(spec: TopologySpec, add: AddIssue): void {
  if (spec.ttl === undefined) return;
  const ttl = parseTtl(spec.ttl);
  if (!ttl) {
    add('ttl', spec.ttl, 'is not a ttl: use whole hours or days, e.g. "8h" or "3d"');
  } else if (ttlHours(ttl) > MAX_TTL_DAYS * 24) {
    add('ttl', spec.ttl, `is longer than ${MAX_TTL_DAYS} days: give a long-lived environment no ttl (and ephemeral: false), or at most "${MAX_TTL_DAYS}d"`);
  }
  if (spec.expiresAt !== undefined) {
    add('ttl', spec.ttl, `and expiresAt "${spec.expiresAt}" are both set: keep one, ttl (counted from when the environment is created) or expiresAt (a date)`);
  }
}
