/**
 * A public Azure DNS zone (stage "infra"), created (delete-protected outside ephemeral
 * mode) or looked up, with its A and NS records.
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { DataAzurermDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-dns-zone';
import { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
import { DnsNsRecord } from '@cdktf/provider-azurerm/lib/dns-ns-record';
import { DnsZone as AzurermDnsZone } from '@cdktf/provider-azurerm/lib/dns-zone';
import { Cloud } from '../core/cloud';
import { DnsRecordData, DnsRecordType } from '../dns/dns-record-data';
import { DnsZoneBase, assertZoneName } from '../dns/dns-zone';
import { azureProvider } from '../private/cloud-providers';
import { assertNonEmpty } from '../private/validation';
import { ownershipTags } from '../private/ownership';

/** Props of {@link AzureDnsZone}. */
export interface AzureDnsZoneProps {
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

/** An Azure DNS zone, created or existing. */
export class AzureDnsZone extends DnsZoneBase {
  /** Use an existing Azure DNS zone, looked up by name in its resource group. */
  public static fromExistingZone(scope: Construct, id: string, props: AzureDnsZoneProps): AzureDnsZone {
    return new AzureDnsZone(scope, id, props, true);
  }

  public readonly cloud: Cloud = Cloud.AZURE;
  public readonly zoneName: string;
  /** Resource id of the zone (the scope of the DNS-01 solver's role assignment). */
  public readonly zoneId: string;
  public readonly nameServers: string[];
  public readonly zoneResource?: ITerraformDependable;
  public readonly subscriptionId: string;
  public readonly resourceGroupName: string;
  /** True when this construct created the zone. */
  public readonly created: boolean;

  /**
   * @param existing look the zone up instead of creating it (use `fromExistingZone`)
   */
  constructor(scope: Construct, id: string, props: AzureDnsZoneProps, existing = false) {
    super(scope, id);
    const path = this.node.path;
    assertZoneName(props.zoneName, `${path}.zoneName`);
    assertNonEmpty(props.resourceGroupName, `${path}.resourceGroupName`, 'acme-dns');
    assertNonEmpty(props.subscriptionId, `${path}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
    const provider = azureProvider(this, props.subscriptionId);
    this.created = !existing;
    if (existing) {
      const zone = new DataAzurermDnsZone(this, 'zone', { provider, name: props.zoneName, resourceGroupName: props.resourceGroupName });
      this.zoneId = zone.id;
      this.nameServers = zone.nameServers;
    } else {
      const ephemeral = props.ephemeral ?? false;
      const zone = new AzurermDnsZone(this, 'zone', {
        provider,
        name: props.zoneName,
        resourceGroupName: props.resourceGroupName,
        tags: ownershipTags({ ephemeral }, props.tags),
        // Deleting a zone loses every record and its delegation; only ephemeral zones may go.
        lifecycle: { preventDestroy: !ephemeral },
      });
      this.zoneId = zone.id;
      this.nameServers = zone.nameServers;
      this.zoneResource = zone;
    }
    this.zoneName = props.zoneName;
    this.subscriptionId = props.subscriptionId;
    this.resourceGroupName = props.resourceGroupName;
  }

  /** Azure DNS has a resource per record type; both take the name relative to the zone. */
  public writeRecord(scope: Construct, id: string, record: DnsRecordData): void {
    const common = {
      provider: azureProvider(scope, this.subscriptionId),
      name: record.name,
      zoneName: this.zoneName,
      resourceGroupName: this.resourceGroupName,
      ttl: record.ttl,
      records: record.values,
      dependsOn: record.dependsOn,
    };
    if (record.type === DnsRecordType.NS) new DnsNsRecord(scope, id, common);
    else new DnsARecord(scope, id, common);
  }
}
