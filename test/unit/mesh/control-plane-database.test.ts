import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { validateDatabaseConnection } from '../../../lib/mesh/control-plane-database';
import { AzurePostgresDatabase } from '../../../lib/azure/azure-postgres-database';
import { CloudSqlDatabase } from '../../../lib/gcp/cloud-sql-database';
import { PostgresTlsMode } from '../../../lib/mesh/kuma-values';
import { onlyResource, resourcesOfType, synthApp, synthStack } from '../../helpers/synth';

const azure = { name: 'acme-mesh-global', subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroupName: 'acme-rg', location: 'westeurope' };
const gcp = { name: 'acme-mesh-global', project: 'acme-prod', region: 'europe-west1' };

test('Azure: flexible server with a generated password, delete-protected, firewall per allowed address', () => {
  // WHEN
  const json = synthStack((stack) => {
    new AzurePostgresDatabase(stack, 'db', { ...azure, allowedIpAddresses: ['198.51.100.7'] });
  });
  // THEN
  const server = onlyResource(json, 'azurerm_postgresql_flexible_server');
  assert.match(server.administrator_password, /^\$\{random_password\..*\.result\}$/);
  assert.equal(server.lifecycle.prevent_destroy, true);
  const rule = onlyResource(json, 'azurerm_postgresql_flexible_server_firewall_rule');
  assert.equal(rule.start_ip_address, '198.51.100.7');
  assert.equal(rule.end_ip_address, '198.51.100.7');
  assert.equal(onlyResource(json, 'azurerm_postgresql_flexible_server_database').name, 'kuma');
  assert.equal(json.output, undefined);
});

test('Cloud SQL: TLS only, authorized networks, deletion protection; the CA makes the connection verified', () => {
  // WHEN
  let connection: any;
  const json = synthStack((stack) => {
    const database = new CloudSqlDatabase(stack, 'db', { ...gcp, allowedIpAddresses: ['198.51.100.7'] });
    connection = database.connection();
  });
  // THEN
  const instance = onlyResource(json, 'google_sql_database_instance');
  assert.equal(instance.deletion_protection, true);
  assert.equal(instance.settings.ip_configuration.ssl_mode, 'ENCRYPTED_ONLY');
  assert.deepEqual(instance.settings.ip_configuration.authorized_networks, [{ name: 'allowed-0', value: '198.51.100.7/32' }]);
  assert.match(onlyResource(json, 'google_sql_user').password, /^\$\{random_password\./);
  assert.equal(connection.tlsMode, PostgresTlsMode.VERIFY_CA);
  assert.ok(connection.caCertificatePem);
});

test('ephemeral databases are destroyable', () => {
  const json = synthStack((stack) => {
    new CloudSqlDatabase(stack, 'db', { ...gcp, ephemeral: true, owner: 'ci', expiresAt: '2030-01-31' });
  });
  const instance = onlyResource(json, 'google_sql_database_instance');
  assert.equal(instance.deletion_protection, false);
  assert.equal(instance.lifecycle.prevent_destroy, false);
  assert.equal(instance.settings.user_labels.ephemeral, 'true');
});

test('allowed addresses are plain IPv4 addresses', () => {
  assert.throws(
    () => synthStack((stack) => new AzurePostgresDatabase(stack, 'db', { ...azure, allowedIpAddresses: ['198.51.100.0/24'] })),
    /allowedIpAddresses\[0\].*public IPv4 address/,
  );
  assert.equal(resourcesOfType(synthStack((stack) => new AzurePostgresDatabase(stack, 'db', azure)), 'azurerm_postgresql_flexible_server_firewall_rule').length, 0);
});

test('a user connection: exactly one of password and passwordSecretName, and never a literal password', () => {
  const base = { host: 'db.example', user: 'kuma', database: 'kuma' };
  assert.equal(validateDatabaseConnection({ ...base, passwordSecretName: 'pg', caCertificatePem: 'pem' }, 'db'), PostgresTlsMode.VERIFY_FULL);
  assert.throws(() => validateDatabaseConnection(base, 'db'), /exactly one of password/);
  assert.throws(() => validateDatabaseConnection({ ...base, password: 'hunter2' }, 'db'), /sensitive Terraform value/);
  assert.throws(() => validateDatabaseConnection({ ...base, passwordSecretName: 'pg', tlsMode: PostgresTlsMode.VERIFY_FULL }, 'db'), /caCertificatePem.*required/);
  synthStack((stack) => {
    const password = new TerraformVariable(stack, 'pw', { type: 'string', sensitive: true }).stringValue;
    assert.equal(validateDatabaseConnection({ ...base, password, caCertificatePem: 'pem' }, 'db'), PostgresTlsMode.VERIFY_FULL);
  });
});

test('Azure: geo-redundant backups outside ephemeral mode (CKV_AZURE_136), waived by ephemeral', () => {
  // WHEN
  const stacks = synthApp((app) => {
    new AzurePostgresDatabase(new TerraformStack(app, 'prod'), 'db', azure);
    new AzurePostgresDatabase(new TerraformStack(app, 'pr'), 'db', { ...azure, ephemeral: true, owner: 'ci', expiresAt: '2030-01-31' });
  });
  // THEN
  const prod = onlyResource(stacks.prod, 'azurerm_postgresql_flexible_server');
  const pr = onlyResource(stacks.pr, 'azurerm_postgresql_flexible_server');
  assert.equal(prod.geo_redundant_backup_enabled, true);
  assert.equal(pr.geo_redundant_backup_enabled, false);
  assert.equal(prod['//'].waivers.CKV_AZURE_136, undefined);
  assert.equal(pr['//'].waivers.CKV_AZURE_136, 'ephemeral');
  // No private endpoint: the global reaches the server over the allowed public addresses only.
  assert.equal(prod['//'].waivers.CKV2_AZURE_57, 'allowedIpAddresses');
});

test('Azure: logins the service reserves and names it refuses are rejected before Terraform', () => {
  for (const user of ['admin', 'Administrator', 'root', 'guest', 'public', 'azure_pg_admin', 'pg_kuma']) {
    assert.throws(() => synthStack((stack) => new AzurePostgresDatabase(stack, 'db', { ...azure, user })), new RegExp(`"${user}" \\(test/db\\.user\\) is reserved`));
  }
  assert.throws(() => synthStack((stack) => new AzurePostgresDatabase(stack, 'db', { ...azure, name: 'ab' })), /"ab" \(test\/db\.name\).*3 to 63/);
});

test('Cloud SQL: the CIS logging flags are on (CKV_GCP_51-57, 108-111, CKV2_GCP_13)', () => {
  // WHEN
  const json = synthStack((stack) => {
    new CloudSqlDatabase(stack, 'db', gcp);
  });
  // THEN
  const flags = Object.fromEntries(onlyResource(json, 'google_sql_database_instance').settings.database_flags.map((flag: any) => [flag.name, flag.value]));
  for (const name of ['log_checkpoints', 'log_connections', 'log_disconnections', 'log_lock_waits', 'log_hostname', 'log_duration', 'cloudsql.enable_pgaudit']) {
    assert.equal(flags[name], 'on', name);
  }
  assert.ok(['ddl', 'mod', 'all'].includes(flags.log_statement));
  assert.equal(flags.log_temp_files, '0');
  assert.equal(flags.log_min_duration_statement, '-1');
  assert.ok(['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'info', 'notice', 'warning', 'error'].includes(flags.log_min_error_statement));
});
