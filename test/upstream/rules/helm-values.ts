/**
 * How Helm reads the values we hand it.
 */
import YAML from 'yaml';
import type { UpstreamRule, Violation } from '../types';

export const HELM_VALUES_RULES: readonly UpstreamRule[] = [
  {
    id: 'HELM_VALUES_YAML_1_1',
    title: 'every values document reads the same under YAML 1.1 (Helm) as under YAML 1.2',
    sources: [
      // The provider hands `values` to Helm's chartutil, which parses them with sigs.k8s.io/yaml ...
      'hashicorp/terraform-provider-helm@v3.1.1:helm/resource_helm_release.go#getValues',
      // ... whose go-yaml v2 resolver reads plain y/Y/yes/on/off/n/no as booleans (YAML 1.1).
      'kubernetes-sigs/yaml@v1.4.0:goyaml.v2/resolve.go#resolve',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const release of app.resources('helm_release')) {
        for (const [index, document] of (release.config.values ?? []).entries()) {
          if (typeof document !== 'string') continue;
          const asHelmReadsIt = YAML.parse(document, { version: '1.1' });
          const asWeMeantIt = YAML.parse(document, { version: '1.2' });
          for (const path of differingPaths(asWeMeantIt, asHelmReadsIt)) {
            violations.push({
              address: release.address,
              message: `values[${index}] ${path} is ${JSON.stringify(valueAt(asWeMeantIt, path))} in YAML 1.2 but ${JSON.stringify(valueAt(asHelmReadsIt, path))} to Helm (YAML 1.1); quote it`,
            });
          }
        }
      }
      return violations;
    },
  },
];

function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].flatMap((key) => differingPaths((a as any)[key], (b as any)[key], path ? `${path}.${key}` : key));
  }
  return Object.is(a, b) ? [] : [path || '(document)'];
}

function valueAt(value: any, path: string): unknown {
  return path.split('.').reduce((current, key) => current?.[key], value);
}
