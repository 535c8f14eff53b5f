/**
 * Renders a synthesized `helm_release` with the real pinned chart templates, the way Helm 3
 * does during `helm install` (see render.go beside this file for what is reproduced).
 *
 * The Go program is compiled once per machine into `os.tmpdir()/ccm-helm-render-<hash of
 * render.go>` from Debian's packages (golang-go, golang-github-masterminds-sprig-dev,
 * golang-k8s-sigs-yaml-dev), offline, in GOPATH mode: a small GOPATH in the cache dir maps
 * the `/v3` import paths onto Debian's source dirs. Renders are cached in the process by
 * the hash of their input.
 *
 * Terraform expressions. A value such as `${azurerm_public_ip.x.ip_address}` is only known at
 * apply time; Terraform substitutes it into the string before the Helm provider parses the
 * YAML. We substitute a deterministic placeholder instead (see {@link placeholderFor}):
 * an address from TEST-NET-2 (198.51.100.0/24, RFC 5737) when the expression ends with
 * `address` (`.ip_address`, `.address`, and the cross-stack outputs named after them),
 * otherwise `tfref-<8 hex>`, a DNS-1123 label. Both are plain YAML strings, so they do not
 * change the type of the scalar they sit in. A namespace given as
 * `${kubernetes_namespace_v1.X.metadata[0].name}` is resolved to X's literal name when the
 * app is passed, since that is exactly what Terraform will substitute.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { upstreamDir } from '../../conformance/upstream';
import type { AppView, ResourceRef } from '../app-view';

const SOURCE = join(__dirname, 'render.go');
const GOCODE = '/usr/share/gocode/src';

/** Kubernetes version reported in `.Capabilities.KubeVersion` (AKS and GKE both offer 1.31). */
export const KUBE_VERSION = 'v1.31.4';

/**
 * API versions the API server of a 1.31 cluster serves without any CRD, as `group/version`
 * and `group/version/Kind` for the kinds the pinned charts ask about.
 */
export const BUILTIN_API_VERSIONS: readonly string[] = (() => {
  const kinds: Record<string, string[]> = {
    v1: ['ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Namespace', 'Pod', 'Endpoints', 'PersistentVolumeClaim'],
    'apps/v1': ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet'],
    'batch/v1': ['Job', 'CronJob'],
    'policy/v1': ['PodDisruptionBudget'],
    'autoscaling/v1': ['HorizontalPodAutoscaler'],
    'autoscaling/v2': ['HorizontalPodAutoscaler'],
    'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
    'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
    'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
    'rbac.authorization.k8s.io/v1': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
    'storage.k8s.io/v1': ['StorageClass', 'CSIDriver'],
    'coordination.k8s.io/v1': ['Lease'],
    'discovery.k8s.io/v1': ['EndpointSlice'],
    'certificates.k8s.io/v1': ['CertificateSigningRequest'],
    'scheduling.k8s.io/v1': ['PriorityClass'],
    'node.k8s.io/v1': ['RuntimeClass'],
    'events.k8s.io/v1': ['Event'],
    'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
    'apiregistration.k8s.io/v1': ['APIService'],
    'authentication.k8s.io/v1': ['TokenReview'],
    'authorization.k8s.io/v1': ['SubjectAccessReview'],
  };
  return Object.entries(kinds).flatMap(([version, list]) => [version, ...list.map((kind) => `${version}/${kind}`)]);
})();

/** cert-manager's CRDs are templates of its chart, so their groups are listed here. */
const CERT_MANAGER_API_VERSIONS = [
  'cert-manager.io/v1', 'cert-manager.io/v1/Certificate', 'cert-manager.io/v1/Issuer', 'cert-manager.io/v1/ClusterIssuer',
  'cert-manager.io/v1/CertificateRequest', 'acme.cert-manager.io/v1', 'acme.cert-manager.io/v1/Order', 'acme.cert-manager.io/v1/Challenge',
];

