/**
 * A public DNS zone (stage "infra"), created or looked up, where gateway host names get A
 * records pointing at reserved addresses and sub-domains get their delegations. The
 * contract and the cloud-neutral behaviour; each cloud's zone is in its own folder
 * (lib/azure/azure-dns-zone.ts, lib/gcp/cloud-dns-zone.ts, lib/aws/route53-hosted-zone.ts)
 * and writes its own record resources.
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { Cloud } from '../core/cloud';
import { IReservedAddress } from '../network/reserved-address';
import { ValidationError, assertDns1123Subdomain, assertIntegerInRange, isUnresolved } from '../private/validation';
import { DnsRecordData, DnsRecordType } from './dns-record-data';
import { GatewayDnsRecord, relativeRecordName, waitForZone } from './gateway-dns-record';

/** What records need from a zone. */
export interface IDnsZone {
  /** Cloud hosting the zone. */
  readonly cloud: Cloud;
  /** DNS name of the zone, e.g. `acme.example`. */
  readonly zoneName: string;
  /** The cloud's id of the zone (Azure resource id, Cloud DNS managed zone id, Route 53 hosted zone id). */
  readonly zoneId: string;
  /** Name servers of the zone. */
  readonly nameServers: string[];
  /**
   * The zone's Terraform resource when this app creates it. Records name their zone by
   * a literal (`zone_name`, `managed_zone`), which orders nothing, so they depend on this;
   * a record created before its zone fails.
   * @default none: an existing zone (looked up by a data source, read before any create)
   */
  readonly zoneResource?: ITerraformDependable;
  /** Writes `record` into this zone as `scope`/`id`, with the zone's own cloud resource. */
  writeRecord(scope: Construct, id: string, record: DnsRecordData): void;
}

/**
 * A zone the library builds: each cloud's zone extends it with its resources and its
 * `writeRecord`; records and delegations are the same on every cloud.
 */
export abstract class DnsZoneBase extends Construct implements IDnsZone {
  public abstract readonly cloud: Cloud;
  public abstract readonly zoneName: string;
  public abstract readonly zoneId: string;
  public abstract readonly nameServers: string[];
  public abstract readonly zoneResource?: ITerraformDependable;

  public abstract writeRecord(scope: Construct, id: string, record: DnsRecordData): void;

  /** An A record `host` -> a gateway's reserved address. `host` must be inside this zone; `ttl` defaults to 300 seconds. */
  public addARecord(id: string, host: string, address: IReservedAddress, ttl?: number): GatewayDnsRecord {
    return new GatewayDnsRecord(this, id, { zone: this, host, address, ttl });
  }

  /** An A record `host` -> a literal IPv4 address (an address this library did not reserve). */
  public addIpv4ARecord(id: string, host: string, ipv4Address: string, ttl?: number): GatewayDnsRecord {
    assertIpv4Address(ipv4Address, `${this.node.path}/${id}.address`);
    return this.addARecord(id, host, { cloud: this.cloud, address: ipv4Address, serviceAnnotations: {} }, ttl);
  }

  /** Delegates `child` (a zone under this one) with an NS record of its name servers. */
  public delegate(id: string, child: IDnsZone, ttl = 300): void {
    const path = `${this.node.path}/${id}`;
    assertIntegerInRange(ttl, `${path}.ttl`, 1, 2_147_483_647);
    const name = relativeRecordName(child.zoneName, this.zoneName, `${path}.child`);
    if (name === '@') {
      throw new ValidationError(`${path}.child`, child.zoneName, `is zone "${this.zoneName}" itself; delegate a sub-domain such as "eu.${this.zoneName}"`);
    }
    this.writeRecord(this, id, { type: DnsRecordType.NS, name, fqdn: child.zoneName, ttl, values: child.nameServers, dependsOn: waitForZone(this, this) });
  }
}

/** At least two labels: no registry delegates a top-level domain, and no CA issues a wildcard on one. */
export function zoneNameHasTwoLabels(zoneName: string): boolean {
  return zoneName.split('.').length >= 2;
}

/** A zone name: a DNS-1123 subdomain of at least two labels. */
export function assertZoneName(zoneName: string, field: string): void {
  assertDns1123Subdomain(zoneName, field);
  if (!isUnresolved(zoneName) && !zoneNameHasTwoLabels(zoneName)) {
    throw new ValidationError(field, zoneName, 'must have at least two labels, e.g. "acme.example"');
  }
}

function assertIpv4Address(address: string, field: string): void {
  if (isUnresolved(address)) return;
  const octets = address.split('.');
  const valid = octets.length === 4 && octets.every((octet) => /^(0|[1-9][0-9]{0,2})$/.test(octet) && Number(octet) <= 255);
  if (!valid) throw new ValidationError(field, address, 'must be an IPv4 address, e.g. "203.0.113.10"');
}
