import { Cloud } from '../../lib/core/cloud';
import { CertificateIssuer, GlobalPlacement, TopologySpec } from '../../lib/topology/topology-spec';

export interface EphemeralTopologyOptions {
  readonly environment: string;
  readonly owner: string;
  /**
   * Lifetime from creation (`3d`): fixed in state when the environment is created, so
   * re-applying it changes no tag or label.
   */
  readonly ttl: string;
  readonly azureSubscriptionId: string;
  readonly googleProject: string;
  /** An existing zone preview environments get records in, e.g. `preview.acme.example`. */
  readonly dnsZone: string;
  readonly dnsCloud: Cloud;
}

/**
 * The reference scenario, small and disposable: the same three clusters (so the
 * cross-cloud path under test is the real one), at ephemeral sizes, with records in an
 * existing preview zone and certificates from a self-signed CA. Unlike the reference, the
 * API runs in both zones with cross-zone failover.
 */
export function ephemeralTopology(options: EphemeralTopologyOptions): TopologySpec {
  const domain = `${options.environment}.${options.dnsZone}`;
  return {
    environment: options.environment,
    ephemeral: true,
    owner: options.owner,
    ttl: options.ttl,
    accounts: {
      azure: { subscriptionId: options.azureSubscriptionId, location: 'westeurope' },
      gcp: { project: options.googleProject, region: 'europe-west1' },
    },
    clusters: [
      // Ephemeral clusters are reached from CI runners whose addresses are not known in
      // advance: the public API server is a named, reported waiver (CKV_AZURE_6, CKV_GCP_20).
      { name: 'global', cloud: Cloud.GCP, allowPublicApiServer: true, network: { subnetCidr: '10.30.0.0/20', podsCidr: '10.32.0.0/14', servicesCidr: '10.36.0.0/20', masterCidr: '172.16.0.16/28' } },
      { name: 'gke', cloud: Cloud.GCP, allowPublicApiServer: true },
      { name: 'aks', cloud: Cloud.AZURE, allowPublicApiServer: true },
    ],
    mesh: { global: { placement: GlobalPlacement.DEDICATED_CLUSTER, cluster: 'global' } },
    zones: [
      { name: 'azure', cluster: 'aks' },
      { name: 'gcp', cluster: 'gke' },
    ],
    dns: { zone: options.dnsZone, cloud: options.dnsCloud, existing: true, ttl: 60 },
    certificates: { issuer: CertificateIssuer.SELF_SIGNED },
    gateways: [
      { name: 'gateway', zone: 'gcp', domain },
      { name: 'gateway-azure', zone: 'azure', domain: `azure.${domain}`, includeApex: false },
    ],
    // In both zones: each gateway's route prefers its own zone's copy and fails over to the
    // other cloud's (MeshMultiZoneService + MeshLoadBalancingStrategy); the checks prove it.
    apis: [{ name: 'catalog', zones: ['gcp', 'azure'] }],
    routes: [
      { gateway: 'gateway', host: `catalog.${domain}`, api: 'catalog' },
      { gateway: 'gateway-azure', host: `catalog.azure.${domain}`, api: 'catalog' },
      // The gateway-to-gateway path across clouds, as in the reference scenario.
      { gateway: 'gateway-azure', host: `catalog-gcp.azure.${domain}`, via: { gateway: 'gateway', host: `catalog.${domain}` } },
    ],
    connectivityChecks: true,
  };
}
