/**
 * Elastic IPs reserved in stage "infra" for one internet-facing network load balancer
 * (KDS, a zone ingress, a gateway), bound by the AWS Load Balancer Controller through
 * Service annotations, so the address is known before any Helm release exists.
 *
 * The controller pairs the allocations with the load balancer's subnets by index and
 * refuses a Service whose counts differ ("count of EIP allocations (n) and subnets (m)
 * must match") or whose scheme is not internet-facing:
 * kubernetes-sigs/aws-load-balancer-controller@v2.17.1:pkg/service/model_build_load_balancer.go#buildLoadBalancerSubnetMappings.
 * So one address is reserved per public subnet (one per zone) and the subnets are named
 * too, which fixes the count; an Elastic IP is regional, so any pairing is valid.
 */
import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { Cloud } from '../core/cloud';
import { assertOwnership, ownershipTags } from '../private/ownership';
import { IReservedAddress } from '../network/reserved-address';
import { ValidationError, assertNonEmpty } from '../private/validation';
import { AWS_CLOUD, awsProvider } from './aws-provider';

/** Everything about Elastic IPs except where they live (used by `EksCluster.reservePublicAddress`). */
export interface ElasticIpAddressOptions {
  /**
   * `Name` tag of the addresses, suffixed with the zone index.
   * @default derived by the caller (`EksCluster.reservePublicAddress`: `<cluster>-<id>`)
   */
  readonly name?: string;
  /**
   * Extra tags.
   * @default only the ownership tags
   */
  readonly tags?: { [key: string]: string };
}

/** Props of a standalone {@link ElasticIpAddress}. */
export interface ElasticIpAddressProps extends ElasticIpAddressOptions {
  /** `Name` tag of the addresses, suffixed with the zone index. */
  readonly name: string;
  /** Region of the addresses and the cluster. */
  readonly region: string;
  /**
   * The public subnets the load balancer gets a node in, one per zone: one address is
   * reserved per subnet. At least two (the controller's NLB spans the cluster's zones).
   */
  readonly publicSubnetIds: string[];
  /**
   * Ephemeral mode: the addresses may be destroyed; owner and expiry become required tags.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * `owner` tag (required when ephemeral).
   * @default no owner tag
   */
  readonly owner?: string;
  /**
   * `expires-at` tag, a date YYYY-MM-DD (required when ephemeral).
   * @default no expiry tag
   */
  readonly expiresAt?: string;
}

/** Annotation prefix the AWS Load Balancer Controller reads Service settings from. */
const PREFIX = 'service.beta.kubernetes.io/';

/**
 * The Service annotations that make the AWS Load Balancer Controller build an
 * internet-facing NLB on these subnets with these Elastic IPs. Pure.
 *
 * - `aws-load-balancer-type: external` with `aws-load-balancer-nlb-target-type: ip` is
 *   what the controller claims a Service by (pkg/service/service_utils.go#checkAWSLoadBalancerTypeAnnotation);
 *   without it the legacy cloud provider builds a Classic Load Balancer with no fixed address.
 * - `aws-load-balancer-scheme: internet-facing`: the controller's default is internal, and
 *   EIPs are refused on an internal NLB.
 * - cross-zone load balancing: a client that resolves or dials any one of the addresses
 *   reaches targets in every zone, so publishing one address (as on AKS and GKE) works.
 */
export function elasticIpServiceAnnotations(allocationIds: string[], subnetIds: string[]): { [key: string]: string } {
  return {
    [`${PREFIX}aws-load-balancer-type`]: 'external',
    [`${PREFIX}aws-load-balancer-nlb-target-type`]: 'ip',
    [`${PREFIX}aws-load-balancer-scheme`]: 'internet-facing',
    [`${PREFIX}aws-load-balancer-subnets`]: subnetIds.join(','),
    [`${PREFIX}aws-load-balancer-eip-allocations`]: allocationIds.join(','),
    [`${PREFIX}aws-load-balancer-attributes`]: 'load_balancing.cross_zone.enabled=true',
  };
}

/**
 * Elastic IPs for one network load balancer, one per public subnet. `spec.loadBalancerIP`
 * (which `IReservedAddress` users set to {@link address}) is harmless here: the controller
 * never reads it; the annotations alone bind the addresses.
 */
export class ElasticIpAddress extends Construct implements IReservedAddress {
  public readonly cloud: Cloud = AWS_CLOUD;
  /** The first address (the load balancer answers on each; cross-zone balancing is on). */
  public readonly address: string;
  /** Every address, one per subnet in subnet order. */
  public readonly addresses: string[];
  /** Allocation ids, in subnet order. */
  public readonly allocationIds: string[];
  public readonly serviceAnnotations: { [key: string]: string };

  constructor(scope: Construct, id: string, props: ElasticIpAddressProps) {
    super(scope, id);
    const path = this.node.path;
    assertNonEmpty(props.name, `${path}.name`, 'acme-aws-kds');
    assertNonEmpty(props.region, `${path}.region`, 'eu-west-1');
    if (props.publicSubnetIds.length < 2) {
      throw new ValidationError(`${path}.publicSubnetIds`, props.publicSubnetIds, 'must list the public subnet of each of at least two zones (one Elastic IP is reserved per subnet), e.g. EksCluster.publicSubnetIds');
    }
    assertOwnership(path, props);
    const provider = awsProvider(this, props.region);
    const tags = ownershipTags(props, props.tags);
    const eips = props.publicSubnetIds.map((_, index) =>
      new Eip(this, `address-${index}`, {
        provider,
        domain: 'vpc',
        tags: { ...tags, Name: `${props.name}-${index}` },
        // DNS records and allow-lists point at these addresses: losing one is an outage.
        lifecycle: props.ephemeral ? undefined : { preventDestroy: true },
      }),
    );
    this.addresses = eips.map((eip) => eip.publicIp);
    this.address = this.addresses[0];
    this.allocationIds = eips.map((eip) => eip.allocationId);
    this.serviceAnnotations = elasticIpServiceAnnotations(this.allocationIds, props.publicSubnetIds);
  }
}
