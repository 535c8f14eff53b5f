/**
 * Checks Helm values against the chart's own values.yaml: every key path we set must exist
 * there (a misspelled key is silently ignored by Helm templates). Keys documented as comments
 * (`# key:` at the key's indentation) count as existing. Below a key whose default is a scalar,
 * null, a list or an empty map, or a key in {@link FREE_FORM_KEYS}, anything goes.
 * cert-manager values are also validated against its values.schema.json.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { Finding } from './crd-validator';
import { readUpstream } from './upstream';

/** Maps whose keys are user data (annotations, labels, resources, ...) in every chart. */
export const FREE_FORM_KEYS: readonly string[] = [
  'podAnnotations', 'podLabels', 'annotations', 'labels', 'nodeSelector', 'envVars', 'extraEnvVars',
  'serviceAnnotations', 'resources', 'affinity', 'tolerations', 'securityContext', 'podSecurityContext',
  'containerSecurityContext', 'extraLabels', 'extraAnnotations', 'deploymentAnnotations', 'env', 'customEnv',
  'topologySpreadConstraints', 'extraArgs', 'config', 'secretEnv', 'secrets', 'livenessProbe', 'readinessProbe',
  'startupProbe', 'strategy', 'updateStrategy', 'podDisruptionBudget', 'loadBalancerSourceRanges',
];

/** The key paths a chart's values.yaml knows, and which of them take free-form content. */
export interface ValuesShape {
  readonly known: Set<string>;
  readonly free: Set<string>;
}

/** Reads a values.yaml: real keys from the YAML, documented keys from `# key:` comments. */
export function valuesShape(text: string, prefix = ''): ValuesShape {
  const known = new Set<string>();
  const free = new Set<string>();
  const walk = (node: any, path: string): void => {
    for (const [key, value] of Object.entries(node ?? {})) {
      const full = `${path}${key}`;
      known.add(full);
      const isMap = value !== null && typeof value === 'object' && !Array.isArray(value);
      if (!isMap || Object.keys(value as object).length === 0) free.add(full);
      else walk(value, `${full}.`);
    }
  };
  walk(parse(text), prefix);

  // Commented keys: `  # key:` documents an optional key at that indentation.
  const stack: Array<{ indent: number; path: string }> = [];
  for (const line of text.split('\n')) {
    const match = /^(\s*)(#\s?)?(\s*)([A-Za-z0-9_][A-Za-z0-9_.\-/]*):(\s|$)/.exec(line);
    if (!match) continue;
    const commented = match[2] !== undefined;
    const indent = match[1].length + (commented ? match[3].length : 0);
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
    const parent = stack.length > 0 ? `${stack[stack.length - 1].path}.` : prefix;
    const path = `${parent}${match[4]}`;
    stack.push({ indent, path });
    if (commented && !known.has(path)) {
      known.add(path);
      // An example's shape is not a contract: accept anything below a commented key.
      free.add(path);
    }
  }
  return { known, free };
}

function merge(...shapes: ValuesShape[]): ValuesShape {
  return {
    known: new Set(shapes.flatMap((shape) => [...shape.known])),
    free: new Set(shapes.flatMap((shape) => [...shape.free])),
  };
}

function extraKeys(paths: string[], free: string[]): ValuesShape {
  const known = new Set<string>();
  for (const path of paths) {
    const parts = path.split('.');
    parts.forEach((_part, index) => known.add(parts.slice(0, index + 1).join('.')));
  }
  return { known, free: new Set(free) };
}

const shapes = new Map<string, ValuesShape>();

/** Charts the suite knows, by the `chart` attribute of a helm_release. */
export const KNOWN_CHARTS = ['kuma', 'kong-mesh', 'kong', 'ingress', 'cert-manager'];

/** The values shape of a chart as deployed (Kong Mesh nests Kuma under `kuma:`; ingress nests kong 3.2.0 twice). */
export function chartShape(chart: string): ValuesShape | undefined {
  const cached = shapes.get(chart);
  if (cached) return cached;
  let shape: ValuesShape | undefined;
  switch (chart) {
    case 'kuma':
      shape = valuesShape(readUpstream('kuma/chart/values.yaml'));
      break;
    case 'kong-mesh':
      // Kong Mesh adds keys Kuma 2.14.3 does not have (upstream SOURCES.md).
      shape = merge(
        valuesShape(readUpstream('kong-mesh/chart/values.yaml')),
        valuesShape(readUpstream('kuma/chart/values.yaml'), 'kuma.'),
        extraKeys(
          ['kuma.controlPlane.konnect.cpId', 'kuma.controlPlane.defaults.adminRoleGroups', 'kuma.plugins.policies.meshglobalratelimits', 'kuma.plugins.policies.meshopas', 'ratelimit', 'global.ratelimit'],
          ['kuma.controlPlane.konnect.cpId', 'kuma.controlPlane.defaults.adminRoleGroups', 'kuma.plugins.policies.meshglobalratelimits', 'kuma.plugins.policies.meshopas'],
        ),
      );
      break;
    case 'kong':
      shape = valuesShape(readUpstream('kong/kong/values.yaml'));
      break;
    case 'ingress': {
      const kong320 = readUpstream('kong/ingress/subchart-kong-3.2.0/values.yaml');
      shape = merge(valuesShape(readUpstream('kong/ingress/values.yaml')), valuesShape(kong320, 'controller.'), valuesShape(kong320, 'gateway.'));
      break;
    }
    case 'cert-manager':
      shape = valuesShape(readUpstream('cert-manager/chart/values.yaml'));
      break;
    default:
      return undefined;
  }
  shapes.set(chart, shape);
  return shape;
}

/** Key paths of `values` that the chart does not know. */
export function validateValuesAgainst(shape: ValuesShape, values: any, location: string, chart: string): Finding[] {
  const findings: Finding[] = [];
  const walk = (node: any, path: string): void => {
    for (const [key, value] of Object.entries(node ?? {})) {
      const full = `${path}${key}`;
      if (!shape.known.has(full)) {
        findings.push({ location: `${location}:${full}`, message: `values key "${full}" does not exist in the ${chart} chart's values.yaml` });
        continue;
      }
      if (shape.free.has(full) || FREE_FORM_KEYS.includes(key)) continue;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(value, `${full}.`);
    }
  };
  walk(values, '');
  return findings;
}

let certManagerSchema: ValidateFunction | undefined;

/** Validates the merged values of a release of `chart`. Unknown charts are not checked. */
export function validateChartValues(chart: string, values: any, location: string): Finding[] {
  const shape = chartShape(chart);
  if (!shape) return [];
  const findings = validateValuesAgainst(shape, values, location, chart);
  if (chart === 'cert-manager') {
    if (!certManagerSchema) {
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
      certManagerSchema = ajv.compile(JSON.parse(readUpstream('cert-manager/chart/values.schema.json')));
    }
    if (!certManagerSchema(values)) {
      for (const error of certManagerSchema.errors ?? []) {
        findings.push({ location: `${location}:${error.instancePath || '/'}`, message: `${error.message} (cert-manager/chart/values.schema.json)` });
      }
    }
  }
  return findings;
}
