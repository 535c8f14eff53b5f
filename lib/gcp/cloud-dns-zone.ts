/**
 * A public Google Cloud DNS managed zone (stage "infra"), created (signed, delete-protected
 * outside ephemeral mode) or looked up, with its record sets.
 */
import { Construct } from 'constructs';
import { Fn, ITerraformDependable, TerraformIterator, Token, Tokenization } from 'cdktf';
import { DataGoogleDnsManagedZone } from '@cdktf/provider-google/lib/data-google-dns-managed-zone';
import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { Cloud } from '../core/cloud';
import { DnsRecordData, DnsRecordType } from '../dns/dns-record-data';
import { DnsZoneBase, assertZoneName } from '../dns/dns-zone';
import { googleProvider } from '../private/cloud-providers';
import { assertDns1123Label, assertNonEmpty } from '../private/validation';
import { ownershipLabels } from '../private/ownership';
import { fitName } from '../private/names';

/** Props of {@link CloudDnsZone}. */
export interface CloudDnsZoneProps {
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

/** A Cloud DNS managed zone, created or existing. */
export class CloudDnsZone extends DnsZoneBase {
  /** Use an existing managed zone, looked up by its managed zone name. */
  public static fromExistingZone(scope: Construct, id: string, props: CloudDnsZoneProps): CloudDnsZone {
    return new CloudDnsZone(scope, id, props, true);
  }

  public readonly cloud: Cloud = Cloud.GCP;
  public readonly zoneName: string;
  /** Managed zone id. */
  public readonly zoneId: string;
  public readonly nameServers: string[];
  public readonly zoneResource?: ITerraformDependable;
  public readonly project: string;
  public readonly managedZoneName: string;
  /** True when this construct created the zone. */
  public readonly created: boolean;

  /**
   * @param existing look the zone up instead of creating it (use `fromExistingZone`)
   */
  constructor(scope: Construct, id: string, props: CloudDnsZoneProps, existing = false) {
    super(scope, id);
    const path = this.node.path;
    assertZoneName(props.zoneName, `${path}.zoneName`);
    assertNonEmpty(props.project, `${path}.project`, 'acme-prod');
    const managedZoneName = props.managedZoneName ?? defaultManagedZoneName(props.zoneName, existing);
    assertDns1123Label(managedZoneName, `${path}.managedZoneName`, 'Cloud DNS managed zone name');
    const provider = googleProvider(this, props.project);
    this.created = !existing;
    if (existing) {
      const zone = new DataGoogleDnsManagedZone(this, 'zone', { provider, name: managedZoneName, project: props.project });
      this.zoneId = zone.id;
      this.nameServers = zone.nameServers;
    } else {
      const ephemeral = props.ephemeral ?? false;
      const zone = new DnsManagedZone(this, 'zone', {
        provider,
        project: props.project,
        name: managedZoneName,
        dnsName: `${props.zoneName}.`,
        visibility: 'public',
        description: `${props.zoneName} (managed by cdktf-cross-cloud-mesh)`,
        // Signed zone (CKV_GCP_16); publishing the DS record at the parent is the registrar's step.
        dnssecConfig: { state: 'on' },
        labels: ownershipLabels(path, { ephemeral }, props.labels),
        forceDestroy: ephemeral,
        lifecycle: { preventDestroy: !ephemeral },
      });
      this.zoneId = zone.id;
      this.nameServers = zone.nameServers;
      this.zoneResource = zone;
    }
    this.zoneName = props.zoneName;
    this.project = props.project;
    this.managedZoneName = managedZoneName;
  }

  /** One record-set resource for every type; Cloud DNS takes the fully qualified name with its dot. */
  public writeRecord(scope: Construct, id: string, record: DnsRecordData): void {
    new DnsRecordSet(scope, id, {
      provider: googleProvider(scope, this.project),
      project: this.project,
      managedZone: this.managedZoneName,
      name: `${record.fqdn}.`,
      type: record.type,
      ttl: record.ttl,
      rrdatas: record.type === DnsRecordType.NS ? absoluteNames(record.values) : record.values,
      dependsOn: record.dependsOn,
    });
  }
}

/**
 * Name servers as Cloud DNS takes them: absolute, with the trailing dot. The provider passes
 * `rrdatas` through as given (hashicorp/terraform-provider-google@v6.50.0:google/services/dns/resource_dns_record_set.go#expandDnsRecordSetRrdata)
 * and the API refuses an NS target without the dot; Route 53 reports its name servers
 * without one (`ns-123.awsdns-45.com`), Azure DNS and Cloud DNS with it, so each name is
 * given exactly one: in Terraform for names known only at apply, here for literals.
 */
function absoluteNames(values: string[]): string[] {
  const list = Tokenization.reverseList(values);
  if (list !== undefined) return Token.asList(TerraformIterator.fromList(list).forExpressionForList('format("%s.", trimsuffix(val, "."))'));
  return values.map((value) => (Token.isUnresolved(value) ? Fn.format('%s.', [Fn.trimsuffix(value, '.')]) : `${value.replace(/\.$/, '')}.`));
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
