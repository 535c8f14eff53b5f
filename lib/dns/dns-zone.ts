/**
 * A public DNS zone on Azure DNS or Google Cloud DNS (stage "infra"), created or looked
 * up, where gateway host names get A records pointing at reserved addresses.
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { DataAzurermDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-dns-zone';
import { DnsZone as AzurermDnsZone } from '@cdktf/provider-azurerm/lib/dns-zone';
import { DataGoogleDnsManagedZone } from '@cdktf/provider-google/lib/data-google-dns-managed-zone';
import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { Cloud } from '../core/cloud';
import { cloudSupport } from '../core/cloud-registry';
import { IReservedAddress } from '../network/reserved-address';
import { azureProvider, googleProvider } from '../private/cloud-providers';
import { ValidationError, assertDns1123Label, assertDns1123Subdomain, assertIntegerInRange, assertNonEmpty, isUnresolved } from '../private/validation';
import { ownershipLabels, ownershipTags } from '../private/ownership';
import { fitName } from '../private/names';
import { GatewayDnsRecord, relativeRecordName, waitForZone } from './gateway-dns-record';

/** What records need from a zone. */
export interface IDnsZone {
  /** Cloud hosting the zone. */
  readonly cloud: Cloud;
  /** DNS name of the zone, e.g. `acme.example`. */
  readonly zoneName: string;
  /** Resource id (Azure) or managed zone id (Google). */
  readonly zoneId: string;
  /** Name servers of the zone. */
  readonly nameServers: string[];
  /** Azure: subscription of the zone. */
  readonly subscriptionId?: string;
  /** Azure: resource group of the zone. */
  readonly resourceGroupName?: string;
  /** Google: project of the zone. */
  readonly project?: string;
  /** Google: managed zone name. */
  readonly managedZoneName?: string;
  /**
   * The zone's Terraform resource when this app creates it. Records name their zone by
   * a literal (`zone_name`, `managed_zone`), which orders nothing, so they depend on this;
   * a record created before its zone fails.
   * @default none: an existing zone (looked up by a data source, read before any create)
   */
  readonly zoneResource?: ITerraformDependable;
}

/** An Azure DNS zone. */
export interface AzureDnsZoneOptions {
  /** DNS name, e.g. `acme.example`. */
  readonly zoneName: string;
  readonly resourceGroupName: string;
  readonly subscriptionId: string;
  /**
   * Ephemeral mode: no delete protection.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Extra tags (created zones only).
   * @default only the managed-by / ephemeral tags
   */
  readonly tags?: { [key: string]: string };
}

/** A Google Cloud DNS managed zone. */
export interface CloudDnsZoneOptions {
  /** DNS name, e.g. `acme.example`. */
  readonly zoneName: string;
  readonly project: string;
  /**
   * Managed zone name.
   * @default the DNS name with dots as dashes, e.g. `acme-example`
   */
  readonly managedZoneName?: string;
  /**
   * Ephemeral mode: no delete protection, and leftover records do not block destroy.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Extra labels (created zones only).
   * @default only the managed-by / ephemeral labels
   */
  readonly labels?: { [key: string]: string };
}

/** Where a zone comes from. */
export class DnsZoneProvider {
  /** Create an Azure DNS zone. */
  public static azure(options: AzureDnsZoneOptions): DnsZoneProvider {
    return new DnsZoneProvider(Cloud.AZURE, false, options, undefined);
  }
  /** Create a Cloud DNS managed zone. */
  public static cloudDns(options: CloudDnsZoneOptions): DnsZoneProvider {
    return new DnsZoneProvider(Cloud.GCP, false, undefined, options);
  }
  /** Look up an existing Azure DNS zone. */
  public static existingAzure(options: AzureDnsZoneOptions): DnsZoneProvider {
    return new DnsZoneProvider(Cloud.AZURE, true, options, undefined);
  }
  /** Look up an existing Cloud DNS managed zone. */
  public static existingCloudDns(options: CloudDnsZoneOptions): DnsZoneProvider {
    return new DnsZoneProvider(Cloud.GCP, true, undefined, options);
  }
  private constructor(
    /** @internal */ public readonly cloud: Cloud,
    /** @internal */ public readonly existing: boolean,
    /** @internal */ public readonly azure?: AzureDnsZoneOptions,
    /** @internal */ public readonly google?: CloudDnsZoneOptions,
  ) {}
}

/** Props of {@link DnsZone}. */
export interface DnsZoneProps {
  /** Which cloud, and whether to create the zone or use an existing one. */
  readonly provider: DnsZoneProvider;
}

/** A DNS zone, created (delete-protected outside ephemeral mode) or existing. */
export class DnsZone extends Construct implements IDnsZone {
  /** Create an Azure DNS zone. */
  public static azure(scope: Construct, id: string, options: AzureDnsZoneOptions): DnsZone {
    return new DnsZone(scope, id, { provider: DnsZoneProvider.azure(options) });
  }
  /** Create a Cloud DNS managed zone. */
  public static cloudDns(scope: Construct, id: string, options: CloudDnsZoneOptions): DnsZone {
    return new DnsZone(scope, id, { provider: DnsZoneProvider.cloudDns(options) });
  }
  /** Use an existing Azure DNS zone (looked up by name). */
  public static fromExistingAzureZone(scope: Construct, id: string, options: AzureDnsZoneOptions): DnsZone {
    return new DnsZone(scope, id, { provider: DnsZoneProvider.existingAzure(options) });
  }
  /** Use an existing Cloud DNS managed zone (looked up by managed zone name). */
  public static fromExistingCloudDnsZone(scope: Construct, id: string, options: CloudDnsZoneOptions): DnsZone {
    return new DnsZone(scope, id, { provider: DnsZoneProvider.existingCloudDns(options) });
  }

