/**
 * Google Cloud behind the cloud seam (lib/core/cloud-support.ts): GKE clusters, compute
 * addresses, Cloud DNS, and cert-manager's DNS-01 through GKE Workload Identity. The
 * constructs stay in their concern folders (lib/clusters/gke-cluster.ts, ...); the
 * topology reaches them only through this object, via lib/core/cloud-registry.ts.
 */
import { GKE_CLUSTER_NAME_MAX_LENGTH, cloudDnsSolverServiceAccountId, GKE_MASTER_CIDR_PREFIX_LENGTH, gkeNodeCountDefaults } from '../private/cluster-names';
import { GkeCluster, GkeClusterProps, IGkeCluster, gkeClusterNetworkRanges } from '../clusters/gke-cluster';
import { Cloud } from '../core/cloud';
import type { CloudSupport, ITopologyDnsZone } from '../core/cloud-support';
import { CloudDnsZone, defaultManagedZoneName } from './cloud-dns-zone';
import { TopologyCluster } from '../private/topology-cluster';
import { isDns1123Label, parseIpv4Cidr, ValidationError } from '../private/validation';
import { ownershipLabels } from '../private/ownership';
import { CloudDnsSolverIdentity } from '../tls/cloud-dns-solver-identity';
import { IssuerKind } from '../tls/cluster-issuer';
import { effectiveIssuer } from '../core/topology-defaults';
import { CertificateIssuer, AKS_CLUSTER_FIELDS, EXISTING_EKS_CLUSTER_FIELDS, TopologySpec } from '../core/topology-spec';

/** A GKE cluster of the topology, created or imported (GkeCluster.fromClusterAttributes). */
class GoogleCluster extends TopologyCluster<IGkeCluster> {}

function projectOf(spec: TopologySpec): string {
  return spec.accounts.gcp!.project;
}

const NETWORK_FIELDS = ['subnetCidr', 'podsCidr', 'servicesCidr', 'masterCidr'] as const;
const startsWithLetter = (text: string) => /^[a-z]/.test(text);

