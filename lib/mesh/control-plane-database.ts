/**
 * PostgreSQL for a Universal-mode global control plane (stage "infra").
 *
 * Kuma's Universal global keeps its store in PostgreSQL ("Universal on Kubernetes
 * using Helm" in kuma.io/docs/2.13.x/production/cp-deployment/multi-zone/, and the only
 * global mode of Kuma 3.x). This file creates a small managed server (Azure Database
 * for PostgreSQL flexible server or Cloud SQL) with a generated password, or describes
 * one the user runs ({@link ControlPlaneDatabaseConnection}).
 *
 * The password is a `random_password` (state only); when it crosses to the platform
 * stack, cdktf's cross-stack output is `sensitive`, and the global writes it into a
 * Kubernetes Secret. It never appears in plain text in `cdk.tf.json` or in outputs.
 */
import { Construct } from 'constructs';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { SqlDatabase } from '@cdktf/provider-google/lib/sql-database';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { OwnershipProps, assertOwnership, ownershipLabels, ownershipTags, recordWaiver } from '../private/ownership';
import { azureProvider, googleProvider } from '../private/cloud-providers';
import { RandomPassword } from '../private/random-provider';
import { ValidationError, assertDns1123Label, assertIntegerInRange, assertNonEmpty, isUnresolved } from '../private/validation';
import { PostgresTlsMode } from './kuma-values';

/** How a Universal global reaches its PostgreSQL database. */
export interface ControlPlaneDatabaseConnection {
  /** Host name or IP address. */
  readonly host: string;
  /**
   * Port.
   * @default 5432
   */
  readonly port?: number;
  readonly user: string;
  /** Database name. */
  readonly database: string;
  /**
   * The password as a sensitive Terraform value; the global writes it into a Secret.
   * @default none: `passwordSecretName` must name an existing Secret
   */
  readonly password?: string;
  /**
   * A Secret in the global's namespace that already holds the password.
   * @default none: `password` is required
   */
  readonly passwordSecretName?: string;
  /**
   * Key of the password in that Secret.
   * @default "password"
   */
  readonly passwordSecretKey?: string;
  /**
   * PEM of the CA that signs the server's certificate; the CP verifies the server against it
   * (Kuma reads it from `KUMA_STORE_POSTGRES_TLS_CA_PATH`, which the chart points at the Secret
   * `postgres.tls.caSecretName` mounts).
   * @default none: required unless `insecureSkipServerVerification`
   */
  readonly caCertificatePem?: string;
  /**
   * TLS mode of the connection: VERIFY_FULL or VERIFY_CA (the CA chain only, for servers whose
   * certificate does not name `host`). VERIFY_NONE and DISABLE need `insecureSkipServerVerification`.
   * @default VERIFY_FULL (VERIFY_NONE with insecureSkipServerVerification)
   */
  readonly tlsMode?: PostgresTlsMode;
  /**
   * Insecure opt-in: encrypt, but do not verify the server (`verifyNone`, libpq `sslmode=require`),
   * so anyone on the path can pose as the database. The global's release records the waiver
   * {@link POSTGRES_TLS_WAIVER}.
   * @default false
   */
  readonly insecureSkipServerVerification?: boolean;
}

/**
 * Policy rule a Universal global's release waives when its database connection does not
 * verify the server (`insecureSkipServerVerification`); recorded in the resource's `//` block.
 */
export const POSTGRES_TLS_WAIVER = 'POSTGRES_TLS_VERIFIED';

/** Options shared by both managed databases. */
export interface ControlPlaneDatabaseOptions extends OwnershipProps {
  /** Server (instance) name, globally unique on the cloud. */
  readonly name: string;
  /**
   * Database name.
   * @default "kuma"
   */
  readonly databaseName?: string;
  /**
   * Login of the control plane.
   * @default "kuma"
   */
  readonly user?: string;
  /**
   * Public IPv4 addresses allowed to connect: the egress addresses of the global's
   * cluster (tokens from the cluster constructs are fine).
   * @default none: nobody can connect until an address is given
   */
  readonly allowedIpAddresses?: string[];
}

