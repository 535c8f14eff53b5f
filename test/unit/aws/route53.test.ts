import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { EksCluster } from '../../../lib/aws/eks-cluster';
import { podIdentityTrustPolicy } from '../../../lib/aws/pod-identity-role';
import { Route53HostedZone } from '../../../lib/aws/route53-hosted-zone';
import { Route53SolverIdentity, route53SolverStatements } from '../../../lib/aws/route53-solver-identity';
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_SERVICE_ACCOUNT } from '../../../lib/tls/cert-manager';
import { ValidationError } from '../../../lib/private/validation';
import { dataOfType, onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';

/**
 * The Route 53 calls cert-manager's solver makes:
 * cert-manager/cert-manager@v1.21.1:pkg/issuer/acme/dns/route53/route53.go
 * (r.client.ChangeResourceRecordSets, r.client.GetChange, r.client.ListHostedZonesByName).
 */
const SOLVER_CALLS = ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:ListHostedZonesByName'];

function build(existing = false) {
  let solver!: Route53SolverIdentity;
  let zone!: Route53HostedZone;
  const json = synthStack((stack) => {
    const cluster = new EksCluster(stack, 'aws', { name: 'acme-aws', region: 'eu-west-1' });
    const props = { zoneName: 'aws.acme.example', region: 'eu-west-1' };
    zone = existing ? Route53HostedZone.fromExistingZone(stack, 'dns', props) : new Route53HostedZone(stack, 'dns', props);
    zone.addARecord('catalog', { host: 'catalog.aws.acme.example', address: cluster.reservePublicAddress('gateway') });
    solver = new Route53SolverIdentity(stack, 'solver', { cluster, zone, roleName: 'acme-aws-cert-manager' });
  });
  return { json, solver, zone };
}

test('the solver role may make exactly the calls cert-manager makes, writing TXT records of one zone only', () => {
  const statements = route53SolverStatements('arn:aws:route53:::hostedzone/Z1');
  assert.deepEqual(statements.flatMap((s) => s.actions).sort(), [...SOLVER_CALLS].sort());
  const change = statements.find((s) => s.actions.includes('route53:ChangeResourceRecordSets'))!;
  assert.deepEqual(change.resources, ['arn:aws:route53:::hostedzone/Z1']);
  assert.deepEqual(change.conditions, { 'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'] } });
  assert.deepEqual(route53SolverStatements('arn:aws-cn:route53:::hostedzone/Z1', 'aws-cn').find((s) => s.actions.includes('route53:GetChange'))!.resources, ['arn:aws-cn:route53:::change/*']);
});

test('the role is bound to cert-manager\'s ServiceAccount through Pod Identity, trusted only from this cluster', () => {
  const { json, solver } = build();
  const association = resourcesOfType(json, 'aws_eks_pod_identity_association')[0][1];
  assert.equal(association.namespace, CERT_MANAGER_NAMESPACE);
  assert.equal(association.service_account, CERT_MANAGER_SERVICE_ACCOUNT);
  assert.ok(association.depends_on.some((d: string) => d.startsWith('aws_eks_addon.')), 'waits for the Pod Identity agent');
  const role = resourcesOfType(json, 'aws_iam_role').find(([, r]) => r.name === 'acme-aws-cert-manager')![1];
  const trust = JSON.parse(role.assume_role_policy).Statement[0];
  assert.deepEqual(trust.Principal, { Service: 'pods.eks.amazonaws.com' });
  assert.deepEqual(trust.Action, ['sts:AssumeRole', 'sts:TagSession']);
  assert.match(trust.Condition.ArnEquals['aws:SourceArn'], /^\$\{aws_eks_cluster\./);
  assert.ok(trust.Condition.StringEquals['aws:SourceAccount']);
  // The issuer names the zone, so the solver skips ListHostedZonesByName (route53.go#getHostedZoneID).
  assert.match(solver.solver.hostedZoneID, /TOKEN|\$\{/);
  assert.equal(solver.solver.region, 'eu-west-1');
});

test('podIdentityTrustPolicy never trusts a wildcard principal (CKV_AWS_60)', () => {
  const statement = JSON.parse(podIdentityTrustPolicy({ clusterArn: 'arn:aws:eks:eu-west-1:111122223333:cluster/x', accountId: '111122223333' })).Statement[0];
  assert.notEqual(statement.Principal, '*');
  assert.notEqual(statement.Principal.AWS, '*');
});

test('a created zone is destroy-protected; an existing one is looked up as a public zone', () => {
  const created = build().json;
  assert.equal(onlyResource(created, 'aws_route53_zone').lifecycle.prevent_destroy, true);
  const existing = build(true).json;
  assert.equal(resourcesOfType(existing, 'aws_route53_zone').length, 0);
  const [, lookup] = dataOfType(existing, 'aws_route53_zone')[0];
  assert.equal(lookup.name, 'aws.acme.example');
  assert.equal(lookup.private_zone, false);
});

test('an A record lists every Elastic IP of the load balancer, and waits for a zone of its stack', () => {
  const { json } = build();
  const record = onlyResource(json, 'aws_route53_record');
  assert.equal(record.type, 'A');
  assert.equal(record.name, 'catalog.aws.acme.example');
  assert.equal(record.records.length, 3);
  assert.ok(record.depends_on.some((d: string) => d.startsWith('aws_route53_zone.')));
});

test('a host outside the zone is rejected, naming the field', () => {
  const stack = new TerraformStack(new App(), 't');
  const zone = new Route53HostedZone(stack, 'dns', { zoneName: 'aws.acme.example', region: 'eu-west-1' });
  const cluster = new EksCluster(stack, 'aws', { name: 'acme-aws', region: 'eu-west-1' });
  assert.throws(
    () => zone.addARecord('x', { host: 'catalog.other.example', address: cluster.reservePublicAddress('g') }),
    (e: Error) => e instanceof ValidationError && e.message.includes('dns/x.host') && e.message.includes('catalog.other.example'),
  );
});
