/**
 * AksCluster.fromClusterAttributes and GkeCluster.fromClusterAttributes: an existing
 * cluster reached by name, with addresses reserved for it, and bad attributes rejected
 * with the field, the value and the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, TerraformStack } from 'cdktf';
import { AksCluster, AksClusterAttributes } from '../../../lib/clusters/aks-cluster';
import { GkeCluster, GkeClusterAttributes } from '../../../lib/clusters/gke-cluster';
import { ValidationError } from '../../../lib/private/validation';
import { dataOfType, onlyResource, resourcesOfType, synthApp, synthStack } from '../../helpers/synth';

const AKS: AksClusterAttributes = {
  clusterName: 'prod-aks-weu',
  resourceGroupName: 'prod-aks-weu-rg',
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  location: 'westeurope',
};
const GKE: GkeClusterAttributes = { clusterName: 'prod-gke-euw1', project: 'acme-prod', region: 'europe-west1' };

function assertRejected(build: (stack: TerraformStack) => unknown, field: string, shownValue: string): void {
  assert.throws(
    () => build(new TerraformStack(new App(), 'test')),
    (error: Error) => {
      assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
      assert.ok(error.message.includes(`existing.${field}`), `names ${field}: ${error.message}`);
      assert.ok(error.message.includes(shownValue), `shows ${shownValue}: ${error.message}`);
      return true;
    },
  );
}

// ---- AKS

test('AKS import: creates nothing by itself, and later stacks look the cluster up by name in its resource group', () => {
  // WHEN
  const stacks = synthApp((app) => {
    const infra = new TerraformStack(app, 'infra');
    const cluster = AksCluster.fromClusterAttributes(infra, 'existing', AKS);
    cluster.connection.providers(new TerraformStack(app, 'platform'));
  });
  // THEN: no resource or data source in the import's own stack ...
  assert.equal(stacks.infra.resource, undefined);
  assert.equal(stacks.infra.data, undefined);
  // ... and the consuming stack reads the cluster with the two arguments the data source requires
  // (hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/containers/kubernetes_cluster_data_source.go#dataSourceKubernetesCluster:
  // `name`, `resource_group_name`; the subscription is the provider's, #dataSourceKubernetesClusterRead).
  const [[, lookup]] = dataOfType(stacks.platform, 'azurerm_kubernetes_cluster');
  assert.equal(lookup.name, 'prod-aks-weu');
  assert.equal(lookup.resource_group_name, 'prod-aks-weu-rg');
  const provider = (stacks.platform.provider as any).azurerm.find((p: any) => (p.alias === undefined ? 'azurerm' : `azurerm.${p.alias}`) === lookup.provider);
  assert.equal(provider.subscription_id, AKS.subscriptionId, 'the lookup runs in the cluster\'s subscription');
});

test('AKS import: a reserved address is a Standard static IP in the cluster\'s resource group and location, beside the import', () => {
  // WHEN
  const stack = synthStack((s) => {
    const address = AksCluster.fromClusterAttributes(s, 'existing', AKS).reservePublicAddress('kds');
    // THEN: the cloud provider looks the IP up in the resource group the annotation names
    assert.equal(address.serviceAnnotations['service.beta.kubernetes.io/azure-load-balancer-resource-group'], 'prod-aks-weu-rg');
  });
  const [[key, ip]] = resourcesOfType(stack, 'azurerm_public_ip');
  assert.match(key, /^prod-aks-weu-address-kds/, 'named like the addresses the topology reserved for existing clusters before the import existed');
  assert.equal(ip.resource_group_name, 'prod-aks-weu-rg');
  assert.equal(ip.location, 'westeurope');
  assert.equal(ip.allocation_method, 'Static');
  assert.deepEqual(ip.lifecycle, { prevent_destroy: true }, 'protected unless ephemeral');
});

test('AKS import: the OIDC issuer is looked up only when asked for, and not at all when given', () => {
  const lookups = (attrs: Partial<AksClusterAttributes>, ask: boolean) =>
    dataOfType(synthStack((s) => {
      const cluster = AksCluster.fromClusterAttributes(s, 'existing', { ...AKS, ...attrs });
      if (ask) assert.ok(cluster.oidcIssuerUrl.length > 0);
      if (ask) assert.equal(cluster.oidcIssuerUrl, cluster.oidcIssuerUrl, 'memoised');
    }), 'azurerm_kubernetes_cluster');
  assert.equal(lookups({}, false).length, 0);
  const asked = lookups({}, true);
  assert.equal(asked.length, 1);
  assert.equal(asked[0][1].name, 'prod-aks-weu');
  assert.equal(asked[0][1].resource_group_name, 'prod-aks-weu-rg');
  // A cluster without an issuer fails the plan, naming the fix, instead of the federated credential's apply.
  assert.deepEqual(asked[0][1].lifecycle.postcondition.map((c: any) => c.condition), ['${self.oidc_issuer_enabled}']);
  assert.match(asked[0][1].lifecycle.postcondition[0].error_message, /--enable-oidc-issuer/);
  assert.equal(lookups({ oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/' }, true).length, 0);
});

test('AKS import: ephemeral addresses carry the owner and expiry and are not protected', () => {
  const stack = synthStack((s) => AksCluster.fromClusterAttributes(s, 'existing', { ...AKS, ephemeral: true, owner: 'ci', expiresAt: '2030-01-31' }).reservePublicAddress('gw'));
  const ip = onlyResource(stack, 'azurerm_public_ip');
  assert.equal(ip.lifecycle, undefined);
  assert.equal(ip.tags.owner, 'ci');
});

test('AKS import: bad attributes are rejected naming the field, the value and the fix', () => {
  const reject = (attrs: Partial<AksClusterAttributes>, field: string, shown: string) =>
    assertRejected((stack) => AksCluster.fromClusterAttributes(stack, 'existing', { ...AKS, ...attrs }), field, shown);
  reject({ subscriptionId: 'not-a-guid' }, 'subscriptionId', '"not-a-guid"');
  reject({ resourceGroupName: 'prod aks rg' }, 'resourceGroupName', '"prod aks rg"');
  reject({ resourceGroupName: '' }, 'resourceGroupName', '""');
  reject({ clusterName: '' }, 'clusterName', '""');
  reject({ location: '' }, 'location', '""');
  reject({ oidcIssuerUrl: 'issuer' }, 'oidcIssuerUrl', '"issuer"');
  reject({ ephemeral: true }, 'owner', 'missing value');
});

// ---- GKE

test('GKE import: later stacks look the cluster up by name, location and project', () => {
  const stacks = synthApp((app) => {
    const cluster = GkeCluster.fromClusterAttributes(new TerraformStack(app, 'infra'), 'existing', GKE);
    cluster.connection.providers(new TerraformStack(app, 'platform'));
  });
  assert.equal(stacks.infra.resource, undefined);
  const [[, lookup]] = dataOfType(stacks.platform, 'google_container_cluster');
  assert.equal(lookup.name, 'prod-gke-euw1');
  assert.equal(lookup.location, 'europe-west1');
  assert.equal(lookup.project, 'acme-prod');
});

test('GKE import: a reserved address is an external regional address in the cluster\'s region and project', () => {
  // A LoadBalancer Service binds spec.loadBalancerIP only to a regional external address of its region.
  const stack = synthStack((s) => GkeCluster.fromClusterAttributes(s, 'existing', GKE).reservePublicAddress('kds'));
  const [[key, address]] = resourcesOfType(stack, 'google_compute_address');
  assert.match(key, /^prod-gke-euw1-address-kds/);
  assert.equal(address.region, 'europe-west1');
  assert.equal(address.project, 'acme-prod');
  assert.equal(address.address_type, 'EXTERNAL');
  assert.ok(/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(address.name) && address.name.length <= 63, `RFC 1035 name: ${address.name}`);
});

test('GKE import: bad attributes are rejected naming the field, the value and the fix', () => {
  const reject = (attrs: Partial<GkeClusterAttributes>, field: string, shown: string) =>
    assertRejected((stack) => GkeCluster.fromClusterAttributes(stack, 'existing', { ...GKE, ...attrs }), field, shown);
  reject({ project: 'Acme_Prod' }, 'project', '"Acme_Prod"');
  reject({ clusterName: '' }, 'clusterName', '""');
  reject({ region: '' }, 'region', '""');
  reject({ ephemeral: true, owner: 'ci' }, 'expiresAt', 'missing value');
});

test('both imports answer ICluster: no egress addresses (not managed here), the ephemeral flag they were given', () => {
  synthStack((s) => {
    for (const cluster of [AksCluster.fromClusterAttributes(s, 'aks', AKS), GkeCluster.fromClusterAttributes(s, 'gke', { ...GKE, ephemeral: true, owner: 'ci', expiresAt: '2030-01-31' })]) {
      assert.deepEqual(cluster.egressAddresses, []);
    }
    assert.equal(AksCluster.fromClusterAttributes(s, 'aks-2', AKS).ephemeral, false);
  });
});
