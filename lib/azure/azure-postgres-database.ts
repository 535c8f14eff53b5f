/**
 * Azure Database for PostgreSQL flexible server for a Universal-mode global control plane
 * (stage "infra"); the cloud-neutral part (login, password, connection) is
 * lib/mesh/control-plane-database.ts#ControlPlaneDatabase.
 */
import { Construct } from 'constructs';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { ControlPlaneDatabase, ControlPlaneDatabaseOptions } from '../mesh/control-plane-database';
import { PostgresTlsMode } from '../mesh/kuma-values';
import { ownershipTags, recordWaiver } from '../private/ownership';
import { azureProvider } from '../private/cloud-providers';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';

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

/** Azure Database for PostgreSQL flexible server; TLS is enforced by the service. */
export class AzurePostgresDatabase extends ControlPlaneDatabase {
  public constructor(scope: Construct, id: string, options: AzurePostgresDatabaseOptions) {
    super(scope, id, options);
    const path = this.node.path;
    assertNonEmpty(options.subscriptionId, `${path}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
    assertNonEmpty(options.resourceGroupName, `${path}.resourceGroupName`, 'acme-global-rg');
    assertNonEmpty(options.location, `${path}.location`, 'westeurope');
    assertAzureAdministratorLogin(this.user, `${path}.user`);
    // FlexibleServerName: 3-63 characters (validate/flexible_server_name.go).
    if (!isUnresolved(options.name) && options.name.length < 3) {
      throw new ValidationError(`${path}.name`, options.name, 'must be 3 to 63 characters for Azure Database for PostgreSQL, e.g. "acme-mesh-global"');
    }
    const provider = azureProvider(this, options.subscriptionId);
    const ephemeral = options.ephemeral ?? false;
    const server = new PostgresqlFlexibleServer(this, 'server', {
      provider,
      name: options.name,
      resourceGroupName: options.resourceGroupName,
      location: options.location,
      version: options.version ?? '16',
      skuName: options.skuName ?? (ephemeral ? 'B_Standard_B1ms' : 'GP_Standard_D2ds_v5'),
      storageMb: 32768,
      administratorLogin: this.user,
      administratorPassword: this.password,
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
    new PostgresqlFlexibleServerDatabase(this, 'database', {
      provider,
      name: this.databaseName,
      serverId: server.id,
      charset: 'UTF8',
      collation: 'en_US.utf8',
      lifecycle: { preventDestroy: !ephemeral },
    });
    for (const [index, address] of this.allowedAddresses(options).entries()) {
      new PostgresqlFlexibleServerFirewallRule(this, `allow-${index}`, {
        provider,
        name: `allow-${index}`,
        serverId: server.id,
        startIpAddress: address,
        endIpAddress: address,
      });
    }
    // The server's certificate names its FQDN: verify the host name too.
    this._setHost(server.fqdn, options.serverCaCertificatePem, PostgresTlsMode.VERIFY_FULL, options.insecureSkipServerVerification ?? false);
  }
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
