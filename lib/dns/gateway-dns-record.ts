/**
 * An A record for a gateway host name, pointing at the gateway's reserved public address
 * (stage "infra": the address exists before any Helm release).
 */
import { Construct } from 'constructs';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { IReservedAddress } from '../network/reserved-address';
import { ValidationError, assertDns1123Subdomain, assertIntegerInRange, isUnresolved } from '../private/validation';
import { insideZone } from '../private/coverage';
import { DnsRecordType } from './dns-record-data';
import type { IDnsZone } from './dns-zone';

/** Props of {@link GatewayDnsRecord}. */
export interface GatewayDnsRecordProps {
  /** Zone holding the record. */
  readonly zone: IDnsZone;
  /** Fully qualified host name inside the zone, e.g. `catalog.acme.example`. */
  readonly host: string;
  /** The gateway's reserved address. */
  readonly address: IReservedAddress;
  /**
   * Time to live, in seconds.
   * @default 300
   */
  readonly ttl?: number;
}

/** `host` -> the gateway's address. */
export class GatewayDnsRecord extends Construct {
  public readonly host: string;
  public readonly ttl: number;

  constructor(scope: Construct, id: string, props: GatewayDnsRecordProps) {
    super(scope, id);
    const path = this.node.path;
    assertDns1123Subdomain(props.host, `${path}.host`);
    const ttl = props.ttl ?? 300;
    assertIntegerInRange(ttl, `${path}.ttl`, 1, 2_147_483_647);
    const zone = props.zone;
    const name = relativeRecordName(props.host, zone.zoneName, `${path}.host`);
    this.host = props.host;
    this.ttl = ttl;
    // The zone writes the record with its cloud's resource (IDnsZone#writeRecord).
    zone.writeRecord(this, 'record', {
      type: DnsRecordType.A,
      name,
      fqdn: props.host,
      ttl,
      values: props.address.addresses ?? [props.address.address],
      dependsOn: waitForZone(this, zone),
    });
  }
}

/**
 * `depends_on` for a record of `zone`: the zone's resource when it is created in the
 * record's own stack (a zone from an earlier stack exists before this stack is applied).
 */
export function waitForZone(scope: Construct, zone: IDnsZone): ITerraformDependable[] | undefined {
  const resource = zone.zoneResource;
  if (!resource || !Construct.isConstruct(resource) || TerraformStack.of(resource) !== TerraformStack.of(scope)) return undefined;
  return [resource];
}

/**
 * The record name of `host` relative to `zone` (`@` for the apex). A host outside the
 * zone is an error naming both.
 */
export function relativeRecordName(host: string, zone: string, field: string): string {
  if (isUnresolved(host) || isUnresolved(zone)) return host;
  if (!insideZone(host, zone)) {
    throw new ValidationError(field, host, `is outside DNS zone "${zone}"; use a host name ending in ".${zone}" or add the record to the zone that holds it`);
  }
  const h = host.toLowerCase().replace(/\.$/, '');
  const z = zone.toLowerCase().replace(/\.$/, '');
  return h === z ? '@' : h.slice(0, h.length - z.length - 1);
}
