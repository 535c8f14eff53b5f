/**
 * Go durations and positive integers as Kuma decodes the policies' fields; shared by the mesh
 * policy constructs and the topology validator.
 */
import { assertIntegerInRange, isUnresolved, ValidationError } from './validation';

/**
 * Go's `time.ParseDuration` grammar, which `metav1.Duration` (every duration field of these
 * policies) uses when Kuma decodes the resource: a sequence of decimal numbers with a unit
 * (ns, us, µs, ms, s, m, h); no days, no spaces, no bare numbers except 0.
 */
// time.ParseDuration: each element needs digits before or after its dot (".s" and "s" fail).
const GO_DURATION = /^(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$/;

/** Whether `value` parses as a Go duration greater than zero. */
export function isPositiveGoDuration(value: string): boolean {
  if (!GO_DURATION.test(value)) return false;
  return [...value.matchAll(/([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/g)].some(([, number]) => Number(number || '0') > 0);
}

const UNIT_MILLIS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a Go duration; undefined when it does not parse. */
export function goDurationMillis(value: string): number | undefined {
  if (typeof value !== 'string' || !GO_DURATION.test(value)) return undefined;
  let total = 0;
  for (const [, number, unit] of value.matchAll(/([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(number || '0') * UNIT_MILLIS[unit];
  return total;
}

export function assertGoDuration(value: string, field: string): void {
  if (isUnresolved(value)) return;
  if (typeof value !== 'string' || !isPositiveGoDuration(value)) {
    throw new ValidationError(field, value, 'must be a positive Go duration (a number and a unit ns, us, ms, s, m or h), e.g. "5s", "250ms" or "15m"');
  }
}

export function assertPositiveInteger(value: number, field: string, max = 4294967295): void {
  if (value === undefined) throw new ValidationError(field, value, 'must be set');
  assertIntegerInRange(value, field, 1, max);
}

