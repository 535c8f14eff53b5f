/**
 * `state:` and the accounts' provider settings, validated with their field paths, so a
 * bad backend or a setting the provider would ignore fails `validate`, not `terraform init`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StateBackendName, TopologySpec } from '../../../lib/topology/topology-spec';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { gcsBucketProblem, s3BucketProblem } from '../../../lib/topology/_validate-state';
import { ephemeralExampleTopology } from '../../helpers/examples';

function issuesWith(edit: (t: any) => void): Array<{ path: string; value: unknown; message: string }> {
  const topology = structuredClone(ephemeralExampleTopology()) as any;
  edit(topology);
  return topologyIssues(topology as TopologySpec).map(({ path, value, message }) => ({ path, value, message }));
}

function assertOnlyIssueAt(edit: (t: any) => void, path: string, pattern: RegExp): void {
  const issues = issuesWith(edit);
  assert.deepEqual(issues.map((i) => i.path), [path], JSON.stringify(issues));
  assert.match(issues[0].message, pattern);
}

test('valid state blocks of every backend pass', () => {
  const valid: any[] = [
    { backend: 'azurerm', azurerm: { storageAccountName: 'acmetfstate', containerName: 'tf-state' } },
    { backend: 'gcs', prefix: 'platform/mesh', gcs: { bucket: 'acme_tf.state-1' } },
    { backend: 's3', s3: { bucket: 'acme.tf-state', region: 'eu-west-1', dynamodbTable: 'tf-locks' } },
    { backend: 'remote', remote: { organization: 'acme' } },
    { backend: 'local' },
    { backend: 'local', local: { directory: '/var/lib/state' } },
  ];
  for (const state of valid) assert.deepEqual(issuesWith((t) => (t.state = state)), [], JSON.stringify(state));
});

test('the chosen backend needs its settings block', () => {
  assertOnlyIssueAt((t) => (t.state = { backend: StateBackendName.GCS }), 'state.gcs', /required with backend "gcs": add state.gcs: \{ bucket \}/);
});

test("another backend's settings are an issue, not silently ignored", () => {
  assertOnlyIssueAt(
    (t) => (t.state = { backend: 'gcs', gcs: { bucket: 'acme-tfstate' }, s3: { bucket: 'acme-tfstate', region: 'eu-west-1' } }),
    'state.s3',
    /state.backend is "gcs": remove it, or set state.backend: s3/,
  );
});

test('an unknown backend is a shape issue at state.backend', () => {
  assertOnlyIssueAt((t) => (t.state = { backend: 'consul' }), 'state.backend', /./);
});

test('prefix: no leading slash (schema) and no dot segments', () => {
  assertOnlyIssueAt((t) => (t.state = { backend: 'local', prefix: '/abs' }), 'state.prefix', /./);
  assertOnlyIssueAt((t) => (t.state = { backend: 'local', prefix: 'a/../b' }), 'state.prefix', /".." segment/);
});

test('azurerm names follow the provider validators', () => {
  // hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/storage/validate/storage_account_name.go#StorageAccountName
  assertOnlyIssueAt((t) => (t.state = { backend: 'azurerm', azurerm: { storageAccountName: 'Acme-TF-State', containerName: 'tfstate' } }), 'state.azurerm.storageAccountName', /3 to 24 lower-case letters and digits.*"acmetfstate"/);
  assertOnlyIssueAt((t) => (t.state = { backend: 'azurerm', azurerm: { storageAccountName: 'ab', containerName: 'tfstate' } }), 'state.azurerm.storageAccountName', /3 to 24/);
  // storage_container.go#StorageContainerName: no leading '-', 3-63
  assertOnlyIssueAt((t) => (t.state = { backend: 'azurerm', azurerm: { storageAccountName: 'acmetfstate', containerName: '-tfstate' } }), 'state.azurerm.containerName', /3 to 63/);
  assertOnlyIssueAt((t) => (t.state = { backend: 'azurerm', azurerm: { storageAccountName: 'acmetfstate', containerName: 'tf' } }), 'state.azurerm.containerName', /3 to 63/);
  // resourcegroups/validate.go#ValidateName: no spaces, no trailing '.'
  assertOnlyIssueAt((t) => (t.state = { backend: 'azurerm', azurerm: { storageAccountName: 'acmetfstate', containerName: 'tfstate', resourceGroupName: 'tf state' } }), 'state.azurerm.resourceGroupName', /1 to 90/);
  assertOnlyIssueAt((t) => (t.state = { backend: 'azurerm', azurerm: { storageAccountName: 'acmetfstate', containerName: 'tfstate', resourceGroupName: 'rg.' } }), 'state.azurerm.resourceGroupName', /not ending in "."/);
});

test('bucket names follow Cloud Storage and S3 naming rules', () => {
  assertOnlyIssueAt((t) => (t.state = { backend: 'gcs', gcs: { bucket: 'Acme' } }), 'state.gcs.bucket', /lower-case/);
  assertOnlyIssueAt((t) => (t.state = { backend: 's3', s3: { bucket: 'acme..state', region: 'eu-west-1' } }), 'state.s3.bucket', /two adjacent dots/);
  for (const bad of ['ab', 'google-state', 'goog-state', '192.168.1.1', '-acme', 'acme-', `${'a'.repeat(64)}`]) assert.ok(gcsBucketProblem(bad), bad);
  for (const good of ['acme-tfstate', 'acme_tfstate', 'a.b.c', `${'a'.repeat(63)}.${'b'.repeat(63)}`]) assert.equal(gcsBucketProblem(good), undefined, good);
  for (const bad of ['ab', 'acme_state', 'Acme', '10.0.0.1', 'xn--acme', 'acme-s3alias', 'a'.repeat(64)]) assert.ok(s3BucketProblem(bad), bad);
  for (const good of ['acme-tfstate', 'acme.tfstate', 'abc']) assert.equal(s3BucketProblem(good), undefined, good);
});

test('remote: workspace names of every stage within 90 characters', () => {
  assertOnlyIssueAt((t) => (t.state = { backend: 'remote', prefix: 'p'.repeat(80), remote: { organization: 'acme' } }), 'state.prefix', /HCP Terraform allows 90/);
  assertOnlyIssueAt((t) => (t.state = { backend: 'remote', remote: { organization: 'acme corp' } }), 'state.remote.organization', /./);
  assertOnlyIssueAt((t) => (t.state = { backend: 'remote', prefix: 'acme.prod', remote: { organization: 'acme' } }), 'state.prefix', /drop the ".", e.g. "acme-prod"/);
  // The legacy remote backend has no workspaces.project: synth would drop it silently.
  assertOnlyIssueAt((t) => (t.state = { backend: 'remote', remote: { organization: 'acme', project: 'previews', legacyRemoteBackend: true } }), 'state.remote.project', /ignored by the legacy remote backend/);
  assert.deepEqual(issuesWith((t) => (t.state = { backend: 'gcs', prefix: 'acme.prod', gcs: { bucket: 'acme-tfstate' } })), []);
});

test('provider settings the provider would ignore are issues', () => {
  // azurerm reads oidc_token_file_path only with use_oidc / use_aks_workload_identity (provider.go#providerConfigure).
  assertOnlyIssueAt((t) => (t.accounts.azure.provider = { oidcTokenFilePath: '/var/run/token' }), 'accounts.azure.provider.oidcTokenFilePath', /useOidc: true/);
  assert.deepEqual(issuesWith((t) => (t.accounts.azure.provider = { useOidc: true, oidcTokenFilePath: '/var/run/token' })), []);
  // google bills billing_project only with user_project_override (transport/config.go).
  assertOnlyIssueAt((t) => (t.accounts.gcp.provider = { billingProject: 'acme-billing' }), 'accounts.gcp.provider.billingProject', /userProjectOverride: true/);
  assertOnlyIssueAt((t) => (t.accounts.azure.provider = { tenantId: 'not-a-guid' }), 'accounts.azure.provider.tenantId', /./);
  assertOnlyIssueAt((t) => (t.accounts.gcp.provider = { alias: '1bad' }), 'accounts.gcp.provider.alias', /./);
  assertOnlyIssueAt((t) => (t.accounts.azure.provider = { clientSecret: 'x' }), 'accounts.azure.provider.clientSecret', /./);
});
