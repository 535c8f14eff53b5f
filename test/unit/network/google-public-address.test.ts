import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { GooglePublicAddress, GooglePublicAddressProps } from '../../../lib/network/google-public-address';
import { ValidationError } from '../../../lib/private/validation';
import { onlyResource, synthStack } from '../../helpers/synth';

const BASE: GooglePublicAddressProps = { name: 'kds', project: 'acme-prod', region: 'europe-west1' };

test('a standalone regional external address with delete protection', () => {
  // WHEN
  let address!: GooglePublicAddress;
  const json = synthStack((stack) => (address = new GooglePublicAddress(stack, 'kds', BASE)));
  // THEN
  const resource = onlyResource(json, 'google_compute_address');
  assert.equal(resource.name, 'kds');
  assert.equal(resource.address_type, 'EXTERNAL');
  assert.equal(resource.region, 'europe-west1');
  assert.equal(resource.project, 'acme-prod');
  assert.equal(resource.network_tier, 'PREMIUM');
  assert.equal(resource.lifecycle.prevent_destroy, true);
  assert.equal(address.cloud, 'gcp');
  assert.deepEqual(address.serviceAnnotations, {});
  assert.match(address.address, /TfToken/);
});

test('ephemeral: no delete protection, owner and expiry labels', () => {
  // WHEN
  const json = synthStack((stack) => new GooglePublicAddress(stack, 'kds', { ...BASE, ephemeral: true, owner: 'ci', expiresAt: '2030-01-31' }));
  // THEN
  const resource = onlyResource(json, 'google_compute_address');
  assert.equal(resource.lifecycle, undefined);
  assert.deepEqual(resource.labels, { 'managed-by': 'cdktf-cross-cloud-mesh', owner: 'ci', 'expires-at': '2030-01-31', ephemeral: 'true' });
});

test('rejects a name that is not an RFC 1035 label, naming the field and value', () => {
  assert.throws(
    () => new GooglePublicAddress(new TerraformStack(new App(), 'test'), 'kds', { ...BASE, name: 'KDS_ip' }),
    (error: Error) => error instanceof ValidationError && error.message.includes('test/kds.name') && error.message.includes('"KDS_ip"'),
  );
});

test('rejects an empty region', () => {
  assert.throws(
    () => new GooglePublicAddress(new TerraformStack(new App(), 'test'), 'kds', { ...BASE, region: '' }),
    (error: Error) => error instanceof ValidationError && error.message.includes('test/kds.region'),
  );
});
