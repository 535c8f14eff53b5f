/**
 * The configuration matrix: Kuma and Kong Mesh, each global placement, 1 to 5 zones,
 * ephemeral on and off, both issuers, DNS on either cloud, an API in one zone or several,
 * mesh resilience and telemetry off, by default and with every option set. The conformance, staging,
 * policy and upstream-behaviour suites all judge these same configurations.
 */
import { Cloud } from '../../lib/core/cloud';
import { CertificateIssuer, GlobalPlacement, MeshDistributionName } from '../../lib/topology/topology-spec';
import { GeneratedTopologyOptions } from './generated-topology';

/** Every cluster and the DNS zone on AWS. */
export const ALL_AWS: GeneratedTopologyOptions = { zones: 2, globalCloud: Cloud.AWS, cloudOfZone: () => Cloud.AWS, dnsCloud: Cloud.AWS };
/** The same on EKS clusters that exist already (read by name; Elastic IPs in their given public subnets). */
export const ALL_AWS_EXISTING: GeneratedTopologyOptions = { ...ALL_AWS, existingClusters: true };

export const MATRIX: readonly GeneratedTopologyOptions[] = [
  { zones: 1 },
  { zones: 2, distribution: MeshDistributionName.KONG_MESH, resilience: 'overrides', observability: 'collector' },
  { zones: 2, ephemeral: true, issuer: CertificateIssuer.SELF_SIGNED },
  { zones: 3, dnsCloud: Cloud.AZURE, placement: GlobalPlacement.UNIVERSAL_POSTGRES, observability: 'defaults' },
  { zones: 3, ephemeral: true, distribution: MeshDistributionName.KONG_MESH, placement: GlobalPlacement.EXTERNAL },
  { zones: 4, placement: GlobalPlacement.EXTERNAL, issuer: CertificateIssuer.SELF_SIGNED, resilience: 'off' },
  { zones: 5, ephemeral: true, placement: GlobalPlacement.UNIVERSAL_POSTGRES, distribution: MeshDistributionName.KONG_MESH, resilience: 'overrides', observability: 'collector' },
  { zones: 5, cloudOfZone: () => Cloud.AZURE },
  // An API in two of three zones with cross-zone failover, on a Universal global (kumactl documents).
  { zones: 3, apiZones: 2, placement: GlobalPlacement.UNIVERSAL_POSTGRES },
  // An EKS zone next to GKE: its gateway's sub-domain delegated from Cloud DNS to Route 53,
  // DNS-01 through Pod Identity, Elastic IPs behind the AWS Load Balancer Controller's NLBs.
  { zones: 2, cloudOfZone: (index) => (index === 0 ? Cloud.AWS : Cloud.GCP) },
  // All on AWS (test/terraform validates its infra stack with the real provider).
  ALL_AWS,
  // All on existing EKS clusters (test/terraform validates this infra stack too).
  ALL_AWS_EXISTING,
];

/** A readable name for one configuration, for test titles. */
export function matrixName(options: GeneratedTopologyOptions): string {
  const clouds = options.cloudOfZone ? Array.from({ length: options.zones }, (_, index) => options.cloudOfZone!(index)).join('+') : undefined;
  return JSON.stringify({ ...options, cloudOfZone: clouds });
}
