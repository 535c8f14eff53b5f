/**
 * The AWS identity cert-manager answers DNS-01 challenges with (stage "infra"): an IAM
 * role that cert-manager's ServiceAccount assumes through EKS Pod Identity, allowed only
 * the Route 53 calls the solver makes, on one hosted zone. No access key is created.
 *
 * What the solver calls, cert-manager/cert-manager@v1.21.1:pkg/issuer/acme/dns/route53/route53.go:
 * `ChangeResourceRecordSets` (UPSERT and DELETE of the `_acme-challenge` TXT record,
 * DNSProvider#changeRecord), `GetChange` (waiting for INSYNC), and
 * `ListHostedZonesByName` (DNSProvider#getHostedZoneID, skipped when the issuer names
 * `hostedZoneID`, which {@link route53Solver} does).
 */
import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_SERVICE_ACCOUNT } from '../tls/cert-manager';
import { IamPolicyStatement, IPodIdentityCluster, PodIdentityRole } from './pod-identity-role';
import { Route53HostedZone } from './route53-hosted-zone';

/** Props of {@link Route53SolverIdentity}. */
export interface Route53SolverIdentityProps {
  /** The EKS cluster cert-manager runs in. */
  readonly cluster: IPodIdentityCluster;
  /** The hosted zone the solver may write. */
  readonly zone: Route53HostedZone;
  /** IAM role name. */
  readonly roleName: string;
  /**
   * Tags of the role.
   * @default none
   */
  readonly tags?: { [key: string]: string };
}

/** cert-manager's `dns01.route53` solver block (cert-manager.io/v1 ACMEIssuerDNS01ProviderRoute53). */
export interface Route53SolverConfig {
  /** The zone, so the solver needs no `ListHostedZonesByName`. */
  readonly hostedZoneID: string;
  /** Partition hint for the credential scope; Pod Identity also injects `AWS_REGION`. */
  readonly region: string;
}

/** The policy statements of the solver role for `zoneArn` in `partition` (`aws`, `aws-cn`, `aws-us-gov`). Pure. */
export function route53SolverStatements(zoneArn: string, partition = 'aws'): IamPolicyStatement[] {
  return [
    {
      sid: 'ChallengeRecords',
      actions: ['route53:ChangeResourceRecordSets'],
      resources: [zoneArn],
      // Only TXT records: the solver writes nothing else, so a stolen token cannot repoint A records.
      conditions: { 'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'] } },
    },
    // Change ids are not known in advance; GetChange has no zone-level resource.
    { sid: 'ChangeStatus', actions: ['route53:GetChange'], resources: [`arn:${partition}:route53:::change/*`] },
    // ListHostedZonesByName supports no resource-level permission.
    { sid: 'FindZone', actions: ['route53:ListHostedZonesByName'], resources: ['*'] },
  ];
}

/**
 * A Pod Identity role for cert-manager's Route 53 solver. The issuer's solver block names
 * no credentials: cert-manager then uses ambient credentials (the AWS SDK's default chain,
 * which reads what the Pod Identity agent injects), which a ClusterIssuer may do by default
 * (cert-manager/cert-manager@v1.21.1:internal/apis/config/controller/v1alpha1/defaults.go
 * `defaultClusterIssuerAmbientCredentials = true`); a namespaced Issuer may not. EKS injects
 * the credentials into pods created after the association exists: this stage ("infra")
 * precedes cert-manager's release ("platform"), so its pods start with them.
 */
export class Route53SolverIdentity extends Construct {
  public readonly roleArn: string;
  /** The solver block for a ClusterIssuer (ambient credentials from Pod Identity). */
  public readonly solver: Route53SolverConfig;

  constructor(scope: Construct, id: string, props: Route53SolverIdentityProps) {
    super(scope, id);
    const role = new PodIdentityRole(this, 'role', {
      cluster: props.cluster,
      roleName: props.roleName,
      namespace: CERT_MANAGER_NAMESPACE,
      serviceAccount: CERT_MANAGER_SERVICE_ACCOUNT,
      // The zone ARN's second field is its partition.
      statements: route53SolverStatements(props.zone.zoneArn, Fn.element(Fn.split(':', props.zone.zoneArn), 1)),
      tags: props.tags,
    });
    this.roleArn = role.roleArn;
    this.solver = { hostedZoneID: props.zone.zoneId, region: props.cluster.region };
  }
}
