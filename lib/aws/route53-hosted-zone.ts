/**
 * A public Route 53 hosted zone (stage "infra"), created or looked up, where gateway
 * host names get A records pointing at reserved Elastic IPs, and where cert-manager
 * answers DNS-01 challenges ({@link Route53SolverIdentity}).
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { ownershipTags } from '../private/ownership';
import { Cloud } from '../core/cloud';
import { IDnsZone } from '../dns/dns-zone';
import { DnsRecordData } from '../dns/dns-record-data';
import { relativeRecordName, waitForZone } from '../dns/gateway-dns-record';
import { IReservedAddress } from '../network/reserved-address';
import { assertDns1123Subdomain, assertIntegerInRange, assertNonEmpty } from '../private/validation';
import { AWS_CLOUD, awsProvider } from './aws-provider';
import { ElasticIpAddress } from './elastic-ip-address';

/** Props of {@link Route53HostedZone}. */
export interface Route53HostedZoneProps {
  /** DNS name, e.g. `acme.example`. */
  readonly zoneName: string;
  /** Region of the AWS provider (Route 53 is global; the region picks the partition's endpoint). */
  readonly region: string;
  /**
   * Ephemeral mode: no destroy protection, and leftover records (cert-manager's
   * challenge TXT records) do not block destroy.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Extra tags (created zones only).
   * @default only the managed-by / ephemeral tags
   */
  readonly tags?: { [key: string]: string };
}

/** Options of {@link Route53HostedZone.addARecord}. */
export interface Route53ARecordOptions {
  /** Fully qualified host name inside the zone, e.g. `catalog.acme.example`. */
  readonly host: string;
  /** The reserved address; every address of an {@link ElasticIpAddress}. */
  readonly address: IReservedAddress;
  /**
   * Time to live, in seconds.
   * @default 300
   */
  readonly ttl?: number;
}

/** A Route 53 public hosted zone, created (destroy-protected outside ephemeral mode) or existing. */
export class Route53HostedZone extends Construct implements IDnsZone {
  /** Use an existing public hosted zone, looked up by name. */
  public static fromExistingZone(scope: Construct, id: string, props: Route53HostedZoneProps): Route53HostedZone {
    return new Route53HostedZone(scope, id, props, true);
  }

  public readonly cloud: Cloud = AWS_CLOUD;
  public readonly zoneName: string;
  /** Hosted zone id (without `/hostedzone/`), for IAM resources and cert-manager's `hostedZoneID`. */
  public readonly zoneId: string;
  /** ARN of the hosted zone. */
  public readonly zoneArn: string;
  public readonly nameServers: string[];
  public readonly zoneResource?: ITerraformDependable;
  public readonly region: string;

  constructor(scope: Construct, id: string, props: Route53HostedZoneProps, existing = false) {
    super(scope, id);
    const path = this.node.path;
    assertDns1123Subdomain(props.zoneName, `${path}.zoneName`);
    assertNonEmpty(props.region, `${path}.region`, 'eu-west-1');
    const provider = awsProvider(this, props.region);
    this.zoneName = props.zoneName;
    this.region = props.region;
    if (existing) {
      const zone = new DataAwsRoute53Zone(this, 'zone', { provider, name: props.zoneName, privateZone: false });
      this.zoneId = zone.zoneId;
      this.zoneArn = zone.arn;
      this.nameServers = zone.nameServers;
    } else {
      const zone = new Route53Zone(this, 'zone', {
        provider,
        name: props.zoneName,
        comment: 'Gateway host names and ACME DNS-01 challenges',
        forceDestroy: props.ephemeral ?? false,
        tags: ownershipTags({ ephemeral: props.ephemeral }, props.tags),
        // Delegations point at this zone's name servers: a new zone gets new ones.
        lifecycle: props.ephemeral ? undefined : { preventDestroy: true },
      });
      this.zoneId = zone.zoneId;
      this.zoneArn = zone.arn;
      this.nameServers = zone.nameServers;
      this.zoneResource = zone;
    }
  }

  /** `host` -> the address(es) of a reserved address. */
  public addARecord(id: string, options: Route53ARecordOptions): Route53Record {
    const path = `${this.node.path}/${id}`;
    assertDns1123Subdomain(options.host, `${path}.host`);
    const ttl = options.ttl ?? 300;
    assertIntegerInRange(ttl, `${path}.ttl`, 0, 2_147_483_647);
    const name = relativeRecordName(options.host, this.zoneName, `${path}.host`);
    const records = options.address.addresses ?? [options.address.address];
    return new Route53Record(this, id, {
      provider: awsProvider(this, this.region),
      zoneId: this.zoneId,
      // Route 53 takes the fully qualified name; the relative one only checks the host is inside.
      name: name === '@' ? this.zoneName : options.host,
      type: 'A',
      ttl,
      records,
      dependsOn: waitForZone(this, this),
    });
  }

  /** Route 53 takes fully qualified names; A and NS records are the same resource. */
  public writeRecord(scope: Construct, id: string, record: DnsRecordData): void {
    new Route53Record(scope, id, {
      provider: awsProvider(scope, this.region),
      zoneId: this.zoneId,
      name: record.fqdn,
      type: record.type,
      ttl: record.ttl,
      records: record.values,
      dependsOn: record.dependsOn,
    });
  }
}
