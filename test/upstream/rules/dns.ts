/**
 * What the DNS providers (hashicorp/terraform-provider-google@v6.50.0 for Cloud DNS,
 * hashicorp/terraform-provider-azurerm@v4.55.0 for Azure DNS) and the resolvers that
 * cert-manager and clients use do with the zones and records we emit.
 */
import type { AppView, ResourceRef } from '../app-view';
import type { UpstreamRule, Violation } from '../types';

const GOOGLE = 'hashicorp/terraform-provider-google@v6.50.0';
const AZURERM = 'hashicorp/terraform-provider-azurerm@v4.55.0';
const RECORD_SET_GO = `${GOOGLE}:google/services/dns/resource_dns_record_set.go`;

/** Name servers of a zone whose names come without the trailing dot (Route 53's `DelegationSet.NameServers`). */
const UNDOTTED_NAME_SERVERS = /aws_route53_zone\.[^.\s"]+\.name_servers/;
/** The expression that gives every name exactly one trailing dot (lib/gcp/cloud-dns-zone.ts#absoluteNames). */
const DOT_APPENDED = /format\(\\"%s\.\\", trimsuffix\(/;

const GOOGLE_ZONE = 'google_dns_managed_zone';
const GOOGLE_RECORD = 'google_dns_record_set';
const AZURE_ZONE = 'azurerm_dns_zone';
const AZURE_RECORDS = ['azurerm_dns_a_record', 'azurerm_dns_aaaa_record', 'azurerm_dns_cname_record', 'azurerm_dns_ns_record', 'azurerm_dns_txt_record', 'azurerm_dns_caa_record', 'azurerm_dns_mx_record', 'azurerm_dns_srv_record', 'azurerm_dns_ptr_record'];

export const DNS_RULES: readonly UpstreamRule[] = [
  {
    id: 'DNS_CLOUD_DNS_NAMES_ABSOLUTE',
    title: 'Cloud DNS record names and zone DNS names end with a dot; NS and CNAME targets too',
    sources: [
      `${RECORD_SET_GO}#validateRecordNameTrailingDot`,
      `${RECORD_SET_GO}#expandDnsRecordSetRrdata`,
      `${GOOGLE}:website/docs/r/dns_managed_zone.html.markdown:dns_name`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const record of app.resources(GOOGLE_RECORD)) {
        if (isLiteral(record.config.name) && !record.config.name.endsWith('.')) violations.push({ address: record.address, message: `name "${record.config.name}" has no trailing dot` });
        if (['NS', 'CNAME'].includes(record.config.type)) {
          for (const target of Array.isArray(record.config.rrdatas) ? record.config.rrdatas : []) {
            if (isLiteral(target) && !target.endsWith('.')) violations.push({ address: record.address, message: `${record.config.type} target "${target}" is relative to the zone without a trailing dot` });
          }
          // Targets known only at apply: the provider passes rrdatas through as given
          // (resource_dns_record_set.go#expandDnsRecordSetRrdata), and Route 53 reports its name
          // servers without the dot (`ns-123.awsdns-45.com`), so they must be made absolute.
          const expression = JSON.stringify(record.config.rrdatas ?? '');
          if (UNDOTTED_NAME_SERVERS.test(expression) && !DOT_APPENDED.test(expression)) {
            violations.push({ address: record.address, message: `${record.config.type} targets come from Route 53 name servers, which have no trailing dot, and are not made absolute: ${expression}` });
          }
        }
      }
      for (const zone of app.resources(GOOGLE_ZONE)) {
        if (isLiteral(zone.config.dns_name) && !zone.config.dns_name.endsWith('.')) violations.push({ address: zone.address, message: `dns_name "${zone.config.dns_name}" has no trailing dot` });
      }
      return violations;
    },
  },
  {
    id: 'DNS_RECORD_INSIDE_ITS_ZONE',
    title: 'every record lies inside the zone that holds it (Cloud DNS: absolute name under dns_name; Azure: a name relative to zone_name)',
    sources: [
      `${RECORD_SET_GO}#resourceDnsRecordSetCreate`,
      `${AZURERM}:internal/services/dns/dns_a_record_resource.go#resourceDnsARecordCreateUpdate`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const record of app.resources(GOOGLE_RECORD)) {
        const zone = googleZoneOf(app, record);
        const dnsName = zone?.config.dns_name;
        if (!isLiteral(record.config.name) || !isLiteral(dnsName)) continue;
        const name = record.config.name.toLowerCase();
        const suffix = dnsName.toLowerCase();
        if (name !== suffix && !name.endsWith(`.${suffix}`)) violations.push({ address: record.address, message: `name ${record.config.name} is outside zone ${dnsName} (${zone!.address})` });
      }
      for (const record of app.resources(...AZURE_RECORDS)) {
        const { name, zone_name: zoneName } = record.config;
        if (!isLiteral(name) || !isLiteral(zoneName)) continue;
        if (name.endsWith('.') || name.toLowerCase().endsWith(`.${zoneName.toLowerCase()}`) || name.toLowerCase() === zoneName.toLowerCase()) {
          violations.push({ address: record.address, message: `name "${name}" must be relative to zone ${zoneName} ("@" for the apex); Azure would create ${name}.${zoneName}` });
        }
      }
      return violations;
    },
  },
  {
    id: 'DNS_RECORD_WAITS_FOR_ITS_ZONE',
    title: 'a record of a zone created in its own stack is created after the zone',
    sources: [
      // The record names its zone by a literal (managed_zone, zone_name), and creating it lists and changes the zone's record sets ...
      `${RECORD_SET_GO}#resourceDnsRecordSetCreate`,
      // ... or PUTs a record set under the zone's resource id.
      `${AZURERM}:internal/services/dns/dns_a_record_resource.go#resourceDnsARecordCreateUpdate`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const record of app.resources(GOOGLE_RECORD, ...AZURE_RECORDS)) {
        const zone = record.type === GOOGLE_RECORD ? googleZoneOf(app, record) : azureZoneOf(app, record);
        if (zone && zone.mode === 'resource' && zone.stack === record.stack && !app.dependsOn(record, zone)) {
          violations.push({ address: record.address, message: `nothing orders this record after its zone ${zone.address}: Terraform may create it first, and the API rejects a record of a zone that does not exist` });
        }
      }
      return violations;
    },
  },
  {
    id: 'DNS_RRDATAS_OR_ROUTING_POLICY',
    title: 'a Cloud DNS record set has exactly one of rrdatas and routing_policy',
    sources: [`${RECORD_SET_GO}#ResourceDnsRecordSet`],
    check: (app) => app.resources(GOOGLE_RECORD)
      .filter((record) => (record.config.rrdatas !== undefined) === (record.config.routing_policy !== undefined))
      .map((record) => ({ address: record.address, message: 'set exactly one of rrdatas and routing_policy (ExactlyOneOf)' })),
  },
  {
    id: 'DNS_A_RECORDS_HOLD_ADDRESSES',
    title: 'A records hold IPv4 addresses: literals, or the address attribute of a reserved address',
    sources: [
      `${GOOGLE}:google/services/compute/resource_compute_address.go#ResourceComputeAddress`,
      `${AZURERM}:internal/services/dns/dns_a_record_resource.go#resourceDnsARecord`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      const records = [
        ...app.resources(GOOGLE_RECORD).filter((record) => record.config.type === 'A').map((record) => ({ record, values: record.config.rrdatas })),
        ...app.resources('azurerm_dns_a_record').map((record) => ({ record, values: record.config.records })),
      ];
      for (const { record, values } of records) {
        for (const value of Array.isArray(values) ? values : []) {
          const text = String(value);
          const ok = isLiteral(text)
            ? /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(text)
            : /\$\{(google_compute_address\.[\w-]+\.address|azurerm_public_ip\.[\w-]+\.ip_address|data\.[\w.-]+\.(address|ip_address))\}/.test(text)
              || /cross-stack-output-(google_compute_address[\w-]+address|azurerm_public_ip[\w-]+ip_address)\}/.test(text);
          if (!ok) violations.push({ address: record.address, message: `"${text}" is not an IPv4 address nor the address of a reserved address` });
        }
      }
      return violations;
    },
  },
  {
    id: 'DNS_CHILD_ZONE_DELEGATED',
    title: 'a zone under another zone of the app is delegated from it by an NS record of the child\'s name servers',
    sources: [
      // cert-manager finds the zone of _acme-challenge.<host> by walking SOA records from the
      // public resolvers, and checks the TXT record at that zone's authoritative servers:
      // an undelegated child zone is invisible, and DNS-01 never succeeds.
      'cert-manager/cert-manager@v1.21.1:pkg/issuer/acme/dns/util/wait.go#FindZoneByFqdn',
      'cert-manager/cert-manager@v1.21.1:pkg/issuer/acme/dns/util/wait.go#checkAuthoritativeNss',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      const zones = allZones(app);
      for (const child of zones) {
        const parents = zones.filter((parent) => parent.name !== child.name && child.name.endsWith(`.${parent.name}`));
        if (parents.length === 0) continue;
        const parent = parents.sort((a, b) => b.name.length - a.name.length)[0];
        const delegation = nsRecordsOf(app, parent).find((record) => record.name === child.name);
        if (!delegation) {
          violations.push({ address: child.ref.address, message: `zone ${child.name} sits under ${parent.name} (${parent.ref.address}) but no NS record there delegates it` });
        } else if (!JSON.stringify(delegation.values).includes(`${child.ref.type}.${child.ref.name}.name_servers`) && !JSON.stringify(delegation.values).includes(`${child.ref.type}${child.ref.name}name_servers`)) {
          violations.push({ address: delegation.ref.address, message: `the NS record of ${child.name} does not take its values from ${child.ref.address}.name_servers` });
        }
      }
      return violations;
    },
  },
];