export interface AzurePostgresDatabaseOptions extends ControlPlaneDatabaseOptions {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * SKU.
   * @default "B_Standard_B1ms" when ephemeral, else "GP_Standard_D2ds_v5"
   */
  readonly skuName?: string;
  /**
   * PostgreSQL major version.
   * @default "16"
   */
  readonly version?: string;
  /**
   * PEM of the root CAs the server's certificate chains to (Azure documents DigiCert Global
   * Root G2 and Microsoft RSA Root CA 2017 for flexible servers); {@link connection} then
   * verifies the server and its host name (VERIFY_FULL).
   * @default none: `insecureSkipServerVerification` must be set, or the global rejects the connection
   */
  readonly serverCaCertificatePem?: string;
  /**
   * Insecure opt-in: the connection encrypts without verifying the server (waiver POSTGRES_TLS_VERIFIED).
   * @default false
   */
  readonly insecureSkipServerVerification?: boolean;
}

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

const DEFAULT_PORT = 5432;

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

/**
 * A managed PostgreSQL server and database for a Universal global, in the infra stack.
 * Delete-protected unless ephemeral. Use {@link ControlPlaneDatabase.azurePostgres} or
 * {@link ControlPlaneDatabase.cloudSql}; hand {@link connection} to the global.
 */
