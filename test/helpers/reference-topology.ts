/**
 * The reference scenario as a typed topology (the same clusters, zones, gateways, API and
 * routes as examples/acme-corp, without the YAML's environment variables). Each call returns
 * a fresh object, so tests may edit their copy to make bad cases.
 */
import { Cloud } from '../../lib/core/cloud';
import { CertificateIssuer, GlobalPlacement, TopologySpec } from '../../lib/topology/topology-spec';

export function referenceTopologySpec(): TopologySpec {
  return {
    environment: 'acme',
    accounts: {
      azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', location: 'westeurope' },
      gcp: { project: 'acme-example-project', region: 'europe-west1' },
    },
    clusters: [
      { name: 'global', cloud: Cloud.GCP, network: { subnetCidr: '10.30.0.0/20', podsCidr: '10.32.0.0/14', servicesCidr: '10.36.0.0/20', masterCidr: '172.16.0.16/28' }, apiServerAuthorizedRanges: ['203.0.113.0/24'] },
      { name: 'gke', cloud: Cloud.GCP, apiServerAuthorizedRanges: ['203.0.113.0/24'] },
      { name: 'aks', cloud: Cloud.AZURE, apiServerAuthorizedRanges: ['203.0.113.0/24'] },
    ],
    mesh: { global: { placement: GlobalPlacement.DEDICATED_CLUSTER, cluster: 'global' } },
    zones: [
      { name: 'azure', cluster: 'aks' },
      { name: 'gcp', cluster: 'gke' },
    ],
    dns: { zone: 'acme.example', cloud: Cloud.GCP },
    certificates: { issuer: CertificateIssuer.ACME, email: 'platform@acme.example' },
    gateways: [
      { name: 'gateway', zone: 'gcp', domain: 'acme.example' },
      { name: 'gateway-azure', zone: 'azure', domain: 'azure.acme.example', includeApex: false },
    ],
    apis: [{ name: 'catalog', zones: ['gcp'] }],
    routes: [
      { gateway: 'gateway', host: 'catalog.acme.example', api: 'catalog' },
      { gateway: 'gateway-azure', host: 'catalog.azure.acme.example', via: { gateway: 'gateway', host: 'catalog.acme.example' } },
    ],
  };
}