function isLiteral(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('${');
}

/** The Cloud DNS zone (resource or data source) a record's managed_zone names, in the record's stack. */
function googleZoneOf(app: AppView, record: ResourceRef): ResourceRef | undefined {
  const zone = record.config.managed_zone;
  return app.inStack(record.stack).find((ref) => ref.type === GOOGLE_ZONE && (ref.config.name === zone || String(zone).includes(`${ref.localAddress}.`)));
}

/** The Azure DNS zone (resource or data source) a record's zone_name names, in the record's stack. */
function azureZoneOf(app: AppView, record: ResourceRef): ResourceRef | undefined {
  const zone = record.config.zone_name;
  return app.inStack(record.stack).find((ref) => ref.type === AZURE_ZONE && (ref.config.name === zone || String(zone).includes(`${ref.localAddress}.`)));
}

interface ZoneView {
  readonly name: string;
  readonly ref: ResourceRef;
}

/** Every zone the app creates or looks up, by DNS name without the trailing dot. */
function allZones(app: AppView): ZoneView[] {
  const zones: ZoneView[] = [];
  for (const stack of Object.keys(app.stacks)) {
    for (const ref of app.inStack(stack)) {
      if (ref.type === GOOGLE_ZONE) {
        const name = ref.mode === 'resource' ? ref.config.dns_name : undefined;
        if (isLiteral(name)) zones.push({ name: name.replace(/\.$/, '').toLowerCase(), ref });
      } else if (ref.type === AZURE_ZONE && isLiteral(ref.config.name)) {
        zones.push({ name: ref.config.name.toLowerCase(), ref });
      }
    }
  }
  return zones;
}

/** NS records held by a zone, with the absolute name they are at. */
function nsRecordsOf(app: AppView, zone: ZoneView): Array<{ name: string; values: unknown; ref: ResourceRef }> {
  const out: Array<{ name: string; values: unknown; ref: ResourceRef }> = [];
  for (const record of app.resources(GOOGLE_RECORD)) {
    if (record.config.type !== 'NS' || googleZoneOf(app, record)?.address !== zone.ref.address || !isLiteral(record.config.name)) continue;
    out.push({ name: record.config.name.replace(/\.$/, '').toLowerCase(), values: record.config.rrdatas, ref: record });
  }
  for (const record of app.resources('azurerm_dns_ns_record')) {
    if (azureZoneOf(app, record)?.address !== zone.ref.address || !isLiteral(record.config.name)) continue;
    const name = record.config.name === '@' ? zone.name : `${record.config.name}.${zone.name}`.toLowerCase();
    out.push({ name, values: record.config.records, ref: record });
  }
  return out;
}
