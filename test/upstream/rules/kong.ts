/**
 * How the Kong chart (kong-3.4.1), its ingress controller (KIC 3.5, the chart's default
 * image) and Kuma (v2.14.3) read the gateways and routes we emit.
 */
import type { AppView, ResourceRef } from '../app-view';
import { clusterInventory } from '../inventory';
import type { UpstreamRule, Violation } from '../types';
import { block, blocks, chartDefaults, effectiveValues, namespaceKey } from './kubernetes-provider';

const KONG_VALUES = 'kong/kong/values.yaml';
const KIC = 'Kong/kubernetes-ingress-controller@v3.5.9';
const CHART = 'Kong/charts@kong-3.4.1';
const KUMA = 'kumahq/kuma@v2.14.3';

/** A Kong gateway release as its templates see it. */
interface KongRelease {
  readonly ref: ResourceRef;
  readonly values: Record<string, any>;
  /** `cluster/namespace` of the release. */
  readonly where: string;
  /** Labels on the Kong pods (chart metaLabels and selector labels, plus podLabels). */
  readonly podLabels: Record<string, string>;
  readonly podAnnotations: Record<string, unknown>;
}

/** Kong releases of the `kong` chart (the `ingress` chart nests it twice and is judged elsewhere). */
export function kongReleases(app: AppView): KongRelease[] {
  return app
    .resources('helm_release')
    .filter((ref) => ref.config.chart === 'kong')
    .map((ref) => {
      const values = effectiveValues(ref, chartDefaults(KONG_VALUES));
      const name = values.nameOverride || 'kong';
      return {
        ref,
        values,
        where: namespaceKey(app, ref, ref.config.namespace),
        podLabels: {
          'app.kubernetes.io/name': name,
          'app.kubernetes.io/component': 'app',
          'app.kubernetes.io/instance': String(ref.config.name),
          ...(values.podLabels ?? {}),
        },
        podAnnotations: values.podAnnotations ?? {},
      };
    });
}

/** Services we emit (not the chart's) whose selector picks a release's Kong pods. */
function servicesSelecting(app: AppView, release: KongRelease): ResourceRef[] {
  return app.resources('kubernetes_service_v1', 'kubernetes_service').filter((service) => {
    const metadata = block(service.config.metadata);
    if (namespaceKey(app, service, metadata?.namespace) !== release.where) return false;
    const selector: Record<string, string> = block(service.config.spec)?.selector ?? {};
    const keys = Object.keys(selector);
    return keys.length > 0 && keys.every((key) => release.podLabels[key] === selector[key]);
  });
}

/** Ports Kong's proxy container listens on: `env.proxy_listen` when given, else the chart's listeners. */
function proxyListenPorts(values: Record<string, any>): Set<number> {
  const ports = new Set<number>();
  const listen = values.env?.proxy_listen;
  if (typeof listen === 'string') {
    for (const entry of listen.split(',')) {
      const port = /:(\d+)(?:\s|$)/.exec(entry.trim())?.[1];
      if (port) ports.add(Number(port));
    }
  } else {
    for (const listener of [values.proxy?.http, values.proxy?.tls]) if (listener?.enabled) ports.add(Number(listener.containerPort));
  }
  if (values.status?.enabled !== false && values.status?.http?.enabled) ports.add(Number(values.status.http.containerPort));
  return ports;
}

/** Ports listed in `traffic.kuma.io/exclude-inbound-ports` (comma separated). */
function excludedInboundPorts(annotations: Record<string, unknown>): Set<number> {
  const value = annotations['traffic.kuma.io/exclude-inbound-ports'];
  return new Set(typeof value === 'string' ? value.split(',').map((port) => Number(port.trim())).filter(Number.isFinite) : []);
}

function ingresses(app: AppView): ResourceRef[] {
  return app.resources('kubernetes_ingress_v1');
}

function ingressPaths(ingress: ResourceRef): any[] {
  const spec = block(ingress.config.spec) ?? {};
  return blocks(spec.rule).flatMap((rule) => blocks(block(rule.http)?.path));
}

/** Values the controller reads strictly and silently ignores when they are anything else. */
const VALID_PROTOCOLS = ['', 'http', 'https', 'grpc', 'grpcs', 'ws', 'wss', 'tls', 'tcp', 'tls_passthrough'];
const REDIRECT_CODES = ['426', '301', '302', '307', '308'];