export class ControlPlaneDatabase extends Construct {
  /** Azure Database for PostgreSQL flexible server; TLS is enforced by the service. */
  public static azurePostgres(scope: Construct, id: string, options: AzurePostgresDatabaseOptions): ControlPlaneDatabase {
    const database = new ControlPlaneDatabase(scope, id, options);
    const path = database.node.path;
    assertNonEmpty(options.subscriptionId, `${path}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
    assertNonEmpty(options.resourceGroupName, `${path}.resourceGroupName`, 'acme-global-rg');
    assertNonEmpty(options.location, `${path}.location`, 'westeurope');
    assertAzureAdministratorLogin(database.user, `${path}.user`);
    // FlexibleServerName: 3-63 characters (validate/flexible_server_name.go).
    if (!isUnresolved(options.name) && options.name.length < 3) {
      throw new ValidationError(`${path}.name`, options.name, 'must be 3 to 63 characters for Azure Database for PostgreSQL, e.g. "acme-mesh-global"');
    }
    const provider = azureProvider(database, options.subscriptionId);
    const ephemeral = options.ephemeral ?? false;
    const server = new PostgresqlFlexibleServer(database, 'server', {
      provider,
      name: options.name,
      resourceGroupName: options.resourceGroupName,
      location: options.location,
      version: options.version ?? '16',
      skuName: options.skuName ?? (ephemeral ? 'B_Standard_B1ms' : 'GP_Standard_D2ds_v5'),
      storageMb: 32768,
      administratorLogin: database.user,
      administratorPassword: database.password,
      publicNetworkAccessEnabled: true,
      backupRetentionDays: ephemeral ? 7 : 35,
      // CKV_AZURE_136: backups survive the loss of the region (ForceNew: decided at creation).
      geoRedundantBackupEnabled: !ephemeral,
      tags: ownershipTags(options),
      // Azure picks the zone; a later apply must not move the server.
      lifecycle: { preventDestroy: !ephemeral, ignoreChanges: ['zone', 'high_availability[0].standby_availability_zone'] },
    });
    if (ephemeral) recordWaiver(server, 'CKV_AZURE_136', 'ephemeral');
    // CKV2_AZURE_57 wants a private endpoint; the global's cluster reaches the server over its
    // public egress addresses instead, and only those pass the firewall (allowedIpAddresses).
    recordWaiver(server, 'CKV2_AZURE_57', 'allowedIpAddresses');
    new PostgresqlFlexibleServerDatabase(database, 'database', {
      provider,
      name: database.databaseName,
      serverId: server.id,
      charset: 'UTF8',
      collation: 'en_US.utf8',
      lifecycle: { preventDestroy: !ephemeral },
    });
    for (const [index, address] of allowedAddresses(options, path).entries()) {
      new PostgresqlFlexibleServerFirewallRule(database, `allow-${index}`, {
        provider,
        name: `allow-${index}`,
        serverId: server.id,
        startIpAddress: address,
        endIpAddress: address,
      });
    }
    // The server's certificate names its FQDN: verify the host name too.
    database.setHost(server.fqdn, options.serverCaCertificatePem, PostgresTlsMode.VERIFY_FULL, options.insecureSkipServerVerification ?? false);
    return database;
  }

  /** Cloud SQL for PostgreSQL with a public IP, TLS required, reachable from authorized networks only. */
  public static cloudSql(scope: Construct, id: string, options: CloudSqlDatabaseOptions): ControlPlaneDatabase {
    const database = new ControlPlaneDatabase(scope, id, options);
    const path = database.node.path;
    assertNonEmpty(options.project, `${path}.project`, 'acme-prod');
    assertNonEmpty(options.region, `${path}.region`, 'europe-west1');
    const provider = googleProvider(database, options.project);
    const ephemeral = options.ephemeral ?? false;
    const addresses = allowedAddresses(options, path);
    const instance = new SqlDatabaseInstance(database, 'instance', {
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
    new SqlDatabase(database, 'database', { provider, project: options.project, instance: instance.name, name: database.databaseName });
    new SqlUser(database, 'user', { provider, project: options.project, instance: instance.name, name: database.user, password: database.password });
    // The instance's certificate names the instance, not its IP: verify the CA only.
    database.setHost(instance.publicIpAddress, instance.serverCaCert.get(0).cert, PostgresTlsMode.VERIFY_CA, false);
    return database;
  }

  /** Database name. */
  public readonly databaseName: string;
  /** Login of the control plane. */
  public readonly user: string;
  /** The generated password (sensitive: a reference to `random_password.result`). */
  public readonly password: string;
  private hostValue?: string;
  private caCertificatePem?: string;
  private tlsMode = PostgresTlsMode.VERIFY_FULL;
  private insecureSkipServerVerification = false;

  private constructor(scope: Construct, id: string, options: ControlPlaneDatabaseOptions) {
    super(scope, id);
    const path = this.node.path;
    assertNonEmpty(options.name, `${path}.name`, 'acme-mesh-global');
    if (!isUnresolved(options.name)) assertDns1123Label(options.name, `${path}.name`, 'database server name');
    assertOwnership(path, options);
    this.databaseName = options.databaseName ?? 'kuma';
    this.user = options.user ?? 'kuma';
    assertNonEmpty(this.databaseName, `${path}.databaseName`, 'kuma');
    assertNonEmpty(this.user, `${path}.user`, 'kuma');
    if (['postgres', 'azure_superuser', 'cloudsqlsuperuser'].includes(this.user)) {
      throw new ValidationError(`${path}.user`, this.user, 'is reserved by the service; use a dedicated login, e.g. "kuma"');
    }
    // Letters and digits only: no character needs escaping in a connection string or env var.
    this.password = new RandomPassword(this, 'password', { length: 32, special: false }).result;
  }

  /** Host name or address of the server. */
  public get host(): string {
    return this.hostValue!;
  }

  /** Port of the server. */
  public get port(): number {
    return DEFAULT_PORT;
  }

  /** The connection for `GlobalControlPlanePlacement.universalOnKubernetes({ database })`. */
  public connection(): ControlPlaneDatabaseConnection {
    return {
      host: this.host,
      port: DEFAULT_PORT,
      user: this.user,
      database: this.databaseName,
      password: this.password,
      ...(this.caCertificatePem
        ? { caCertificatePem: this.caCertificatePem, tlsMode: this.tlsMode }
        : // Azure's server certificates chain to public roots that are not in Terraform's reach:
          // secure by default means the user gives them (serverCaCertificatePem) or waives by name.
          { insecureSkipServerVerification: this.insecureSkipServerVerification || undefined }),
    };
  }

  private setHost(host: string, caCertificatePem: string | undefined, tlsMode: PostgresTlsMode, insecureSkipServerVerification: boolean): void {
    this.hostValue = host;
    this.caCertificatePem = caCertificatePem;
    this.tlsMode = tlsMode;
    this.insecureSkipServerVerification = insecureSkipServerVerification;
  }
}

/** Validates a connection the user gives; returns its effective TLS mode. */
export function validateDatabaseConnection(connection: ControlPlaneDatabaseConnection, field: string): PostgresTlsMode {
  assertNonEmpty(connection.host, `${field}.host`, 'acme-mesh-global.postgres.database.azure.com');
  assertNonEmpty(connection.user, `${field}.user`, 'kuma');
  assertNonEmpty(connection.database, `${field}.database`, 'kuma');
  assertIntegerInRange(connection.port, `${field}.port`, 1, 65535);
  const hasPassword = connection.password !== undefined;
  const hasSecret = connection.passwordSecretName !== undefined;
  if (hasPassword === hasSecret) {
    throw new ValidationError(
      `${field}.password`,
      hasPassword ? '<password and passwordSecretName>' : undefined,
      'give exactly one of password (a sensitive Terraform value) and passwordSecretName (an existing Secret)',
    );
  }
  if (hasPassword && !isUnresolved(connection.password)) {
    throw new ValidationError(`${field}.password`, '<literal password>', 'must be a sensitive Terraform value (a TerraformVariable with sensitive: true, or ControlPlaneDatabase.password): a literal would be written in plain text into cdk.tf.json');
  }
  if (hasSecret) assertNonEmpty(connection.passwordSecretName, `${field}.passwordSecretName`, 'kuma-postgres');
  return postgresTlsMode(connection, field);
}

/**
 * The effective TLS mode: the server is verified unless the connection opts out by name.
 * Kuma refuses verifyCa/verifyFull without a CA path (kumahq/kuma@v2.14.3:pkg/config/plugins/resources/postgres/config.go#TLSPostgresStoreConfig.Validate,
 * "CAPath cannot be empty"), and the chart fails without `postgres.tls.caSecretName`
 * (deployments/charts/kuma/templates/_helpers.tpl, KUMA_STORE_POSTGRES_TLS_MODE).
 */
export function postgresTlsMode(connection: Pick<ControlPlaneDatabaseConnection, 'tlsMode' | 'caCertificatePem' | 'insecureSkipServerVerification'>, field: string): PostgresTlsMode {
  const insecure = connection.insecureSkipServerVerification ?? false;
  const mode = connection.tlsMode ?? (insecure ? PostgresTlsMode.VERIFY_NONE : PostgresTlsMode.VERIFY_FULL);
  const verifies = mode === PostgresTlsMode.VERIFY_CA || mode === PostgresTlsMode.VERIFY_FULL;
  if (!verifies && !insecure) {
    throw new ValidationError(`${field}.tlsMode`, mode, `does not verify the server: give caCertificatePem and use VERIFY_FULL (or VERIFY_CA), or opt out by name with insecureSkipServerVerification: true (recorded as the waiver ${POSTGRES_TLS_WAIVER})`);
  }
  if (verifies && insecure) {
    throw new ValidationError(`${field}.insecureSkipServerVerification`, true, `contradicts tlsMode ${mode}: leave insecureSkipServerVerification out to verify the server`);
  }
  if (verifies && !connection.caCertificatePem) {
    throw new ValidationError(`${field}.caCertificatePem`, undefined, `is required with tlsMode ${mode}: the control plane verifies the server against it (or opt out by name with insecureSkipServerVerification: true)`);
  }
  return mode;
}

/**
 * Logins Azure Database for PostgreSQL refuses for the administrator
 * (hashicorp/terraform-provider-azurerm@v4.55.0:internal/services/postgres/validate/admin_usernames.go#AdminUsernames).
 */
const AZURE_RESERVED_LOGINS = ['azure_superuser', 'azure_pg_admin', 'admin', 'administrator', 'root', 'guest', 'public'];

function assertAzureAdministratorLogin(user: string, field: string): void {
  if (isUnresolved(user)) return;
  const lower = user.toLowerCase();
  if (AZURE_RESERVED_LOGINS.includes(lower) || lower.startsWith('pg_')) {
    throw new ValidationError(field, user, `is reserved by Azure Database for PostgreSQL (${AZURE_RESERVED_LOGINS.join(', ')}, or a pg_ prefix); use a dedicated login, e.g. "kuma"`);
  }
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function allowedAddresses(options: ControlPlaneDatabaseOptions, path: string): string[] {
  const addresses = options.allowedIpAddresses ?? [];
  addresses.forEach((address, index) => {
    if (isUnresolved(address)) return;
    const match = IPV4.exec(address);
    if (!match || match.slice(1).some((octet) => Number(octet) > 255)) {
      throw new ValidationError(`${path}.allowedIpAddresses[${index}]`, address, 'must be a public IPv4 address (no prefix length), e.g. "203.0.113.10"');
    }
  });
  return addresses;
}
