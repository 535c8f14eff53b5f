/**
 * Test doubles and upstream-conformance helpers for the gateway, tls and dns tests:
 * reserved addresses, a global control plane that records resources, and validators
 * reading the upstream CRDs and chart values in place (never copied into the repo).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { Construct } from 'constructs';
import { Cloud } from '../../../lib/core/cloud';
import { IGlobalControlPlane } from '../../../lib/mesh/control-plane';
import { KumaResource } from '../../../lib/mesh/kuma-resource';
import { IReservedAddress } from '../../../lib/network/reserved-address';

import { fakeGlobalControlPlane } from '../../helpers/fakes';

export { fakeConnection } from '../../helpers/fakes';

/** A reserved address with a literal IP. */
export function fakeAddress(cloud: Cloud, address = '203.0.113.10'): IReservedAddress {
  return {
    cloud,
    address,
    serviceAnnotations: cloud === Cloud.AZURE ? { 'service.beta.kubernetes.io/azure-load-balancer-resource-group': 'acme-rg' } : {},
  };
}

/** A global control plane whose sink records what it is given. */
export function fakeGlobal(): IGlobalControlPlane & { readonly applied: KumaResource[] } {
  const applied: KumaResource[] = [];
  return {
    ...fakeGlobalControlPlane(),
    applied,
    resources: {
      apply(_scope: Construct, _id: string, resource: KumaResource) {
        applied.push(resource);
      },
    },
  };
}

/** Where the upstream data files are: `$UPSTREAM_SCHEMAS_DIR`, else ../shared/upstream. */
export const UPSTREAM = process.env.UPSTREAM_SCHEMAS_DIR ?? join(__dirname, '..', '..', '..', '..', 'shared', 'upstream');
export const HAVE_UPSTREAM = existsSync(UPSTREAM);

const ajv = new Ajv({ strict: false, allErrors: true });
const crdSchemas = new Map<string, any>();

function loadCrds(file: string): void {
  for (const document of parseAllDocuments(readFileSync(join(UPSTREAM, file), 'utf8'))) {
    const crd = document.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const version of crd.spec.versions) {
      crdSchemas.set(`${crd.spec.group}/${version.name}:${crd.spec.names.kind}`, version.schema.openAPIV3Schema);
    }
  }
}

/** Validation errors of a custom resource against its upstream CRD (empty when valid). */
export function crdErrors(manifest: any): string[] {
  if (crdSchemas.size === 0) {
    loadCrds('kong/kong/crds/custom-resource-definitions.yaml');
    for (const name of ['certificates', 'clusterissuers']) loadCrds(`cert-manager/crds/cert-manager.io_${name}.yaml`);
  }
  const schema = crdSchemas.get(`${manifest.apiVersion}:${manifest.kind}`);
  if (!schema) return [`no upstream CRD for ${manifest.apiVersion} ${manifest.kind}`];
  const validate = ajv.compile(schema);
  return validate(manifest) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** cert-manager values errors against the chart's values.schema.json. */
export function certManagerValuesErrors(values: unknown): string[] {
  const schema = JSON.parse(readFileSync(join(UPSTREAM, 'cert-manager/chart/values.schema.json'), 'utf8'));
  delete schema.$schema;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  return validate(values) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/**
 * Key paths of `values` unknown to a chart's values.yaml. A key is known when it is in
 * the YAML or commented out at the right indentation (`# loadBalancerIP:`); below a map
 * whose default is empty or a scalar, anything goes.
 */
export function unknownValuePaths(values: Record<string, unknown>, valuesFile: string, freeForm: string[] = []): string[] {
  const text = readFileSync(join(UPSTREAM, valuesFile), 'utf8');
  const defaults = parse(text) as Record<string, unknown>;
  const lines = text.split('\n');
  const unknown: string[] = [];
  const commented = (key: string, parentPath: string[]): boolean => {
    // Find the parent's block and look for `# key:` one level deeper.
    let start = 0;
    let indent = 0;
    for (const segment of parentPath) {
      const found = lines.findIndex((line, index) => index >= start && new RegExp(`^${' '.repeat(indent)}${segment}:`).test(line));
      if (found < 0) return false;
      start = found + 1;
      indent += 2;
    }
    for (let index = start; index < lines.length; index++) {
      const line = lines[index];
      if (line.trim() !== '' && !line.trim().startsWith('#') && line.search(/\S/) < indent) break;
      if (new RegExp(`^${' '.repeat(indent)}#\\s*${key}:`).test(line)) return true;
    }
    return false;
  };
  const walk = (given: unknown, known: unknown, path: string[]): void => {
    if (!isObject(given)) return;
    if (freeForm.includes(path.join('.'))) return;
    if (path.length > 0 && (!isObject(known) || Object.keys(known).length === 0)) return;
    for (const [key, value] of Object.entries(given)) {
      const knownChild = isObject(known) ? known[key] : undefined;
      if (isObject(known) && key in known) walk(value, knownChild, [...path, key]);
      else if (!commented(key, path)) unknown.push([...path, key].join('.'));
    }
  };
  walk(values, defaults, []);
  return unknown;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