/** Where each pinned chart is read from, relative to the upstream directory. */
interface ChartSource {
  readonly version: string;
  readonly dir: string;
  readonly crdDirs: readonly string[];
  /** Version and appVersion stamped by the release pipeline over Chart.yaml's placeholder. */
  readonly stamp?: { readonly version: string; readonly appVersion: string };
  readonly parent?: { readonly valuesFile: string; readonly key: string; readonly name: string };
  readonly apiVersions?: readonly string[];
}

const CHARTS: Record<string, ChartSource> = {
  kuma: { version: '2.14.3', dir: 'kuma/chart', crdDirs: ['kuma/crds'], stamp: { version: '2.14.3', appVersion: '2.14.3' } },
  // The Kong Mesh chart is not public: it is the Kuma chart as a dependency, its values under `kuma:`.
  'kong-mesh': {
    version: '2.14.3', dir: 'kuma/chart', crdDirs: ['kuma/crds', 'kong-mesh/crds'], stamp: { version: '2.14.3', appVersion: '2.14.3' },
    parent: { valuesFile: 'kong-mesh/chart/values.yaml', key: 'kuma', name: 'kong-mesh' },
  },
  // Chart.yaml lists postgresql (condition postgresql.enabled); the renderer fails if it is enabled.
  kong: { version: '3.4.1', dir: 'kong/kong', crdDirs: ['kong/kong/crds'] },
  'cert-manager': {
    version: 'v1.21.1', dir: 'cert-manager/chart', crdDirs: [], stamp: { version: 'v1.21.1', appVersion: 'v1.21.1' },
    apiVersions: CERT_MANAGER_API_VERSIONS,
  },
};

/** One object of a rendered release. */
export interface RenderedObject {
  /** `kuma/templates/cp-deployment.yaml`, or `kuma/crds/<file>` for a CRD Helm installs first. */
  readonly template: string;
  readonly crd: boolean;
  /** The `helm.sh/hook` annotation, if the object is a hook (`pre-install`, `test`, ...). */
  readonly hook?: string;
  readonly object: any;
}

export interface RenderResult {
  readonly objects: readonly RenderedObject[];
  /** The values the templates saw (user values coalesced with the chart's defaults). */
  readonly values: any;
  /** What Helm prints while coalescing: a user value of another shape than the chart default. */
  readonly warnings: readonly string[];
}

/** The inputs of one render, as the Go program takes them. */
export interface RenderRequest {
  readonly chartDir: string;
  readonly chartVersion?: string;
  readonly appVersion?: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly values: readonly string[];
  readonly set?: readonly { name: string; value: string; type?: string }[];
  readonly setList?: readonly { name: string; value: string[] }[];
  readonly setSensitive?: readonly { name: string; value: string; type?: string }[];
  readonly parent?: { readonly valuesFile: string; readonly key: string; readonly name: string };
  readonly kubeVersion?: string;
  readonly apiVersions: readonly string[];
  readonly crdDirs: readonly string[];
  /** A values.schema.json Helm validates the coalesced values against. */
  readonly schemaFile?: string;
}

export class HelmRenderError extends Error {}

// ---- toolchain ----

let binaryPath: string | undefined;
let unavailable: string | undefined;

/** Why the renderer cannot run here, or undefined when it can. */
export function rendererUnavailable(): string | undefined {
  if (binaryPath) return undefined;
  if (unavailable) return unavailable;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    unavailable = 'Go is not installed: apt-get install golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev';
  } else if (!existsSync(join(GOCODE, 'github.com/Masterminds/sprig')) || !existsSync(join(GOCODE, 'sigs.k8s.io/yaml'))) {
    unavailable = `Go libraries missing under ${GOCODE}: apt-get install golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev`;
  } else if (!existsSync(join(upstreamDir(), 'kuma', 'chart', 'Chart.yaml'))) {
    unavailable = `pinned chart templates not found in ${upstreamDir()}: set UPSTREAM_SCHEMAS_DIR`;
  }
  return unavailable;
}

/**
 * For `test(..., { skip })`: false when the renderer can run, or in CI (where the test then
 * fails with the reason), else the reason to skip.
 */
