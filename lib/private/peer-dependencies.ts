/**
 * The app must load versions of cdktf, constructs and the prebuilt providers that this
 * library supports (its `peerDependencies`), and exactly one copy of cdktf and of
 * constructs. Why both checks: npm installs peers once, next to the app, but a forced or
 * legacy peer install (`--force`, `--legacy-peer-deps`) leaves whatever versions the app
 * had, and a linked or nested install loads a second cdktf whose `App` is not the one
 * our stacks attach to (two construct trees: stacks missing from `cdktf.out`, tokens that
 * do not resolve). Both fail here with a sentence instead of later with a puzzle.
 *
 * Cheap on purpose: six small `package.json` reads once per process, and two
 * `instanceof` tests per entry construct; no semver library (the ranges we declare are
 * caret ranges, which {@link satisfiesCaretRange} implements).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { App } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

const PACKAGE_NAME = 'cdktf-cross-cloud-mesh';

/** A package the app loaded, as found from this library's location. */
export interface InstalledPackage {
  readonly version: string;
  /** Directory of the package that `require` resolves from this library. */
  readonly directory: string;
}

/**
 * Thrown when the app's cdktf, constructs or provider packages cannot work with this library.
 * @internal an Error subclass cannot cross jsii; TypeScript apps catch it by class.
 */
export class PeerDependencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeerDependencyError';
  }
}

/**
 * True when `version` is inside a caret range (`^1.2.3`, `^0.21.0`), as npm's semver
 * reads it: same leftmost non-zero part, not lower than the base. A pre-release
 * (`0.21.0-pre.5`) is outside, since npm would not pick it for such a range either.
 * @throws Error for any other range form: the library declares caret ranges only.
 */
export function satisfiesCaretRange(version: string, range: string): boolean {
  const base = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!base) throw new Error(`peer range "${range}" is not a caret range (^X.Y.Z); satisfiesCaretRange reads only those`);
  const found = /^(\d+)\.(\d+)\.(\d+)(-.+)?$/.exec(version.trim());
  if (!found || found[4] !== undefined) return false;
  const [major, minor, patch] = [1, 2, 3].map((index) => Number(base[index]));
  const [vMajor, vMinor, vPatch] = [1, 2, 3].map((index) => Number(found[index]));
  if (vMajor !== major) return false;
  if (major === 0 && vMinor !== minor) return false;
  if (major === 0 && minor === 0 && vPatch !== patch) return false;
  if (vMinor !== minor) return vMinor > minor;
  return vPatch >= patch;
}

/**
 * One sentence per peer that is missing or outside its range, plus the one command
 * that installs supported versions of all of them; empty when everything fits. An
 * optional peer (`peerDependenciesMeta.<name>.optional`, e.g. the AWS provider that only
 * `lib/aws` loads) may be absent, but when present must be in its range.
 */
export function peerDependencyProblems(
  peers: Record<string, string>,
  installed: (name: string) => InstalledPackage | undefined,
  optional: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  const fixes: string[] = [];
  for (const [name, range] of Object.entries(peers)) {
    const found = installed(name);
    if (found === undefined) {
      if (optional.has(name)) continue;
      problems.push(`${name} is not installed; ${PACKAGE_NAME} needs ${name} ${range}`);
    } else if (!satisfiesCaretRange(found.version, range)) {
      problems.push(`${name} ${found.version} (${found.directory}) is outside the supported range ${range}`);
    } else {
      continue;
    }
    fixes.push(`'${name}@${range}'`);
  }
  if (problems.length === 0) return [];
  return [...problems, `install supported versions in your project: npm install ${fixes.join(' ')}`];
}

/**
 * Checks, once per process, that the peers this library loads are in its supported
 * ranges, and, for each call, that `scope` belongs to the same cdktf and constructs
 * copies as the library.
 * @throws PeerDependencyError naming the package, the version or copy found, and the fix
 */
export function checkPeerDependencies(scope: IConstruct): void {
  if (versionProblems === undefined) {
    const manifest = ownManifest();
    const optional = Object.entries(manifest.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([name]) => name);
    versionProblems = peerDependencyProblems(manifest.peerDependencies ?? {}, resolveInstalled, new Set(optional));
  }
  if (versionProblems.length > 0) {
    throw new PeerDependencyError(`${PACKAGE_NAME} cannot run with the packages this app loads:\n${versionProblems.map((line) => `  ${line}`).join('\n')}`);
  }
  const copies = constructTreeProblems(scope);
  if (copies.length > 0) throw new PeerDependencyError(copies.join('\n'));
}

/**
 * Two copies of cdktf or constructs: the scope passes the library's symbol-based
 * `isApp` / `isConstruct` checks (symbols are global) but is not an instance of the
 * classes the library loaded.
 */
export function constructTreeProblems(scope: IConstruct): string[] {
  const problems: string[] = [];
  if (Construct.isConstruct(scope) && !(scope instanceof Construct)) {
    problems.push(twoCopies('constructs', scope, 'Construct'));
  }
  const root = scope.node.root;
  if (App.isApp(root) && !(root instanceof App)) {
    problems.push(twoCopies('cdktf', root, 'App'));
  }
  return problems;
}

function twoCopies(name: string, instance: object, exportName: string): string {
  const theirs = loadedFrom(instance, exportName, name);
  const ours = resolveInstalled(name)?.directory ?? name;
  return (
    `two copies of ${name} are loaded: your app's ${exportName} comes from ${theirs}, ${PACKAGE_NAME} uses ${ours}, ` +
    `so its stacks would join a construct tree that your app never synthesizes. Keep one copy: ` +
    `depend on ${name} in your project with the range ${PACKAGE_NAME} supports, then run npm dedupe (npm ls ${name} shows the copies)`
  );
}

/** The package directory of the loaded module whose `exportName` class `instance` is an instance of. */
function loadedFrom(instance: object, exportName: string, name: string): string {
  const classes = new Set<unknown>();
  for (let prototype = Object.getPrototypeOf(instance); prototype; prototype = Object.getPrototypeOf(prototype)) {
    classes.add(prototype.constructor);
  }
  for (const module of Object.values(require.cache)) {
    const exports = module?.exports as Record<string, unknown> | undefined;
    if (module && exports && typeof exports === 'object' && classes.has(exports[exportName])) {
      const marker = `${sep}node_modules${sep}${name}${sep}`;
      const at = module.filename.lastIndexOf(marker);
      return at >= 0 ? module.filename.slice(0, at + marker.length - 1) : dirname(module.filename);
    }
  }
  return 'another copy';
}

let versionProblems: string[] | undefined;

function resolveInstalled(name: string): InstalledPackage | undefined {
  try {
    const manifestPath = require.resolve(`${name}/package.json`);
    return { version: JSON.parse(readFileSync(manifestPath, 'utf8')).version, directory: dirname(manifestPath) };
  } catch {
    return undefined;
  }
}

/** This library's package.json, from `lib/private` (source) or `dist/lib/private` (built). */
function ownManifest(): { version: string; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> } {
  for (let directory = __dirname; ; directory = dirname(directory)) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      if (manifest.name === PACKAGE_NAME) return manifest;
    } catch {
      // no package.json at this level: keep walking up
    }
    if (dirname(directory) === directory) throw new Error(`${PACKAGE_NAME}: its package.json is missing above ${__dirname}`);
  }
}

/** This library's version, as its package.json gives it. */
export function libraryVersion(): string {
  return ownManifest().version;
}
