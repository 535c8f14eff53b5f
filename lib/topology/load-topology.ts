/**
 * Reads a topology file (YAML or JSON), expands `${VAR}` / `${VAR:-default}` from the
 * environment, and validates it (`validateTopology`). Errors name field paths, the way
 * the rest of the validation does.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { TopologySpec } from './topology-spec';
import { TopologyIssue, TopologyValidationError, validateTopology } from './validate-topology';
import { withTopologySource } from './topology-report';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** `${NAME}`, `${NAME:-default}`, and `$$` for a literal `$`. */
const PLACEHOLDER = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Loads and validates a topology file.
 *
 * String values may contain `${VAR}` (an error naming the field when VAR is unset) or
 * `${VAR:-default}` (the default when VAR is unset or empty); expanded values stay
 * strings. `mesh.global.external.caCertificateFile` is resolved against the file's
 * directory (the path only; the file is read when the stacks are built).
 *
 * @param path a `.yaml`, `.yml` or `.json` file
 * @param env variables for expansion
 * @throws TopologyValidationError listing every issue
 */
export function loadTopology(path: string, env: NodeJS.ProcessEnv = process.env): TopologySpec {
  return withTopologySource(path, () => readTopology(path, env));
}

function readTopology(path: string, env: NodeJS.ProcessEnv): TopologySpec {
  const extension = extname(path).toLowerCase();
  if (!EXTENSIONS.includes(extension)) {
    throw new TopologyValidationError([{ path: '', value: path, message: `must be a ${EXTENSIONS.join(', ')} file` }]);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TopologyValidationError([{ path: '', value: path, message: `cannot be read (${(error as Error).message}); pass the path of a topology file` }]);
  }
  return parseTopology(text, path, env);
}

/**
 * Parses, expands and validates topology text; `path` names the source in errors and
 * anchors relative file paths.
 */
export function parseTopology(text: string, path: string, env: NodeJS.ProcessEnv = process.env): TopologySpec {
  let document: unknown;
  try {
    document = parse(text, { prettyErrors: true });
  } catch (error) {
    throw new TopologyValidationError([{ path: '', value: path, message: `is not valid YAML/JSON: ${(error as Error).message}` }]);
  }
  if (document === null || document === undefined) {
    throw new TopologyValidationError([{ path: '', value: path, message: `is empty; start from the reference topology that ships with the package (node_modules/cdktf-cross-cloud-mesh/examples/acme-corp/topology.yaml)` }]);
  }
  const issues: TopologyIssue[] = [];
  const expanded = expandEnvironment(document, '', env, issues);
  if (issues.length > 0) throw new TopologyValidationError(issues);
  resolveCaCertificateFile(expanded, dirname(resolve(path)));
  return validateTopology(expanded);
}

/** Expands placeholders in every string of a parsed document; unset variables without a default become issues. */
export function expandEnvironment(value: unknown, path: string, env: NodeJS.ProcessEnv, issues: TopologyIssue[]): unknown {
  if (typeof value === 'string') return expandString(value, path, env, issues);
  if (Array.isArray(value)) return value.map((item, index) => expandEnvironment(item, `${path}[${index}]`, env, issues));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expandEnvironment(item, path ? `${path}.${key}` : key, env, issues)]),
    );
  }
  return value;
}

function expandString(text: string, path: string, env: NodeJS.ProcessEnv, issues: TopologyIssue[]): string {
  return text.replace(PLACEHOLDER, (match, name: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '$';
    const current = env[name];
    if (fallback !== undefined) return current === undefined || current === '' ? fallback : current;
    if (current === undefined) {
      issues.push({ path, value: text, message: `uses \${${name}}, which is not set: set ${name} in the environment, or give a default with \${${name}:-value}` });
      return match;
    }
    return current;
  });
}

function resolveCaCertificateFile(document: unknown, baseDirectory: string): void {
  const external = (document as { mesh?: { global?: { external?: Record<string, unknown> } } })?.mesh?.global?.external;
  if (typeof external !== 'object' || external === null) return;
  const file = external.caCertificateFile;
  if (typeof file === 'string' && file.trim() !== '' && !isAbsolute(file)) {
    external.caCertificateFile = resolve(baseDirectory, file);
  }
}
