/**
 * Which host names a certificate covers: exact names, and `*.domain` for exactly one
 * extra leftmost label (RFC 6125 section 6.4.3: a wildcard never spans dots).
 */

/** True when `dnsName` (possibly `*.domain`) covers `host`. Case-insensitive. */
export function dnsNameCovers(dnsName: string, host: string): boolean {
  const name = dnsName.toLowerCase();
  const candidate = host.toLowerCase().replace(/\.$/, '');
  if (!name.startsWith('*.')) return name === candidate;
  const suffix = name.slice(1);
  if (!candidate.endsWith(suffix)) return false;
  const label = candidate.slice(0, candidate.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** True when any of `dnsNames` covers `host`. */
export function coveredBy(host: string, dnsNames: readonly string[]): boolean {
  return dnsNames.some((dnsName) => dnsNameCovers(dnsName, host));
}

/** True when `host` is `zone` or inside it. */
export function insideZone(host: string, zone: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const z = zone.toLowerCase().replace(/\.$/, '');
  return h === z || h.endsWith(`.${z}`);
}
