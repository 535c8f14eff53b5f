/**
 * What every cloud resource of a cluster, address or database is marked with. A public
 * struct (props interfaces extend it), so it lives outside lib/private; the checks and
 * the tag/label renderers that read it are in lib/private/ownership.ts.
 */
export interface OwnershipProps {
  /**
   * Whether the resource belongs to an ephemeral environment (cheaper sizes, no delete protection).
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Who owns the resource; required when ephemeral.
   * @default none
   */
  readonly owner?: string;
  /**
   * ISO date (`YYYY-MM-DD`) after which a cleanup job may delete the resource; required when ephemeral.
   * @default none
   */
  readonly expiresAt?: string;
}
