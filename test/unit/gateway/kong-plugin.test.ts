import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KongPlugin, RateLimitPolicy } from '../../../lib/gateway/kong-plugin';
import { HAVE_UPSTREAM, crdErrors } from './fakes';

test('rateLimiting renders the rate-limiting plugin with a local policy by default', () => {
  // WHEN
  const manifest = KongPlugin.rateLimiting({ minute: 600 }).toManifest('catalog-rate-limiting', 'kong');
  // THEN
  assert.equal(manifest.apiVersion, 'configuration.konghq.com/v1');
  assert.equal(manifest.plugin, 'rate-limiting');
  assert.deepEqual(manifest.config, { policy: 'local', limit_by: 'ip', minute: 600 });
  assert.deepEqual(manifest.metadata, { name: 'catalog-rate-limiting', namespace: 'kong' });
});

test('rateLimiting takes a policy and several windows', () => {
  const manifest = KongPlugin.rateLimiting({ second: 10, hour: 10000, policy: RateLimitPolicy.REDIS }).toManifest('p', 'kong');
  assert.deepEqual(manifest.config, { policy: 'redis', limit_by: 'ip', second: 10, hour: 10000 });
});

test('cors renders Kong cors keys', () => {
  // WHEN
  const manifest = KongPlugin.cors({ origins: ['https://app.acme.example'], methods: ['GET', 'POST'], credentials: true, maxAge: 600, exposedHeaders: ['X-Request-Id'] }).toManifest('p', 'kong');
  // THEN
  assert.equal(manifest.plugin, 'cors');
  assert.deepEqual(manifest.config, {
    origins: ['https://app.acme.example'],
    credentials: true,
    methods: ['GET', 'POST'],
    exposed_headers: ['X-Request-Id'],
    max_age: 600,
  });
});

test('custom passes any plugin and its configuration through', () => {
  const manifest = KongPlugin.custom('request-size-limiting', { allowed_payload_size: 8 }).toManifest('p', 'kong');
  assert.equal(manifest.plugin, 'request-size-limiting');
  assert.deepEqual(manifest.config, { allowed_payload_size: 8 });
});

test('rejects a rate limit without a window, a wildcard origin with credentials, bad methods and names', () => {
  assert.throws(() => KongPlugin.rateLimiting({}), /needs at least one of second, minute or hour/);
  assert.throws(() => KongPlugin.rateLimiting({ minute: 0 }), /KongPlugin\.rateLimiting\.minute\) must be a whole number/);
  assert.throws(() => KongPlugin.cors({ origins: [] }), /must list at least one origin/);
  assert.throws(() => KongPlugin.cors({ origins: ['*'], credentials: true }), /must name origins explicitly when credentials is true/);
  assert.throws(() => KongPlugin.cors({ origins: ['https://a.example'], methods: ['FETCH'] }), /"FETCH" \(KongPlugin\.cors\.methods\)/);
  assert.throws(() => KongPlugin.custom('Bad Name', {}), /KongPlugin\.custom\.name/);
});

test('every plugin manifest validates against the KongPlugin CRD', { skip: !HAVE_UPSTREAM && 'upstream files not found' }, () => {
  for (const plugin of [KongPlugin.rateLimiting({ minute: 5 }), KongPlugin.cors({ origins: ['https://a.example'] }), KongPlugin.custom('key-auth', {})]) {
    assert.deepEqual(crdErrors(plugin.toManifest('p', 'kong')), []);
  }
  // The validator can fail.
  assert.notDeepEqual(crdErrors({ apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name: 'x' }, plugin: 3 }), []);
});
