/**
 * The service account token a Kuma sidecar needs, for pods that do not automount one.
 *
 * Pods of the library set `automountServiceAccountToken: false` (least privilege: the
 * application never talks to the Kubernetes API). But the injected sidecar authenticates to
 * the zone control plane with that very token: the injector points kuma-dp at
 * `/var/run/secrets/kubernetes.io/serviceaccount/token` (kumahq/kuma@v2.14.3:
 * pkg/plugins/runtime/k8s/containers/factory.go, KUMA_DATAPLANE_RUNTIME_TOKEN_PATH), kuma-dp
 * fails to start when the file is missing (app/kuma-dp/pkg/dataplane/envoy/remote_bootstrap.go),
 * and the injector only mounts a token it finds: an existing mount at that path, or the pod
 * volume named by `kuma.io/service-account-token-volume`
 * (pkg/plugins/runtime/k8s/webhooks/injector/injector.go#NewVolumeMounts). So the pod carries
 * a projected token volume that only the sidecar mounts, as the Kong chart does for its own
 * pods (Kong/charts@kong-3.4.1: charts/kong/templates/_helpers.tpl#kong.volumes).
 */

/** Pod annotation naming the volume the injector mounts into the sidecar as its token. */
export const KUMA_SIDECAR_TOKEN_VOLUME_ANNOTATION = 'kuma.io/service-account-token-volume';

/** Name of the projected token volume. */
export const SIDECAR_TOKEN_VOLUME = 'kuma-sidecar-token';

/** The pod annotation that hands the token volume to the injector. */
export function sidecarTokenAnnotations(): { [key: string]: string } {
  return { [KUMA_SIDECAR_TOKEN_VOLUME_ANNOTATION]: SIDECAR_TOKEN_VOLUME };
}

/**
 * The projected volume: a bound, expiring token plus the CA and namespace files a mounted
 * service account directory normally holds. One projection per source element, because the
 * provider expands each element's blocks into projections in turn
 * (hashicorp/terraform-provider-kubernetes@v2.38.0: kubernetes/structures_pod.go#expandProjectedSources).
 */
export function sidecarTokenVolume() {
  return {
    name: SIDECAR_TOKEN_VOLUME,
    projected: [
      {
        sources: [
          // At least 600 s (the provider's validateIntGreaterThan(600)); the kubelet refreshes it.
          { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
          { configMap: [{ name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] }] },
          { downwardApi: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    ],
  };
}
