import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KdsTls } from '../../../lib/mesh/kds-tls';
import { onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';
import { fakeConnection } from '../../helpers/fakes';

const build = (ipAddresses?: string[], dnsNames?: string[]) =>
  synthStack((stack) => {
    new KdsTls(stack, 'kds', { connection: fakeConnection('global'), namespace: 'kuma-system', secretName: 'kuma-kds-server-tls', ipAddresses, dnsNames });
  });

test('a CA and a server certificate for the KDS address (IP and DNS SANs), from hashicorp/tls', () => {
  // WHEN
  const json = build(['203.0.113.10'], ['kds.acme.example']);
  // THEN
  assert.equal(json.terraform.required_providers.tls.source, 'hashicorp/tls');
  const ca = onlyResource(json, 'tls_self_signed_cert');
  assert.equal(ca.is_ca_certificate, true);
  assert.ok(ca.allowed_uses.includes('cert_signing'));
  const request = onlyResource(json, 'tls_cert_request');
  assert.deepEqual(request.ip_addresses, ['203.0.113.10']);
  assert.deepEqual(request.dns_names, ['kds.acme.example']);
  const server = onlyResource(json, 'tls_locally_signed_cert');
  assert.ok(server.allowed_uses.includes('server_auth'));
  assert.ok(server.early_renewal_hours > 0);
  assert.equal(resourcesOfType(json, 'tls_private_key').length, 2);
});

test('the TLS Secret takes the key by reference; no key material and no output in the JSON', () => {
  // WHEN
  const json = build(['203.0.113.10']);
  // THEN
  const secret = onlyResource(json, 'kubernetes_secret_v1');
  assert.equal(secret.type, 'kubernetes.io/tls');
  assert.equal(secret.provider, 'kubernetes.global');
  assert.match(secret.data['tls.key'], /^\$\{tls_private_key\..*\.private_key_pem\}$/);
  assert.match(secret.data['ca.crt'], /^\$\{tls_self_signed_cert\..*\.cert_pem\}$/);
  assert.equal(json.output, undefined);
  assert.ok(!JSON.stringify(json).includes('PRIVATE KEY'));
});

test('a certificate needs at least one name', () => {
  assert.throws(() => build([], []), /ipAddresses.*dnsNames must name the KDS address/);
  assert.throws(() => build(['kds.acme.example']), /must be an IP address/);
});
