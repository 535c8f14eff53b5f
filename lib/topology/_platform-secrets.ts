/**
 * The sensitive inputs of the platform stack: given as tokens (CrossCloudMeshProps.secrets),
 * or declared here as sensitive Terraform variables when the topology asks Terraform to
 * create a Secret and no token was given. Either way the value stays out of the topology
 * file and out of `cdk.tf.json`.
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { ControlPlaneDatabaseConnection } from '../mesh/control-plane-database';
import { GlobalPlacement, MeshDistributionName, TopologySpec } from './topology-spec';
import { PostgresTlsMode } from '../mesh/kuma-values';
import { DatabaseSpec } from './topology-spec';
import type { CrossCloudMeshSecrets } from './cross-cloud-mesh';

/** Variable names of the defaults: `TF_VAR_kong_mesh_license`, `TF_VAR_postgres_password`. */
export const KONG_MESH_LICENSE_VARIABLE = 'kong_mesh_license';
export const POSTGRES_PASSWORD_VARIABLE = 'postgres_password';

/** The secrets the platform stack writes into Secrets: the given tokens, else sensitive variables. */
export function platformSecretInputs(platform: TerraformStack, spec: TopologySpec, given: CrossCloudMeshSecrets = {}): CrossCloudMeshSecrets {
  const variable = (name: string, description: string) =>
    new TerraformVariable(platform, name, { type: 'string', sensitive: true, nullable: false, description }).stringValue;
  const license =
    spec.mesh.distribution === MeshDistributionName.KONG_MESH && spec.mesh.createLicenseSecret
      ? given.kongMeshLicense ?? variable(KONG_MESH_LICENSE_VARIABLE, 'Kong Mesh license (JSON); Terraform writes it into the license Secret of each control plane namespace')
      : undefined;
  const database = spec.mesh.global.placement === GlobalPlacement.UNIVERSAL_POSTGRES ? spec.mesh.global.database : undefined;
  const password = database?.createPasswordSecret
    ? given.postgresPassword ?? variable(POSTGRES_PASSWORD_VARIABLE, 'Password of the global control plane\'s PostgreSQL login; Terraform writes it into a Secret in the global\'s namespace')
    : undefined;
  return { kongMeshLicense: license, postgresPassword: password };
}

export function topologyDatabaseConnection(database: DatabaseSpec, secrets: CrossCloudMeshSecrets): ControlPlaneDatabaseConnection {
  const insecure = database.insecureSkipServerVerification ?? false;
  return {
    host: database.host,
    port: database.port ?? 5432,
    user: database.user,
    database: database.database,
    ...(database.createPasswordSecret ? { password: secrets.postgresPassword } : { passwordSecretName: database.passwordSecretName }),
    ...(insecure
      ? { insecureSkipServerVerification: true }
      : { caCertificatePem: database.caCertificatePem, tlsMode: database.verifyHostname === false ? PostgresTlsMode.VERIFY_CA : PostgresTlsMode.VERIFY_FULL }),
  };
}
