/**
 * The library's azurerm and google providers: topology settings in the provider blocks,
 * an alias that frees the default slot for the user's own provider, a factory the
 * library calls per stack and account, and a clear synth error instead of
 * Terraform's "Duplicate provider configuration" at init.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { CrossCloudMesh } from '../../../lib/topology/cross-cloud-mesh';
import { TopologySpec } from '../../../lib/topology/topology-spec';
import { CloudProviderFactory, GoogleProviderRequest, googleProviderConfig } from '../../../lib/core/cloud-provider-factory';
import { ephemeralExampleTopology } from '../../helpers/examples';
import { readStacks, StackJson } from '../../helpers/synth';

function synth(edit: (t: any) => void = () => undefined, after: (mesh: CrossCloudMesh) => void = () => undefined, providerFactory?: CloudProviderFactory): Record<string, StackJson> {
  const topology = structuredClone(ephemeralExampleTopology()) as any;
  edit(topology);
  const outdir = mkdtempSync(join(tmpdir(), 'ccm-providers-'));
  try {
    const app = new App({ outdir });
    const mesh = new CrossCloudMesh(app, 'pr-42', { topology: topology as TopologySpec, providerFactory });
    after(mesh);
    app.synth();
    return readStacks(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every resource and data source of a provider type (by name prefix), with the provider it names. */
function cloudBlocks(stack: StackJson, prefix: string): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, items] of Object.entries(stack[kind] ?? {})) {
      if (!type.startsWith(prefix)) continue;
      for (const [name, body] of Object.entries(items as Record<string, any>)) out.push([`${kind}.${type}.${name}`, body.provider]);
    }
  }
  return out;
}

test('topology settings appear in the provider block of every stack', () => {
  // GIVEN
  const stacks = synth((t) => {
    t.accounts.azure.provider = { tenantId: '11111111-1111-1111-1111-111111111111', clientId: '22222222-2222-2222-2222-222222222222', useOidc: true, useCli: false };
    t.accounts.gcp.provider = { impersonateServiceAccount: 'deployer@acme-example-project.iam.gserviceaccount.com', billingProject: 'acme-billing', userProjectOverride: true };
  });
  // THEN: the names are the providers' schema arguments (azurerm v4.55.0 provider.go; google v6.50.0 provider.go)
  for (const [name, stack] of Object.entries(stacks)) {
    const [azurerm] = stack.provider!.azurerm;
    assert.equal(azurerm.tenant_id, '11111111-1111-1111-1111-111111111111', name);
    assert.equal(azurerm.client_id, '22222222-2222-2222-2222-222222222222', name);
    assert.equal(azurerm.use_oidc, true, name);
    assert.equal(azurerm.use_cli, false, name);
    assert.equal(azurerm.subscription_id, '00000000-0000-0000-0000-000000000000', name);
    assert.ok(!('client_secret' in azurerm), name);
    const [google] = stack.provider!.google;
    assert.equal(google.impersonate_service_account, 'deployer@acme-example-project.iam.gserviceaccount.com', name);
    assert.equal(google.billing_project, 'acme-billing', name);
    assert.equal(google.user_project_override, true, name);
    assert.equal(google.project, 'acme-example-project', name);
  }
});

test("an alias moves the library's provider off the default slot, and every cloud resource follows it", () => {
  // GIVEN the alias, and the user's own un-aliased providers in every stack
  const stacks = synth(
    (t) => {
      t.accounts.azure.provider = { alias: 'mesh' };
      t.accounts.gcp.provider = { alias: 'mesh' };
    },
    (mesh) => {
      for (const stack of [mesh.infraStack, mesh.platformStack, mesh.meshStack]) {
        new GoogleProvider(stack, 'google', { project: 'someone-elses-project' });
        new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '33333333-3333-3333-3333-333333333333' });
      }
    },
  );
  // THEN: without an explicit provider a resource would use the user's default one
  let count = 0;
  for (const stack of Object.values(stacks)) {
    for (const [address, provider] of [...cloudBlocks(stack, 'azurerm_'), ...cloudBlocks(stack, 'google_')]) {
      count++;
      assert.equal(provider, `${address.split('.')[1].split('_')[0]}.mesh`, address);
    }
    assert.deepEqual(stack.provider!.google.map((p: any) => p.alias).sort(), [undefined, 'mesh'].sort());
  }
  assert.ok(count > 10, `only ${count} cloud blocks`);
});

test("a user's google provider with the id 'google' fails synth with what to do", () => {
  assert.throws(
    () => synth(undefined, (mesh) => new GoogleProvider(mesh.infraStack, 'google', { project: 'acme-example-project' })),
    (error: Error) => {
      assert.match(error.message, /stack pr-42-infra has 2 "google" providers without an alias/);
      assert.match(error.message, /pr-42\/pr-42-infra\/google,/);
      assert.match(error.message, /Duplicate provider configuration/);
      assert.match(error.message, /accounts\.gcp\.provider/);
      assert.match(error.message, /providerFactory prop of CrossCloudMesh/);
      assert.doesNotMatch(error.message, /already a Construct/);
      return true;
    },
  );
});

test("a user's azurerm provider with another id fails synth the same way", () => {
  assert.throws(
    () => synth(undefined, (mesh) => new AzurermProvider(mesh.platformStack, 'my-azure', { features: [{}] })),
    /stack pr-42-platform has 2 "azurerm" providers without an alias \(pr-42\/pr-42-platform\/my-azure, .*created by cross-cloud-mesh.*accounts\.azure\.provider/s,
  );
});

test('a user provider with an alias the library uses fails synth', () => {
  assert.throws(
    () => synth((t) => (t.accounts.gcp.provider = { alias: 'mesh' }), (mesh) => new GoogleProvider(mesh.meshStack, 'mine', { alias: 'mesh' })),
    /2 "google" providers with alias "mesh"/,
  );
  // The library's per-cluster kubernetes providers are aliased too.
  const stacks = synth();
  const alias = stacks['pr-42-platform'].provider!.kubernetes[0].alias;
  assert.throws(
    () => synth(undefined, (mesh) => new KubernetesProvider(mesh.platformStack, 'mine', { alias })),
    new RegExp(`2 "kubernetes" providers with alias "${alias}".*Give one of them an alias of its own`, 's'),
  );
});

test('a provider factory is called once per stack and account, and what it sets is synthesized', () => {
  // GIVEN
  const calls: string[] = [];
  class WithReason extends CloudProviderFactory {
    public createGoogleProvider(scope: Construct, id: string, request: GoogleProviderRequest): GoogleProvider {
      calls.push(`${scope.node.id}:${request.project}`);
      return new GoogleProvider(scope, id, { ...googleProviderConfig(request), requestReason: 'platform-ci' });
    }
  }
  // WHEN
  const stacks = synth(undefined, undefined, new WithReason());
  // THEN
  assert.deepEqual(calls.sort(), ['pr-42-infra:acme-example-project', 'pr-42-mesh:acme-example-project', 'pr-42-platform:acme-example-project']);
  for (const stack of Object.values(stacks)) assert.equal(stack.provider!.google[0].request_reason, 'platform-ci');
});

test('a factory that drops the alias is refused with the fix', () => {
  class DropsAlias extends CloudProviderFactory {
    public createGoogleProvider(scope: Construct, id: string, request: GoogleProviderRequest): GoogleProvider {
      return new GoogleProvider(scope, id, { project: request.project });
    }
  }
  assert.throws(() => synth((t) => (t.accounts.gcp.provider = { alias: 'mesh' }), undefined, new DropsAlias()), /asked for alias "mesh": pass request.alias through/);
});
