/**
 * An all-AWS infra stack, as the topology's infra stage will build it for `cloud: aws`:
 * an EKS cluster with its VPC and NAT, Elastic IPs for KDS, zone ingress and a gateway,
 * a Route 53 zone with A records, and the Pod Identity roles of cert-manager's DNS-01
 * solver and the AWS Load Balancer Controller. Only hashicorp/aws resources, so the
 * local mirror (hashicorp/aws alone) can validate it.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsLoadBalancerControllerIdentity } from '../../lib/aws/aws-load-balancer-controller';
import { EksCluster, EksClusterProps } from '../../lib/aws/eks-cluster';
import { Route53HostedZone } from '../../lib/aws/route53-hosted-zone';
import { Route53SolverIdentity } from '../../lib/aws/route53-solver-identity';

export const AWS_INFRA_STACK = 'acme-aws-infra';

/** Builds the stack in `app`; `clusterProps` override the production defaults. */
export function buildAwsInfraStack(app: App, clusterProps: Partial<EksClusterProps> = {}): TerraformStack {
  const stack = new TerraformStack(app, AWS_INFRA_STACK);
  const cluster = new EksCluster(stack, 'aws', {
    name: 'acme-aws',
    region: 'eu-west-1',
    publicAccessCidrs: ['203.0.113.0/24'],
    adminPrincipalArns: ['arn:aws:iam::111122223333:role/platform-admins'],
    ...clusterProps,
  });
  const kds = cluster.reservePublicAddress('kds');
  const ingress = cluster.reservePublicAddress('zone-ingress');
  const gateway = cluster.reservePublicAddress('gateway');
  const zone = new Route53HostedZone(stack, 'dns', { zoneName: 'aws.acme.example', region: 'eu-west-1', ephemeral: cluster.ephemeral });
  zone.addARecord('kds', { host: 'kds.aws.acme.example', address: kds });
  zone.addARecord('zone-ingress', { host: 'ingress.aws.acme.example', address: ingress });
  zone.addARecord('catalog', { host: 'catalog.aws.acme.example', address: gateway });
  new Route53SolverIdentity(stack, 'dns-solver', { cluster, zone, roleName: 'acme-aws-cert-manager' });
  new AwsLoadBalancerControllerIdentity(stack, 'load-balancer-controller', { cluster, roleName: 'acme-aws-load-balancer-controller' });
  return stack;
}
