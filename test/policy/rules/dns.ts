/**
 * DNS rules, mirroring Checkov's checks (bridgecrewio/checkov@3.3.13) of the DNS types the
 * library emits. Checkov has checks for Cloud DNS managed zones only
 * (checkov/terraform/checks/resource/gcp/GoogleCloudDNS*.py); it has none for
 * `google_dns_record_set` or the `azurerm_dns_*` types.
 */
import { asList, get } from '../attributes';
import { PASSED, PolicyRule, RuleFamily, failed } from '../types';

const MANAGED_ZONE = 'google_dns_managed_zone';

export const DNS_RULES: readonly PolicyRule[] = [
  {
    // GoogleCloudDNSSECEnabled: dnssec_config.state is "on" or "transfer"; private zones are not judged.
    id: 'CKV_GCP_16',
    title: 'Cloud DNS public zones are signed (DNSSEC)',
    family: RuleFamily.DNS,
    resourceTypes: [MANAGED_ZONE],
    appliesTo: (c) => get(c, 'visibility') !== 'private',
    check: (c) => (['on', 'transfer'].includes(get(c, 'dnssec_config.state'))
      ? PASSED
      : failed(`dnssec_config.state is ${get(c, 'dnssec_config.state') ?? 'unset'}`)),
  },
  {
    // GoogleCloudDNSKeySpecsRSASHA1: no default key spec uses RSASHA1.
    id: 'CKV_GCP_17',
    title: 'Cloud DNS DNSSEC keys do not use RSASHA1',
    family: RuleFamily.DNS,
    resourceTypes: [MANAGED_ZONE],
    check: (c) => (asList(get(c, 'dnssec_config')?.default_key_specs).some((spec: any) => String(spec?.algorithm).toLowerCase() === 'rsasha1')
      ? failed('a dnssec_config.default_key_specs entry uses rsasha1')
      : PASSED),
  },
];
