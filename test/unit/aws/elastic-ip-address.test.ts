import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { EksCluster } from '../../../lib/aws/eks-cluster';
import { ElasticIpAddress, elasticIpServiceAnnotations } from '../../../lib/aws/elastic-ip-address';
import { ValidationError } from '../../../lib/private/validation';
import { resourcesOfType, synthStack } from '../../helpers/synth';

const P = 'service.beta.kubernetes.io/';

test('the annotations claim the Service for the AWS Load Balancer Controller as an internet-facing NLB', () => {
  const annotations = elasticIpServiceAnnotations(['eipalloc-1', 'eipalloc-2'], ['subnet-a', 'subnet-b']);
  // kubernetes-sigs/aws-load-balancer-controller@v2.17.1:pkg/service/service_utils.go#checkAWSLoadBalancerTypeAnnotation:
  // type "external" is claimed only with target type "ip" or "instance".
  assert.equal(annotations[`${P}aws-load-balancer-type`], 'external');
  assert.ok(['ip', 'instance'].includes(annotations[`${P}aws-load-balancer-nlb-target-type`]));
  // pkg/service/model_build_load_balancer.go#buildLoadBalancerSubnetMappings: EIPs only on internet-facing.
  assert.equal(annotations[`${P}aws-load-balancer-scheme`], 'internet-facing');
  assert.equal(annotations[`${P}aws-load-balancer-eip-allocations`], 'eipalloc-1,eipalloc-2');
  assert.equal(annotations[`${P}aws-load-balancer-subnets`], 'subnet-a,subnet-b');
  // pkg/service/model_build_load_balancer.go lbAttrsLoadBalancingCrossZoneEnabled
  assert.equal(annotations[`${P}aws-load-balancer-attributes`], 'load_balancing.cross_zone.enabled=true');
});

/** The controller splits both lists on commas and refuses unequal counts. */
function splitCommaSeparated(value: string): string[] {
  return value.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
}

test('EksCluster.reservePublicAddress: one Elastic IP per public subnet, so the controller\'s counts match', () => {
  let address!: ElasticIpAddress;
  const json = synthStack((stack) => {
    const cluster = new EksCluster(stack, 'aws', { name: 'acme-aws', region: 'eu-west-1' });
    address = cluster.reserveElasticIpAddress('kds');
  });
  const eips = resourcesOfType(json, 'aws_eip').filter(([name]) => name.includes('address-kds'));
  assert.equal(eips.length, 3);
  for (const [, eip] of eips) {
    assert.equal(eip.domain, 'vpc');
    assert.equal(eip.lifecycle.prevent_destroy, true);
    assert.equal(eip.tags['managed-by'], 'cdktf-cross-cloud-mesh');
  }
  const allocations = splitCommaSeparated(address.serviceAnnotations[`${P}aws-load-balancer-eip-allocations`]);
  const subnets = splitCommaSeparated(address.serviceAnnotations[`${P}aws-load-balancer-subnets`]);
  assert.equal(allocations.length, subnets.length);
  assert.equal(address.addresses.length, 3);
  assert.equal(address.address, address.addresses[0]);
  assert.equal(String(address.cloud), 'aws');
});

test('ephemeral addresses are not destroy-protected and carry owner and expiry', () => {
  const json = synthStack((stack) => new ElasticIpAddress(stack, 'ip', {
    name: 'x', region: 'eu-west-1', publicSubnetIds: ['subnet-a', 'subnet-b'], ephemeral: true, owner: 'platform-team', expiresAt: '2030-01-31',
  }));
  for (const [, eip] of resourcesOfType(json, 'aws_eip')) {
    assert.equal(eip.lifecycle, undefined);
    assert.equal(eip.tags.owner, 'platform-team');
    assert.equal(eip.tags['expires-at'], '2030-01-31');
  }
});

test('fewer than two subnets is rejected, naming the field', () => {
  assert.throws(
    () => new ElasticIpAddress(new TerraformStack(new App(), 't'), 'ip', { name: 'x', region: 'eu-west-1', publicSubnetIds: ['subnet-a'] }),
    (e: Error) => e instanceof ValidationError && e.message.includes('ip.publicSubnetIds') && e.message.includes('subnet-a'),
  );
});
