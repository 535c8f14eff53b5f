/**
 * KONG_PROMETHEUS_* rules: Kong's own metrics, as its prometheus plugin and the Kong chart
 * read what `mesh.observability.kong` emits, and whether a Prometheus outside the mesh can
 * reach them through Kuma's sidecar.
 */
import type { AppView } from '../app-view';
import type { UpstreamRule, Violation } from '../types';
import { kongReleases } from './kong';
import { namespaceKey } from './kubernetes-provider';

/** Kong 3.9's prometheus plugin schema (the chart's appVersion), read at this commit of its source. */
const PROMETHEUS_SCHEMA = 'Kong/kong@008c3bb54f4d1ee1c9be4c3146c16d1f5ceba84d:kong/plugins/prometheus/schema.lua';
/** Fields of the plugin's config record; every one a boolean that defaults to false. */
const PROMETHEUS_FIELDS = ['per_consumer', 'status_code_metrics', 'ai_metrics', 'latency_metrics', 'bandwidth_metrics', 'upstream_health_metrics'];
/** The families that give a route's requests, statuses and latencies (the rest are node-level). */
const PER_ROUTE_FIELDS = ['status_code_metrics', 'latency_metrics'];

/** The prometheus KongPlugins of the app, with the `cluster/namespace` they apply in. */
function prometheusPlugins(app: AppView): Array<{ address: string; where: string; manifest: any }> {
  return app
    .resources('kubernetes_manifest')
    .filter((ref) => ref.config.manifest?.kind === 'KongPlugin' && ref.config.manifest?.plugin === 'prometheus')
    .map((ref) => ({ address: ref.address, where: namespaceKey(app, ref, ref.config.manifest.metadata?.namespace), manifest: ref.config.manifest }));
}

export const KONG_PROMETHEUS_PLUGIN_CONFIG: UpstreamRule = {
  id: 'KONG_PROMETHEUS_PLUGIN_CONFIG',
  title: 'Every prometheus KongPlugin sets only fields of the plugin schema, as booleans, and turns on the per-route status and latency metrics (off by default)',
  sources: [PROMETHEUS_SCHEMA],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    for (const plugin of prometheusPlugins(app)) {
      const config: Record<string, unknown> = plugin.manifest.config ?? {};
      for (const [key, value] of Object.entries(config)) {
        if (!PROMETHEUS_FIELDS.includes(key)) violations.push({ address: plugin.address, message: `config.${key} is not a field of the prometheus plugin (${PROMETHEUS_FIELDS.join(', ')}): Kong rejects the plugin and the controller cannot apply its configuration` });
        else if (typeof value !== 'boolean') violations.push({ address: plugin.address, message: `config.${key} is ${JSON.stringify(value)}; the schema takes a boolean` });
      }
      const off = PER_ROUTE_FIELDS.filter((key) => config[key] !== true);
      if (off.length > 0) violations.push({ address: plugin.address, message: `${off.join(' and ')} left at the schema default false: Kong then exports no per-route status codes or latencies, so the gateway view cannot line up with the mesh's` });
    }
    return violations;
  },
};

export const KONG_PROMETHEUS_SCRAPEABLE: UpstreamRule = {
  id: 'KONG_PROMETHEUS_SCRAPEABLE',
  title: 'Where a prometheus KongPlugin applies, the Kong pods serve the status listener (where /metrics is) and keep its port out of the sidecar\'s inbound interception',
  sources: [
    'Kong/charts@kong-3.4.1:charts/kong/templates/deployment.yaml',
    'Kong/charts@kong-3.4.1:charts/kong/templates/_helpers.tpl',
    'kumahq/kuma@v2.14.3:pkg/plugins/runtime/k8s/webhooks/injector/injector.go',
    'kumahq/kuma@v2.14.3:pkg/plugins/runtime/k8s/metadata/annotations.go',
    'kumahq/kuma@v2.14.3:pkg/transparentproxy/kubernetes/kubernetes.go#NewPodRedirectFromAnnotations',
  ],
  check(app: AppView): Violation[] {
    const violations: Violation[] = [];
    const releases = kongReleases(app);
    for (const where of new Set(prometheusPlugins(app).map((plugin) => plugin.where))) {
      for (const release of releases.filter((candidate) => candidate.where === where)) {
        const status = release.values.status ?? {};
        // deployment.yaml opens the status port only when status.enabled and status.http.enabled.
        if (status.enabled === false || status.http?.enabled === false) {
          violations.push({ address: release.ref.address, message: `prometheus plugins apply in ${where}, but the release turns Kong's status listener off: /metrics is served nowhere a scraper can reach` });
          continue;
        }
        // A delegated gateway's inbound is not redirected to the sidecar at all.
        const gateway = String(release.podAnnotations['kuma.io/gateway'] ?? '');
        if (gateway === 'enabled' || gateway === 'true') continue;
        const port = String(status.http?.containerPort ?? 8100);
        const excluded = String(release.podAnnotations['traffic.kuma.io/exclude-inbound-ports'] ?? '').split(',').map((value) => value.trim());
        if (!excluded.includes(port)) {
          violations.push({ address: release.ref.address, message: `the Kong pods' status port ${port} is not in traffic.kuma.io/exclude-inbound-ports, so the sidecar intercepts it and, with mTLS STRICT, a Prometheus outside the mesh cannot scrape /metrics` });
        }
      }
    }
    return violations;
  },
};

export const KONG_OBSERVABILITY_RULES: readonly UpstreamRule[] = [KONG_PROMETHEUS_PLUGIN_CONFIG, KONG_PROMETHEUS_SCRAPEABLE];
