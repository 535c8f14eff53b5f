/**
 * Synth-time validation shared by every construct and by the topology loader.
 *
 * Every failure is a {@link ValidationError} whose message names where the bad
 * value came from (a construct path or a topology field path), the value, and
 * what would be right, so that bad input never reaches Terraform.
 */
import { Token } from 'cdktf';

/**
 * A configuration error found at synth time. `field` is the construct path or topology field path.
 * @internal an Error subclass cannot cross jsii; TypeScript apps catch it by class.
 */
export class ValidationError extends Error {
  constructor(
    public readonly field: string,
    public readonly value: unknown,
    public readonly fix: string,
  ) {
    super(`${describeValue(value)} (${field}) ${fix}`);
    this.name = 'ValidationError';
  }
}

/** Renders a value for an error message: strings quoted, the rest as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing value';
  if (typeof value === 'string') return `"${value}"`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** True when the value is only known at deploy time (a Terraform token): skip static checks. */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A lower-case DNS-1123 label, e.g. a zone, namespace or Service name. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** A lower-case DNS-1123 subdomain: labels separated by dots, at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every(isDns1123Label);
}

/** Suggests a DNS-1123 label for a bad name: lower-case, `_` and spaces to `-`, trimmed. */
export function suggestDns1123Label(value: string): string {
  const suggestion = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return suggestion || 'my-name';
}

export function assertDns1123Label(value: string, field: string, what = 'name'): void {
  if (isUnresolved(value)) return;
  if (typeof value !== 'string' || !isDns1123Label(value)) {
    throw new ValidationError(
      field,
      value,
      `must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit), e.g. "${suggestDns1123Label(String(value ?? ''))}"; it is used as a ${what}`,
    );
  }
}

export function assertDns1123Subdomain(value: string, field: string): void {
  if (isUnresolved(value)) return;
  if (typeof value !== 'string' || !isDns1123Subdomain(value)) {
    throw new ValidationError(
      field,
      value,
      'must be a lower-case DNS name (DNS-1123 subdomain), e.g. "catalog.acme.example"',
    );
  }
}

export function assertNonEmpty(value: string | undefined, field: string, example: string): void {
  if (isUnresolved(value)) return;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(field, value, `must be a non-empty string, e.g. "${example}"`);
  }
}

export function assertIntegerInRange(value: number | undefined, field: string, min: number, max: number): void {
  if (value === undefined || isUnresolved(value)) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, value, `must be a whole number from ${min} to ${max}`);
  }
}

/** An IPv4 CIDR block, parsed. */
export interface Ipv4Cidr {
  readonly text: string;
  readonly first: number;
  readonly last: number;
  readonly prefixLength: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses an IPv4 CIDR, or returns undefined when the text is not one. Host bits must be zero. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefixLength > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) return undefined;
  return { text, first: address, last: address + size - 1, prefixLength };
}

/** Parses a CIDR or throws an error naming the field. */
export function assertIpv4Cidr(text: string, field: string): Ipv4Cidr | undefined {
  if (isUnresolved(text)) return undefined;
  const cidr = typeof text === 'string' ? parseIpv4Cidr(text) : undefined;
  if (!cidr) {
    throw new ValidationError(
      field,
      text,
      'must be an IPv4 CIDR block with its host bits zero, e.g. "10.10.0.0/16"',
    );
  }
  return cidr;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** A CIDR block together with the field it came from, for overlap checks across a topology. */
export interface NamedCidr {
  readonly field: string;
  readonly cidr: string;
}

/** Throws on the first pair of overlapping blocks, naming both fields. Unresolved values are skipped. */
export function assertNoCidrOverlap(blocks: NamedCidr[]): void {
  const parsed = blocks
    .filter((block) => !isUnresolved(block.cidr))
    .map((block) => ({ ...block, parsed: assertIpv4Cidr(block.cidr, block.field)! }));
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (cidrsOverlap(parsed[i].parsed, parsed[j].parsed)) {
        throw new ValidationError(
          parsed[j].field,
          parsed[j].cidr,
          `overlaps ${parsed[i].field} ("${parsed[i].cidr}"); give each network range of a topology its own block`,
        );
      }
    }
  }
}
