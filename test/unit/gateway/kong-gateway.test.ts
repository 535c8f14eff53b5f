import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cloud } from '../../../lib/core/cloud';
import { KongGateway, kongGatewayValues } from '../../../lib/gateway/kong-gateway';
import { helmValues, onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';
import { HAVE_UPSTREAM, fakeAddress, fakeConnection, unknownValuePaths } from './fakes';

function synthGateway(props: Partial<ConstructorParameters<typeof KongGateway>[2]> = {}) {
  return synthStack((stack) => {
    new KongGateway(stack, 'gateway', {
      connection: fakeConnection('gcp', Cloud.GCP),
      proxyAddress: fakeAddress(Cloud.GCP),
      defaultCertificateSecretName: 'gateway-tls',
      ...props,
    });
  });
}

test('installs Kong DB-less with its ingress controller as a delegated mesh gateway', () => {
  // WHEN
  const stack = synthGateway();
  const release = onlyResource(stack, 'helm_release');
  const values = helmValues(release);
  // THEN
  assert.equal(release.chart, 'kong');
  // The namespace (with sidecar injection) belongs to the topology layer's MeshNamespace.
  assert.equal(release.create_namespace, false);
  assert.equal(resourcesOfType(stack, 'kubernetes_namespace_v1').length, 0);
  assert.equal(release.version, '3.4.1');
  assert.equal(release.namespace, 'kong');
  assert.equal(release.provider, 'helm.gcp');
  assert.equal(release.atomic, true);
  assert.equal(release.cleanup_on_fail, true);
  assert.ok(release.timeout > 0);
  assert.equal(values.env.database, 'off');
  assert.equal(values.ingressController.enabled, true);
  assert.equal(values.podAnnotations['kuma.io/gateway'], 'enabled');
  assert.equal(values.podAnnotations['traffic.kuma.io/exclude-outbound-ports'], '8444');
});

test('binds the proxy LoadBalancer to the reserved address and never exposes the admin API', () => {
  // WHEN
  const values = helmValues(onlyResource(synthGateway({ proxyAddress: fakeAddress(Cloud.AZURE, '198.51.100.7'), loadBalancerSourceRanges: ['192.0.2.0/24'] }), 'helm_release'));
  // THEN
  assert.equal(values.proxy.type, 'LoadBalancer');
  assert.equal(values.proxy.loadBalancerIP, '198.51.100.7');
  assert.equal(values.proxy.annotations['service.beta.kubernetes.io/azure-load-balancer-resource-group'], 'acme-rg');
  assert.deepEqual(values.proxy.loadBalancerSourceRanges, ['192.0.2.0/24']);
  assert.equal(values.admin.enabled, false);
  assert.equal(values.admin.ingress.enabled, false);
});

test('names the proxy Service <name>-proxy and the ingress class after the gateway', () => {
  // GIVEN
  let gateway!: KongGateway;
  // WHEN
  const values = helmValues(
    onlyResource(
      synthStack((stack) => {
        gateway = new KongGateway(stack, 'gateway', { connection: fakeConnection('gcp'), proxyAddress: fakeAddress(Cloud.GCP), name: 'edge' });
      }),
      'helm_release',
    ),
  );
  // THEN
  assert.equal(gateway.proxyServiceName, 'edge-proxy');
  assert.equal(values.proxy.nameOverride, 'edge-proxy');
  assert.equal(gateway.ingressClassName, 'kong-edge');
  assert.equal(values.ingressController.ingressClass, 'kong-edge');
});

test('production defaults: two replicas, a PodDisruptionBudget, requests, non-root', () => {
  // WHEN
  const values = helmValues(onlyResource(synthGateway(), 'helm_release'));
  // THEN
  assert.equal(values.replicaCount, 2);
  assert.deepEqual(values.podDisruptionBudget, { enabled: true, maxUnavailable: 1 });
  assert.ok(values.resources.requests.cpu);
  assert.ok(values.ingressController.resources.requests.memory);
  assert.equal(values.containerSecurityContext.runAsUser, 1000);
  assert.equal(values.containerSecurityContext.runAsNonRoot, true);
  assert.equal(values.containerSecurityContext.allowPrivilegeEscalation, false);
});

test('ephemeral mode runs one replica without a PodDisruptionBudget', () => {
  // WHEN
  const values = helmValues(onlyResource(synthGateway({ ephemeral: true }), 'helm_release'));
  // THEN
  assert.equal(values.replicaCount, 1);
  assert.equal(values.podDisruptionBudget.enabled, false);
});

test('acceptMeshTraffic adds a mesh listener and a ClusterIP Service, keeping public ports out of the sidecar', () => {
  // GIVEN
  let gateway!: KongGateway;
  // WHEN
  const stack = synthStack((s) => {
    gateway = new KongGateway(s, 'gateway', { connection: fakeConnection('gcp'), proxyAddress: fakeAddress(Cloud.GCP), acceptMeshTraffic: true });
  });
  const values = helmValues(onlyResource(stack, 'helm_release'));
  const service = onlyResource(stack, 'kubernetes_service_v1');
  // THEN
  assert.equal(gateway.meshServiceName, 'gateway-mesh');
  // Kuma makes no MeshService for a Service whose pods carry kuma.io/gateway with any value,
  // and the chart defaults it to "enabled": the key must be deleted (null), not set to "disabled".
  assert.ok('kuma.io/gateway' in values.podAnnotations);
  assert.equal(values.podAnnotations['kuma.io/gateway'], null);
  // The Service selects the chart's Kong pods by the chart's own selector labels.
  assert.deepEqual(service.spec.selector, { 'app.kubernetes.io/name': 'kong', 'app.kubernetes.io/component': 'app', 'app.kubernetes.io/instance': 'gateway' });
  assert.match(values.podAnnotations['traffic.kuma.io/exclude-inbound-ports'], /^8000,8443,/);
  assert.match(values.env.proxy_listen, /0\.0\.0\.0:9443 http2 ssl/);
  assert.equal(service.metadata.name, 'gateway-mesh');
  assert.equal(service.spec.type, 'ClusterIP');
  assert.deepEqual(service.spec.port.map((p: any) => [p.port, p.target_port, p.app_protocol]), [[443, '9443', 'tcp']]);
});

test('extraValues are merged last', () => {
  // WHEN
  const values = helmValues(onlyResource(synthGateway({ extraValues: { replicaCount: 3, env: { log_level: 'debug' } } }), 'helm_release'));
  // THEN
  assert.equal(values.replicaCount, 3);
  assert.equal(values.env.log_level, 'debug');
  assert.equal(values.env.database, 'off');
});

test('rejects one replica outside ephemeral mode, bad names and bad source ranges', () => {
  assert.throws(() => synthGateway({ replicas: 1 }), /replicas\) must be at least 2 outside ephemeral mode/);
  assert.throws(() => synthGateway({ name: 'Edge_Gateway' }), /"Edge_Gateway" \(test\/gateway\.name\) must be a DNS-1123 label/);
  assert.throws(() => synthGateway({ loadBalancerSourceRanges: ['10.0.0.1/8'] }), /loadBalancerSourceRanges\[0\]\) must be an IPv4 CIDR/);
});

test('every values path exists in the Kong chart values.yaml', { skip: !HAVE_UPSTREAM && 'upstream files not found' }, () => {
  // GIVEN
  for (const acceptMeshTraffic of [false, true]) {
    const values = kongGatewayValues({
      name: 'gateway',
      ingressClassName: 'kong-gateway',
      replicas: 2,
      ephemeral: false,
      proxyAddress: fakeAddress(Cloud.GCP),
      loadBalancerSourceRanges: ['192.0.2.0/24'],
      mesh: 'default',
      acceptMeshTraffic,
    });
    // THEN
    assert.deepEqual(unknownValuePaths(values, 'kong/kong/values.yaml', ['env', 'podAnnotations', 'podLabels']), []);
  }
});

test('the values checker reports a key the chart does not have', { skip: !HAVE_UPSTREAM && 'upstream files not found' }, () => {
  assert.deepEqual(unknownValuePaths({ proxy: { loadBalancerIP: '1.2.3.4', notAKey: 1 }, nope: {} }, 'kong/kong/values.yaml'), ['proxy.notAKey', 'nope']);
});
