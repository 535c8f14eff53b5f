import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureDnsSolverIdentity } from '../../../lib/tls/azure-dns-solver-identity';
import { CloudDnsSolverIdentity, CLOUD_DNS_SOLVER_PERMISSIONS } from '../../../lib/tls/cloud-dns-solver-identity';
import { onlyResource, resourcesOfType, synthStack } from '../../helpers/synth';

const ZONE_ID = '/subscriptions/sub/resourceGroups/acme-dns/providers/Microsoft.Network/dnszones/azure.acme.example';

test('Azure: a managed identity, DNS Zone Contributor on the zone only, federated with cert-manager', () => {
  // WHEN
  const stack = synthStack((s) => {
    new AzureDnsSolverIdentity(s, 'solver', { name: 'acme-azure-cm', subscriptionId: 'sub', resourceGroupName: 'acme-rg', location: 'westeurope', dnsZoneId: ZONE_ID, oidcIssuerUrl: 'https://oidc.example/issuer' });
  });
  const role = onlyResource(stack, 'azurerm_role_assignment');
  const federation = onlyResource(stack, 'azurerm_federated_identity_credential');
  // THEN
  assert.equal(role.role_definition_name, 'DNS Zone Contributor');
  assert.equal(role.scope, ZONE_ID);
  assert.equal(federation.subject, 'system:serviceaccount:cert-manager:cert-manager');
  assert.equal(federation.issuer, 'https://oidc.example/issuer');
  assert.deepEqual(federation.audience, ['api://AzureADTokenExchange']);
  assert.equal(resourcesOfType(stack, 'azurerm_key_vault_secret').length, 0);
});

test('Azure: rejects a scope that is not a DNS zone', () => {
  assert.throws(
    () => synthStack((s) => new AzureDnsSolverIdentity(s, 'solver', { name: 'n', subscriptionId: 'sub', resourceGroupName: 'rg', location: 'westeurope', dnsZoneId: '/subscriptions/sub', oidcIssuerUrl: 'https://o' })),
    /dnsZoneId\) must be the resource id of an Azure DNS zone/,
  );
});

test('Google: a service account, a least-privilege custom role bound on the zone, workload identity for cert-manager, no key', () => {
  // WHEN
  const stack = synthStack((s) => new CloudDnsSolverIdentity(s, 'solver', { name: 'acme-gcp-cm', project: 'acme-prod', managedZoneName: 'acme-example' }));
  const role = onlyResource(stack, 'google_project_iam_custom_role');
  const binding = onlyResource(stack, 'google_dns_managed_zone_iam_member');
  const wi = onlyResource(stack, 'google_service_account_iam_member');
  // THEN
  assert.deepEqual(role.permissions, CLOUD_DNS_SOLVER_PERMISSIONS);
  assert.ok(!role.permissions.some((p: string) => p.startsWith('dns.managedZones.create') || p === 'dns.managedZones.delete'));
  assert.equal(binding.managed_zone, 'acme-example');
  assert.equal(resourcesOfType(stack, 'google_project_iam_member').length, 0);
  assert.equal(wi.role, 'roles/iam.workloadIdentityUser');
  assert.equal(wi.member, 'serviceAccount:acme-prod.svc.id.goog[cert-manager/cert-manager]');
  assert.equal(resourcesOfType(stack, 'google_service_account_key').length, 0);
});

test('Google: without a zone, the role is bound on the project and may list zones', () => {
  const stack = synthStack((s) => new CloudDnsSolverIdentity(s, 'solver', { name: 'acme-gcp-cm', project: 'acme-prod' }));
  assert.ok(onlyResource(stack, 'google_project_iam_custom_role').permissions.includes('dns.managedZones.list'));
  assert.equal(onlyResource(stack, 'google_project_iam_member').project, 'acme-prod');
});

test('Google: rejects an invalid service account id', () => {
  assert.throws(() => synthStack((s) => new CloudDnsSolverIdentity(s, 'solver', { name: 'CM', project: 'p' })), /"CM" \(test\/solver\.name\) must be a service account id/);
});