export function renderSkip(): string | false {
  const reason = rendererUnavailable();
  if (!reason || process.env.CI) return false;
  return `helm renderer unavailable: ${reason}`;
}

function binary(): string {
  if (binaryPath) return binaryPath;
  const reason = rendererUnavailable();
  if (reason) throw new HelmRenderError(`cannot render Helm charts: ${reason}`);
  const source = readFileSync(SOURCE);
  const goVersion = execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
  const hash = createHash('sha256').update(source).update(goVersion).digest('hex').slice(0, 16);
  const cache = join(tmpdir(), `ccm-helm-render-${hash}`);
  const target = join(cache, 'render');
  if (!existsSync(target)) {
    // GOPATH mode resolves `github.com/Masterminds/sprig/v3` only if such a directory exists.
    const gopath = join(cache, 'gopath');
    for (const [link, dir] of [['github.com/Masterminds/sprig/v3', 'github.com/Masterminds/sprig'], ['github.com/Masterminds/semver/v3', 'github.com/Masterminds/semver']]) {
      const at = join(gopath, 'src', link);
      mkdirSync(join(at, '..'), { recursive: true });
      if (!existsSync(at)) {
        try { symlinkSync(join(GOCODE, dir), at); } catch (error: any) { if (error.code !== 'EEXIST') throw error; }
      }
    }
    const partial = `${target}.${process.pid}.tmp`;
    const build = spawnSync('go', ['build', '-o', partial, SOURCE], {
      encoding: 'utf8',
      env: { ...process.env, GO111MODULE: 'off', GOPATH: `${gopath}:/usr/share/gocode`, GOCACHE: join(cache, 'gocache'), GOFLAGS: '', GOPROXY: 'off' },
    });
    if (build.status !== 0) throw new HelmRenderError(`compiling ${SOURCE} failed:\n${build.stderr}${build.error ?? ''}`);
    renameSync(partial, target); // atomic: a concurrent test process sees either nothing or the binary
  }
  binaryPath = target;
  return target;
}

// ---- rendering ----

const cache = new Map<string, RenderResult>();
const schemaValidators = new Map<string, (values: unknown) => string | undefined>();

/** Renders one request (cached by its content in this process). Throws HelmRenderError. */
export function renderChart(request: RenderRequest): RenderResult {
  const input = JSON.stringify(request);
  const key = createHash('sha256').update(input).digest('hex');
  const cached = cache.get(key);
  if (cached) return cached;
  const output = execFileSync(binary(), [], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const parsed = JSON.parse(output);
  if (parsed.error) throw new HelmRenderError(parsed.error);
  if (request.schemaFile) {
    const problem = schemaValidator(request.schemaFile)(parsed.values);
    if (problem) throw new HelmRenderError(`values don't meet the specifications of the schema in ${request.schemaFile}: ${problem}`);
  }
  const result: RenderResult = {
    values: parsed.values,
    warnings: parsed.warnings ?? [],
    objects: (parsed.objects ?? []).map((item: any) => ({
      template: item.template,
      crd: item.crd === true,
      hook: item.object?.metadata?.annotations?.['helm.sh/hook'],
      object: item.object,
    })),
  };
  cache.set(key, result);
  return result;
}

function schemaValidator(file: string): (values: unknown) => string | undefined {
  let validator = schemaValidators.get(file);
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    validator = (values) => (validate(values) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'values' }));
    schemaValidators.set(file, validator);
  }
  return validator;
}

/**
 * A deterministic stand-in for a Terraform expression (its text inside `${}`): an IPv4
 * address in TEST-NET-2 for `...address` attributes, else a DNS-1123 label `tfref-<hex>`.
 */
export function placeholderFor(expression: string): string {
  const digest = createHash('sha256').update(expression).digest();
  const attribute = expression.trim().replace(/\[[^\]]*\]$/, '');
  if (/address$/i.test(attribute)) return `198.51.100.${1 + (digest[0] % 254)}`;
  return `tfref-${digest.toString('hex').slice(0, 8)}`;
}

