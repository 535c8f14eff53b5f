/**
 * How a construct records that a named prop waived a rule, and how the suite reads it.
 *
 * The construct writes, on the Terraform resource the rule judges,
 *
 *     resource.addOverride(`//.waivers.${ruleId}`, 'propName');   // e.g. '//.waivers.CKV_AZURE_6', 'allowPublicApiServer'
 *
 * which lands in the resource's `//` block of cdk.tf.json, next to cdktf's own
 * `metadata`: Terraform ignores `//` keys, so a waiver changes no plan and no cloud
 * resource. (Tags or labels would, and Google label values cannot hold ':'.) Note that
 * cdktf's `Testing.synth` strips `//`; read waivers from an app synthesized to disk.
 */
export const WAIVER_KEY = 'waivers';

/** The prop that waived `ruleId` on this resource, if any. */
export function waiverFor(config: any, ruleId: string): string | undefined {
  const waivers = config?.['//']?.[WAIVER_KEY];
  const prop = waivers && typeof waivers === 'object' ? waivers[ruleId] : undefined;
  return typeof prop === 'string' && prop.trim() !== '' ? prop : undefined;
}

/** Every waiver recorded on a resource, by rule id. */
export function waiversOf(config: any): Record<string, string> {
  const waivers = config?.['//']?.[WAIVER_KEY];
  return waivers && typeof waivers === 'object' ? { ...waivers } : {};
}

/** Records a waiver on a synthesized resource (tests use it to stand in for a construct). */
export function recordWaiver(config: any, ruleId: string, prop: string): void {
  config['//'] = { ...(config['//'] ?? {}), [WAIVER_KEY]: { ...(config['//']?.[WAIVER_KEY] ?? {}), [ruleId]: prop } };
}
