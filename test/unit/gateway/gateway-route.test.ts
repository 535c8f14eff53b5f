import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import { Cloud } from '../../../lib/core/cloud';
import { GatewayRoute, RouteBackend, RouteBackendKind, routeNameFor } from '../../../lib/gateway/gateway-route';
import { KongGateway } from '../../../lib/gateway/kong-gateway';
import { KongPlugin } from '../../../lib/gateway/kong-plugin';
import { manifests, onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';
import { HAVE_UPSTREAM, crdErrors, fakeAddress, fakeConnection } from './fakes';

const connection = fakeConnection('gcp', Cloud.GCP);

function gatewayIn(stack: TerraformStack, certificateDnsNames = ['*.acme.example', 'acme.example']): KongGateway {
  return new KongGateway(stack, 'gateway', {
    connection,
    proxyAddress: fakeAddress(Cloud.GCP),
    defaultCertificateSecretName: 'gateway-tls',
    certificateDnsNames,
  });
}

test('a local route: Ingress of the gateway class with the default certificate, ExternalName to the Service IP', () => {
  // WHEN
  let route: GatewayRoute | undefined;
  const stack = synthStack((s) => {
    route = new GatewayRoute(s, 'route', {
      gateway: gatewayIn(s),
      host: 'catalog.acme.example',
      backend: RouteBackend.localService({ serviceName: 'catalog', namespace: 'catalog', port: 8080 }),
    });
  });
  const ingress = onlyResource(stack, 'kubernetes_ingress_v1');
  const service = onlyResource(stack, 'kubernetes_service_v1');
  // THEN
  assert.equal(route!.backendKind, RouteBackendKind.LOCAL_SERVICE);
  assert.equal(service.metadata.annotations['konghq.com/protocol'], 'http');
  assert.equal(ingress.provider, 'kubernetes.gcp');
  assert.equal(ingress.metadata.namespace, 'kong');
  assert.equal(ingress.spec.ingress_class_name, 'kong-gateway');
  assert.equal(ingress.spec.rule[0].host, 'catalog.acme.example');
  assert.equal(ingress.spec.rule[0].http.path[0].path, '/');
  assert.equal(ingress.spec.rule[0].http.path[0].path_type, 'Prefix');
  assert.deepEqual(ingress.spec.tls, [{ hosts: ['catalog.acme.example'], secret_name: 'gateway-tls' }]);
  assert.equal(ingress.metadata.annotations['konghq.com/protocols'], 'https');
  assert.equal(service.spec.type, 'ExternalName');
  assert.equal(service.spec.external_name, 'catalog.catalog.svc.cluster.local');
  assert.equal(service.spec.port[0].port, 8080);
  assert.equal(ingress.spec.rule[0].http.path[0].backend.service.name, service.metadata.name);
});

test('a cross-zone route originates TLS with Host and SNI of the remote host, and leaves permissions to its caller', () => {
  // GIVEN
  let route: GatewayRoute | undefined;
  // WHEN
  const stack = synthStack((s) => {
    route = new GatewayRoute(s, 'route', {
      gateway: gatewayIn(s, ['*.azure.acme.example']),
      host: 'catalog.azure.acme.example',
      backend: RouteBackend.crossZone({
        virtualHostname: 'gateway-mesh.kong.svc.gcp.mesh.local',
        port: 443,
        tlsHost: 'catalog.acme.example',
      }),
    });
  });
  const service = onlyResource(stack, 'kubernetes_service_v1');
  const ingress = onlyResource(stack, 'kubernetes_ingress_v1');
  // THEN
  assert.equal(service.spec.external_name, 'gateway-mesh.kong.svc.gcp.mesh.local');
  assert.equal(service.spec.port[0].port, 443);
  assert.equal(service.metadata.annotations['konghq.com/protocol'], 'https');
  assert.equal(service.metadata.annotations['konghq.com/host-header'], 'catalog.acme.example');
  assert.equal(ingress.metadata.annotations['konghq.com/preserve-host'], 'false');
  assert.equal(ingress.metadata.namespace, 'kong');
  assert.equal(service.metadata.namespace, 'kong');
  assert.equal(route!.backendKind, RouteBackendKind.CROSS_ZONE);
  assert.equal(route!.host, 'catalog.azure.acme.example');
  assert.equal(resourcesOfType(stack, 'kubernetes_manifest').length, 0);
});

test('plugins become KongPlugin resources in the gateway namespace, listed on the Ingress', () => {
  // WHEN
  const stack = synthStack((s) => {
    new GatewayRoute(s, 'route', {
      gateway: gatewayIn(s),
      host: 'catalog.acme.example',
      path: '/v1',
      backend: RouteBackend.localService({ serviceName: 'catalog', namespace: 'catalog', port: 8080 }),
      plugins: [KongPlugin.rateLimiting({ minute: 60 }), KongPlugin.cors({ origins: ['https://app.acme.example'] })],
    });
  });
  const plugins = manifests(stack).map(({ manifest }) => manifest);
  const ingress = onlyResource(stack, 'kubernetes_ingress_v1');
  // THEN
  assert.deepEqual(plugins.map((p) => [p.metadata.name, p.metadata.namespace, p.plugin]), [
    ['catalog-acme-example-v1-rate-limiting', 'kong', 'rate-limiting'],
    ['catalog-acme-example-v1-cors', 'kong', 'cors'],
  ]);
  assert.equal(ingress.metadata.annotations['konghq.com/plugins'], 'catalog-acme-example-v1-rate-limiting,catalog-acme-example-v1-cors');
  if (HAVE_UPSTREAM) for (const plugin of plugins) assert.deepEqual(crdErrors(plugin), []);
  for (const [, plugin] of resourcesOfType(stack, 'kubernetes_manifest')) assert.equal(plugin.provider, 'kubernetes.gcp');
  // The controller would publish the route without a plugin that does not exist yet: the
  // Ingress waits for every KongPlugin it names.
  for (const [name] of resourcesOfType(stack, 'kubernetes_manifest')) assert.ok(ingress.depends_on.includes(`kubernetes_manifest.${name}`), name);
});

test('rejects a host the gateway certificate does not cover, naming the certificate', () => {
  assert.throws(
    () =>
      synthStack((s) => {
        new GatewayRoute(s, 'route', {
          gateway: gatewayIn(s),
          host: 'api.catalog.acme.example',
          backend: RouteBackend.localService({ serviceName: 'catalog', namespace: 'catalog', port: 8080 }),
        });
      }),
    /"api\.catalog\.acme\.example" \(test\/route\.host\) is not covered by the certificate of gateway "gateway" \(\*\.acme\.example, acme\.example\)/,
  );
});

test('a route with its own secret is not checked against the default certificate', () => {
  const stack = synthStack((s) => {
    new GatewayRoute(s, 'route', {
      gateway: gatewayIn(s),
      host: 'shop.other.example',
      tlsSecretName: 'shop-tls',
      backend: RouteBackend.localService({ serviceName: 'shop', namespace: 'shop', port: 80 }),
    });
  });
  assert.equal(onlyResource(stack, 'kubernetes_ingress_v1').spec.tls[0].secret_name, 'shop-tls');
});

test('rejects bad paths, hosts and backends', () => {
  const build = (props: any) =>
    synthStack((s) => {
      new GatewayRoute(s, 'route', { gateway: gatewayIn(s), host: 'catalog.acme.example', backend: RouteBackend.localService({ serviceName: 'catalog', namespace: 'catalog', port: 80 }), ...props });
    });
  assert.throws(() => build({ path: 'v1' }), /"v1" \(test\/route\.path\) must be a path prefix starting with "\/"/);
  assert.throws(() => build({ host: 'Catalog_acme' }), /test\/route\.host/);
  assert.throws(() => RouteBackend.crossZone({ virtualHostname: 'x.mesh.local', port: 70000, tlsHost: 'a.example' }), /RouteBackend\.crossZone\.port/);
  assert.throws(() => RouteBackend.localService({ serviceName: 'catalog', namespace: 'Catalog', port: 80 }), /RouteBackend\.localService\.namespace/);
});

test('route names are DNS-1123 labels, trimmed with a hash when long', () => {
  assert.equal(routeNameFor('catalog.acme.example', '/'), 'catalog-acme-example');
  const long = routeNameFor(`${'a'.repeat(60)}.acme.example`, '/v1/items');
  assert.ok(long.length <= 63);
  assert.match(long, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  assert.notEqual(long, routeNameFor(`${'a'.repeat(60)}.acme.example`, '/v2/items'));
});

test('a mesh-service route (a MeshMultiZoneService): plain HTTP to its mesh host name, through the gateway sidecar', () => {
  // WHEN
  let route: GatewayRoute | undefined;
  const stack = synthStack((s) => {
    route = new GatewayRoute(s, 'route', { gateway: gatewayIn(s), host: 'catalog.acme.example', backend: RouteBackend.meshService({ hostname: 'catalog.mzsvc.mesh.local', port: 8080 }) });
  });
  const service = onlyResource(stack, 'kubernetes_service_v1');
  const ingress = onlyResource(stack, 'kubernetes_ingress_v1');
  // THEN
  assert.equal(route!.backendKind, RouteBackendKind.MESH_SERVICE);
  assert.equal(service.spec.type, 'ExternalName');
  assert.equal(service.spec.external_name, 'catalog.mzsvc.mesh.local');
  assert.deepEqual(service.spec.port, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.deepEqual(service.metadata.annotations, { 'konghq.com/protocol': 'http' });
  // the client's Host is kept: the sidecar routes by the mesh name, not by Host
  assert.equal(ingress.metadata.annotations['konghq.com/preserve-host'], undefined);
  assert.throws(() => RouteBackend.meshService({ hostname: 'Catalog_MZ', port: 8080 }), /RouteBackend\.meshService\.hostname/);
  assert.throws(() => RouteBackend.meshService({ hostname: 'catalog.mzsvc.mesh.local', port: 0 }), /RouteBackend\.meshService\.port/);
});
