/**
 * Checkov's own Terraform checks for Kubernetes resources, restated from their code at
 * bridgecrewio/checkov@3.3.13: checkov/terraform/checks/resource/kubernetes/*.py. Each rule
 * lists exactly the resource types its check lists (most cover pods and Deployments only;
 * CKV_K8S_21 also Jobs, Services, Secrets and Ingresses) and reproduces its decisions,
 * including the quirks: several checks decide on the FIRST container alone, and CKV_K8S_29
 * ("pod security context") actually looks at container security contexts.
 *
 * Checkov reads Terraform JSON like HCL: every attribute value is wrapped in a list and every
 * block is a list of objects. `checkovShape` does that to cdktf's JSON first, so each rule can
 * follow its check line by line. Checkov's UNKNOWN counts as a pass here, as it does in
 * Checkov's own report (neither passed nor failed).
 */
import { CheckOutcome, PASSED, PolicyRule, RuleFamily, failed } from '../types';

const SOURCE_DIR = 'bridgecrewio/checkov@3.3.13:checkov/terraform/checks/resource/kubernetes';
const PODS_AND_DEPLOYMENTS = ['kubernetes_pod', 'kubernetes_pod_v1', 'kubernetes_deployment', 'kubernetes_deployment_v1'];
const WITH_DAEMONSETS = [...PODS_AND_DEPLOYMENTS, 'kubernetes_daemonset', 'kubernetes_daemon_set_v1'];
const NAMESPACED = [
  ...PODS_AND_DEPLOYMENTS, 'kubernetes_daemonset', 'kubernetes_daemon_set_v1', 'kubernetes_stateful_set', 'kubernetes_stateful_set_v1',
  'kubernetes_replication_controller', 'kubernetes_replication_controller_v1', 'kubernetes_job', 'kubernetes_job_v1',
  'kubernetes_cron_job', 'kubernetes_cron_job_v1', 'kubernetes_service', 'kubernetes_service_v1', 'kubernetes_secret',
  'kubernetes_secret_v1', 'kubernetes_service_account', 'kubernetes_service_account_v1', 'kubernetes_role_binding',
  'kubernetes_role_binding_v1', 'kubernetes_config_map', 'kubernetes_config_map_v1', 'kubernetes_ingress', 'kubernetes_ingress_v1',
];

/** Map-typed attributes: Checkov wraps the map once and leaves its values alone. */
const MAP_ATTRIBUTES = new Set(['labels', 'annotations', 'selector', 'match_labels', 'limits', 'requests', 'node_selector', 'data', 'string_data']);

