/**
 * cert-manager, installed by Helm (stage "platform") with its CRDs managed by the chart,
 * and its controller's service account federated with the cloud's workload identity so
 * DNS-01 solvers need no static keys.
 */
import { Construct } from 'constructs';
import { Release } from '@cdktf/provider-helm/lib/release';
import { IClusterConnection } from '../clusters/cluster-connection';
import { CERT_MANAGER_CHART } from '../versions';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';
import { HelmValues, RELEASE_SAFETY, mergeValues, renderValues } from '../private/helm-values';

/**
 * Namespace and service account of the cert-manager controller. Fixed, because the
 * workload identity federations (`AzureDnsSolverIdentity`, `CloudDnsSolverIdentity`)
 * name them in stage "infra", before the chart exists.
 */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';
export const CERT_MANAGER_SERVICE_ACCOUNT = 'cert-manager';

/** Label (pod and service account) that makes the Azure workload identity webhook inject a token. */
export const AZURE_WORKLOAD_IDENTITY_USE = 'azure.workload.identity/use';
/** Service account annotation naming the Google service account to impersonate. */
export const GKE_WORKLOAD_IDENTITY_ANNOTATION = 'iam.gke.io/gcp-service-account';

/** Props of {@link CertManager}. */
export interface CertManagerProps {
  /** Cluster to install into. */
  readonly connection: IClusterConnection;
  /**
   * Client id of the user-assigned identity the controller acts as on Azure
   * (`AzureDnsSolverIdentity.clientId`); turns on Azure workload identity.
   * @default no Azure workload identity
   */
  readonly azureWorkloadIdentityClientId?: string;
  /**
   * Google service account the controller impersonates (`CloudDnsSolverIdentity.email`);
   * turns on GKE workload identity.
   * @default no GKE workload identity
   */
  readonly gcpServiceAccountEmail?: string;
  /**
   * Ephemeral mode: one replica per component and no PodDisruptionBudgets.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Chart version.
   * @default CERT_MANAGER_CHART.version
   */
  readonly chartVersion?: string;
  /**
   * Values merged over the generated ones, last.
   * @default none
   */
  readonly extraValues?: { [key: string]: unknown };
}

/** Inputs of {@link certManagerValues}. */
export interface CertManagerValuesInput {
  readonly ephemeral: boolean;
  readonly azureWorkloadIdentityClientId?: string;
  readonly gcpServiceAccountEmail?: string;
}

/** cert-manager in the `cert-manager` namespace of one cluster. */
export class CertManager extends Construct {
  public readonly connection: IClusterConnection;
  public readonly namespace = CERT_MANAGER_NAMESPACE;
  public readonly serviceAccountName = CERT_MANAGER_SERVICE_ACCOUNT;
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: CertManagerProps) {
    super(scope, id);
    const path = this.node.path;
    if (props.azureWorkloadIdentityClientId !== undefined) {
      assertNonEmpty(props.azureWorkloadIdentityClientId, `${path}.azureWorkloadIdentityClientId`, '00000000-0000-0000-0000-000000000000');
    }
    if (props.gcpServiceAccountEmail !== undefined) {
      assertNonEmpty(props.gcpServiceAccountEmail, `${path}.gcpServiceAccountEmail`, 'cert-manager@acme.iam.gserviceaccount.com');
      if (!isUnresolved(props.gcpServiceAccountEmail) && !/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/.test(props.gcpServiceAccountEmail)) {
        throw new ValidationError(`${path}.gcpServiceAccountEmail`, props.gcpServiceAccountEmail, 'must be a service account e-mail, e.g. "cert-manager@acme.iam.gserviceaccount.com"');
      }
    }
    this.connection = props.connection;
    const { helm } = props.connection.providers(this);
    const values = certManagerValues({
      ephemeral: props.ephemeral ?? false,
      azureWorkloadIdentityClientId: props.azureWorkloadIdentityClientId,
      gcpServiceAccountEmail: props.gcpServiceAccountEmail,
    });
    this.release = new Release(this, 'release', {
      provider: helm,
      name: 'cert-manager',
      namespace: CERT_MANAGER_NAMESPACE,
      // Not a mesh namespace: the API server calls the webhook directly.
      createNamespace: true,
      repository: CERT_MANAGER_CHART.repository,
      chart: CERT_MANAGER_CHART.chart,
      version: props.chartVersion ?? CERT_MANAGER_CHART.version,
      ...RELEASE_SAFETY,
      values: [renderValues(mergeValues(values, props.extraValues))],
    });
  }
}

/** The cert-manager chart values; valid against the chart's values.schema.json. */
export function certManagerValues(input: CertManagerValuesInput): HelmValues {
  const replicas = input.ephemeral ? 1 : 2;
  const pdb = input.ephemeral ? { enabled: false } : { enabled: true, minAvailable: 1 };
  const podSecurity = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
  const containerSecurity = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
  const serviceAccount: HelmValues = { create: true, name: CERT_MANAGER_SERVICE_ACCOUNT };
  const podLabels: { [key: string]: string } = {};
  if (input.azureWorkloadIdentityClientId !== undefined) {
    // https://cert-manager.io/docs/configuration/acme/dns01/azuredns/#managed-identity-using-aad-workload-identity
    podLabels[AZURE_WORKLOAD_IDENTITY_USE] = 'true';
    serviceAccount.labels = { [AZURE_WORKLOAD_IDENTITY_USE]: 'true' };
    serviceAccount.annotations = { 'azure.workload.identity/client-id': input.azureWorkloadIdentityClientId };
  }
  if (input.gcpServiceAccountEmail !== undefined) {
    // https://cert-manager.io/docs/configuration/acme/dns01/google/#gke-workload-identity
    serviceAccount.annotations = { ...((serviceAccount.annotations as object) ?? {}), [GKE_WORKLOAD_IDENTITY_ANNOTATION]: input.gcpServiceAccountEmail };
  }
  return {
    crds: { enabled: true, keep: true },
    replicaCount: replicas,
    podDisruptionBudget: pdb,
    serviceAccount,
    podLabels,
    resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '256Mi' } },
    securityContext: podSecurity,
    containerSecurityContext: containerSecurity,
    webhook: {
      replicaCount: replicas,
      podDisruptionBudget: pdb,
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
      securityContext: podSecurity,
      containerSecurityContext: containerSecurity,
    },
    cainjector: {
      replicaCount: replicas,
      podDisruptionBudget: pdb,
      resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
      securityContext: podSecurity,
      containerSecurityContext: containerSecurity,
    },
    startupapicheck: { securityContext: podSecurity, containerSecurityContext: containerSecurity },
  };
}