/** Replaces every `${...}` (braces balanced) in a string by its placeholder. */
export function substituteExpressions(text: string, resolve?: (expression: string) => string | undefined): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('${', index);
    if (start < 0) break;
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    if (end >= text.length) break;
    const expression = text.slice(start + 2, end);
    out += text.slice(index, start) + (resolve?.(expression) ?? placeholderFor(expression));
    index = end + 1;
  }
  return out + text.slice(index);
}

/**
 * Resolves `kubernetes_namespace_v1.X.metadata[0].name` (or `kubernetes_namespace`) to the
 * namespace's literal name in the same stack.
 */
export function namespaceResolver(app: AppView | undefined, stack: string): (expression: string) => string | undefined {
  return (expression) => {
    const match = /^(kubernetes_namespace(?:_v1)?\.[A-Za-z0-9_-]+)\.metadata\[0\]\.name$/.exec(expression.trim());
    if (!match || !app) return undefined;
    const metadata = app.find(stack, match[1])?.config?.metadata;
    const name = Array.isArray(metadata) ? metadata[0]?.name : metadata?.name;
    return typeof name === 'string' && !name.includes('${') ? name : undefined;
  };
}

export interface ReleaseOptions {
  /** API versions beyond the built-in ones and the chart's own CRDs (e.g. another chart's CRDs on that cluster). */
  readonly extraApiVersions?: readonly string[];
}

/** Turns a helm_release's Terraform JSON into a render request for the pinned chart. */
export function releaseRequest(release: ResourceRef, app?: AppView, options: ReleaseOptions = {}): RenderRequest {
  const config = release.config ?? {};
  const chart = CHARTS[config.chart];
  if (!chart) {
    throw new HelmRenderError(`${release.address}: chart "${config.chart}" has no pinned templates to render (known: ${Object.keys(CHARTS).join(', ')})`);
  }
  if (config.version !== chart.version) {
    throw new HelmRenderError(`${release.address}: chart ${config.chart} version "${config.version}" is not the pinned ${chart.version} whose templates the tests have`);
  }
  const resolve = namespaceResolver(app, release.stack);
  const sub = (text: unknown): string => substituteExpressions(String(text ?? ''), resolve);
  const base = upstreamDir();
  const sets = (list: any) => (Array.isArray(list) ? list : list ? [list] : []).map((entry: any) => ({
    name: sub(entry.name), value: sub(entry.value), type: entry.type,
  }));
  return {
    chartDir: join(base, chart.dir),
    chartVersion: chart.stamp?.version,
    appVersion: chart.stamp?.appVersion,
    releaseName: sub(config.name),
    namespace: sub(config.namespace ?? 'default'),
    values: (config.values ?? []).map(sub),
    set: sets(config.set),
    setSensitive: sets(config.set_sensitive),
    setList: (Array.isArray(config.set_list) ? config.set_list : config.set_list ? [config.set_list] : [])
      .map((entry: any) => ({ name: sub(entry.name), value: (entry.value ?? []).map(sub) })),
    parent: chart.parent && { ...chart.parent, valuesFile: join(base, chart.parent.valuesFile) },
    kubeVersion: KUBE_VERSION,
    apiVersions: [...BUILTIN_API_VERSIONS, ...(chart.apiVersions ?? []), ...(options.extraApiVersions ?? [])],
    crdDirs: chart.crdDirs.map((dir) => join(base, dir)),
    schemaFile: existsSync(join(base, chart.dir, 'values.schema.json')) ? join(base, chart.dir, 'values.schema.json') : undefined,
  };
}

/** Renders a helm_release of a synthesized app with the pinned chart. Throws HelmRenderError naming the release. */
export function renderRelease(release: ResourceRef, app?: AppView, options: ReleaseOptions = {}): RenderResult {
  const request = releaseRequest(release, app, options);
  try {
    return renderChart(request);
  } catch (error) {
    if (error instanceof HelmRenderError && !error.message.startsWith('cannot render')) {
      throw new HelmRenderError(`${release.address} (chart ${release.config.chart} ${release.config.version}): ${error.message}`);
    }
    throw error;
  }
}
