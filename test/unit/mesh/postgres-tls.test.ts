/**
 * The global's PostgreSQL connection verifies the server unless it opts out by name.
 * kumahq/kuma@v2.14.3:pkg/config/plugins/resources/postgres/config.go: verifyNone is libpq
 * `sslmode=require` (no server check), verifyCa / verifyFull need a CA path
 * (TLSPostgresStoreConfig.Validate), which the chart sets from postgres.tls.caSecretName.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postgresTlsMode, validateDatabaseConnection } from '../../../lib/mesh/control-plane-database';
import { AzurePostgresDatabase } from '../../../lib/azure/azure-postgres-database';
import { CloudSqlDatabase } from '../../../lib/gcp/cloud-sql-database';
import { PostgresTlsMode } from '../../../lib/mesh/kuma-values';
import { synthStack } from '../../helpers/synth';

const base = { host: 'db.example', user: 'kuma', database: 'kuma', passwordSecretName: 'pg' };

test('default: verifyFull, and a CA is required for it', () => {
  assert.equal(postgresTlsMode({ caCertificatePem: 'pem' }, 'db'), PostgresTlsMode.VERIFY_FULL);
  assert.throws(() => validateDatabaseConnection(base, 'db'), /"?db\.caCertificatePem.*is required with tlsMode verifyFull.*insecureSkipServerVerification/s);
});

test('verifyNone or disable without the named opt-out are rejected; with it, verifyNone is the default', () => {
  assert.throws(() => postgresTlsMode({ tlsMode: PostgresTlsMode.VERIFY_NONE }, 'db'), /does not verify the server.*insecureSkipServerVerification/);
  assert.throws(() => postgresTlsMode({ tlsMode: PostgresTlsMode.DISABLE }, 'db'), /does not verify the server/);
  assert.equal(postgresTlsMode({ insecureSkipServerVerification: true }, 'db'), PostgresTlsMode.VERIFY_NONE);
  assert.equal(postgresTlsMode({ insecureSkipServerVerification: true, tlsMode: PostgresTlsMode.DISABLE }, 'db'), PostgresTlsMode.DISABLE);
  assert.throws(() => postgresTlsMode({ insecureSkipServerVerification: true, tlsMode: PostgresTlsMode.VERIFY_CA, caCertificatePem: 'pem' }, 'db'), /contradicts tlsMode verifyCa/);
});

test('managed databases: Cloud SQL verifies the CA chain; Azure verifies the host name with the CA the user gives, else only by waiver', () => {
  synthStack((stack) => {
    const cloudSql = new CloudSqlDatabase(stack, 'sql', { name: 'acme-mesh-global', project: 'acme-prod', region: 'europe-west1' }).connection();
    assert.equal(cloudSql.tlsMode, PostgresTlsMode.VERIFY_CA);
    const azure = { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroupName: 'acme-rg', location: 'westeurope' };
    const verified = new AzurePostgresDatabase(stack, 'pg1', { ...azure, name: 'acme-mesh-global-1', serverCaCertificatePem: 'pem' }).connection();
    assert.equal(validateDatabaseConnection(verified, 'pg1'), PostgresTlsMode.VERIFY_FULL);
    const unverified = new AzurePostgresDatabase(stack, 'pg2', { ...azure, name: 'acme-mesh-global-2' }).connection();
    assert.throws(() => validateDatabaseConnection(unverified, 'pg2'), /caCertificatePem.*is required/);
    const waived = new AzurePostgresDatabase(stack, 'pg3', { ...azure, name: 'acme-mesh-global-3', insecureSkipServerVerification: true }).connection();
    assert.equal(validateDatabaseConnection(waived, 'pg3'), PostgresTlsMode.VERIFY_NONE);
  });
});
