/**
 * Amazon Web Services behind the cloud seam (lib/core/cloud-support.ts): EKS clusters,
 * Elastic IPs for the network load balancers of KDS, zone ingresses and gateways, Route 53
 * zones and records, cert-manager's DNS-01 through an EKS Pod Identity role, and the AWS
 * Load Balancer Controller in stage "platform" (the NLBs that bind the Elastic IPs are its).
 *
 * @cdktf/provider-aws is an optional peer: the registry loads this module whenever a
 * check asks every cloud (e.g. which cloud a network field belongs to), so it loads the
 * constructs, which import the provider, only when it builds something.
 */
import type { Construct } from 'constructs';
import type { TerraformStack } from 'cdktf';
import type { IClusterConnection } from '../clusters/cluster-connection';
import { Cloud } from '../core/cloud';
import type { CloudCluster, CloudIssueSink, CloudSupport, ITopologyDnsZone } from '../core/cloud-support';
import { DnsRecordData, DnsRecordType } from '../dns/dns-record-data';
import { TopologyCluster } from '../private/topology-cluster';
import type { IDnsZone } from '../dns/dns-zone';
import { relativeRecordName, waitForZone } from '../dns/gateway-dns-record';
import type { IReservedAddress } from '../network/reserved-address';
import { fitName } from '../private/names';
import { ValidationError, parseIpv4Cidr } from '../private/validation';
import { IssuerKind } from '../tls/cluster-issuer';
import { AKS_CLUSTER_FIELDS, EXISTING_EKS_CLUSTER_FIELDS, type ClusterSpec, type TopologySpec } from '../core/topology-spec';
import type { AwsLoadBalancerControllerIdentity } from './aws-load-balancer-controller';
import {
  AWS_REGION,
  EKS_SERVICES_PREFIX_LENGTHS,
  EKS_TOPOLOGY_CLUSTER_NAME_MAX_LENGTH,
  EKS_VPC_PREFIX_LENGTHS,
  IAM_ROLE_NAME_MAX_LENGTH,
  eksClusterNetworkRanges,
  eksNodeCountDefaults,
} from './eks-cluster-defaults';
import type { IEksCluster } from './eks-cluster';
import { EksClusterAttributes, eksClusterAttributeProblems } from './eks-cluster-attributes';
import type { Route53HostedZone } from './route53-hosted-zone';

