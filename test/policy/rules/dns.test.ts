import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudDnsZone } from '../../../lib/gcp/cloud-dns-zone';
import { synthStack } from '../../helpers/synth';
import { evaluatePolicies } from '../run-policies';
import { DNS_RULES } from './dns';

test('a CloudDnsZone passes the DNS rules; an unsigned or RSASHA1-signed one fails', () => {
  // GIVEN
  const stack = synthStack((s) => new CloudDnsZone(s, 'dns', { zoneName: 'acme.example', project: 'acme-prod' }));
  const [name, zone] = Object.entries<any>(stack.resource!.google_dns_managed_zone)[0];
  const address = `infra/google_dns_managed_zone.${name}`;
  // THEN
  assert.deepEqual(evaluatePolicies({ infra: stack }, DNS_RULES).map((r) => `${r.ruleId} ${r.status}`), ['CKV_GCP_16 passed', 'CKV_GCP_17 passed']);
  const broken = (dnssec: object) => ({ infra: { resource: { google_dns_managed_zone: { [name]: { ...zone, dnssec_config: dnssec } } } } });
  assert.equal(evaluatePolicies(broken({ state: 'off' }), DNS_RULES).find((r) => r.ruleId === 'CKV_GCP_16' && r.address === address)?.status, 'failed');
  assert.equal(evaluatePolicies(broken({ state: 'on', default_key_specs: [{ algorithm: 'rsasha1', key_type: 'zoneSigning' }] }), DNS_RULES).find((r) => r.ruleId === 'CKV_GCP_17')?.status, 'failed');
});