export const GCP: CloudSupport = {
  cloud: Cloud.GCP,
  clusterKind: 'GKE',
  accountFields: 'project and region',
  hasAccount: (spec) => spec.accounts.gcp !== undefined,
  accountRegion: (spec) => spec.accounts.gcp!.region,
  clusterNameMaxLength: GKE_CLUSTER_NAME_MAX_LENGTH,
  nodeCountDefaults: gkeNodeCountDefaults,
  networkFields: NETWORK_FIELDS,
  networkRanges: (network, prefix) =>
    gkeClusterNetworkRanges({ subnetCidr: network.subnetCidr, podsCidr: network.podsCidr, servicesCidr: network.servicesCidr, masterCidr: network.masterCidr } as GkeClusterProps, prefix),

  checkCluster(spec, cluster, path, add) {
    for (const field of EXISTING_EKS_CLUSTER_FIELDS) {
      if (cluster[field] !== undefined) add(`${path}.${field}`, cluster[field], 'applies to existing EKS clusters (cloud aws) only; remove it for a GKE cluster');
    }
    for (const field of AKS_CLUSTER_FIELDS) {
      if (cluster[field] !== undefined) add(`${path}.${field}`, cluster[field], 'applies to AKS clusters (cloud azure) only; remove it for a GKE cluster');
    }
    // The owner becomes a label of every Google resource the topology creates: checked once,
    // with the first created GKE cluster, by the same rule the labels are written with.
    const firstCreated = spec.clusters.find((candidate) => candidate.cloud === cluster.cloud && !candidate.existing);
    if (firstCreated === cluster && spec.owner !== undefined) {
      try {
        ownershipLabels('topology', { owner: spec.owner });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        add('owner', spec.owner, `${error.fix} (it labels the Google resources of cluster "${cluster.name}")`);
      }
    }
    // Created GKE clusters, their node service accounts and addresses are named
    // `<environment>-<cluster>...`: GKE names, service account ids and Compute names
    // (RFC 1035) all start with a letter; so does the DNS solver's service account.
    const acme = effectiveIssuer(spec) === CertificateIssuer.ACME;
    const gatewayClusters = new Set(spec.gateways.map((gateway) => spec.zones.find((zone) => zone.name === gateway.zone)?.cluster));
    const createsGoogleNames = !cluster.existing || (acme && gatewayClusters.has(cluster.name));
    if (createsGoogleNames && !startsWithLetter(spec.environment)) {
      add('environment', spec.environment, `must start with a letter: it begins the names of Google resources of cluster "${cluster.name}" (GKE cluster names, service account ids and Compute names start with a letter), e.g. "env-${spec.environment}"`);
    }
    // An existing cluster's reserved addresses are named `<cluster>-<purpose>` (RFC 1035).
    if (cluster.existing && !startsWithLetter(cluster.name)) {
      add(`${path}.name`, cluster.name, 'must start with a letter: it begins the names of the Compute addresses the topology reserves for this GKE cluster (RFC 1035)');
    }
    const master = cluster.network?.masterCidr;
    const parsed = master === undefined ? undefined : parseIpv4Cidr(master);
    if (parsed && parsed.prefixLength !== GKE_MASTER_CIDR_PREFIX_LENGTH) {
      add(`${path}.network.masterCidr`, master, `must be a /${GKE_MASTER_CIDR_PREFIX_LENGTH} block (a GKE private control plane takes exactly 16 addresses), e.g. "172.16.0.0/28"`);
    }
  },

  checkDns(spec, add) {
    // An existing Cloud DNS zone is looked up by its managed zone name: the default one must be a real name.
    const dns = spec.dns;
    if (dns.existing && dns.managedZoneName === undefined && !isDns1123Label(defaultManagedZoneName(dns.zone, true))) {
      add('dns.managedZoneName', undefined, `is required for this existing Cloud DNS zone: the default ("${defaultManagedZoneName(dns.zone, true)}", the zone name with dots replaced by dashes) is not a managed zone name (at most 63 characters); give the zone's real managed zone name`);
    }
  },

  // The google providers of each stack (with the user's CloudProviderFactory) are configured
  // by lib/private/cloud-providers.ts#configureCloudProviders, shared with the other cloud.
  configureStack() {},

  buildCluster(infra, spec, cluster, { region, resourceName, ownership }) {
    const project = projectOf(spec);
    if (cluster.existing) {
      return new GoogleCluster(cluster, GkeCluster.fromClusterAttributes(infra, `cluster-${cluster.name}`, { clusterName: cluster.name, project, region, ...ownership }));
    }
    const gke = new GkeCluster(infra, `cluster-${cluster.name}`, {
      name: resourceName,
      project,
      region,
      subnetCidr: cluster.network?.subnetCidr,
      podsCidr: cluster.network?.podsCidr,
      servicesCidr: cluster.network?.servicesCidr,
      masterCidr: cluster.network?.masterCidr,
      machineType: cluster.nodes?.size,
      minNodes: cluster.nodes?.min,
      maxNodes: cluster.nodes?.max,
      masterAuthorizedNetworks: cluster.apiServerAuthorizedRanges,
      allowPublicApiServer: cluster.allowPublicApiServer,
      ...ownership,
    });
    return new GoogleCluster(cluster, gke);
  },

  publicZone(infra, spec): ITopologyDnsZone {
    const dns = spec.dns;
    const project = projectOf(spec);
    return dns.existing
      ? CloudDnsZone.fromExistingZone(infra, 'dns', { zoneName: dns.zone, project, managedZoneName: dns.managedZoneName })
      : new CloudDnsZone(infra, 'dns', { zoneName: dns.zone, project, managedZoneName: dns.managedZoneName, ephemeral: spec.ephemeral ?? false });
  },

  subZone(infra, id, spec, _cluster, zoneName) {
    return new CloudDnsZone(infra, id, { zoneName, project: projectOf(spec), ephemeral: spec.ephemeral ?? false });
  },

  dnsSolver(infra, id, spec, cluster, zone) {
    const identity = new CloudDnsSolverIdentity(infra, id, {
      name: cloudDnsSolverServiceAccountId(spec.environment, cluster.spec.name),
      project: projectOf(spec),
      // A created cluster's workload identity pool exists only once the cluster does.
      cluster: cluster instanceof GoogleCluster && cluster.cluster instanceof GkeCluster ? cluster.cluster : undefined,
    });
    return {
      zone,
      workloadIdentity: identity.workloadIdentity,
      issuerKind: (email, server) => IssuerKind.acmeCloudDns({ email, server, project: identity.project }),
    };
  },

  platformAddons: () => [],
};

