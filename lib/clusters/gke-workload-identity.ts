import { IWorkloadIdentity } from './workload-identity';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';

/** Service account annotation naming the Google service account to impersonate. */
export const GKE_WORKLOAD_IDENTITY_ANNOTATION = 'iam.gke.io/gcp-service-account';

/**
 * GKE workload identity: the Kubernetes service account impersonates a Google service
 * account (which grants it `roles/iam.workloadIdentityUser`), as cert-manager's Cloud DNS
 * guide sets it up (cert-manager.io/docs/configuration/acme/dns01/google/). Only the
 * annotation: GKE's metadata server needs no pod label.
 */
export class GkeWorkloadIdentity implements IWorkloadIdentity {
  public readonly serviceAccountAnnotations: { [key: string]: string };
  public readonly serviceAccountLabels: { [key: string]: string } = {};
  public readonly podLabels: { [key: string]: string } = {};

  /**
   * @param serviceAccountEmail the Google service account (`CloudDnsSolverIdentity.email`)
   * @param path where the value came from, for the error
   */
  constructor(public readonly serviceAccountEmail: string, path = 'workloadIdentity.serviceAccountEmail') {
    assertNonEmpty(serviceAccountEmail, path, 'cert-manager@acme.iam.gserviceaccount.com');
    if (!isUnresolved(serviceAccountEmail) && !/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/.test(serviceAccountEmail)) {
      throw new ValidationError(path, serviceAccountEmail, 'must be a service account e-mail, e.g. "cert-manager@acme.iam.gserviceaccount.com"');
    }
    this.serviceAccountAnnotations = { [GKE_WORKLOAD_IDENTITY_ANNOTATION]: serviceAccountEmail };
  }
}