export const KONG_RULES: readonly UpstreamRule[] = [
  {
    id: 'KONG_MESH_SERVICE_PODS_NOT_GATEWAY',
    title: 'a Service we publish for Kong pods selects pods without any kuma.io/gateway annotation (chart default included)',
    sources: [
      // The chart's defaults annotate every Kong pod kuma.io/gateway: enabled ...
      `${CHART}:charts/kong/values.yaml#podAnnotations`,
      `${CHART}:charts/kong/templates/deployment.yaml#podAnnotations`,
      // ... and Kuma generates no MeshService for a Service whose pods carry the key, whatever its value.
      `${KUMA}:pkg/plugins/runtime/k8s/controllers/meshservice_controller.go#isServiceForGateway`,
      // A null in user values deletes a default key.
      'helm/helm@v3.18.4:pkg/chartutil/coalesce.go#coalesceValues',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const release of kongReleases(app)) {
        if (!('kuma.io/gateway' in release.podAnnotations)) continue;
        for (const service of servicesSelecting(app, release)) {
          violations.push({
            address: service.address,
            message: `selects the pods of ${release.ref.address}, which carry kuma.io/gateway: ${JSON.stringify(release.podAnnotations['kuma.io/gateway'])}: Kuma makes no MeshService for it, so no other zone can reach it; set podAnnotations["kuma.io/gateway"] to null to delete the chart default`,
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'KONG_RENDERED_MESH_SERVICE_PODS_NOT_GATEWAY',
    title: 'no pod the charts render behind a Service we publish carries kuma.io/gateway (judged on the rendered pods)',
    sources: [
      `${KUMA}:pkg/plugins/runtime/k8s/controllers/meshservice_controller.go#isServiceForGateway`,
      `${CHART}:charts/kong/templates/deployment.yaml#podAnnotations`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const inventory of clusterInventory(app).values()) {
        for (const service of inventory.services()) {
          if (!service.origin.type.startsWith('kubernetes_service')) continue;
          for (const pod of inventory.podsSelectedBy(service)) {
            if (!('kuma.io/gateway' in pod.annotations)) continue;
            violations.push({
              address: service.origin.address,
              message: `selects pods of ${pod.owner.kind} ${pod.owner.metadata.name} (${pod.origin.address}) annotated kuma.io/gateway: ${pod.annotations['kuma.io/gateway']}: Kuma makes no MeshService for Service ${service.metadata.name}`,
            });
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'KONG_NO_NODEPORT_ON_MESHED_PODS',
    title: 'no NodePort Service (the Kong chart\'s Manager default) selects a pod in a meshed namespace',
    sources: [
      // manager.enabled: true, type: NodePort unless the values say otherwise.
      `${CHART}:charts/kong/values.yaml#manager`,
      `${CHART}:charts/kong/templates/service-kong-manager.yaml`,
      // A NodePort is allocated on every node of the cluster, outside any load balancer allow-list.
      'kubernetes/kubernetes@v1.31.0:pkg/registry/core/service/storage/alloc.go#allocNodePorts',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const inventory of clusterInventory(app).values()) {
        for (const service of inventory.services()) {
          if (service.spec?.type !== 'NodePort') continue;
          for (const pod of inventory.podsSelectedBy(service)) {
            const injection = inventory.namespace(pod.namespace)?.metadata.labels?.['kuma.io/sidecar-injection'];
            if (injection !== 'enabled' && injection !== 'true') continue;
            violations.push({
              address: service.origin.address,
              message: `renders NodePort Service ${service.metadata.name}, which opens ${(service.spec.ports ?? []).map((port: any) => port.port).join(', ')} on every node to meshed pods of ${pod.owner.kind} ${pod.owner.metadata.name}; turn it off (Kong: manager.enabled = false)`,
            });
            break;
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'KONG_SERVICE_TARGETS_A_LISTENER',
    title: 'every numeric target port of a Service we publish for Kong pods is a port Kong listens on',
    sources: [
      `${CHART}:charts/kong/templates/_helpers.tpl#kong.env`,
      `${CHART}:charts/kong/templates/_helpers.tpl#kong.listen`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const release of kongReleases(app)) {
        const listening = proxyListenPorts(release.values);
        for (const service of servicesSelecting(app, release)) {
          for (const port of blocks(block(service.config.spec)?.port)) {
            const target = Number(port.target_port ?? port.port);
            if (Number.isFinite(target) && !listening.has(target)) {
              violations.push({ address: service.address, message: `port ${port.port} targets ${target}, where Kong does not listen (listeners: ${[...listening].join(', ')}); add it to env.proxy_listen` });
            }
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'KONG_PUBLIC_PORTS_BYPASS_SIDECAR',
    title: 'a Kong pod that is not a delegated gateway keeps its public, webhook and probe ports out of the sidecar inbound',
    sources: [
      // Inbound redirection is off only for kuma.io/gateway: enabled; otherwise only excluded ports bypass Envoy ...
      `${KUMA}:pkg/transparentproxy/kubernetes/kubernetes_config.go#ConfigForKubernetes`,
      `${KUMA}:pkg/transparentproxy/kubernetes/kubernetes_config.go#redirectExcludePorts`,
      // ... and the public proxy Service, the admission webhook and the controller probes call these ports without mTLS.
      `${CHART}:charts/kong/templates/service-kong-proxy.yaml`,
      `${CHART}:charts/kong/templates/_helpers.tpl#kong.controller-container`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const release of kongReleases(app)) {
        const gateway = release.podAnnotations['kuma.io/gateway'];
        if (gateway === 'enabled' || gateway === 'true' || gateway === 'yes') continue;
        const values = release.values;
        const needed: number[] = [];
        if (values.proxy?.enabled !== false) {
          for (const listener of [values.proxy?.http, values.proxy?.tls]) if (listener?.enabled) needed.push(Number(listener.containerPort));
        }
        if (values.ingressController?.enabled && values.ingressController?.admissionWebhook?.enabled) {
          needed.push(Number(values.ingressController.admissionWebhook.port));
        }
        const excluded = excludedInboundPorts(release.podAnnotations);
        const missing = needed.filter((port) => !excluded.has(port));
        if (missing.length > 0) {
          violations.push({
            address: release.ref.address,
            message: `a regular mesh workload whose ports ${missing.join(', ')} are not in traffic.kuma.io/exclude-inbound-ports: plain traffic from the load balancer or the API server would hit the STRICT mTLS inbound and be refused`,
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'KONG_INGRESS_CLASS_SERVED',
    title: 'every Ingress names the class a Kong controller in its cluster serves',
    sources: [
      // The chart sets CONTROLLER_INGRESS_CLASS from ingressController.ingressClass ...
      `${CHART}:charts/kong/templates/_helpers.tpl#kong.ingressController.env`,
      `${CHART}:charts/kong/templates/ingress-class.yaml`,
      // ... and the controller ignores Ingresses of any other class.
      `${KIC}:internal/admission/validator.go#ValidateIngress`,
    ],
    check: (app) => {
      const served = new Set(kongReleases(app).filter((r) => r.values.ingressController?.enabled).map((r) => `${app.clusterOf(r.ref)}/${r.values.ingressController.ingressClass}`));
      return ingresses(app).flatMap((ingress) => {
        const className = block(ingress.config.spec)?.ingress_class_name;
        return served.has(`${app.clusterOf(ingress)}/${className}`)
          ? []
          : [{ address: ingress.address, message: `ingress_class_name ${JSON.stringify(className)} is served by no Kong controller of cluster ${app.clusterOf(ingress)} (served: ${[...served].join(', ') || 'none'})` }];
      });
    },
  },
  {
    id: 'KONG_EXTERNALNAME_NUMERIC_PORT',
    title: 'an Ingress backend that is an ExternalName Service names its port by number',
    sources: [`${KIC}:internal/dataplane/translator/translate_upstreams.go#findPort`],
    check: (app) => {
      const externalNames = new Set(
        app.resources('kubernetes_service_v1', 'kubernetes_service')
          .filter((s) => block(s.config.spec)?.type === 'ExternalName')
          .map((s) => `${namespaceKey(app, s, block(s.config.metadata)?.namespace)}/${block(s.config.metadata)?.name}`),
      );
      return ingresses(app).flatMap((ingress) => {
        const where = namespaceKey(app, ingress, block(ingress.config.metadata)?.namespace);
        return ingressPaths(ingress).flatMap((path) => {
          const service = block(block(path.backend)?.service);
          if (!service || !externalNames.has(`${where}/${service.name}`)) return [];
          return block(service.port)?.number !== undefined
            ? []
            : [{ address: ingress.address, message: `backend ${service.name} is an ExternalName Service: the controller rejects the rule unless port.number is set` }];
        });
      });
    },
  },
  {
    id: 'KONG_PLUGINS_BEFORE_INGRESS',
    title: 'every KongPlugin an Ingress names exists in its namespace and is created before the Ingress',
    sources: [
      // A missing KongPlugin is skipped: the route is published without it.
      `${KIC}:internal/dataplane/kongstate/kongstate.go#buildPlugins`,
      `${KIC}:internal/dataplane/kongstate/kongstate.go#getPluginRelations`,
    ],
    check: (app) => {
      const plugins = new Map<string, ResourceRef>();
      for (const ref of app.resources('kubernetes_manifest')) {
        const m = ref.config.manifest ?? {};
        if (m.kind === 'KongPlugin') plugins.set(`${namespaceKey(app, ref, m.metadata?.namespace)}/${m.metadata?.name}`, ref);
      }
      return ingresses(app).flatMap((ingress) => {
        const metadata = block(ingress.config.metadata) ?? {};
        const names = String(metadata.annotations?.['konghq.com/plugins'] ?? '').split(',').map((n) => n.trim()).filter(Boolean);
        return names.flatMap((name) => {
          const plugin = plugins.get(`${namespaceKey(app, ingress, metadata.namespace)}/${name}`);
          if (!plugin) return [{ address: ingress.address, message: `names KongPlugin ${name}, which the app does not create in namespace ${metadata.namespace}: the route would run without it` }];
          if (plugin.stack === ingress.stack && !app.dependsOn(ingress, plugin)) {
            return [{ address: ingress.address, message: `does not wait for ${plugin.localAddress} (KongPlugin ${name}): the route is published without the plugin until it exists` }];
          }
          return [];
        });
      });
    },
  },
  {
    id: 'KONG_ANNOTATION_VALUES_READ',
    title: 'konghq.com annotation values are ones the controller accepts (it silently ignores any other)',
    sources: [
      `${KIC}:internal/dataplane/kongstate/route.go#overrideProtocols`,
      `${KIC}:internal/dataplane/kongstate/route.go#overrideHTTPSRedirectCode`,
      `${KIC}:internal/dataplane/kongstate/route.go#overridePreserveHost`,
      `${KIC}:internal/dataplane/kongstate/route.go#overrideStripPath`,
      `${KIC}:internal/dataplane/kongstate/service.go#overrideProtocol`,
      `${KIC}:internal/util/protocol.go#ValidateProtocol`,
    ],
    check: (app) => {
      const violations: Violation[] = [];
      const report = (ref: ResourceRef, key: string, value: string, accepted: string) =>
        violations.push({ address: ref.address, message: `${key}: ${JSON.stringify(value)} is ignored by the controller; use ${accepted}` });
      for (const ref of [...ingresses(app), ...app.resources('kubernetes_service_v1', 'kubernetes_service')]) {
        const annotations: Record<string, string> = block(ref.config.metadata)?.annotations ?? {};
        for (const [key, value] of Object.entries(annotations)) {
          if (key === 'konghq.com/protocols' && !value.split(',').every((p) => VALID_PROTOCOLS.includes(p.trim()))) report(ref, key, value, VALID_PROTOCOLS.filter(Boolean).join(', '));
          if (key === 'konghq.com/protocol' && !VALID_PROTOCOLS.includes(value)) report(ref, key, value, VALID_PROTOCOLS.filter(Boolean).join(', '));
          if (key === 'konghq.com/https-redirect-status-code' && !REDIRECT_CODES.includes(value)) report(ref, key, value, REDIRECT_CODES.join(', '));
          if ((key === 'konghq.com/preserve-host' || key === 'konghq.com/strip-path') && !['true', 'false'].includes(value.toLowerCase())) report(ref, key, value, '"true" or "false"');
        }
      }
      return violations;
    },
  },
];
