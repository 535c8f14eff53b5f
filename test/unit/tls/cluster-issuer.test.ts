import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AcmeServer, CertManagerManifest, ClusterIssuer, IssuerKind, clusterIssuerManifests } from '../../../lib/tls/cluster-issuer';
import { manifests, resourcesOfType, synthStack } from '../../helpers/synth';
import { HAVE_UPSTREAM, crdErrors, fakeConnection } from '../gateway/fakes';

const azure = IssuerKind.acmeAzureDns({
  email: 'platform@acme.example',
  subscriptionId: 'sub',
  resourceGroupName: 'acme-dns',
  hostedZoneName: 'azure.acme.example',
  managedIdentityClientId: 'client-id',
});

test('ACME on Azure DNS uses the managed identity, no secret', () => {
  const [issuer] = clusterIssuerManifests('acme-dns01', azure, false);
  const acme = (issuer.spec as any).acme;
  assert.equal(acme.server, 'https://acme-v02.api.letsencrypt.org/directory');
  assert.deepEqual(acme.solvers[0].dns01.azureDNS.managedIdentity, { clientID: 'client-id' });
  assert.equal(acme.solvers[0].dns01.azureDNS.clientSecretSecretRef, undefined);
  assert.equal(acme.privateKeySecretRef.name, 'acme-dns01-account-key');
});

test('ACME on Cloud DNS relies on workload identity (no serviceAccountSecretRef)', () => {
  const [issuer] = clusterIssuerManifests('acme-dns01', IssuerKind.acmeCloudDns({ email: 'platform@acme.example', project: 'acme-prod', hostedZoneName: 'acme-example' }), false);
  assert.deepEqual((issuer.spec as any).acme.solvers[0].dns01, { cloudDNS: { project: 'acme-prod', hostedZoneName: 'acme-example' } });
});

test('ephemeral issuers default to Let\'s Encrypt staging; an explicit server wins', () => {
  assert.match((clusterIssuerManifests('i', azure, true)[0].spec as any).acme.server, /acme-staging-v02/);
  const custom = IssuerKind.acmeCloudDns({ email: 'a@b.example', project: 'p', server: AcmeServer.custom('https://acme.internal/directory') });
  assert.equal((clusterIssuerManifests('i', custom, true)[0].spec as any).acme.server, 'https://acme.internal/directory');
});

test('a self-signed CA is a bootstrap issuer, a CA certificate in cert-manager\'s namespace and a CA issuer', () => {
  // WHEN
  const stack = synthStack((s) => new ClusterIssuer(s, 'issuer', { connection: fakeConnection('aks'), name: 'self-signed-ca', kind: IssuerKind.selfSignedCa() }));
  const all = manifests(stack).map(({ manifest }) => manifest);
  const byName = new Map(all.map((m) => [m.metadata.name, m]));
  // THEN
  assert.deepEqual(all.map((m) => `${m.kind}/${m.metadata.name}`).sort(), [
    'Certificate/self-signed-ca-ca',
    'ClusterIssuer/self-signed-ca',
    'ClusterIssuer/self-signed-ca-bootstrap',
  ]);
  assert.deepEqual(byName.get('self-signed-ca-bootstrap').spec, { selfSigned: {} });
  assert.equal(byName.get('self-signed-ca-ca').metadata.namespace, 'cert-manager');
  assert.equal(byName.get('self-signed-ca-ca').spec.isCA, true);
  assert.equal(byName.get('self-signed-ca').spec.ca.secretName, 'self-signed-ca-ca');
});

test('rejects a bad e-mail, a non-https ACME server and a bad zone', () => {
  assert.throws(() => IssuerKind.acmeCloudDns({ email: 'nobody', project: 'p' }), /"nobody" \(IssuerKind\.acmeCloudDns\.email\) must be an e-mail address/);
  assert.throws(() => AcmeServer.custom('http://acme.example/directory'), /AcmeServer\.custom\.url/);
  assert.throws(() => IssuerKind.acmeAzureDns({ email: 'a@b.example', subscriptionId: 's', resourceGroupName: 'r', hostedZoneName: 'Not A Zone', managedIdentityClientId: 'c' }), /hostedZoneName/);
});

test('every issuer object validates against the cert-manager CRDs', { skip: !HAVE_UPSTREAM && 'upstream files not found' }, () => {
  const kinds = [azure, IssuerKind.acmeCloudDns({ email: 'a@b.example', project: 'p' }), IssuerKind.selfSignedCa({ commonName: 'acme CA' }), route53];
  for (const kind of kinds) for (const manifest of clusterIssuerManifests('issuer', kind, false)) assert.deepEqual(crdErrors(manifest), []);
});

// A solver block a cloud builds itself (lib/core/cloud-support.ts#CloudDnsSolver.issuerKind).
const route53 = IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { route53: { hostedZoneID: 'Z0123456789ABC', region: 'eu-west-1' } } });