/* eslint-disable @typescript-eslint/no-require-imports */
const load = {
  provider: () => require('./aws-provider') as typeof import('./aws-provider'),
  cluster: () => require('./eks-cluster') as typeof import('./eks-cluster'),
  connection: () => require('./eks-cluster-connection') as typeof import('./eks-cluster-connection'),
  controller: () => require('./aws-load-balancer-controller') as typeof import('./aws-load-balancer-controller'),
  zone: () => require('./route53-hosted-zone') as typeof import('./route53-hosted-zone'),
  solver: () => require('./route53-solver-identity') as typeof import('./route53-solver-identity'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * An EKS cluster of the topology (created, or imported by EksCluster.fromClusterAttributes),
 * with the load balancer controller identity it made in stage "infra" (none when an existing
 * cluster runs its own controller).
 */
class AwsCluster extends TopologyCluster<IEksCluster> {
  constructor(
    spec: ClusterSpec,
    connection: IClusterConnection,
    eks: IEksCluster,
    public readonly loadBalancerController: AwsLoadBalancerControllerIdentity | undefined,
  ) {
    super(spec, eks, connection);
  }
}

function awsCluster(cluster: CloudCluster): AwsCluster {
  if (!(cluster instanceof AwsCluster)) throw new Error(`Cluster "${cluster.spec.name}" is not an EKS cluster of this topology`);
  return cluster;
}

/** A Route 53 hosted zone as the topology writes into it (records, delegations). */
class Route53TopologyZone implements ITopologyDnsZone {
  public readonly cloud = Cloud.AWS;
  constructor(public readonly hostedZone: Route53HostedZone) {}
  public get zoneName(): string {
    return this.hostedZone.zoneName;
  }
  public get zoneId(): string {
    return this.hostedZone.zoneId;
  }
  public get nameServers(): string[] {
    return this.hostedZone.nameServers;
  }
  public get zoneResource() {
    return this.hostedZone.zoneResource;
  }
  public get region(): string {
    return this.hostedZone.region;
  }
  public addARecord(id: string, host: string, address: IReservedAddress, ttl?: number): unknown {
    // Every Elastic IP of an NLB (one per zone) answers for the host.
    return this.hostedZone.addARecord(id, { host, address, ttl });
  }
  public delegate(id: string, child: IDnsZone, ttl = 300): void {
    const path = `${this.hostedZone.node.path}/${id}`;
    const name = relativeRecordName(child.zoneName, this.zoneName, `${path}.child`);
    if (name === '@') throw new ValidationError(`${path}.child`, child.zoneName, `is zone "${this.zoneName}" itself; delegate a sub-domain such as "aws.${this.zoneName}"`);
    this.writeRecord(this.hostedZone, id, { type: DnsRecordType.NS, name, fqdn: child.zoneName, ttl, values: child.nameServers, dependsOn: waitForZone(this.hostedZone, this) });
  }
  public writeRecord(scope: Construct, id: string, record: DnsRecordData): void {
    this.hostedZone.writeRecord(scope, id, record);
  }
}


function accountOf(spec: TopologySpec) {
  return spec.accounts.aws!;
}

/** An IAM role name `<environment>-<cluster><suffix>`, cut with a hash to IAM's 64 characters. */
function roleName(spec: TopologySpec, cluster: CloudCluster, suffix: string): string {
  return fitName(`${spec.environment}-${cluster.spec.name}`, suffix, IAM_ROLE_NAME_MAX_LENGTH);
}

const NETWORK_FIELDS = ['vpcCidr', 'servicesCidr'] as const;

export const AWS: CloudSupport = {
  cloud: Cloud.AWS,
  clusterKind: 'EKS',
  accountFields: 'region',
  hasAccount: (spec) => spec.accounts.aws !== undefined,
  accountRegion: (spec) => accountOf(spec).region,
  clusterNameMaxLength: EKS_TOPOLOGY_CLUSTER_NAME_MAX_LENGTH,
  nodeCountDefaults: eksNodeCountDefaults,
  networkFields: NETWORK_FIELDS,
  networkRanges: (network, prefix) => eksClusterNetworkRanges({ vpcCidr: network.vpcCidr, servicesCidr: network.servicesCidr }, prefix),

  checkCluster(_spec, cluster, path, add) {
    checkExistingCluster(cluster, path, add);
    if (cluster.region !== undefined && !AWS_REGION.test(cluster.region)) {
      add(`${path}.region`, cluster.region, 'must be an AWS region name, e.g. "eu-west-1"');
    }
    // EksCluster refuses an API server open to the internet (CKV_AWS_38): it needs the CIDRs.
    if (cluster.allowPublicApiServer && (cluster.apiServerAuthorizedRanges ?? []).length === 0) {
      add(`${path}.allowPublicApiServer`, true, 'is not available on EKS (EksCluster never opens the API server to the whole internet, CKV_AWS_38): list the CIDRs of the Terraform runners and operators in apiServerAuthorizedRanges, e.g. ["203.0.113.0/24"]');
    }
    (cluster.apiServerAuthorizedRanges ?? []).forEach((cidr, k) => {
      if (parseIpv4Cidr(cidr)?.prefixLength === 0) add(`${path}.apiServerAuthorizedRanges[${k}]`, cidr, 'would open the EKS API server to the whole internet (CKV_AWS_38): list the CIDRs of the Terraform runners and operators');
    });
    const checkPrefix = (field: 'vpcCidr' | 'servicesCidr', bounds: { readonly min: number; readonly max: number }, why: string) => {
      const value = cluster.network?.[field];
      const block = value === undefined ? undefined : parseIpv4Cidr(value);
      if (block && (block.prefixLength < bounds.min || block.prefixLength > bounds.max)) {
        add(`${path}.network.${field}`, value, `must be a /${bounds.min} to /${bounds.max} block (${why})`);
      }
    };
    checkPrefix('vpcCidr', EKS_VPC_PREFIX_LENGTHS, 'EksVpc: AWS allows /16 at most, and each zone needs its subnets');
    checkPrefix('servicesCidr', EKS_SERVICES_PREFIX_LENGTHS, 'EKS limits the Service range');
    for (const field of AKS_CLUSTER_FIELDS) {
      if (cluster[field] !== undefined) add(`${path}.${field}`, cluster[field], 'applies to AKS clusters (cloud azure) only; remove it for an EKS cluster');
    }
  },
  checkDns(spec, add) {
    // A Route 53 zone is found by its name alone; the other clouds' zone fields would be ignored.
    if (spec.dns.resourceGroupName !== undefined) add('dns.resourceGroupName', spec.dns.resourceGroupName, 'applies to Azure DNS only; remove it for a Route 53 zone (dns.cloud aws)');
    if (spec.dns.managedZoneName !== undefined) add('dns.managedZoneName', spec.dns.managedZoneName, 'applies to Cloud DNS only; remove it for a Route 53 zone (dns.cloud aws)');
  },

  configureStack(stack, spec) {
    const { profile, assumeRoleArn, assumeRoleSessionName, allowedAccountIds } = accountOf(spec);
    load.provider().configureAwsProviders(stack, { profile, assumeRoleArn, assumeRoleSessionName, allowedAccountIds });
  },

  buildCluster(infra, spec, cluster, { region, resourceName, ownership }) {
    // `aws eks get-token` runs with the account's profile, as the providers do.
    const profile = accountOf(spec).profile;
    if (cluster.existing) {
      const existing = load.cluster().EksCluster.fromClusterAttributes(infra, `cluster-${cluster.name}`, { ...existingClusterAttributes(cluster, region), awsProfile: profile, ...ownership });
      const controller = cluster.installLoadBalancerController === false ? undefined : new (load.controller().AwsLoadBalancerControllerIdentity)(infra, `load-balancer-controller-${cluster.name}`, {
        cluster: existing,
        roleName: fitName(`${spec.environment}-${cluster.name}`, '-lb-controller', IAM_ROLE_NAME_MAX_LENGTH),
      });
      return new AwsCluster(cluster, existing.connection, existing, controller);
    }
    const eks = new (load.cluster().EksCluster)(infra, `cluster-${cluster.name}`, {
      name: resourceName,
      region,
      vpcCidr: cluster.network?.vpcCidr,
      servicesCidr: cluster.network?.servicesCidr,
      publicAccessCidrs: cluster.apiServerAuthorizedRanges,
      instanceTypes: cluster.nodes?.size === undefined ? undefined : [cluster.nodes.size],
      minNodes: cluster.nodes?.min,
      maxNodes: cluster.nodes?.max,
      ...ownership,
    });
    const controller = new (load.controller().AwsLoadBalancerControllerIdentity)(infra, `load-balancer-controller-${cluster.name}`, {
      cluster: eks,
      roleName: fitName(resourceName, '-lb-controller', IAM_ROLE_NAME_MAX_LENGTH),
    });
    const connection = profile === undefined
      ? eks.connection
      : load.connection().EksClusterConnection.fromEksCluster({ clusterName: eks.clusterName, region, name: resourceName, awsProfile: profile });
    return new AwsCluster(cluster, connection, eks, controller);
  },

  publicZone(infra: TerraformStack, spec) {
    const { Route53HostedZone } = load.zone();
    const props = { zoneName: spec.dns.zone, region: accountOf(spec).region, ephemeral: spec.ephemeral ?? false };
    return new Route53TopologyZone(spec.dns.existing ? Route53HostedZone.fromExistingZone(infra, 'dns', props) : new Route53HostedZone(infra, 'dns', props));
  },

  subZone(infra, id, spec, cluster, zoneName) {
    return new Route53TopologyZone(new (load.zone().Route53HostedZone)(infra, id, { zoneName, region: cluster.region, ephemeral: spec.ephemeral ?? false }));
  },

  dnsSolver(infra, id, spec, cluster, zone) {
    if (!(zone instanceof Route53TopologyZone)) throw new Error(`${id}: the DNS-01 zone of EKS cluster "${cluster.spec.name}" must be a Route 53 zone (got one on ${zone.cloud})`);
    const identity = new (load.solver().Route53SolverIdentity)(infra, id, {
      cluster: awsCluster(cluster).cluster,
      zone: zone.hostedZone,
      roleName: roleName(spec, cluster, '-cert-manager'),
    });
    return {
      zone,
      // Pod Identity binds cert-manager's ServiceAccount by name: the chart needs no annotation.
      issuerKind: (email, server) => IssuerKind.acmeDns01({ email, server, dns01: { route53: { ...identity.solver } } }),
    };
  },


  platformAddons(platform, spec, cluster) {
    const aws = awsCluster(cluster);
    // A controller the cluster runs already is not this app's to order against.
    if (aws.loadBalancerController === undefined) return [];
    return [
      new (load.controller().AwsLoadBalancerController)(platform, `aws-load-balancer-controller-${cluster.spec.name}`, {
        connection: cluster.connection,
        clusterName: aws.cluster.clusterName,
        region: cluster.region,
        vpcId: aws.cluster.vpcId,
        ephemeral: spec.ephemeral ?? false,
      }),
    ];
  },
};

/** The attributes of an existing EKS cluster from its topology entry (the cluster's name is its real name). */
function existingClusterAttributes(cluster: ClusterSpec, region: string): EksClusterAttributes {
  return {
    clusterName: cluster.name,
    region,
    publicSubnetIds: cluster.publicSubnetIds!,
    vpcId: cluster.vpcId,
    installPodIdentityAgent: cluster.installPodIdentityAgent,
  };
}

/**
 * An existing EKS cluster's fields, by EksCluster.fromClusterAttributes's own checks (so
 * that validate reports what synth would throw), at the topology's field paths; and the
 * existing-only fields on a cluster the topology creates.
 */
function checkExistingCluster(cluster: ClusterSpec, path: string, add: CloudIssueSink): void {
  if (!cluster.existing) {
    for (const field of EXISTING_EKS_CLUSTER_FIELDS) {
      if (cluster[field] !== undefined) add(`${path}.${field}`, cluster[field], 'applies to existing EKS clusters only (the topology creates this cluster\'s VPC, subnets and Pod Identity agent); remove it, or set existing: true');
    }
    return;
  }
  // The region is checked with every EKS cluster's (checkCluster), and the name is a DNS
  // label (a valid EKS name): the rest are attributes the topology passes through.
  const checkedElsewhere = new Set(['clusterName', 'region']);
  for (const problem of eksClusterAttributeProblems(existingClusterAttributes(cluster, cluster.region ?? ''))) {
    if (!checkedElsewhere.has(problem.field)) add(`${path}.${problem.field}`, problem.value, problem.fix);
  }
}
