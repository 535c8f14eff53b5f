/**
 * Owner, expiry and ephemeral markers shared by the cluster and address constructs,
 * so that a cleanup job can find and delete whatever an ephemeral environment left;
 * and the record of which prop relaxed which policy rule.
 */
import { TerraformResource } from 'cdktf';
import { ValidationError, isUnresolved } from './validation';

import type { OwnershipProps } from '../core/ownership-props';
export type { OwnershipProps } from '../core/ownership-props';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const GCP_LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const GCP_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/** Checks owner and expiry; ephemeral resources must say who owns them and when they may be deleted. */
export function assertOwnership(path: string, props: OwnershipProps): void {
  if (props.expiresAt !== undefined && !isUnresolved(props.expiresAt) && !isIsoDate(props.expiresAt)) {
    throw new ValidationError(`${path}.expiresAt`, props.expiresAt, 'must be a calendar date YYYY-MM-DD, e.g. "2030-01-31"');
  }
  if (props.owner !== undefined && !isUnresolved(props.owner) && props.owner.trim() === '') {
    throw new ValidationError(`${path}.owner`, props.owner, 'must be a non-empty string, e.g. "platform-team"');
  }
  if (props.ephemeral) {
    if (props.owner === undefined) {
      throw new ValidationError(`${path}.owner`, props.owner, 'is required when ephemeral is true, so a cleanup job knows whom the resources belong to, e.g. "platform-team"');
    }
    if (props.expiresAt === undefined) {
      throw new ValidationError(`${path}.expiresAt`, props.expiresAt, 'is required when ephemeral is true, so a cleanup job knows when to delete them, e.g. "2030-01-31"');
    }
  }
}

/** Marks every cloud resource the library creates, so inventories and cost reports can find them. */
export const MANAGED_BY = { 'managed-by': 'cdktf-cross-cloud-mesh' };

/**
 * Azure tags: `managed-by`, the user's tags, then `owner`, `expires-at` and `ephemeral`
 * (these win). `managed-by` means a cluster is never unlabelled (CKV_GCP_21).
 */
export function ownershipTags(props: OwnershipProps, tags: { [key: string]: string } = {}): { [key: string]: string } {
  return {
    ...MANAGED_BY,
    ...tags,
    ...(props.owner !== undefined ? { owner: props.owner } : {}),
    ...(props.expiresAt !== undefined ? { 'expires-at': props.expiresAt } : {}),
    ...(props.ephemeral ? { ephemeral: 'true' } : {}),
  };
}

/**
 * Google labels: like {@link ownershipTags}, checked against Google's label rules
 * (lower-case keys starting with a letter, values of lower-case letters, digits, `_` and `-`).
 */
export function ownershipLabels(path: string, props: OwnershipProps, labels: { [key: string]: string } = {}): { [key: string]: string } {
  const all = ownershipTags(props, labels);
  for (const [key, value] of Object.entries(all)) {
    if (isUnresolved(key) || isUnresolved(value)) continue;
    const field = key in labels ? `${path}.labels.${key}` : `${path}.${key === 'expires-at' ? 'expiresAt' : key}`;
    if (!GCP_LABEL_KEY.test(key)) {
      throw new ValidationError(field, key, 'is not a Google Cloud label key: use lower-case letters, digits, "_" and "-", starting with a letter, at most 63 characters');
    }
    if (!GCP_LABEL_VALUE.test(value)) {
      throw new ValidationError(field, value, 'is not a Google Cloud label value: use lower-case letters, digits, "_" and "-", at most 63 characters, e.g. "platform-team"');
    }
  }
  return all;
}

function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * Records on a resource that the prop `prop` relaxed the policy rule `ruleId`, in the
 * resource's `//` block, which Terraform ignores: the policy suite reports the rule as
 * waived by that prop instead of failed, and no plan changes.
 */
export function recordWaiver(resource: TerraformResource, ruleId: string, prop: string): void {
  resource.addOverride(`//.waivers.${ruleId}`, prop);
}
