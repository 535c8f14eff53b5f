import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import { EksCluster } from '../../../lib/aws/eks-cluster';
import { EksClusterConnection } from '../../../lib/aws/eks-cluster-connection';
import { ClusterConnection } from '../../../lib/clusters/cluster-connection';
import { ValidationError } from '../../../lib/private/validation';
import { synthApp } from '../../helpers/synth';

test('later stages look the cluster up by name and get tokens from `aws eks get-token`; no token data source', () => {
  const stacks = synthApp((app) => {
    const infra = new TerraformStack(app, 'infra');
    const cluster = new EksCluster(infra, 'aws', { name: 'acme-aws', region: 'eu-west-1' });
    cluster.connection.providers(new TerraformStack(app, 'platform'));
  });
  const platform = stacks.platform;
  const lookup = Object.values(platform.data!.aws_eks_cluster)[0] as any;
  assert.match(lookup.name, /acme-aws|\$\{/);
  assert.equal(platform.data!.aws_eks_cluster_auth, undefined, 'no 15-minute token read at plan time and kept in the plan');
  const kubernetes = platform.provider!.kubernetes[0];
  assert.equal(kubernetes.alias, 'acme_aws', 'a Terraform alias: letters, digits, _');
  assert.match(kubernetes.host, /^\$\{data\.aws_eks_cluster\.[^.]+\.endpoint\}$/);
  assert.match(kubernetes.cluster_ca_certificate, /base64decode\(data\.aws_eks_cluster\.[^.]+\.certificate_authority\[0\]\.data\)/);
  // `aws eks get-token` answers with an ExecCredential of client.authentication.k8s.io/v1beta1.
  assert.equal(kubernetes.exec[0].api_version, 'client.authentication.k8s.io/v1beta1');
  assert.equal(kubernetes.exec[0].command, 'aws');
  assert.deepEqual(kubernetes.exec[0].args.slice(0, 2), ['eks', 'get-token']);
  assert.equal(kubernetes.exec[0].args[kubernetes.exec[0].args.indexOf('--region') + 1], 'eu-west-1');
  const helm = platform.provider!.helm[0];
  assert.deepEqual(helm.kubernetes.exec, kubernetes.exec[0]);
  assert.equal(platform.provider!.aws[0].region, 'eu-west-1');
});

test('tokenCommandArgs: the cluster, the region, a profile when given', () => {
  const connection = EksClusterConnection.fromEksCluster({ clusterName: 'acme-aws', region: 'eu-west-1', awsProfile: 'acme-prod' });
  assert.deepEqual(connection.tokenCommandArgs(), ['eks', 'get-token', '--cluster-name', 'acme-aws', '--region', 'eu-west-1', '--profile', 'acme-prod', '--output', 'json']);
});

test('providers are memoised per stack, and an alias taken by another cloud\'s connection is not reused', () => {
  const stacks = synthApp((app) => {
    const stack = new TerraformStack(app, 'platform');
    ClusterConnection.fromKubeconfig({ path: '~/.kube/config', name: 'acme' }).providers(stack);
    const eks = EksClusterConnection.fromEksCluster({ clusterName: 'acme-aws', region: 'eu-west-1', name: 'acme' });
    assert.equal(eks.providers(stack), eks.providers(stack));
  });
  assert.deepEqual(stacks.platform.provider!.kubernetes.map((p: any) => p.alias).sort(), ['acme', 'acme_2']);
});

test('validation names the field', () => {
  assert.throws(() => EksClusterConnection.fromEksCluster({ clusterName: 'x', region: 'westeurope' }), (e: Error) => e instanceof ValidationError && e.message.includes('fromEksCluster.region'));
  assert.throws(() => EksClusterConnection.fromEksCluster({ clusterName: '', region: 'eu-west-1' }), (e: Error) => e instanceof ValidationError && e.message.includes('fromEksCluster.clusterName'));
});
