/**
 * Runs every conformance check over synthesized stacks:
 * - `helm_release`: values key paths against the chart's values.yaml (cert-manager also against
 *   values.schema.json) and the Kuma chart's template guard rails;
 * - `kubernetes_manifest` of a known API group: the CRD's served `openAPIV3Schema` (and Mesh.json);
 * - ConfigMaps written by KumactlResourceSink: each Universal document is turned back into its
 *   Kubernetes form and validated the same way, so both delivery paths get the same checks.
 */
import { parse } from 'yaml';
import { KUMA_RESOURCES_COMPONENT, KUMA_RESOURCES_COMPONENT_LABEL } from '../../lib/mesh/kumactl-resource-sink';
import { StackJson, helmValues, resourcesOfType } from '../helpers/synth';
import { Finding, validateCustomResource } from './crd-validator';
import { checkGuardRails } from './guard-rails';
import { validateChartValues } from './values-validator';

export { Finding } from './crd-validator';

/** Splits a Helm `--set` name on unescaped dots. */
function setPath(name: string): string[] {
  return name.split(/(?<!\\)\./).map((part) => part.replace(/\\\./g, '.'));
}

/** The values of a release: its `values` documents, then `set` / `set_sensitive` entries. */
export function releaseValues(release: any): Record<string, any> {
  const values = helmValues(release);
  for (const entry of [...(release.set ?? []), ...(release.set_sensitive ?? [])]) {
    if (typeof entry?.name !== 'string') continue;
    const parts = setPath(entry.name);
    let node: any = values;
    parts.slice(0, -1).forEach((part) => {
      if (node[part] === null || typeof node[part] !== 'object') node[part] = {};
      node = node[part];
    });
    node[parts[parts.length - 1]] = entry.value;
  }
  return values;
}

/** The Kubernetes form of a Universal-format Kuma resource (inverse of `toUniversal`). */
export function fromUniversal(document: any): any {
  const { type, name, mesh, labels, spec, ...rest } = document ?? {};
  if (type === 'Mesh') {
    return { apiVersion: 'kuma.io/v1alpha1', kind: 'Mesh', metadata: { name, ...(labels ? { labels } : {}) }, spec: rest };
  }
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: type,
    metadata: { name, namespace: 'kuma-system', labels: { ...(labels ?? {}), ...(mesh ? { 'kuma.io/mesh': mesh } : {}) } },
    ...(spec !== undefined ? { spec } : {}),
    ...rest,
  };
}

/** Every finding over a set of synthesized stacks (keyed by stack name). */
export function checkConformance(stacks: Record<string, StackJson>): Finding[] {
  const findings: Finding[] = [];
  for (const [stackName, stack] of Object.entries(stacks)) {
    for (const [name, release] of resourcesOfType(stack, 'helm_release')) {
      const chart = String(release.chart ?? '').split('/').pop()!;
      const values = releaseValues(release);
      const location = `${stackName}/helm_release.${name}`;
      findings.push(...validateChartValues(chart, values, location));
      findings.push(...checkGuardRails(chart, values, location));
    }
    for (const [name, resource] of resourcesOfType(stack, 'kubernetes_manifest')) {
      findings.push(...validateCustomResource(resource.manifest, `${stackName}/kubernetes_manifest.${name}`));
    }
    for (const [name, configMap] of resourcesOfType(stack, 'kubernetes_config_map_v1')) {
      if (configMap.metadata?.labels?.[KUMA_RESOURCES_COMPONENT_LABEL] !== KUMA_RESOURCES_COMPONENT) continue;
      for (const [key, text] of Object.entries<string>(configMap.data ?? {})) {
        const location = `${stackName}/kubernetes_config_map_v1.${name}/data/${key}`;
        const document = parse(text);
        if (typeof document?.type !== 'string' || typeof document?.name !== 'string') {
          findings.push({ location, message: 'Universal resource without "type" and "name"' });
          continue;
        }
        findings.push(...validateCustomResource(fromUniversal(document), location));
      }
    }
  }
  return findings;
}

/** Human-readable report of findings, one per line. */
export function formatFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'conformance: no findings';
  return [`conformance: ${findings.length} finding(s)`, ...findings.map((finding) => `  ${finding.location}: ${finding.message}`)].join('\n');
}
