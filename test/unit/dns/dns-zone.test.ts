import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cloud } from '../../../lib/core/cloud';
import type { IDnsZone } from '../../../lib/dns/dns-zone';
import { AzureDnsZone } from '../../../lib/azure/azure-dns-zone';
import { CloudDnsZone } from '../../../lib/gcp/cloud-dns-zone';
import { dataOfType, onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';
import { fakeAddress } from '../gateway/fakes';

test('a created Cloud DNS zone is public, signed and delete-protected', () => {
  const zone = onlyResource(synthStack((s) => new CloudDnsZone(s, 'dns', { zoneName: 'acme.example', project: 'acme-prod' })), 'google_dns_managed_zone');
  assert.equal(zone.dns_name, 'acme.example.');
  assert.equal(zone.name, 'acme-example');
  assert.equal(zone.visibility, 'public');
  assert.equal(zone.dnssec_config.state, 'on');
  assert.equal(zone.lifecycle.prevent_destroy, true);
  assert.equal(zone.force_destroy, false);
});

test('an ephemeral zone can be destroyed', () => {
  const zone = onlyResource(synthStack((s) => new AzureDnsZone(s, 'dns', { zoneName: 'acme.example', resourceGroupName: 'rg', subscriptionId: 'sub', ephemeral: true })), 'azurerm_dns_zone');
  assert.equal(zone.lifecycle.prevent_destroy, false);
  assert.equal(zone.tags.ephemeral, 'true');
});

test('existing zones are looked up, not created', () => {
  const stack = synthStack((s) => {
    AzureDnsZone.fromExistingZone(s, 'a', { zoneName: 'acme.example', resourceGroupName: 'rg', subscriptionId: 'sub' });
    CloudDnsZone.fromExistingZone(s, 'g', { zoneName: 'acme.example', project: 'p', managedZoneName: 'acme' });
  });
  assert.equal(resourcesOfType(stack, 'azurerm_dns_zone').length, 0);
  assert.equal(resourcesOfType(stack, 'google_dns_managed_zone').length, 0);
  assert.equal(dataOfType(stack, 'azurerm_dns_zone')[0][1].name, 'acme.example');
  assert.equal(dataOfType(stack, 'google_dns_managed_zone')[0][1].name, 'acme');
});

test('A records point gateway hosts at reserved addresses, with the given TTL', () => {
  // WHEN
  const stack = synthStack((s) => {
    const google = new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' });
    google.addARecord('catalog', 'catalog.acme.example', fakeAddress(Cloud.GCP, '203.0.113.20'), 60);
    const azure = new AzureDnsZone(s, 'a', { zoneName: 'azure.acme.example', resourceGroupName: 'rg', subscriptionId: 'sub' });
    azure.addARecord('catalog', 'catalog.azure.acme.example', fakeAddress(Cloud.AZURE, '198.51.100.20'));
    azure.addARecord('apex', 'azure.acme.example', fakeAddress(Cloud.AZURE, '198.51.100.20'));
  });
  const record = onlyResource(stack, 'google_dns_record_set');
  const azureRecords = resourcesOfType(stack, 'azurerm_dns_a_record').map(([, r]) => r);
  // THEN
  assert.equal(record.name, 'catalog.acme.example.');
  assert.equal(record.type, 'A');
  assert.deepEqual(record.rrdatas, ['203.0.113.20']);
  assert.equal(record.ttl, 60);
  assert.deepEqual(azureRecords.map((r) => [r.name, r.records[0], r.ttl]).sort(), [['@', '198.51.100.20', 300], ['catalog', '198.51.100.20', 300]]);
});

test('a host outside the zone is an error naming both', () => {
  assert.throws(
    () => synthStack((s) => new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' }).addARecord('x', 'catalog.other.example', fakeAddress(Cloud.GCP))),
    /"catalog\.other\.example" \(test\/g\/x\.host\) is outside DNS zone "acme\.example"/,
  );
  assert.throws(
    () => synthStack((s) => new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' }).addARecord('x', 'notacme.example', fakeAddress(Cloud.GCP))),
    /is outside DNS zone "acme\.example"/,
  );
});

test('delegates a child zone with an NS record of its name servers', () => {
  const stack = synthStack((s) => {
    const parent = new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' });
    const child = new AzureDnsZone(s, 'a', { zoneName: 'azure.acme.example', resourceGroupName: 'rg', subscriptionId: 'sub' });
    parent.delegate('delegate', child, 3600);
  });
  const ns = onlyResource(stack, 'google_dns_record_set');
  assert.equal(ns.type, 'NS');
  assert.equal(ns.name, 'azure.acme.example.');
  assert.match(JSON.stringify(ns.rrdatas), /azurerm_dns_zone\.a_zone_[A-Za-z0-9]+\.name_servers/);
});

test('rejects single-label zones and bad TTLs', () => {
  assert.throws(() => synthStack((s) => new CloudDnsZone(s, 'g', { zoneName: 'example', project: 'p' })), /must have at least two labels/);
  assert.throws(
    () => synthStack((s) => new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' }).addARecord('x', 'a.acme.example', fakeAddress(Cloud.GCP), 0)),
    /x\.ttl\) must be a whole number/,
  );
});

test('an A record to a literal IPv4 address (addIpv4ARecord) rejects anything else', () => {
  // WHEN
  const stack = synthStack((s) => {
    new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' }).addIpv4ARecord('legacy', 'legacy.acme.example', '192.0.2.44');
  });
  // THEN
  assert.deepEqual(onlyResource(stack, 'google_dns_record_set').rrdatas, ['192.0.2.44']);
  assert.throws(
    () => synthStack((s) => new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' }).addIpv4ARecord('x', 'x.acme.example', '192.0.2.256')),
    /"192\.0\.2\.256" \(test\/g\/x\.address\).*IPv4/,
  );
});

test('a Cloud DNS zone exposes its name, cloud and zone id; an Azure zone its id for role scoping', () => {
  // WHEN
  let google: CloudDnsZone | undefined;
  let azure: AzureDnsZone | undefined;
  synthStack((s) => {
    google = new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' });
    azure = new AzureDnsZone(s, 'a', { zoneName: 'azure.acme.example', resourceGroupName: 'rg', subscriptionId: 'sub' });
  });
  // THEN
  assert.equal(google!.zoneName, 'acme.example');
  assert.equal(google!.cloud, Cloud.GCP);
  assert.equal(azure!.cloud, Cloud.AZURE);
  assert.match(azure!.zoneId, /\$\{azurerm_dns_zone\.a_zone_[0-9A-F]+\.id\}|TOKEN/);
});

test('records in a zone this app creates wait for the zone: they name it by a literal, which orders nothing', () => {
  // WHEN
  const stack = synthStack((s) => {
    const parent = new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' });
    const child = new AzureDnsZone(s, 'a', { zoneName: 'azure.acme.example', resourceGroupName: 'rg', subscriptionId: 'sub' });
    parent.addIpv4ARecord('catalog', 'catalog.acme.example', '203.0.113.20');
    child.addIpv4ARecord('catalog', 'catalog.azure.acme.example', '203.0.113.21');
    parent.delegate('azure', child);
  });
  // THEN
  const [[googleZone]] = resourcesOfType(stack, 'google_dns_managed_zone');
  const [[azureZone]] = resourcesOfType(stack, 'azurerm_dns_zone');
  for (const [, record] of resourcesOfType(stack, 'google_dns_record_set')) assert.deepEqual(record.depends_on, [`google_dns_managed_zone.${googleZone}`]);
  assert.deepEqual(onlyResource(stack, 'azurerm_dns_a_record').depends_on, [`azurerm_dns_zone.${azureZone}`]);
});

test('records in an existing zone wait for nothing (the data source is read first)', () => {
  const stack = synthStack((s) => {
    CloudDnsZone.fromExistingZone(s, 'g', { zoneName: 'acme.example', project: 'p' }).addIpv4ARecord('catalog', 'catalog.acme.example', '203.0.113.20');
  });
  assert.equal(onlyResource(stack, 'google_dns_record_set').depends_on, undefined);
});

test('a delegation is written by the parent zone\'s cloud: Azure NS record, Cloud DNS NS record set', () => {
  // WHEN
  const stack = synthStack((s) => {
    const google = new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' });
    const azure = new AzureDnsZone(s, 'a', { zoneName: 'azure.acme.example', resourceGroupName: 'rg', subscriptionId: 'sub' });
    const deeper = new CloudDnsZone(s, 'd', { zoneName: 'eu.azure.acme.example', project: 'p' });
    google.delegate('azure', azure, 600);
    azure.delegate('eu', deeper);
  });
  // THEN: Cloud DNS takes the fully qualified name with its dot, Azure the relative name
  const googleNs = onlyResource(stack, 'google_dns_record_set');
  assert.equal(googleNs.type, 'NS');
  assert.equal(googleNs.name, 'azure.acme.example.');
  assert.equal(googleNs.ttl, 600);
  const azureNs = onlyResource(stack, 'azurerm_dns_ns_record');
  assert.equal(azureNs.name, 'eu');
  assert.equal(azureNs.zone_name, 'azure.acme.example');
  assert.equal(azureNs.resource_group_name, 'rg');
  assert.equal(resourcesOfType(stack, 'azurerm_dns_a_record').length, 0);
  // Name servers known only at apply get exactly one trailing dot in Terraform.
  assert.match(googleNs.rrdatas, /^\$\{\[ for key, val in toset\((tolist\()?azurerm_dns_zone\.a_zone_[0-9A-F]+\.name_servers\)?\): format\("%s\.", trimsuffix\(val, "\."\)\)\]\}$/);
  assert.throws(
    () => synthStack((s) => {
      const zone = new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' });
      zone.delegate('self', zone);
    }),
    /is zone "acme\.example" itself/,
  );
});

test('Cloud DNS delegates to literal name servers with exactly one trailing dot each (the API refuses NS targets without it)', () => {
  const stack = synthStack((s) => {
    const parent = new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' });
    const route53Like: IDnsZone = { cloud: Cloud.AWS, zoneName: 'aws.acme.example', zoneId: 'Z1', nameServers: ['ns-1.awsdns-01.com', 'ns-2.awsdns-02.net.'], writeRecord: () => undefined };
    parent.delegate('aws', route53Like);
  });
  assert.deepEqual(onlyResource(stack, 'google_dns_record_set').rrdatas, ['ns-1.awsdns-01.com.', 'ns-2.awsdns-02.net.']);
});

test('an A record lists every address of a load balancer that has several (an NLB: one Elastic IP per zone), on every cloud', () => {
  const nlb = { cloud: Cloud.AWS, address: '198.51.100.1', addresses: ['198.51.100.1', '198.51.100.2', '198.51.100.3'], serviceAnnotations: {} };
  const stack = synthStack((s) => {
    new CloudDnsZone(s, 'g', { zoneName: 'acme.example', project: 'p' }).addARecord('catalog', 'catalog.acme.example', nlb);
    new AzureDnsZone(s, 'a', { zoneName: 'azure.acme.example', resourceGroupName: 'rg', subscriptionId: 'sub' }).addARecord('catalog', 'catalog.azure.acme.example', nlb);
  });
  assert.deepEqual(onlyResource(stack, 'google_dns_record_set').rrdatas, nlb.addresses);
  assert.deepEqual(onlyResource(stack, 'azurerm_dns_a_record').records, nlb.addresses);
});
