/**
 * The Google identity cert-manager answers DNS-01 challenges with (stage "infra"): a
 * service account with a custom role holding only the record-set and change permissions
 * the Cloud DNS solver uses, bound on the managed zone when it is named (else on the
 * project, plus listing zones), and impersonable only by the cert-manager service
 * account through GKE workload identity. No key is created.
 * https://cert-manager.io/docs/configuration/acme/dns01/google/
 */
import { Construct } from 'constructs';
import { DnsManagedZoneIamMember } from '@cdktf/provider-google/lib/dns-managed-zone-iam-member';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import type { GkeCluster } from '../clusters/gke-cluster';
import { GkeWorkloadIdentity } from '../clusters/gke-workload-identity';
import { googleProvider } from '../private/cloud-providers';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_SERVICE_ACCOUNT } from './cert-manager';

/** What cert-manager's Cloud DNS solver calls: create, read and delete TXT records through changes. */
export const CLOUD_DNS_SOLVER_PERMISSIONS = [
  'dns.changes.create',
  'dns.changes.get',
  'dns.changes.list',
  'dns.resourceRecordSets.create',
  'dns.resourceRecordSets.delete',
  'dns.resourceRecordSets.get',
  'dns.resourceRecordSets.list',
  'dns.resourceRecordSets.update',
];
/** Needed only when the issuer does not name the zone, to find it. */
const LIST_ZONES = 'dns.managedZones.list';

/** Props of {@link CloudDnsSolverIdentity}. */
export interface CloudDnsSolverIdentityProps {
  /** Service account id (6-30 characters: lower-case letters, digits, `-`). */
  readonly name: string;
  /** Project of the service account, the DNS zone and the GKE cluster (workload identity pool). */
  readonly project: string;
  /**
   * Cloud DNS managed zone the solver may write; the role is then bound on that zone only.
   * @default bound on the project (every zone), plus `dns.managedZones.list`
   */
  readonly managedZoneName?: string;
  /**
   * The GKE cluster cert-manager runs in, when this app creates it. Its project's
   * workload identity pool (`<project>.svc.id.goog`) exists only once a cluster with
   * workload identity does, and IAM rejects a binding to a member of a pool that does
   * not exist yet, so the binding waits for the cluster and names the cluster's pool.
   * @default an existing cluster in `project`: its pool already exists
   */
  readonly cluster?: GkeCluster;
}

/** A service account for cert-manager's Cloud DNS solver. */
export class CloudDnsSolverIdentity extends Construct {
  /** The service account e-mail. */
  public readonly email: string;
  /** What cert-manager's service account carries to act as it (`CertManagerProps.workloadIdentity`). */
  public readonly workloadIdentity: GkeWorkloadIdentity;
  public readonly project: string;
  public readonly serviceAccount: ServiceAccount;

  constructor(scope: Construct, id: string, props: CloudDnsSolverIdentityProps) {
    super(scope, id);
    const path = this.node.path;
    assertNonEmpty(props.project, `${path}.project`, 'acme-prod');
    if (!isUnresolved(props.name) && !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(props.name ?? '')) {
      throw new ValidationError(`${path}.name`, props.name, 'must be a service account id: 6-30 lower-case letters, digits and "-", starting with a letter, e.g. "acme-gcp-cm"');
    }
    const provider = googleProvider(this, props.project);
    this.serviceAccount = new ServiceAccount(this, 'service-account', {
      provider,
      project: props.project,
      accountId: props.name,
      displayName: 'cert-manager DNS-01 solver',
    });
    const zoneScoped = props.managedZoneName !== undefined;
    const role = new ProjectIamCustomRole(this, 'role', {
      provider,
      project: props.project,
      roleId: `certManagerDns01_${props.name.replace(/-/g, '_')}`,
      title: `cert-manager DNS-01 (${props.name})`,
      permissions: zoneScoped ? CLOUD_DNS_SOLVER_PERMISSIONS : [...CLOUD_DNS_SOLVER_PERMISSIONS, LIST_ZONES],
    });
    const member = `serviceAccount:${this.serviceAccount.email}`;
    if (zoneScoped) {
      new DnsManagedZoneIamMember(this, 'zone-binding', { provider, project: props.project, managedZone: props.managedZoneName!, role: role.name, member });
    } else {
      new ProjectIamMember(this, 'project-binding', { provider, project: props.project, role: role.name, member });
    }
    const pool = props.cluster?.workloadIdentityPool ?? `${props.project}.svc.id.goog`;
    new ServiceAccountIamMember(this, 'workload-identity', {
      provider,
      serviceAccountId: this.serviceAccount.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${pool}[${CERT_MANAGER_NAMESPACE}/${CERT_MANAGER_SERVICE_ACCOUNT}]`,
      dependsOn: props.cluster ? [props.cluster.containerCluster] : undefined,
    });
    this.email = this.serviceAccount.email;
    this.workloadIdentity = new GkeWorkloadIdentity(this.email, `${path}.email`);
    this.project = props.project;
  }
}
