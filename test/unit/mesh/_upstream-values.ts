/**
 * Reads the upstream Kuma / Kong Mesh chart values (../shared/upstream, or
 * $UPSTREAM_SCHEMAS_DIR) and lists the key paths of a values tree that the chart does
 * not know. A key below a default that is a scalar, null, a list or an empty map is
 * accepted: the chart takes whatever it is given there (`podAnnotations`, `envVars`,
 * `secrets`, `loadBalancerSourceRanges`, ...).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

export const UPSTREAM_DIR = process.env.UPSTREAM_SCHEMAS_DIR ?? join(__dirname, '..', '..', '..', '..', 'shared', 'upstream');

export function upstreamAvailable(): boolean {
  return existsSync(join(UPSTREAM_DIR, 'kuma', 'chart', 'values.yaml'));
}

export function chartValues(chart: 'kuma' | 'kong-mesh'): any {
  return YAML.parse(readFileSync(join(UPSTREAM_DIR, chart, 'chart', 'values.yaml'), 'utf8'));
}

/** Key paths of `values` unknown to `reference`. */
export function unknownPaths(values: any, reference: any, prefix = ''): string[] {
  if (!isMap(values)) return [];
  if (!isMap(reference) || Object.keys(reference).length === 0) return [];
  return Object.entries(values).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!(key in reference)) return [path];
    return unknownPaths(value, reference[key], path);
  });
}

/** Kong Mesh: its own values, with the Kuma chart's under `kuma:` (the dependency). */
export function kongMeshReference(): any {
  const kongMesh = chartValues('kong-mesh');
  return { ...kongMesh, kuma: mergeDeep(chartValues('kuma'), kongMesh.kuma ?? {}) };
}

function mergeDeep(a: any, b: any): any {
  if (!isMap(a) || !isMap(b)) return b ?? a;
  const out: any = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = key in a ? mergeDeep(a[key], value) : value;
  return out;
}

function isMap(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
