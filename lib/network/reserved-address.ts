import { Cloud } from '../core/cloud';

/**
 * A static public IP reserved in stage "infra", so that KDS, zone ingresses and
 * gateways have addresses known before any Helm release exists.
 */
export interface IReservedAddress {
  /** Cloud the address lives in; a LoadBalancer Service can only bind it on that cloud. */
  readonly cloud: Cloud;
  /** The IPv4 address (a token until deploy). */
  readonly address: string;
  /**
   * Annotations a Kubernetes `LoadBalancer` Service needs, next to
   * `spec.loadBalancerIP = address`, to bind this address (on AKS: the resource group).
   */
  readonly serviceAnnotations: { [key: string]: string };
  /**
   * Every address clients may use when the load balancer has several (an AWS NLB has one
   * Elastic IP per availability zone); DNS records list them all, so one impaired zone does
   * not take the host name with it.
   * @default [address]
   */
  readonly addresses?: string[];
}
