/**
 * Kubernetes rules (ids of our own) on plain Kubernetes objects (`kubernetes_*`), custom
 * resources (`kubernetes_manifest`) and the values given to the Kong and Kuma charts.
 * Defaults are those of the pinned charts in ../shared/upstream (kong 3.4.1: `admin.enabled`
 * false, `admin.type` NodePort, `proxy.type` LoadBalancer; kuma 2.14.3: global zone sync and
 * zone ingress Services of type LoadBalancer).
 */
import { asList, chartName, chartValues, get, isFalse, isSet, isTrue } from '../attributes';
import { CheckOutcome, PASSED, PolicyRule, RuleContext, RuleFamily, failed } from '../types';
import { isKumaRelease, kumaMode, kumaValues } from './mesh';
import { CHECKOV_KUBERNETES_RULES } from './checkov-kubernetes';

const HELM = 'helm_release';
const MANIFEST = 'kubernetes_manifest';
const SERVICES = ['kubernetes_service', 'kubernetes_service_v1'];
const WORKLOADS = [
  'kubernetes_deployment', 'kubernetes_deployment_v1', 'kubernetes_stateful_set', 'kubernetes_stateful_set_v1',
  'kubernetes_daemonset', 'kubernetes_daemon_set_v1', 'kubernetes_job', 'kubernetes_job_v1',
  'kubernetes_cron_job', 'kubernetes_cron_job_v1', 'kubernetes_pod', 'kubernetes_pod_v1',
];

/** Kong admin API ports (HTTP, HTTPS). */
const KONG_ADMIN_PORTS = [8001, 8444];

/**
 * Annotations that bind a reserved address or keep a load balancer internal. With
 * `spec.loadBalancerIP` (the IReservedAddress contract) any one of them is enough.
 */
const ADDRESS_ANNOTATIONS = [
  'service.beta.kubernetes.io/azure-pip-name',
  'service.beta.kubernetes.io/azure-load-balancer-ipv4',
  'networking.gke.io/load-balancer-ip-addresses',
];
const INTERNAL_ANNOTATIONS: Record<string, string> = {
  'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
  'networking.gke.io/load-balancer-type': 'Internal',
  'cloud.google.com/load-balancer-type': 'Internal',
};

/** Security contexts the pinned charts need as root: the Kuma CNI installer writes to the host. */
const ROOT_REQUIRED_PATHS = ['cni.'];

export const KUBERNETES_RULES: readonly PolicyRule[] = [
  {
    id: 'KONG_ADMIN_NOT_EXPOSED',
    title: 'Kong admin API is not exposed outside the cluster',
    family: RuleFamily.KUBERNETES,
    resourceTypes: [HELM, ...SERVICES],
    appliesTo: (c, ctx) => ctx.resourceType !== HELM || isKongRelease(c),
    check: (c, ctx) => (ctx.resourceType === HELM ? kongAdmin(kongValues(c)) : serviceExposesPorts(c, KONG_ADMIN_PORTS)),
  },
  {
    id: 'LB_RESERVED_ADDRESS',
    title: 'Every LoadBalancer Service binds a reserved address (or is internal)',
    family: RuleFamily.KUBERNETES,
    resourceTypes: [HELM, MANIFEST, ...SERVICES],
    appliesTo: (c, ctx) => {
      if (ctx.resourceType === HELM) return isKongRelease(c) || isKumaRelease(c);
      if (ctx.resourceType === MANIFEST) return c?.manifest?.kind === 'Service' && String(c?.manifest?.apiVersion) === 'v1';
      return true;
    },
    check: (c, ctx) => {
      if (ctx.resourceType === HELM) return isKongRelease(c) ? kongServices(kongValues(c)) : kumaServices(c);
      if (ctx.resourceType === MANIFEST) {
        const m = c.manifest;
        return loadBalancer('Service', m.spec?.type, m.spec?.loadBalancerIP, m.metadata?.annotations);
      }
      const spec = get(c, 'spec');
      return loadBalancer('kubernetes_service', get(spec, 'type'), get(spec, 'load_balancer_ip'), get(c, 'metadata.annotations'));
    },
  },
  {
    id: 'CONTAINERS_NON_ROOT',
    title: 'Containers run as non-root where the chart allows it',
    family: RuleFamily.KUBERNETES,
    resourceTypes: [HELM, ...WORKLOADS],
    check: (c, ctx) => (ctx.resourceType === HELM ? chartSecurityContexts(chartValues(c)) : workloadNonRoot(c, ctx)),
  },
  // Checkov's own checks on the kubernetes_* resources we emit, as its code decides them.
  ...CHECKOV_KUBERNETES_RULES,
];

export function isKongRelease(release: any): boolean {
  return ['kong', 'ingress'].includes(chartName(release));
}

/** Kong gateway values; the `ingress` chart nests the gateway under `gateway:`. */
function kongValues(release: any): Record<string, any> {
  const values = chartValues(release);
  return chartName(release) === 'ingress' ? values.gateway ?? {} : values;
}

