import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack } from 'cdktf';
import { AKS_AAD_SERVER_APPLICATION_ID, ClusterConnection, providerAlias } from '../../../lib/clusters/cluster-connection';
import { AksCluster } from '../../../lib/clusters/aks-cluster';
import { GkeCluster } from '../../../lib/clusters/gke-cluster';
import { ValidationError } from '../../../lib/private/validation';
import { dataOfType, synthApp, synthStack } from '../../helpers/synth';
import { checkStagingInvariants, formatViolations } from '../../invariants/staging-invariants';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const aks = () => ClusterConnection.fromAksCluster({ clusterName: 'acme-azure', resourceGroupName: 'acme-rg', subscriptionId: SUBSCRIPTION });
const gke = () => ClusterConnection.fromGkeCluster({ clusterName: 'acme-gcp', location: 'europe-west1', project: 'acme-prod' });

test('AKS: a data source by name and kubelogin exec credentials for both providers', () => {
  // WHEN
  const json = synthStack((stack) => aks().providers(stack));
  // THEN
  const [[dataName, cluster]] = dataOfType(json, 'azurerm_kubernetes_cluster');
  assert.deepEqual({ name: cluster.name, resource_group_name: cluster.resource_group_name }, { name: 'acme-azure', resource_group_name: 'acme-rg' });
  const [kubernetes] = json.provider!.kubernetes;
  const [helm] = json.provider!.helm;
  const exec = {
    api_version: 'client.authentication.k8s.io/v1beta1',
    command: 'kubelogin',
    args: ['get-token', '--login', 'azurecli', '--server-id', AKS_AAD_SERVER_APPLICATION_ID],
  };
  assert.equal(kubernetes.alias, 'acme_azure');
  assert.equal(helm.alias, 'acme_azure');
  assert.deepEqual(kubernetes.exec, [exec]);
  assert.deepEqual(helm.kubernetes.exec, exec);
  assert.equal(kubernetes.host, `\${data.azurerm_kubernetes_cluster.${dataName}.kube_config[0].host}`);
  assert.equal(helm.kubernetes.cluster_ca_certificate, `\${base64decode(data.azurerm_kubernetes_cluster.${dataName}.kube_config[0].cluster_ca_certificate)}`);
  assert.equal(kubernetes.token, undefined);
  assert.equal(kubernetes.client_key, undefined);
  assert.equal(json.provider!.azurerm[0].subscription_id, SUBSCRIPTION);
});

test('AKS: the kubelogin login mode is an option', () => {
  // WHEN
  const connection = ClusterConnection.fromAksCluster({ clusterName: 'a', resourceGroupName: 'rg', subscriptionId: SUBSCRIPTION, kubeloginMode: 'workloadidentity' });
  const json = synthStack((stack) => connection.providers(stack));
  // THEN
  assert.deepEqual(json.provider!.kubernetes[0].exec[0].args.slice(0, 3), ['get-token', '--login', 'workloadidentity']);
});

test('GKE: a data source by name, the client access token and the cluster CA', () => {
  // WHEN
  const json = synthStack((stack) => gke().providers(stack));
  // THEN
  const [[dataName, cluster]] = dataOfType(json, 'google_container_cluster');
  const [[clientName]] = dataOfType(json, 'google_client_config');
  assert.deepEqual({ name: cluster.name, location: cluster.location, project: cluster.project }, { name: 'acme-gcp', location: 'europe-west1', project: 'acme-prod' });
  const [kubernetes] = json.provider!.kubernetes;
  const [helm] = json.provider!.helm;
  assert.equal(kubernetes.alias, 'acme_gcp');
  assert.equal(kubernetes.host, `https://\${data.google_container_cluster.${dataName}.endpoint}`);
  assert.equal(kubernetes.token, `\${data.google_client_config.${clientName}.access_token}`);
  assert.equal(helm.kubernetes.token, kubernetes.token);
  assert.equal(helm.kubernetes.cluster_ca_certificate, `\${base64decode(data.google_container_cluster.${dataName}.master_auth[0].cluster_ca_certificate)}`);
});

test('kubeconfig: a file and context', () => {
  // WHEN
  const connection = ClusterConnection.fromKubeconfig({ path: '/home/me/.kube/config', context: 'kind-zone1' });
  const json = synthStack((stack) => connection.providers(stack));
  // THEN
  assert.equal(connection.clusterName, 'kind-zone1');
  assert.equal(connection.cloud, undefined);
  assert.deepEqual(json.provider!.kubernetes[0], { alias: 'kind_zone1', config_path: '/home/me/.kube/config', config_context: 'kind-zone1' });
  assert.deepEqual(json.provider!.helm[0].kubernetes, { config_path: '/home/me/.kube/config', config_context: 'kind-zone1' });
});