test('a generic DNS-01 issuer carries its one provider block as the solver', () => {
  const [issuer] = clusterIssuerManifests('acme-dns01', route53, false);
  assert.deepEqual((issuer.spec as any).acme.solvers, [{ dns01: { route53: { hostedZoneID: 'Z0123456789ABC', region: 'eu-west-1' } } }]);
});

test('a generic DNS-01 issuer needs exactly one provider, as cert-manager\'s ValidateACMEChallengeSolverDNS01 does', () => {
  assert.throws(() => IssuerKind.acmeDns01({ email: 'a@b.example', dns01: {} }), /IssuerKind\.acmeDns01\.dns01\) must name exactly one DNS-01 provider/);
  assert.throws(() => IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { route53: {}, cloudDNS: { project: 'p' } } }), /must name exactly one DNS-01 provider/);
  // cnameStrategy is a field of the block, not a provider (validation/issuer.go#ValidateACMEChallengeSolverDNS01).
  const follow = IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { cnameStrategy: 'Follow', route53: { region: 'eu-west-1' } } });
  assert.deepEqual((follow.manifests('le', false)[0].spec as any).acme.solvers[0].dns01, { cnameStrategy: 'Follow', route53: { region: 'eu-west-1' } });
  assert.throws(() => IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { cnameStrategy: 'Follow' } }), /must name exactly one DNS-01 provider/);
  assert.throws(() => IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { cnameStrategy: 'Always', route53: {} } }), /cnameStrategy\) must be "None" or "Follow"/);
  // A provider set to null is none (Go reads nil); a block without its required field is refused at apply by the webhook.
  assert.throws(() => IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { route53: null } }), /must name exactly one DNS-01 provider/);
  assert.throws(() => IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { cloudDNS: {} } }), /\(IssuerKind\.acmeDns01\.dns01\.cloudDNS\.project\) is required/);
  assert.throws(() => IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { webhook: { groupName: 'acme.example.com' } } }), /dns01\.webhook\.solverName\) is required/);
  // A misspelt provider is dropped by the API server, leaving none.
  assert.throws(() => IssuerKind.acmeDns01({ email: 'a@b.example', dns01: { route54: {} } }), /\["route54"\] \(IssuerKind\.acmeDns01\.dns01\) names no DNS-01 provider of cert-manager/);
});

test('each kind answers whether its certificates are publicly trusted', () => {
  const trusted = (kind: IssuerKind, ephemeral: boolean) => {
    let issuer!: ClusterIssuer;
    synthStack((s) => {
      issuer = new ClusterIssuer(s, 'issuer', { connection: fakeConnection('aks'), name: 'issuer', kind, ephemeral });
    });
    return issuer.publiclyTrusted;
  };
  assert.equal(trusted(azure, false), true, 'Let\'s Encrypt production');
  assert.equal(trusted(azure, true), false, 'ephemeral: Let\'s Encrypt staging, which chains to no public root');
  assert.equal(trusted(IssuerKind.acmeDns01({ email: 'a@b.example', server: AcmeServer.letsEncrypt(), dns01: { route53: {} } }), true), true, 'an explicit production server wins over ephemeral');
  assert.equal(trusted(IssuerKind.selfSignedCa(), false), false);
});

test('ClusterIssuer plans whatever objects its kind produces, in order, and takes its trust answer', () => {
  // GIVEN: a kind of one's own, with no tag for ClusterIssuer to switch on
  class VaultIssuerKind extends IssuerKind {
    constructor() {
      super();
    }
    public manifests(issuerName: string): CertManagerManifest[] {
      return [
        { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: `${issuerName}-approle`, namespace: 'cert-manager' }, spec: { secretName: 'approle' } },
        { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: issuerName }, spec: { vault: { server: 'https://vault.example', path: 'pki/sign/mesh' } } },
      ];
    }
    public publiclyTrusted(): boolean {
      return true;
    }
  }
  // WHEN
  let issuer!: ClusterIssuer;
  const stack = synthStack((s) => {
    issuer = new ClusterIssuer(s, 'issuer', { connection: fakeConnection('aks'), name: 'vault', kind: new VaultIssuerKind() });
  });
  // THEN
  const planned = resourcesOfType(stack, 'kubernetes_manifest');
  assert.deepEqual(planned.map(([, r]) => `${r.manifest.kind}/${r.manifest.metadata.name}`), ['Certificate/vault-approle', 'ClusterIssuer/vault']);
  assert.deepEqual(planned[1][1].depends_on, [`kubernetes_manifest.${planned[0][0]}`], 'each object waits for the one before');
  assert.equal(issuer.publiclyTrusted, true);
  assert.throws(
    () => synthStack((s) => new ClusterIssuer(s, 'issuer', { connection: fakeConnection('aks'), name: 'x', kind: { manifests: () => [] } as any })),
    /\(test\/issuer\.kind\) must come from IssuerKind\.acmeAzureDns\(\)/,
  );
});
