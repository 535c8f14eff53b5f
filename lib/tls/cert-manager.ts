/**
 * cert-manager, installed by Helm (stage "platform") with its CRDs managed by the chart,
 * and its controller's service account federated with the cloud's workload identity so
 * DNS-01 solvers need no static keys.
 */
import { Construct } from 'constructs';
import { Release } from '@cdktf/provider-helm/lib/release';
import { IClusterConnection } from '../clusters/cluster-connection';
import type { IWorkloadIdentity } from '../clusters/workload-identity';
import { CERT_MANAGER_CHART } from '../versions';
import { HelmValues, RELEASE_SAFETY, mergeValues, renderValues } from '../private/helm-values';

/**
 * Namespace and service account of the cert-manager controller. Fixed, because the
 * workload identity federations (`AzureDnsSolverIdentity`, `CloudDnsSolverIdentity`)
 * name them in stage "infra", before the chart exists.
 */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';
export const CERT_MANAGER_SERVICE_ACCOUNT = 'cert-manager';


/** Props of {@link CertManager}. */
export interface CertManagerProps {
  /** Cluster to install into. */
  readonly connection: IClusterConnection;
  /**
   * The cloud identity the controller acts as for DNS-01 (`AksWorkloadIdentity`,
   * `GkeWorkloadIdentity`, or a solver identity's `workloadIdentity`): its service
   * account annotations and labels and its pod labels.
   * @default none: the controller has no cloud identity (EKS Pod Identity needs none
   * either: its association names the service account on the AWS side)
   */
  readonly workloadIdentity?: IWorkloadIdentity;
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
  readonly workloadIdentity?: IWorkloadIdentity;
}

/** cert-manager in the `cert-manager` namespace of one cluster. */
export class CertManager extends Construct {
  public readonly connection: IClusterConnection;
  public readonly namespace = CERT_MANAGER_NAMESPACE;
  public readonly serviceAccountName = CERT_MANAGER_SERVICE_ACCOUNT;
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: CertManagerProps) {
    super(scope, id);
    this.connection = props.connection;
    const { helm } = props.connection.providers(this);
    const values = certManagerValues({
      ephemeral: props.ephemeral ?? false,
      workloadIdentity: props.workloadIdentity,
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
  const identity = input.workloadIdentity;
  if (identity !== undefined && Object.keys(identity.serviceAccountLabels).length > 0) serviceAccount.labels = { ...identity.serviceAccountLabels };
  if (identity !== undefined && Object.keys(identity.serviceAccountAnnotations).length > 0) serviceAccount.annotations = { ...identity.serviceAccountAnnotations };
  const podLabels = { ...identity?.podLabels };
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