/** cdktf JSON -> the shape Checkov's HCL parser gives a check's `conf`. */
export function checkovShape(config: any): Record<string, any[]> {
  const out: Record<string, any[]> = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    if (key === '//') continue;
    if (MAP_ATTRIBUTES.has(key) && value && typeof value === 'object' && !Array.isArray(value)) out[key] = [value];
    else if (Array.isArray(value)) out[key] = value.every(isObject) && value.length > 0 ? value.map(checkovShape) : [value];
    else if (isObject(value)) out[key] = [checkovShape(value)];
    else out[key] = [value];
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const first = (list: any): any => (Array.isArray(list) ? list[0] : undefined);

/** The checks' common first step: `spec[0]`, then `template[0].spec[0]` when there is a template. */
function podSpecOf(conf: Record<string, any[]>): any {
  const spec = first(conf.spec);
  if (!spec) return undefined;
  const template = first(spec.template);
  const templateSpec = template ? first(template.spec) : undefined;
  return templateSpec ?? spec;
}

function containersOf(conf: Record<string, any[]>): any[] | undefined {
  return podSpecOf(conf)?.container;
}

type Decision = 'passed' | 'failed' | 'unknown';
const outcome = (decision: Decision, reason: string): CheckOutcome => (decision === 'failed' ? failed(reason) : PASSED);

/** The first container decides: present -> its answer, missing container list -> unknown. */
function firstContainer(conf: Record<string, any[]>, test: (container: any) => boolean, missing: Decision): Decision {
  if (!first(conf.spec)) return missing;
  const containers = containersOf(conf);
  if (containers === undefined) return 'unknown';
  if (containers.length === 0) return 'passed';
  if (!isObject(containers[0])) return 'unknown';
  return test(containers[0]) ? 'passed' : 'failed';
}

/** Every container must satisfy `ok` (checks that loop over all containers). */
function everyContainer(conf: Record<string, any[]>, ok: (container: any) => boolean): Decision {
  const containers = containersOf(conf);
  if (!containers) return 'passed';
  for (const container of containers) {
    if (!isObject(container)) return 'unknown';
    if (!ok(container)) return 'failed';
  }
  return 'passed';
}

const securityContext = (container: any) => first(container.security_context);
const capabilities = (container: any) => first(securityContext(container)?.capabilities);
const resourceMap = (container: any, kind: 'limits' | 'requests') => first(first(container.resources)?.[kind]);

function rule(id: string, file: string, title: string, resourceTypes: string[], decide: (conf: Record<string, any[]>) => Decision, reason: string): PolicyRule {
  return {
    id,
    title: `${title} (${SOURCE_DIR}/${file})`,
    family: RuleFamily.KUBERNETES,
    resourceTypes,
    check: (config) => outcome(decide(checkovShape(config)), reason),
  };
}

export const CHECKOV_KUBERNETES_RULES: readonly PolicyRule[] = [
  rule('CKV_K8S_8', 'LivenessProbe.py', 'Liveness probe should be configured', PODS_AND_DEPLOYMENTS,
    (conf) => firstContainer(conf, (c) => Boolean(first(c.liveness_probe)), 'failed'), 'the first container has no liveness_probe'),
  rule('CKV_K8S_9', 'ReadinessProbe.py', 'Readiness probe should be configured', PODS_AND_DEPLOYMENTS,
    (conf) => firstContainer(conf, (c) => Boolean(first(c.readiness_probe)), 'unknown'), 'the first container has no readiness_probe'),
  rule('CKV_K8S_10', 'CPURequests.py', 'CPU requests should be set', PODS_AND_DEPLOYMENTS,
    (conf) => ('spec' in conf ? firstContainer(conf, (c) => Boolean(resourceMap(c, 'requests')?.cpu), 'unknown') : 'failed'), 'the first container requests no CPU'),
  rule('CKV_K8S_11', 'CPULimits.py', 'CPU limits should be set', PODS_AND_DEPLOYMENTS,
    (conf) => ('spec' in conf ? firstContainer(conf, (c) => Boolean(resourceMap(c, 'limits')?.cpu), 'unknown') : 'failed'), 'the first container has no CPU limit'),
  rule('CKV_K8S_12', 'MemoryLimits.py', 'Memory limits should be set', PODS_AND_DEPLOYMENTS,
    (conf) => ('spec' in conf ? firstContainer(conf, (c) => Boolean(resourceMap(c, 'limits')?.memory), 'unknown') : 'failed'), 'the first container has no memory limit'),
  rule('CKV_K8S_13', 'MemoryRequests.py', 'Memory requests should be set', PODS_AND_DEPLOYMENTS,
    (conf) => ('spec' in conf ? firstContainer(conf, (c) => Boolean(resourceMap(c, 'requests')?.memory), 'unknown') : 'failed'), 'the first container requests no memory'),
  rule('CKV_K8S_14', 'ImageTagFixed.py', 'Image tag should be fixed, not latest or blank', PODS_AND_DEPLOYMENTS,
    (conf) => {
      if (!first(conf.spec)) return 'unknown';
      const containers = containersOf(conf);
      if (!containers || containers.length === 0) return 'failed';
      return everyContainer(conf, (c) => {
        const image = first(c.image);
        if (!image) return false;
        if (String(image).includes(':')) return !['latest', ''].includes(String(image).split(':')[1]);
        return String(image).includes('@');
      });
    }, 'an image has no tag, or :latest'),
  rule('CKV_K8S_15', 'ImagePullPolicyAlways.py', 'Image pull policy should be Always', PODS_AND_DEPLOYMENTS,
    // The loop stops at the first container either way (break on a pass, return on a failure).
    (conf) => firstContainer(conf, (c) => {
      const policy = first(c.image_pull_policy);
      if (policy) return policy === 'Always';
      const image = String(first(c.image) ?? '');
      return image.includes('latest') || image.includes('@');
    }, 'failed'), 'the first container pulls IfNotPresent (no image_pull_policy "Always", and the image is neither :latest nor a digest)'),
  rule('CKV_K8S_16', 'PrivilegedContainer.py', 'Containers should not run privileged', PODS_AND_DEPLOYMENTS,
    (conf) => everyContainer(conf, (c) => first(securityContext(c)?.privileged) !== true), 'a container is privileged'),
  rule('CKV_K8S_17', 'ShareHostPID.py', 'Containers should not share the host process ID namespace', PODS_AND_DEPLOYMENTS,
    (conf) => (first(podSpecOf(conf)?.host_pid) === true ? 'failed' : 'passed'), 'host_pid is true'),
  rule('CKV_K8S_18', 'ShareHostIPC.py', 'Containers should not share the host IPC namespace', PODS_AND_DEPLOYMENTS,
    (conf) => (first(podSpecOf(conf)?.host_ipc) === true ? 'failed' : 'passed'), 'host_ipc is true'),
  rule('CKV_K8S_19', 'SharedHostNetworkNamespace.py', 'Containers should not share the host network namespace', PODS_AND_DEPLOYMENTS,
    (conf) => (first(podSpecOf(conf)?.host_network) === true ? 'failed' : 'passed'), 'host_network is true'),
  rule('CKV_K8S_20', 'AllowPrivilegeEscalation.py', 'Containers should not allow privilege escalation', PODS_AND_DEPLOYMENTS,
    (conf) => everyContainer(conf, (c) => first(securityContext(c)?.allow_privilege_escalation) !== true), 'a container sets allow_privilege_escalation true'),
  rule('CKV_K8S_21', 'DefaultNamespace.py', 'The default namespace should not be used', NAMESPACED,
    (conf) => {
      const metadata = first(conf.metadata);
      const namespace = first(metadata?.namespace);
      return namespace && namespace !== 'default' ? 'passed' : 'failed';
    }, 'metadata.namespace is unset or "default"'),
  rule('CKV_K8S_22', 'ReadonlyRootFilesystem.py', 'Use read-only filesystems for containers where possible', PODS_AND_DEPLOYMENTS,
    (conf) => everyContainer(conf, (c) => !securityContext(c) || first(securityContext(c).read_only_root_filesystem) === true), 'a container with a security_context does not set read_only_root_filesystem true'),
  rule('CKV_K8S_25', 'AllowedCapabilities.py', 'Minimise the admission of containers with added capability', PODS_AND_DEPLOYMENTS,
    (conf) => everyContainer(conf, (c) => !(first(capabilities(c)?.add) ?? []).length), 'a container adds capabilities'),
  rule('CKV_K8S_26', 'HostPort.py', 'Do not specify hostPort unless absolutely necessary', PODS_AND_DEPLOYMENTS,
    (conf) => ('spec' in conf ? firstContainer(conf, (c) => !(c.port ?? []).some((p: any) => 'host_port' in p), 'failed') : 'failed'), 'the first container sets a host_port'),
  rule('CKV_K8S_27', 'DockerSocketVolume.py', 'Do not expose the docker daemon socket to containers', WITH_DAEMONSETS,
    (conf) => ((podSpecOf(conf)?.volume ?? []).some((v: any) => first(first(v.host_path)?.path) === '/var/run/docker.sock') ? 'failed' : 'passed'), 'a volume mounts /var/run/docker.sock'),
  rule('CKV_K8S_28', 'DropCapabilities.py', 'Minimise the admission of containers with the NET_RAW capability', PODS_AND_DEPLOYMENTS,
    (conf) => {
      if (!('spec' in conf)) return 'failed';
      const containers = containersOf(conf);
      if (!containers || containers.length === 0) return 'failed';
      return everyContainer(conf, (c) => (first(capabilities(c)?.drop) ?? []).some((d: string) => d === 'ALL' || d === 'NET_RAW'));
    }, 'a container drops neither ALL nor NET_RAW'),
  rule('CKV_K8S_29', 'PodSecurityContext.py', 'Apply security context to pods and containers', WITH_DAEMONSETS,
    (conf) => {
      const containers = containersOf(conf);
      if (!containers || containers.length === 0) return 'failed';
      return everyContainer(conf, (c) => Boolean(securityContext(c)));
    }, 'a container has no security_context'),
  rule('CKV_K8S_30', 'ContainerSecurityContext.py', 'Apply security context to containers', PODS_AND_DEPLOYMENTS,
    (conf) => everyContainer(conf, (c) => Boolean(securityContext(c))), 'a container has no security_context'),
  rule('CKV_K8S_35', 'Secrets.py', 'Prefer using secrets as files over secrets as environment variables', PODS_AND_DEPLOYMENTS,
    // The check reads only the first env and the first env_from entry of each container.
    (conf) => everyContainer(conf, (c) => !first(first(first(c.env)?.value_from)?.secret_key_ref) && !first(first(c.env_from)?.secret_ref)),
    'a container takes a secret as an environment variable'),
  rule('CKV_K8S_37', 'MinimiseCapabilities.py', 'Minimise the admission of containers with capabilities assigned', PODS_AND_DEPLOYMENTS,
    (conf) => everyContainer(conf, (c) => {
      const context = securityContext(c);
      if (!context || !first(context.capabilities)) return true;
      return (first(capabilities(c)?.drop) ?? []).some((d: string) => d === 'ALL' || d === 'all');
    }), 'a container with capabilities does not drop ALL'),
  rule('CKV_K8S_39', 'AllowedCapabilitiesSysAdmin.py', 'Do not use the CAP_SYS_ADMIN capability', PODS_AND_DEPLOYMENTS,
    (conf) => everyContainer(conf, (c) => !(first(capabilities(c)?.add) ?? []).includes('SYS_ADMIN')), 'a container adds SYS_ADMIN'),
  rule('CKV_K8S_43', 'ImageDigest.py', 'Image should use digest', PODS_AND_DEPLOYMENTS,
    (conf) => {
      if (!first(conf.spec)) return 'failed';
      if (containersOf(conf) === undefined) return 'unknown';
      return everyContainer(conf, (c) => !first(c.image) || String(first(c.image)).includes('@'));
    }, 'an image is not pinned by digest (@sha256:...)'),
];