  public readonly cloud: Cloud;
  public readonly zoneName: string;
  public readonly zoneId: string;
  public readonly nameServers: string[];
  public readonly subscriptionId?: string;
  public readonly resourceGroupName?: string;
  public readonly project?: string;
  public readonly managedZoneName?: string;
  public readonly zoneResource?: ITerraformDependable;
  /** True when this construct created the zone. */
  public readonly created: boolean;

  constructor(scope: Construct, id: string, props: DnsZoneProps) {
    super(scope, id);
    const path = this.node.path;
    const source = props.provider;
    this.cloud = source.cloud;
    this.created = !source.existing;
    if (source.azure) {
      const options = source.azure;
      assertZoneName(options.zoneName, `${path}.zoneName`);
      assertNonEmpty(options.resourceGroupName, `${path}.resourceGroupName`, 'acme-dns');
      assertNonEmpty(options.subscriptionId, `${path}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
      const provider = azureProvider(this, options.subscriptionId);
      if (source.existing) {
        const zone = new DataAzurermDnsZone(this, 'zone', { provider, name: options.zoneName, resourceGroupName: options.resourceGroupName });
        this.zoneId = zone.id;
        this.nameServers = zone.nameServers;
      } else {
        const ephemeral = options.ephemeral ?? false;
        const zone = new AzurermDnsZone(this, 'zone', {
          provider,
          name: options.zoneName,
          resourceGroupName: options.resourceGroupName,
          tags: ownershipTags({ ephemeral }, options.tags),
          // Deleting a zone loses every record and its delegation; only ephemeral zones may go.
          lifecycle: { preventDestroy: !ephemeral },
        });
        this.zoneId = zone.id;
        this.nameServers = zone.nameServers;
        this.zoneResource = zone;
      }
      this.zoneName = options.zoneName;
      this.subscriptionId = options.subscriptionId;
      this.resourceGroupName = options.resourceGroupName;
    } else {
      const options = source.google!;
      assertZoneName(options.zoneName, `${path}.zoneName`);
      assertNonEmpty(options.project, `${path}.project`, 'acme-prod');
      const managedZoneName = options.managedZoneName ?? defaultManagedZoneName(options.zoneName, source.existing ?? false);
      assertDns1123Label(managedZoneName, `${path}.managedZoneName`, 'Cloud DNS managed zone name');
      const provider = googleProvider(this, options.project);
      if (source.existing) {
        const zone = new DataGoogleDnsManagedZone(this, 'zone', { provider, name: managedZoneName, project: options.project });
        this.zoneId = zone.id;
        this.nameServers = zone.nameServers;
      } else {
        const ephemeral = options.ephemeral ?? false;
        const zone = new DnsManagedZone(this, 'zone', {
          provider,
          project: options.project,
          name: managedZoneName,
          dnsName: `${options.zoneName}.`,
          visibility: 'public',
          description: `${options.zoneName} (managed by cdktf-cross-cloud-mesh)`,
          // Signed zone (CKV_GCP_16); publishing the DS record at the parent is the registrar's step.
          dnssecConfig: { state: 'on' },
          labels: ownershipLabels(path, { ephemeral }, options.labels),
          forceDestroy: ephemeral,
          lifecycle: { preventDestroy: !ephemeral },
        });
        this.zoneId = zone.id;
        this.nameServers = zone.nameServers;
        this.zoneResource = zone;
      }
      this.zoneName = options.zoneName;
      this.project = options.project;
      this.managedZoneName = managedZoneName;
    }
  }

  /**
   * An A record `host` -> a gateway's reserved address, or a literal IPv4 address.
   * `host` must be inside this zone; `ttl` defaults to 300 seconds.
   */
  public addARecord(id: string, host: string, address: IReservedAddress | string, ttl?: number): GatewayDnsRecord {
    const reserved: IReservedAddress = typeof address === 'string' ? { cloud: this.cloud, address, serviceAnnotations: {} } : address;
    if (typeof address === 'string') assertIpv4Address(address, `${this.node.path}/${id}.address`);
    return new GatewayDnsRecord(this, id, { zone: this, host, address: reserved, ttl });
  }

  /** Delegates `child` (a zone under this one) with an NS record of its name servers. */
  public delegate(id: string, child: IDnsZone, ttl = 300): void {
    const path = `${this.node.path}/${id}`;
    assertIntegerInRange(ttl, `${path}.ttl`, 1, 2_147_483_647);
    const name = relativeRecordName(child.zoneName, this.zoneName, `${path}.child`);
    if (name === '@') {
      throw new ValidationError(`${path}.child`, child.zoneName, `is zone "${this.zoneName}" itself; delegate a sub-domain such as "azure.${this.zoneName}"`);
    }
    // The zone's cloud writes the delegation (lib/core/cloud-support.ts#CloudSupport.writeNsRecord).
    cloudSupport(this.cloud).writeNsRecord(this, id, this, {
      name,
      fqdn: child.zoneName,
      ttl,
      values: child.nameServers,
      dependsOn: waitForZone(this, this),
    });
  }
}

/**
 * The Cloud DNS managed zone name when none is given: the zone name with dots replaced by
 * dashes. A zone the library creates gets it cut to 63 characters with a hash; an existing
 * zone's name is looked up as it is (a cut name would not find it).
 */
export function defaultManagedZoneName(zoneName: string, existing: boolean): string {
  const name = zoneName.replace(/\./g, '-');
  return existing ? name : fitName(name, '', 63);
}

/** At least two labels: no registry delegates a top-level domain, and no CA issues a wildcard on one. */
export function zoneNameHasTwoLabels(zoneName: string): boolean {
  return zoneName.split('.').length >= 2;
}

function assertZoneName(zoneName: string, field: string): void {
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
