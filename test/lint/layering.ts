/**
 * The library's layers, read from the import statements of every file in `lib/`:
 * - the mesh, gateway and workload constructs load no cloud provider, neither directly
 *   (`@cdktf/provider-azurerm|google|aws`) nor through a cloud's folder (lib/azure, lib/gcp,
 *   lib/aws) nor through any other lib/ module they load at import time;
 * - only lib/topology itself and the app layer (lib/cli) import lib/topology: the topology is
 *   the top layer, the constructs below it do not know it;
 * - a `_`-prefixed file is private to its folder; helpers shared across folders live in
 *   lib/private/;
 * - lib/index.ts exports public modules only, never lib/private or a `_` file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** One import of a file: the module specifier, and whether it loads the module when the file loads. */
export interface ImportRef {
  readonly specifier: string;
  /** `export … from` rather than `import`. */
  readonly reexport: boolean;
  /** A value import evaluated when the importing file loads (not `import type`, not a `require` inside a function). */
  readonly loadsAtImport: boolean;
}

/** Provider packages of the clouds; the cloud-neutral layers must not load them. */
export const CLOUD_PROVIDER_PACKAGE = /^@cdktf\/provider-(?:azurerm|google|aws)(?:\/|$)/;
/** The clouds' own folders. */
export const CLOUD_FOLDERS = ['lib/azure/', 'lib/gcp/', 'lib/aws/'];
/** Folders whose files must not load a cloud provider. */
export const CLOUD_NEUTRAL_FOLDERS = ['lib/mesh/', 'lib/gateway/', 'lib/workloads/'];
/** Files and folders that may import lib/topology, besides lib/topology itself. */
export const TOPOLOGY_CLIENTS: readonly { readonly path: string; readonly reason: string }[] = [
  { path: 'lib/cli/', reason: 'the CLI is the app layer on top of the topology' },
  { path: 'lib/index.ts', reason: 'the package entry re-exports the topology API (Topology, loadTopology, …) as public API' },
];

const stripComments = (source: string): string =>
  source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** The imports of one source text: static imports and re-exports, `require(…)` and `import(…)`. */
export function importsIn(source: string): ImportRef[] {
  const code = stripComments(source);
  const found: ImportRef[] = [];
  const statement = /^[ \t]*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]|^[ \t]*import\s+['"]([^'"]+)['"]/gm;
  for (let m = statement.exec(code); m; m = statement.exec(code)) {
    if (m[5]) {
      found.push({ specifier: m[5], reexport: false, loadsAtImport: true });
      continue;
    }
    const typeOnly = Boolean(m[2]) || /^\{\s*(?:type\s+[\w$]+(?:\s+as\s+[\w$]+)?\s*,?\s*)+\}$/.test(m[3]);
    found.push({ specifier: m[4], reexport: m[1] === 'export', loadsAtImport: !typeOnly });
  }
  const call = /\b(require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = call.exec(code); m; m = call.exec(code)) {
    // `typeof import('x')` is a type; a require at the top level (column 0 statement) loads at import.
    const before = code.slice(Math.max(0, m.index - 7), m.index);
    if (/typeof\s*$/.test(before)) continue;
    const lineStart = code.lastIndexOf('\n', m.index) + 1;
    const topLevel = /^(?:const|let|var|export)\b/.test(code.slice(lineStart));
    found.push({ specifier: m[2], reexport: false, loadsAtImport: m[1] === 'require' && topLevel });
  }
  return found;
}

/** The repository-relative path (`lib/x/y.ts`) a relative specifier of `file` names, or undefined. */
export function resolveIn(file: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(file), specifier));
  return [`${base}.ts`, `${base}/index.ts`, base].find(exists) ?? `${base}.ts`;
}

const folderOf = (file: string): string => file.split('/').slice(0, 2).join('/') + '/';
const isPrivateFile = (file: string): boolean => posix.basename(file).startsWith('_');

/**
 * Every layering violation among `files` (repository-relative path → source text),
 * as `<file>: <rule>: <import>`.
 */
export function layeringViolations(files: ReadonlyMap<string, string>): string[] {
  const exists = (path: string): boolean => files.has(path);
  const imports = new Map<string, { ref: ImportRef; target?: string }[]>();
  for (const [file, source] of files) {
    imports.set(file, importsIn(source).map((ref) => ({ ref, target: resolveIn(file, ref.specifier, exists) })));
  }

  // The provider package a file loads at import time, directly or through other lib/ modules, as a
  // chain; a fresh depth-first search per start (no memo, so an import cycle cannot hide a path).
  const providerChain = (file: string, seen: Set<string>): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const { ref, target } of imports.get(file) ?? []) {
      if (!ref.loadsAtImport) continue;
      if (CLOUD_PROVIDER_PACKAGE.test(ref.specifier)) return [ref.specifier];
      if (target && files.has(target)) {
        const rest = providerChain(target, seen);
        if (rest) return [target, ...rest];
      }
    }
    return null;
  };

  const found: string[] = [];
  // One chain per file is enough to name the leak; the first import that leads to it is shown.
  const reportedChain = new Set<string>();
  for (const [file, refs] of imports) {
    const neutral = CLOUD_NEUTRAL_FOLDERS.some((folder) => file.startsWith(folder));
    for (const { ref, target } of refs) {
      const shown = `'${ref.specifier}'`;
      if (neutral && CLOUD_PROVIDER_PACKAGE.test(ref.specifier)) {
        found.push(`${file}: imports a cloud provider: ${shown}`);
      } else if (neutral && target && CLOUD_FOLDERS.some((folder) => target.startsWith(folder))) {
        found.push(`${file}: imports a cloud's folder: ${shown}`);
      } else if (neutral && ref.loadsAtImport && target && files.has(target) && !reportedChain.has(file)) {
        const chain = providerChain(target, new Set());
        if (chain) reportedChain.add(file);
        if (chain) found.push(`${file}: loads a cloud provider through ${[target, ...chain].join(' -> ')}`);
      }
      if (
        target?.startsWith('lib/topology/') &&
        !file.startsWith('lib/topology/') &&
        !TOPOLOGY_CLIENTS.some((client) => file.startsWith(client.path))
      ) {
        found.push(`${file}: imports lib/topology: ${shown}`);
      }
      // (lib/index.ts has its own rule below.)
      if (file !== 'lib/index.ts' && target && isPrivateFile(target) && folderOf(target) !== folderOf(file)) {
        found.push(`${file}: imports another folder's private file (shared helpers belong in lib/private/): ${shown}`);
      }
      if (file === 'lib/index.ts' && ref.reexport && target && (target.startsWith('lib/private/') || isPrivateFile(target))) {
        found.push(`${file}: exports a private module: ${shown}`);
      }
    }
  }
  return found;
}

/** The `.ts` files under `lib/` of the repository at `root`, by repository-relative path. */
export function libFiles(root: string): Map<string, string> {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : entry.endsWith('.ts') ? [path] : [];
    });
  return new Map(
    walk(join(root, 'lib')).map((path) => [relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8')]),
  );
}

/** Every layering violation in `lib/` of the repository at `root`. */
export function findLayeringViolations(root: string): string[] {
  return layeringViolations(libFiles(root));
}
