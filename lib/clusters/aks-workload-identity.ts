import { IWorkloadIdentity } from './workload-identity';
import { assertNonEmpty } from '../private/validation';

/**
 * Label that makes the Azure workload identity webhook project a token into a pod
 * (Azure/azure-workload-identity@v1.6.0:pkg/webhook/consts.go#UseWorkloadIdentityLabel);
 * the webhook reads it on pods, and it is set on the service account too, as the
 * cert-manager guide does.
 */
export const AZURE_WORKLOAD_IDENTITY_USE = 'azure.workload.identity/use';
/** Service account annotation naming the user-assigned identity's client id (consts.go#ClientIDAnnotation). */
export const AZURE_WORKLOAD_IDENTITY_CLIENT_ID = 'azure.workload.identity/client-id';

/**
 * AKS workload identity: the service account federated with a user-assigned identity
 * (a `FederatedIdentityCredential` on the cluster's OIDC issuer), as cert-manager's
 * Azure DNS guide sets it up (cert-manager.io/docs/configuration/acme/dns01/azuredns/).
 */
export class AksWorkloadIdentity implements IWorkloadIdentity {
  public readonly serviceAccountAnnotations: { [key: string]: string };
  public readonly serviceAccountLabels: { [key: string]: string };
  public readonly podLabels: { [key: string]: string };

  /**
   * @param clientId client id of the user-assigned identity (`AzureDnsSolverIdentity.clientId`)
   * @param path where the value came from, for the error
   */
  constructor(public readonly clientId: string, path = 'workloadIdentity.clientId') {
    assertNonEmpty(clientId, path, '00000000-0000-0000-0000-000000000000');
    this.serviceAccountAnnotations = { [AZURE_WORKLOAD_IDENTITY_CLIENT_ID]: clientId };
    this.serviceAccountLabels = { [AZURE_WORKLOAD_IDENTITY_USE]: 'true' };
    this.podLabels = { [AZURE_WORKLOAD_IDENTITY_USE]: 'true' };
  }
}
