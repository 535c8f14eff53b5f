/**
 * Cloud SQL for PostgreSQL for a Universal-mode global control plane (stage "infra"); the
 * cloud-neutral part (login, password, connection) is
 * lib/mesh/control-plane-database.ts#ControlPlaneDatabase.
 */
import { Construct } from 'constructs';
import { SqlDatabase } from '@cdktf/provider-google/lib/sql-database';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { ControlPlaneDatabase, ControlPlaneDatabaseOptions } from '../mesh/control-plane-database';
import { PostgresTlsMode } from '../mesh/kuma-values';
import { ownershipLabels } from '../private/ownership';
import { googleProvider } from '../private/cloud-providers';
import { assertNonEmpty } from '../private/validation';

export interface CloudSqlDatabaseOptions extends ControlPlaneDatabaseOptions {
  readonly project: string;
  readonly region: string;
  /**
   * Machine tier.
   * @default "db-f1-micro" when ephemeral, else "db-custom-1-3840"
   */
  readonly tier?: string;
  /**
   * PostgreSQL version.
   * @default "POSTGRES_16"
   */
  readonly databaseVersion?: string;
}

/**
 * Cloud SQL for PostgreSQL flags: log checkpoints, connections, disconnections, lock waits,
 * host names, DDL statements and durations; keep temp-file logging complete and statement
 * sampling off; log errors at ERROR or lower; turn on pgAudit. Each pair is what the
 * corresponding Checkov check of bridgecrewio/checkov@3.3.13 (resource/gcp/GoogleCloudPostgreSql*.py) expects.
 */
const CLOUD_SQL_POSTGRES_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['log_checkpoints', 'on'],
  ['log_connections', 'on'],
  ['log_disconnections', 'on'],
  ['log_lock_waits', 'on'],
  ['log_hostname', 'on'],
  ['log_duration', 'on'],
  ['log_statement', 'ddl'],
  ['log_temp_files', '0'],
  ['log_min_duration_statement', '-1'],
  ['log_min_messages', 'error'],
  ['log_min_error_statement', 'error'],
  ['cloudsql.enable_pgaudit', 'on'],
];

/** Cloud SQL for PostgreSQL with a public IP, TLS required, reachable from authorized networks only. */
export class CloudSqlDatabase extends ControlPlaneDatabase {
  public constructor(scope: Construct, id: string, options: CloudSqlDatabaseOptions) {
    super(scope, id, options);
    const path = this.node.path;
    assertNonEmpty(options.project, `${path}.project`, 'acme-prod');
    assertNonEmpty(options.region, `${path}.region`, 'europe-west1');
    const provider = googleProvider(this, options.project);
    const ephemeral = options.ephemeral ?? false;
    const addresses = this.allowedAddresses(options);
    const instance = new SqlDatabaseInstance(this, 'instance', {
      provider,
      project: options.project,
      region: options.region,
      name: options.name,
      databaseVersion: options.databaseVersion ?? 'POSTGRES_16',
      deletionProtection: !ephemeral,
      settings: {
        tier: options.tier ?? (ephemeral ? 'db-f1-micro' : 'db-custom-1-3840'),
        availabilityType: ephemeral ? 'ZONAL' : 'REGIONAL',
        deletionProtectionEnabled: !ephemeral,
        userLabels: ownershipLabels(path, options),
        backupConfiguration: { enabled: !ephemeral, pointInTimeRecoveryEnabled: !ephemeral },
        // The CIS logging flags Checkov reads on Cloud SQL for PostgreSQL (CKV_GCP_51-57, 108-111, CKV2_GCP_13).
        databaseFlags: CLOUD_SQL_POSTGRES_FLAGS.map(([name, value]) => ({ name, value })),
        ipConfiguration: {
          ipv4Enabled: true,
          // Only TLS connections; the CP verifies the server against the instance's CA.
          sslMode: 'ENCRYPTED_ONLY',
          authorizedNetworks: addresses.map((address, index) => ({ name: `allowed-${index}`, value: `${address}/32` })),
        },
      },
      lifecycle: { preventDestroy: !ephemeral },
    });
    new SqlDatabase(this, 'database', { provider, project: options.project, instance: instance.name, name: this.databaseName });
    new SqlUser(this, 'user', { provider, project: options.project, instance: instance.name, name: this.user, password: this.password });
    // The instance's certificate names the instance, not its IP: verify the CA only.
    this._setHost(instance.publicIpAddress, instance.serverCaCert.get(0).cert, PostgresTlsMode.VERIFY_CA, false);
  }
}
