/** The clouds the library provisions on. */
export enum Cloud {
  /** Microsoft Azure (AKS, Azure DNS, Azure public IPs). */
  AZURE = 'azure',
  /** Google Cloud (GKE, Cloud DNS, compute addresses). */
  GCP = 'gcp',
  /** Amazon Web Services (EKS, Route 53, Elastic IPs); its provider is an optional peer dependency. */
  AWS = 'aws',
}
