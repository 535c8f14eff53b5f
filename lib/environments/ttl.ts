/**
 * A topology `ttl`: how long after its creation an environment may be destroyed, in whole
 * hours or days (`8h`, `3d`), as `time_offset` takes them (`offset_hours`, `offset_days`).
 */

/** `<n>h` or `<n>d`, n a positive integer without leading zeros. */
export const TTL_PATTERN = /^([1-9][0-9]*)(h|d)$/;

/** The longest ttl accepted: an environment that lives longer is not ephemeral. */
export const MAX_TTL_DAYS = 90;

export interface Ttl {
  readonly amount: number;
  readonly unit: 'h' | 'd';
}

/** The parsed ttl, or undefined when `text` is not `<n>h` / `<n>d`. */
export function parseTtl(text: string): Ttl | undefined {
  const match = TTL_PATTERN.exec(text);
  return match ? { amount: Number(match[1]), unit: match[2] as 'h' | 'd' } : undefined;
}

/** The ttl in hours. */
export function ttlHours(ttl: Ttl): number {
  return ttl.unit === 'd' ? ttl.amount * 24 : ttl.amount;
}
