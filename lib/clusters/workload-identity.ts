/**
 * How the pods of a Kubernetes service account act as a cloud identity without a key
 * (AKS workload identity, GKE workload identity, or nothing to add for EKS Pod Identity,
 * whose association names the service account on the AWS side). Each cloud's identity
 * says what its webhook or metadata server looks for; charts that run such pods
 * (cert-manager) copy it onto their service account and pods and know no cloud.
 */
export interface IWorkloadIdentity {
  /** Annotations of the service account, e.g. the identity to act as. */
  readonly serviceAccountAnnotations: { [key: string]: string };
  /** Labels of the service account. */
  readonly serviceAccountLabels: { [key: string]: string };
  /** Labels of the pods that run as the service account. */
  readonly podLabels: { [key: string]: string };
}
