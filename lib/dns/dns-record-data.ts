/** What a zone writes: the record sets of gateways and delegations, whatever the cloud. */
import type { ITerraformDependable } from 'cdktf';

/** Record types the library writes. */
export enum DnsRecordType {
  /** A gateway host name -> its IPv4 addresses. */
  A = 'A',
  /** A sub-domain's delegation -> its zone's name servers. */
  NS = 'NS',
}

/** A record set for a zone to write. */
export interface DnsRecordData {
  readonly type: DnsRecordType;
  /** The name relative to the zone (`@` for the apex). */
  readonly name: string;
  /** The fully qualified name, without a trailing dot. */
  readonly fqdn: string;
  /** Time to live, in seconds. */
  readonly ttl: number;
  /** Addresses (A) or name servers (NS). */
  readonly values: string[];
  /**
   * What the record waits for: the zone's resource when created in the record's stack
   * (gateway-dns-record.ts#waitForZone).
   * @default nothing
   */
  readonly dependsOn?: ITerraformDependable[];
}
