/**
 * PostgreSQL for a Universal-mode global control plane (stage "infra").
 *
 * Kuma's Universal global keeps its store in PostgreSQL ("Universal on Kubernetes
 * using Helm" in kuma.io/docs/2.13.x/production/cp-deployment/multi-zone/, and the only
 * global mode of Kuma 3.x). This file holds what every managed server shares (login,
 * generated password, the connection the global reads) and describes one the user runs
 * ({@link ControlPlaneDatabaseConnection}). The servers themselves live with their clouds, so
 * that lib/mesh loads no cloud provider: lib/azure/azure-postgres-database.ts (Azure Database
 * for PostgreSQL flexible server) and lib/gcp/cloud-sql-database.ts (Cloud SQL).
 *
 * The password is a `random_password` (state only); when it crosses to the platform
 * stack, cdktf's cross-stack output is `sensitive`, and the global writes it into a
 * Kubernetes Secret. It never appears in plain text in `cdk.tf.json` or in outputs.
 */
import { Construct } from 'constructs';
import { OwnershipProps, assertOwnership } from '../private/ownership';
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

/** Options shared by the managed databases of every cloud. */
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

const DEFAULT_PORT = 5432;

/**
 * A managed PostgreSQL server and database for a Universal global, in the infra stack.
 * Delete-protected unless ephemeral. Create one of the clouds' subclasses
 * (`AzurePostgresDatabase` in lib/azure, `CloudSqlDatabase` in lib/gcp); hand
 * {@link connection} to the global.
 */
export abstract class ControlPlaneDatabase extends Construct {
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

  protected constructor(scope: Construct, id: string, options: ControlPlaneDatabaseOptions) {
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

  /** The allowed addresses of `options`, checked: the subclasses open their firewalls to these. */
  protected allowedAddresses(options: ControlPlaneDatabaseOptions): string[] {
    return allowedAddresses(options, this.node.path);
  }

  /**
   * Called by the subclass once its server exists: where and how the global connects.
   * @internal
   */
  protected _setHost(host: string, caCertificatePem: string | undefined, tlsMode: PostgresTlsMode, insecureSkipServerVerification: boolean): void {
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
