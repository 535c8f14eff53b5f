/**
 * Validates custom resources against the `openAPIV3Schema` of the served version of their CRD
 * (Kuma, Kong Mesh, cert-manager, Kong Ingress Controller), and `Mesh.spec` against
 * kuma/schemas/protos/Mesh.json (the Mesh CRD preserves unknown fields, so it checks nothing).
 *
 * Kubernetes prunes unknown fields silently; here an unknown field is an error (objects
 * with `properties` and neither `additionalProperties` nor `x-kubernetes-preserve-unknown-fields`
 * get `additionalProperties: false`), because a silently dropped field is a bug in our output.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { readUpstream, upstreamDir } from './upstream';

/** One problem found by the conformance suite. */
export interface Finding {
  /** Where: stack, resource address, and the path inside it. */
  readonly location: string;
  /** What is wrong, with the upstream file that says so. */
  readonly message: string;
}

/** CRD files per source, relative to the upstream directory. */
function crdFiles(): string[] {
  const dir = upstreamDir();
  const list = (sub: string): string[] =>
    readdirSync(join(dir, sub)).filter((file) => file.endsWith('.yaml')).map((file) => `${sub}/${file}`);
  return [...list('kuma/crds'), ...list('kong-mesh/crds'), ...list('cert-manager/crds'), 'kong/kong/crds/custom-resource-definitions.yaml'];
}

/** Rewrites Kubernetes extensions into plain JSON Schema. */
export function toJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: any = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') continue;
    out[key] = key === 'properties' || key === 'patternProperties' || key === 'definitions' || key === '$defs'
      ? Object.fromEntries(Object.entries(value as object).map(([name, schema]) => [name, toJsonSchema(schema)]))
      : toJsonSchema(value);
  }
  if (out['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  for (const key of Object.keys(out)) if (key.startsWith('x-kubernetes-')) delete out[key];
  return out;
}

interface KindSchema {
  readonly file: string;
  readonly validate: ValidateFunction;
}

let cache: { kinds: Map<string, KindSchema>; mesh: ValidateFunction } | undefined;

function load(): { kinds: Map<string, KindSchema>; mesh: ValidateFunction } {
  if (cache) return cache;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const kinds = new Map<string, KindSchema>();
  for (const file of crdFiles()) {
    for (const document of parseAllDocuments(readUpstream(file))) {
      const crd = document.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions ?? []) {
        if (!version.served || !version.schema?.openAPIV3Schema) continue;
        const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
        kinds.set(key, { file, validate: ajv.compile(toJsonSchema(version.schema.openAPIV3Schema)) });
      }
    }
  }
  const draft04 = new AjvDraft04({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const mesh = draft04.compile(JSON.parse(readUpstream('kuma/schemas/protos/Mesh.json')));
  cache = { kinds, mesh };
  return cache;
}

/** API groups whose kinds this suite knows; manifests of other groups are not checked. */
export function knownGroup(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group === 'kuma.io' || group === 'cert-manager.io' || group === 'acme.cert-manager.io' || group.endsWith('konghq.com');
}

/** A value Terraform fills in at apply time; its type cannot be checked at synth time. */
function isToken(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

function valueAt(root: any, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce((node: any, part) => (node == null ? undefined : node[part.replace(/~1/g, '/').replace(/~0/g, '~')]), root);
}

function describe(errors: ErrorObject[] | null | undefined, root: any, file: string, location: string): Finding[] {
  return (errors ?? [])
    .filter((error) => !isToken(valueAt(root, error.instancePath)))
    .map((error) => {
      const detail = error.keyword === 'enum'
        ? `must be one of ${JSON.stringify(error.params.allowedValues)}, got ${JSON.stringify(valueAt(root, error.instancePath))}`
        : error.keyword === 'additionalProperties'
          ? `unknown field "${error.params.additionalProperty}"`
          : error.message ?? error.keyword;
      return { location: `${location}${error.instancePath || '/'}`, message: `${detail} (${file})` };
    });
}

/** Validates one custom resource (Kubernetes form). An unknown kind of a known group is a finding. */
export function validateCustomResource(manifest: any, location: string): Finding[] {
  const { kinds, mesh } = load();
  const apiVersion = String(manifest?.apiVersion ?? '');
  if (!knownGroup(apiVersion)) return [];
  const entry = kinds.get(`${apiVersion}/${manifest.kind}`);
  if (!entry) return [{ location, message: `no served CRD version for ${apiVersion} ${manifest.kind} in the upstream CRDs` }];
  const findings = entry.validate(manifest) ? [] : describe(entry.validate.errors, manifest, entry.file, location);
  if (apiVersion === 'kuma.io/v1alpha1' && manifest.kind === 'Mesh') {
    const spec = manifest.spec ?? {};
    if (!mesh(spec)) findings.push(...describe(mesh.errors, spec, 'kuma/schemas/protos/Mesh.json', `${location}/spec`));
    findings.push(...builtinCaFields(spec, `${location}/spec`));
  }
  return findings;
}

const BUILTIN_CA_CERT_FIELDS = ['RSAbits', 'expiration'];

/** `conf` is free-form in Mesh.json; the CP ignores unknown fields, so a misspelled key size is silently lost. */
function builtinCaFields(spec: any, location: string): Finding[] {
  const findings: Finding[] = [];
  (spec?.mtls?.backends ?? []).forEach((backend: any, index: number) => {
    if (backend?.type !== 'builtin') return;
    for (const key of Object.keys(backend?.conf?.caCert ?? {})) {
      if (!BUILTIN_CA_CERT_FIELDS.includes(key)) {
        findings.push({
          location: `${location}/mtls/backends/${index}/conf/caCert/${key}`,
          message: `unknown builtin CA field "${key}" (the runtime reads ${BUILTIN_CA_CERT_FIELDS.join(', ')}; see upstream SOURCES.md)`,
        });
      }
    }
  });
  return findings;
}