test('providers are created once per stack and shared by handles on the same cluster', () => {
  synthStack((stack) => {
    // WHEN
    const first = aks().providers(stack);
    const again = aks().providers(stack);
    // THEN
    assert.equal(first.kubernetes, again.kubernetes);
    assert.equal(first.helm, again.helm);
  });
});

test('each stack gets its own providers', () => {
  // WHEN
  const connection = gke();
  const stacks = synthApp((app) => {
    connection.providers(new TerraformStack(app, 'platform'));
    connection.providers(new TerraformStack(app, 'mesh'));
  });
  // THEN
  assert.equal(stacks.platform.provider!.kubernetes.length, 1);
  assert.equal(stacks.mesh.provider!.kubernetes.length, 1);
});

test('several clusters live in one stack under distinct aliases, even with the same name', () => {
  // WHEN
  const json = synthStack((stack) => {
    aks().providers(stack);
    gke().providers(stack);
    ClusterConnection.fromGkeCluster({ clusterName: 'acme-gcp', location: 'us-east1', project: 'acme-prod' }).providers(stack);
  });
  // THEN
  assert.deepEqual(json.provider!.kubernetes.map((p: any) => p.alias).sort(), ['acme_azure', 'acme_gcp', 'acme_gcp_2']);
  assert.deepEqual(json.provider!.helm.map((p: any) => p.alias).sort(), ['acme_azure', 'acme_gcp', 'acme_gcp_2']);
});

test('provider aliases are sanitized', () => {
  assert.equal(providerAlias('acme-azure.west'), 'acme_azure_west');
  assert.equal(providerAlias('1st'), 'cluster_1st');
});

test('cluster constructs hand only names across stacks; credentials are read in the consuming stack', () => {
  // WHEN
  const stacks = synthApp((app) => {
    const infra = new TerraformStack(app, 'infra');
    const platform = new TerraformStack(app, 'platform');
    const azure = new AksCluster(infra, 'azure', { name: 'acme-azure', location: 'westeurope', subscriptionId: SUBSCRIPTION, apiServerAuthorizedIpRanges: ['203.0.113.0/24'] });
    const gcp = new GkeCluster(infra, 'gcp', { name: 'acme-gcp', project: 'acme-prod', region: 'europe-west1', masterAuthorizedNetworks: ['203.0.113.0/24'] });
    azure.connection.providers(platform);
    gcp.connection.providers(platform);
  });
  // THEN
  const outputs = JSON.stringify(stacks.infra.output ?? {});
  assert.doesNotMatch(outputs, /kube_config|master_auth|access_token|client_key|password/);
  assert.match(outputs, /azurerm_kubernetes_cluster\.[^.]+\.name/);
  assert.match(outputs, /google_container_cluster\.[^.]+\.name/);
  assert.equal(dataOfType(stacks.platform, 'azurerm_kubernetes_cluster').length, 1);
  assert.equal(dataOfType(stacks.platform, 'google_container_cluster').length, 1);
  assert.deepEqual(stacks.platform.provider!.kubernetes.map((p: any) => p.alias).sort(), ['acme_azure', 'acme_gcp']);
  assert.equal(stacks.infra.provider?.kubernetes, undefined);
  const violations = checkStagingInvariants(stacks);
  assert.equal(violations.length, 0, formatViolations(violations));
});

test('rejects a login mode Terraform cannot complete unattended', () => {
  assert.throws(
    () => ClusterConnection.fromAksCluster({ clusterName: 'a', resourceGroupName: 'rg', subscriptionId: SUBSCRIPTION, kubeloginMode: 'devicecode' }),
    (error: Error) => error instanceof ValidationError && error.message.includes('kubeloginMode') && error.message.includes('"devicecode"'),
  );
});

test('rejects a token cluster name without a name for the providers', () => {
  synthStack((stack) => {
    const cluster = new GkeCluster(stack, 'gcp', { name: 'acme-gcp', project: 'acme-prod', region: 'europe-west1', allowPublicApiServer: true });
    assert.throws(
      () => ClusterConnection.fromGkeCluster({ clusterName: cluster.clusterName, location: 'europe-west1', project: 'acme-prod' }),
      (error: Error) => error instanceof ValidationError && error.message.includes('fromGkeCluster.name'),
    );
  });
});

test('rejects an empty cluster name', () => {
  assert.throws(
    () => ClusterConnection.fromGkeCluster({ clusterName: '', location: 'europe-west1', project: 'acme-prod' }),
    (error: Error) => error instanceof ValidationError && error.message.includes('fromGkeCluster.clusterName') && error.message.includes('""'),
  );
});
