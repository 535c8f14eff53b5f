/**
 * Secrets of a topology: where the Kong Mesh license and the PostgreSQL password come from
 * (an existing Secret the file names, or a sensitive input Terraform writes into a Secret it
 * creates), and how the control plane verifies the database server. The file never holds a
 * secret value: those arrive as `CrossCloudMeshProps.secrets`, checked by {@link secretInputIssues}.
 */
import { isUnresolved } from '../private/validation';
import { GlobalPlacement, MeshDistributionName, TopologySpec } from './topology-spec';
import type { AddIssue, TopologyIssue } from './validate-topology';
import type { CrossCloudMeshSecrets } from './cross-cloud-mesh';

/** Cross-field checks of the topology file's secret references and database TLS. */
export function checkSecrets(spec: TopologySpec, add: AddIssue): void {
  const mesh = spec.mesh;
  const kongMesh = mesh.distribution === MeshDistributionName.KONG_MESH;
  if (mesh.createLicenseSecret && !kongMesh) {
    add('mesh.createLicenseSecret', true, `applies only to distribution kong-mesh (distribution is ${mesh.distribution ?? 'kuma'}); remove it`);
  }
  if (kongMesh && !mesh.createLicenseSecret && mesh.licenseSecretName === undefined) {
    add('mesh.licenseSecretName', undefined, 'is required for distribution kong-mesh: the Kubernetes secret holding the license, e.g. "kong-mesh-license"; or set mesh.createLicenseSecret: true and pass the license as the sensitive CrossCloudMeshProps.secrets.kongMeshLicense');
  }

  const database = mesh.global.database;
  if (mesh.global.placement !== GlobalPlacement.UNIVERSAL_POSTGRES || database === undefined) return;
  const path = 'mesh.global.database';
  if (database.createPasswordSecret && database.passwordSecretName !== undefined) {
    add(`${path}.passwordSecretName`, database.passwordSecretName, 'cannot be combined with createPasswordSecret: the global names the Secret it creates; remove one');
  }
  if (!database.createPasswordSecret && database.passwordSecretName === undefined) {
    add(`${path}.passwordSecretName`, undefined, 'is required: the Kubernetes secret (in the global\'s namespace) holding the password under "password"; or set createPasswordSecret: true and pass the password as the sensitive CrossCloudMeshProps.secrets.postgresPassword');
  }
  if (database.insecureSkipServerVerification) {
    if (database.caCertificatePem !== undefined) add(`${path}.insecureSkipServerVerification`, true, 'contradicts caCertificatePem: with a CA, let the control plane verify the server; remove insecureSkipServerVerification');
    if (database.verifyHostname !== undefined) add(`${path}.verifyHostname`, database.verifyHostname, 'has no effect with insecureSkipServerVerification (nothing is verified); remove one');
  } else if (database.caCertificatePem === undefined) {
    add(`${path}.caCertificatePem`, undefined, 'is required: the PEM of the CA that signs the database server\'s certificate, so the control plane verifies the server (verifyFull); or opt out by name with insecureSkipServerVerification: true (recorded as the waiver POSTGRES_TLS_VERIFIED)');
  }
}

/** Issues of the sensitive inputs against the topology (field paths under `secrets.`, the CrossCloudMeshProps field). */
export function secretInputIssues(spec: TopologySpec, secrets: CrossCloudMeshSecrets | undefined): TopologyIssue[] {
  const issues: TopologyIssue[] = [];
  const add: AddIssue = (path, value, message) => issues.push({ path, value, message });
  const check = (field: keyof CrossCloudMeshSecrets, wanted: boolean, flag: string) => {
    const value = secrets?.[field];
    if (!wanted && value !== undefined) add(`secrets.${field}`, '<sensitive>', `is given but ${flag} is not true, so nothing would read it; set ${flag}: true, or leave the input out`);
    if (value !== undefined && !isUnresolved(value)) {
      add(`secrets.${field}`, '<literal>', 'must be a sensitive Terraform value (a TerraformVariable with sensitive: true, or a secret-manager data source): a literal would be written in plain text into cdk.tf.json');
    }
  };
  check('kongMeshLicense', spec.mesh.distribution === MeshDistributionName.KONG_MESH && spec.mesh.createLicenseSecret === true, 'mesh.createLicenseSecret');
  check(
    'postgresPassword',
    spec.mesh.global.placement === GlobalPlacement.UNIVERSAL_POSTGRES && spec.mesh.global.database?.createPasswordSecret === true,
    'mesh.global.database.createPasswordSecret',
  );
  return issues;
}