function kongAdmin(values: Record<string, any>): CheckOutcome {
  const admin = values.admin ?? {};
  if (isTrue(get(admin, 'ingress.enabled'))) return failed('admin.ingress.enabled is true: the admin API is published through an Ingress');
  if (!isTrue(admin.enabled)) return PASSED;
  const type = admin.type ?? 'NodePort';
  if (type !== 'ClusterIP') return failed(`admin.enabled with admin.type ${type} exposes the admin API outside the cluster; use ClusterIP`);
  return PASSED;
}

function serviceExposesPorts(service: any, ports: number[]): CheckOutcome {
  const type = get(service, 'spec.type') ?? 'ClusterIP';
  if (type === 'ClusterIP') return PASSED;
  const exposed = asList(get(service, 'spec.port')).filter((port: any) => ports.includes(Number(port?.port)) || ports.includes(Number(port?.target_port)));
  return exposed.length > 0 ? failed(`Service of type ${type} exposes port ${exposed.map((p: any) => p.port).join(', ')} (Kong admin API)`) : PASSED;
}

function kongServices(values: Record<string, any>): CheckOutcome {
  const proxy = values.proxy ?? {};
  if (isFalse(proxy.enabled)) return PASSED;
  return loadBalancer('proxy', proxy.type ?? 'LoadBalancer', proxy.loadBalancerIP, proxy.annotations);
}

function kumaServices(release: any): CheckOutcome {
  const values = kumaValues(release);
  if (kumaMode(release) === 'global') {
    const sync = values.controlPlane?.globalZoneSyncService ?? {};
    if (!isFalse(sync.enabled)) {
      const outcome = loadBalancer('controlPlane.globalZoneSyncService', sync.type ?? 'LoadBalancer', sync.loadBalancerIP, sync.annotations);
      if (outcome.status === 'failed') return outcome;
    }
  }
  for (const [component, defaultType] of [['ingress', 'LoadBalancer'], ['egress', 'ClusterIP']] as const) {
    const settings = values[component] ?? {};
    if (!isTrue(settings.enabled)) continue;
    const service = settings.service ?? {};
    const outcome = loadBalancer(`${component}.service`, service.type ?? defaultType, service.loadBalancerIP, service.annotations);
    if (outcome.status === 'failed') return outcome;
  }
  return PASSED;
}

function loadBalancer(what: string, type: unknown, loadBalancerIP: unknown, annotations: unknown): CheckOutcome {
  if (type !== 'LoadBalancer') return PASSED;
  const given = (annotations ?? {}) as Record<string, unknown>;
  if (Object.entries(INTERNAL_ANNOTATIONS).some(([key, value]) => given[key] === value)) return PASSED;
  if (isSet(loadBalancerIP)) return PASSED;
  if (ADDRESS_ANNOTATIONS.some((key) => isSet(given[key]))) return PASSED;
  return failed(`${what} is a LoadBalancer without a reserved address (loadBalancerIP) or an internal annotation: it would get a new public IP on every recreation`);
}

/** Walks chart values for `*SecurityContext` / `securityContext` objects that force root. */
function chartSecurityContexts(values: Record<string, any>): CheckOutcome {
  const offenders: string[] = [];
  const walk = (node: any, path: string): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = path ? `${path}.${key}` : key;
      if (/securitycontext$/i.test(key) && value && typeof value === 'object') {
        const v = value as Record<string, unknown>;
        const forcesRoot = isFalse(v.runAsNonRoot) || v.runAsUser === 0 || v.runAsUser === '0';
        if (forcesRoot && !ROOT_REQUIRED_PATHS.some((prefix) => `${here}.`.startsWith(prefix) || here.includes(`.${prefix}`))) offenders.push(here);
      }
      walk(value, here);
    }
  };
  walk(values, '');
  return offenders.length === 0 ? PASSED : failed(`chart values run as root: ${offenders.join(', ')} (runAsNonRoot false or runAsUser 0)`);
}

/** A workload passes when the pod or every container sets run_as_non_root and none runs as uid 0. */
function workloadNonRoot(workload: any, context: RuleContext): CheckOutcome {
  const pod = podSpec(workload, context.resourceType);
  const podContext = get(pod, 'security_context');
  const containers = [...asList(pod?.container), ...asList(pod?.init_container)];
  const podNonRoot = isTrue(get(podContext, 'run_as_non_root'));
  const podUser = get(podContext, 'run_as_user');
  if (podUser === 0 || podUser === '0') return failed('pod security_context.run_as_user is 0');
  for (const container of containers) {
    const sc = get(container, 'security_context');
    const user = get(sc, 'run_as_user');
    if (user === 0 || user === '0') return failed(`container ${container?.name} runs as uid 0`);
    if (isFalse(get(sc, 'run_as_non_root'))) return failed(`container ${container?.name} sets run_as_non_root false`);
    if (!podNonRoot && !isTrue(get(sc, 'run_as_non_root'))) {
      return failed(`container ${container?.name} may run as root: set run_as_non_root on the pod or the container`);
    }
  }
  return PASSED;
}

function podSpec(workload: any, type: string): any {
  if (type.startsWith('kubernetes_pod')) return get(workload, 'spec');
  if (type.startsWith('kubernetes_cron_job')) return get(workload, 'spec.job_template.spec.template.spec');
  return get(workload, 'spec.template.spec');
}
