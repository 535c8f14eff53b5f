import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsZone } from '../../../lib/dns/dns-zone';
import { synthStack } from '../../helpers/synth';
import { evaluatePolicies } from '../run-policies';
import { DNS_RULES } from './dns';

test('a Cloud DNS zone of DnsZone passes the DNS rules; an unsigned or RSASHA1-signed one fails', () => {
  // GIVEN
  const stack = synthStack((s) => DnsZone.cloudDns(s, 'dns', { zoneName: 'acme.example', project: 'acme-prod' }));
  const [name, zone] = Object.entries<any>(stack.resource!.google_dns_managed_zone)[0];
  const address = `infra/google_dns_managed_zone.${name}`;
  // THEN
  assert.deepEqual(evaluatePolicies({ infra: stack }, DNS_RULES).map((r) => `${r.ruleId} ${r.status}`), ['CKV_GCP_16 passed', 'CKV_GCP_17 passed']);
  const broken = (dnssec: object) => ({ infra: { resource: { google_dns_managed_zone: { [name]: { ...zone, dnssec_config: dnssec } } } } });
  assert.equal(evaluatePolicies(broken({ state: 'off' }), DNS_RULES).find((r) => r.ruleId === 'CKV_GCP_16' && r.address === address)?.status, 'failed');
  assert.equal(evaluatePolicies(broken({ state: 'on', default_key_specs: [{ algorithm: 'rsasha1', key_type: 'zoneSigning' }] }), DNS_RULES).find((r) => r.ruleId === 'CKV_GCP_17')?.status, 'failed');
});
