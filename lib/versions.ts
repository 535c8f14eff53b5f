/**
 * Every chart and image version the library deploys, in one place.
 *
 * Each construct takes an override (`chartVersion`, `chartRepository`), so a
 * platform team can move faster or slower than the library. The conformance
 * suite validates values against the upstream files of exactly these versions
 * (see ../shared/upstream/SOURCES.md).
 */

/** A Helm chart: where it lives, its name and the version the library is tested with. */
export interface ChartReference {
  /** Helm repository URL. */
  readonly repository: string;
  /** Chart name in that repository. */
  readonly chart: string;
  /** Chart version. */
  readonly version: string;
}

/** Kuma OSS control plane chart. */
export const KUMA_CHART: ChartReference = {
  repository: 'https://kumahq.github.io/charts',
  chart: 'kuma',
  version: '2.14.3',
};

/** Kong Mesh (enterprise Kuma) control plane chart; Kuma values nest under `kuma:`. */
export const KONG_MESH_CHART: ChartReference = {
  repository: 'https://kong.github.io/kong-mesh-charts',
  chart: 'kong-mesh',
  version: '2.14.3',
};

/** Kong Gateway + Kong Ingress Controller in one release. */
export const KONG_CHART: ChartReference = {
  repository: 'https://charts.konghq.com',
  chart: 'kong',
  version: '3.4.1',
};

/** Kong's `ingress` umbrella chart (controller and gateway as two subcharts). */
export const KONG_INGRESS_CHART: ChartReference = {
  repository: 'https://charts.konghq.com',
  chart: 'ingress',
  version: '0.24.0',
};

/** cert-manager, with its CRDs installed and upgraded by the chart. */
export const CERT_MANAGER_CHART: ChartReference = {
  repository: 'https://charts.jetstack.io',
  chart: 'cert-manager',
  version: 'v1.21.1',
};

/** kumactl image used by the Job that applies mesh resources through the global's API. */
export const KUMACTL_IMAGE = 'docker.io/kumahq/kumactl:2.14.3';

/** Small image used by connectivity checks (curl only). */
export const CURL_IMAGE = 'docker.io/curlimages/curl:8.11.1';

/** Kubernetes minor versions the cluster constructs default to. */
export const AKS_KUBERNETES_VERSION = '1.33';
export const GKE_RELEASE_CHANNEL = 'REGULAR';
