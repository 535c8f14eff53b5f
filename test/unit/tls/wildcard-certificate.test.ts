import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterIssuer, IssuerKind } from '../../../lib/tls/cluster-issuer';
import { WildcardCertificate, certificateCovers } from '../../../lib/tls/wildcard-certificate';
import { manifests, synthStack } from '../../helpers/synth';
import { HAVE_UPSTREAM, crdErrors, fakeConnection } from '../gateway/fakes';

const connection = fakeConnection('gke');

test('a wildcard certificate with the apex, in the gateway namespace', () => {
  // GIVEN
  let certificate!: WildcardCertificate;
  // WHEN
  const stack = synthStack((s) => {
    const issuer = new ClusterIssuer(s, 'issuer', { connection, name: 'ca', kind: IssuerKind.selfSignedCa() });
    certificate = new WildcardCertificate(s, 'cert', { connection, namespace: 'kong', domain: 'acme.example', issuer, secretName: 'gateway-tls' });
  });
  const manifest = manifests(stack).map(({ manifest }) => manifest).find((m) => m.kind === 'Certificate' && m.metadata.namespace === 'kong');
  // THEN
  assert.deepEqual(certificate.dnsNames, ['*.acme.example', 'acme.example']);
  assert.equal(manifest.spec.secretName, 'gateway-tls');
  assert.deepEqual(manifest.spec.dnsNames, ['*.acme.example', 'acme.example']);
  assert.deepEqual(manifest.spec.issuerRef, { name: 'ca', kind: 'ClusterIssuer', group: 'cert-manager.io' });
  if (HAVE_UPSTREAM) assert.deepEqual(crdErrors(manifest), []);
});

test('covers one label under the wildcard and the apex only when included', () => {
  synthStack((s) => {
    const issuer = new ClusterIssuer(s, 'issuer', { connection, name: 'ca', kind: IssuerKind.selfSignedCa() });
    const withApex = new WildcardCertificate(s, 'a', { connection, namespace: 'kong', domain: 'acme.example', issuer });
    const withoutApex = new WildcardCertificate(s, 'b', { connection, namespace: 'kong', domain: 'azure.acme.example', includeApex: false, issuer });
    assert.equal(withApex.covers('catalog.acme.example'), true);
    assert.equal(withApex.covers('acme.example'), true);
    assert.equal(withApex.covers('a.b.acme.example'), false);
    assert.equal(withApex.covers('acme.example.evil'), false);
    assert.equal(withoutApex.covers('azure.acme.example'), false);
    assert.equal(withoutApex.covers('catalog.azure.acme.example'), true);
    assert.equal(withApex.secretName, 'acme-example-tls');
  });
});

test('rejects a top-level domain and an issuer of another cluster', () => {
  assert.throws(
    () => synthStack((s) => {
      const issuer = new ClusterIssuer(s, 'issuer', { connection, name: 'ca', kind: IssuerKind.selfSignedCa() });
      new WildcardCertificate(s, 'cert', { connection, namespace: 'kong', domain: 'example', issuer });
    }),
    /"example" \(test\/cert\.domain\) must have at least two labels/,
  );
  assert.throws(
    () => synthStack((s) => {
      const issuer = new ClusterIssuer(s, 'issuer', { connection: fakeConnection('aks'), name: 'ca', kind: IssuerKind.selfSignedCa() });
      new WildcardCertificate(s, 'cert', { connection, namespace: 'kong', domain: 'acme.example', issuer });
    }),
    /belongs to another cluster/,
  );
});

test('certificateCovers: exact names and one label under a wildcard, case-insensitive', () => {
  // GIVEN
  const dnsNames = ['*.acme.example', 'acme.example'];
  // THEN
  assert.equal(certificateCovers(dnsNames, 'catalog.acme.example'), true);
  assert.equal(certificateCovers(dnsNames, 'Catalog.ACME.example.'), true);
  assert.equal(certificateCovers(dnsNames, 'acme.example'), true);
  assert.equal(certificateCovers(dnsNames, 'catalog.azure.acme.example'), false);
  assert.equal(certificateCovers(dnsNames, 'notacme.example'), false);
  assert.equal(certificateCovers([], 'acme.example'), false);
});
