/**
 * DNS-safe, unique environment names for per-branch environments.
 */
import { createHash } from 'node:crypto';

/**
 * Derives an environment name from free text such as a branch name or `pr-123`:
 * lower-case letters, digits and `-`, starting with a letter, at most `maxLength`
 * characters (cluster names are `<environment>-<cluster>`, and GKE allows 40).
 * When the text had to be changed, a short hash of the original keeps two
 * different branches from landing on the same name (`Feature/X` and `feature-x`).
 */
export function environmentNameFrom(source: string, maxLength = 20): string {
  const cleaned = source
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  if (cleaned === source && cleaned.length > 0 && cleaned.length <= maxLength) return cleaned;
  const suffix = createHash('sha256').update(source).digest('hex').slice(0, 6);
  const head = cleaned.slice(0, maxLength - suffix.length - 1).replace(/-+$/, '');
  return head ? `${head}-${suffix}` : `env-${suffix}`.slice(0, maxLength);
}
