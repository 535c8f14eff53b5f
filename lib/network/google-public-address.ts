/**
 * A static regional external IPv4 address on Google Cloud, reserved in the infra
 * stage so that KDS, zone ingresses and gateways have addresses known before any
 * Helm release exists.
 */
import { Construct } from 'constructs';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { Cloud } from '../core/cloud';
import { googleProvider } from '../private/cloud-providers';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';
import { assertOwnership, ownershipLabels } from '../private/ownership';
import { IReservedAddress } from './reserved-address';

/** What a standalone and a cluster-reserved Google address share. */
export interface GooglePublicAddressSettings {
  /**
   * Extra labels.
   * @default only the owner / expiry labels
   */
  readonly labels?: { [key: string]: string };
}

/**
 * Everything about a Google address except where it lives (used by `GkeCluster.reservePublicAddress`).
 * Not a base of {@link GooglePublicAddressProps}: jsii forbids re-declaring `name` as required (JSII5015).
 */
export interface GooglePublicAddressOptions extends GooglePublicAddressSettings {
  /**
   * Name of the address resource (a lower-case RFC 1035 label).
   * @default derived by the caller (`GkeCluster.reservePublicAddress`: `<cluster>-<id>`)
   */
  readonly name?: string;
}

/** Props of a standalone {@link GooglePublicAddress}. */
export interface GooglePublicAddressProps extends GooglePublicAddressSettings {
  /** Name of the address resource (a lower-case RFC 1035 label). */
  readonly name: string;
  /** Project of the address. */
  readonly project: string;
  /** Region of the address; a LoadBalancer Service can only bind it in a cluster of that region. */
  readonly region: string;
  /**
   * Ephemeral mode: no delete protection; owner and expiry become required labels.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Owner label (required when ephemeral).
   * @default no owner label
   */
  readonly owner?: string;
  /**
   * `expires-at` label, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry label
   */
  readonly expiresAt?: string;
}

const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * A regional `EXTERNAL` compute address, Premium tier. Bind it to a `LoadBalancer`
 * Service of a GKE cluster in the same region with `spec.loadBalancerIP = address`
 * (no annotation is needed on GKE).
 */
export class GooglePublicAddress extends Construct implements IReservedAddress {
  public readonly cloud = Cloud.GCP;
  /** The IPv4 address (known after the infra stage is applied). */
  public readonly address: string;
  /** Name of the address resource. */
  public readonly addressName: string;
  /** The address's self link, for resources that take one (Cloud NAT). */
  public readonly selfLink: string;
  /** GKE binds a regional address through `spec.loadBalancerIP` alone. */
  public readonly serviceAnnotations: { [key: string]: string } = {};

  constructor(scope: Construct, id: string, props: GooglePublicAddressProps) {
    super(scope, id);
    const path = this.node.path;
    assertNonEmpty(props.name, `${path}.name`, 'gateway-ip');
    if (!isUnresolved(props.name) && !RFC1035.test(props.name)) {
      throw new ValidationError(`${path}.name`, props.name, 'must be a lower-case RFC 1035 label (letters, digits and "-", starting with a letter, at most 63 characters), e.g. "gateway-ip"');
    }
    assertNonEmpty(props.project, `${path}.project`, 'acme-prod');
    assertNonEmpty(props.region, `${path}.region`, 'europe-west1');
    assertOwnership(path, props);

    const address = new ComputeAddress(this, 'address', {
      provider: googleProvider(this, props.project, props.region),
      name: props.name,
      project: props.project,
      region: props.region,
      addressType: 'EXTERNAL',
      // Premium tier: the tier GKE's regional external load balancers use by default.
      networkTier: 'PREMIUM',
      ipVersion: 'IPV4',
      labels: ownershipLabels(path, props, props.labels),
      // DNS records and allow-lists point at this address: losing it is an outage.
      lifecycle: props.ephemeral ? undefined : { preventDestroy: true },
    });

    this.address = address.address;
    this.addressName = props.name;
    this.selfLink = address.selfLink;
  }
}
