import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthReferenceExample } from '../../helpers/examples';
import type { StackJson } from '../../helpers/synth';
import { AppView } from '../app-view';
import { DNS_RULES } from './dns';

const rule = (id: string) => DNS_RULES.find((candidate) => candidate.id === id)!;

function reference(): Record<string, StackJson> {
  return structuredClone(synthReferenceExample());
}

const googleZone = { name: 'acme-example', dns_name: 'acme.example.' };

test('DNS_CLOUD_DNS_NAMES_ABSOLUTE: a record name, zone DNS name or NS target without the trailing dot (literal, or Route 53 name servers as given) is reported', () => {
  const app = new AppView({
    infra: {
      resource: {
        google_dns_managed_zone: { z: { name: 'acme-example', dns_name: 'acme.example' } },
        google_dns_record_set: {
          a: { managed_zone: 'acme-example', name: 'catalog.acme.example', type: 'A', rrdatas: ['203.0.113.1'] },
          ns: { managed_zone: 'acme-example', name: 'azure.acme.example.', type: 'NS', rrdatas: ['ns1-01.azure-dns.com'] },
          ok: { managed_zone: 'acme-example', name: 'api.acme.example.', type: 'NS', rrdatas: ['ns1-01.azure-dns.com.'] },
          // Route 53 name servers as given (no trailing dot), and made absolute.
          route53: { managed_zone: 'acme-example', name: 'aws.acme.example.', type: 'NS', rrdatas: '${aws_route53_zone.sub_zone_ABC.name_servers}' },
          route53ok: { managed_zone: 'acme-example', name: 'eks.acme.example.', type: 'NS', rrdatas: '${[ for key, val in toset(aws_route53_zone.sub_zone_ABC.name_servers): format("%s.", trimsuffix(val, "."))]}' },
        },
      },
    },
  });
  assert.deepEqual(rule('DNS_CLOUD_DNS_NAMES_ABSOLUTE').check(app).map((violation) => violation.address).sort(), [
    'infra/google_dns_managed_zone.z', 'infra/google_dns_record_set.a', 'infra/google_dns_record_set.ns', 'infra/google_dns_record_set.route53',
  ]);
});

test('DNS_RECORD_INSIDE_ITS_ZONE: a Cloud DNS name outside dns_name, or an Azure name that repeats the zone, is reported', () => {
  const app = new AppView({
    infra: {
      resource: {
        google_dns_managed_zone: { z: googleZone },
        google_dns_record_set: { out: { managed_zone: 'acme-example', name: 'catalog.other.example.', type: 'A', rrdatas: ['203.0.113.1'] } },
        azurerm_dns_zone: { az: { name: 'azure.acme.example' } },
        azurerm_dns_a_record: {
          fqdn: { zone_name: 'azure.acme.example', name: 'catalog.azure.acme.example', records: ['203.0.113.2'] },
          ok: { zone_name: 'azure.acme.example', name: 'catalog', records: ['203.0.113.2'] },
        },
      },
    },
  });
  assert.deepEqual(rule('DNS_RECORD_INSIDE_ITS_ZONE').check(app).map((violation) => violation.address).sort(), ['infra/azurerm_dns_a_record.fqdn', 'infra/google_dns_record_set.out']);
});

test('DNS_RECORD_WAITS_FOR_ITS_ZONE: records that name their zone by a literal and do not depend on it are reported', () => {
  // GIVEN the reference example with the records' depends_on removed
  const broken = reference();
  const infra = broken['acme-infra'].resource!;
  for (const type of ['google_dns_record_set', 'azurerm_dns_a_record']) {
    for (const record of Object.values<any>(infra[type] ?? {})) delete record.depends_on;
  }
  // THEN: the two Cloud DNS records (A and the NS delegation) and the Azure A record
  const violations = rule('DNS_RECORD_WAITS_FOR_ITS_ZONE').check(new AppView(broken));
  assert.equal(violations.length, 3, violations.map((violation) => violation.address).join('\n'));
  assert.deepEqual(rule('DNS_RECORD_WAITS_FOR_ITS_ZONE').check(new AppView(reference())), []);
});

test('DNS_RRDATAS_OR_ROUTING_POLICY: neither or both is reported', () => {
  const app = new AppView({ infra: { resource: { google_dns_record_set: { none: { name: 'a.acme.example.', type: 'A' }, both: { name: 'b.acme.example.', type: 'A', rrdatas: ['203.0.113.1'], routing_policy: { wrr: [] } } } } } });
  assert.equal(rule('DNS_RRDATAS_OR_ROUTING_POLICY').check(app).length, 2);
});

test('DNS_A_RECORDS_HOLD_ADDRESSES: an A record of a resource id or a malformed literal is reported', () => {
  const app = new AppView({
    infra: {
      resource: {
        google_dns_record_set: {
          id: { type: 'A', name: 'a.acme.example.', rrdatas: ['${google_compute_address.gw.id}'] },
          ok: { type: 'A', name: 'b.acme.example.', rrdatas: ['${google_compute_address.gw.address}'] },
        },
        azurerm_dns_a_record: { bad: { name: 'c', zone_name: 'azure.acme.example', records: ['203.0.113.300'] } },
      },
    },
  });
  assert.deepEqual(rule('DNS_A_RECORDS_HOLD_ADDRESSES').check(app).map((violation) => violation.address).sort(), ['infra/azurerm_dns_a_record.bad', 'infra/google_dns_record_set.id']);
});

test('DNS_CHILD_ZONE_DELEGATED: a child zone without an NS record in its parent, or with other name servers, is reported', () => {
  // GIVEN the reference example without the NS delegation of azure.acme.example
  const broken = reference();
  const records = broken['acme-infra'].resource!.google_dns_record_set;
  const [nsName] = Object.entries<any>(records).find(([, record]) => record.type === 'NS')!;
  const ns = records[nsName];
  delete records[nsName];
  // THEN
  assert.deepEqual(rule('DNS_CHILD_ZONE_DELEGATED').check(new AppView(broken)).map((violation) => violation.address), ['acme-infra/azurerm_dns_zone.dns-gateway-azure_zone_FFCCA8FA']);
  // WHEN the NS record holds literal name servers of some other zone
  records[nsName] = { ...ns, rrdatas: ['ns1.elsewhere.example.'] };
  assert.deepEqual(rule('DNS_CHILD_ZONE_DELEGATED').check(new AppView(broken)).map((violation) => violation.address), [`acme-infra/google_dns_record_set.${nsName}`]);
  assert.deepEqual(rule('DNS_CHILD_ZONE_DELEGATED').check(new AppView(reference())), []);
});
