import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import {
  AZURE_LOAD_BALANCER_IPV4_ANNOTATION,
  AZURE_LOAD_BALANCER_RESOURCE_GROUP_ANNOTATION,
  AzurePublicAddress,
  AzurePublicAddressProps,
} from '../../../lib/network/azure-public-address';
import { ValidationError } from '../../../lib/private/validation';
import { onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const BASE: AzurePublicAddressProps = { name: 'kds', resourceGroupName: 'edge-rg', location: 'westeurope', subscriptionId: SUBSCRIPTION };

test('a standalone Standard static IPv4 address with delete protection', () => {
  // WHEN
  let address!: AzurePublicAddress;
  const json = synthStack((stack) => (address = new AzurePublicAddress(stack, 'kds', BASE)));
  // THEN
  const ip = onlyResource(json, 'azurerm_public_ip');
  assert.equal(ip.name, 'kds');
  assert.equal(ip.resource_group_name, 'edge-rg');
  assert.equal(ip.sku, 'Standard');
  assert.equal(ip.allocation_method, 'Static');
  assert.equal(ip.ip_version, 'IPv4');
  assert.equal(ip.lifecycle.prevent_destroy, true);
  assert.equal(address.cloud, 'azure');
  assert.match(address.address, /TfToken/);
});

test('the Service annotations name the resource group and the address', () => {
  synthStack((stack) => {
    // WHEN
    const address = new AzurePublicAddress(stack, 'kds', BASE);
    // THEN
    assert.equal(address.serviceAnnotations[AZURE_LOAD_BALANCER_RESOURCE_GROUP_ANNOTATION], 'edge-rg');
    assert.equal(address.serviceAnnotations[AZURE_LOAD_BALANCER_IPV4_ANNOTATION], address.address);
    assert.equal(AZURE_LOAD_BALANCER_RESOURCE_GROUP_ANNOTATION, 'service.beta.kubernetes.io/azure-load-balancer-resource-group');
  });
});

test('allowUseBy grants Network Contributor on the address resource group, once per principal', () => {
  // WHEN
  const json = synthStack((stack) => {
    const address = new AzurePublicAddress(stack, 'kds', BASE);
    address.allowUseBy('principal-1');
    address.allowUseBy('principal-1');
  });
  // THEN
  const grant = onlyResource(json, 'azurerm_role_assignment');
  assert.equal(grant.scope, `/subscriptions/${SUBSCRIPTION}/resourceGroups/edge-rg`);
  assert.equal(grant.role_definition_name, 'Network Contributor');
  assert.equal(grant.principal_id, 'principal-1');
});

test('ephemeral: no delete protection, owner and expiry tags', () => {
  // WHEN
  const json = synthStack((stack) => new AzurePublicAddress(stack, 'kds', { ...BASE, ephemeral: true, owner: 'ci', expiresAt: '2030-01-31', zones: ['1', '2', '3'] }));
  // THEN
  const ip = onlyResource(json, 'azurerm_public_ip');
  assert.equal(ip.lifecycle, undefined);
  assert.deepEqual(ip.tags, { 'managed-by': 'cdktf-cross-cloud-mesh', owner: 'ci', 'expires-at': '2030-01-31', ephemeral: 'true' });
  assert.deepEqual(ip.zones, ['1', '2', '3']);
  assert.equal(resourcesOfType(json, 'azurerm_role_assignment').length, 0);
});

test('rejects a name Azure does not accept, naming the field and value', () => {
  assert.throws(
    () => new AzurePublicAddress(new TerraformStack(new App(), 'test'), 'kds', { ...BASE, name: '-kds' }),
    (error: Error) => error instanceof ValidationError && error.message.includes('test/kds.name') && error.message.includes('"-kds"'),
  );
});

test('rejects an empty resource group', () => {
  assert.throws(
    () => new AzurePublicAddress(new TerraformStack(new App(), 'test'), 'kds', { ...BASE, resourceGroupName: '' }),
    (error: Error) => error instanceof ValidationError && error.message.includes('test/kds.resourceGroupName'),
  );
});
