/**
 * A throwaway consumer project, as a platform team would make one from the cdktf 0.21
 * TypeScript template (`cdktf init --template=typescript`): the packed library, its peers,
 * typescript and @types/node, installed OFFLINE from the npm cache that `npm ci` of this
 * project filled, then type-checked and synthesized. Used by consumer.test.ts (which CI
 * runs through `npm test`) and by bench.ts (`npm run bench:consumer`).
 *
 * The consumer gets a package-lock.json assembled from this project's own lock (same
 * versions and integrity), because `npm ci --offline` then needs nothing but the tarballs
 * `npm ci` already cached: resolving ranges would need registry metadata (packuments),
 * which `npm ci` does not fetch, so a fresh machine's cache would not have them.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

/** The library's name and version, as the consumer depends on them. */
export const LIBRARY = manifest.name as string;

/** What `npm pack` made. */
export interface PackedLibrary {
  readonly tarball: string;
  readonly integrity: string;
  /** Paths inside the package, e.g. `dist/lib/index.js`. */
  readonly files: string[];
}

/** Runs a command; throws with its output when it fails. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status ?? result.signal}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** `npm pack` of this project (its prepack compiles lib/ into dist/lib) into `destination`. */
export function packLibrary(destination: string): PackedLibrary {
  const result = run('npm', ['pack', '--json', '--pack-destination', destination], ROOT);
  // prepack's tsc prints nothing on success; npm prints the JSON report last.
  const [report] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
  return { tarball: join(destination, report.filename), integrity: report.integrity, files: report.files.map((file: { path: string }) => file.path) };
}

/** Everything this project's lock installs for `names`, with their own dependencies (bundled ones included). */
function lockEntries(names: string[]): Record<string, Record<string, unknown>> {
  const entries: Record<string, Record<string, unknown>> = {};
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop()!;
    const key = `node_modules/${name}`;
    if (entries[key]) continue;
    const entry = lock.packages[key];
    if (!entry) throw new Error(`${name} is not in package-lock.json: the consumer installs only what this project's lock pins`);
    for (const [path, nested] of Object.entries<Record<string, unknown>>(lock.packages)) {
      if (path === key || path.startsWith(`${key}/node_modules/`)) {
        const { dev: _dev, peer: _peer, devOptional: _devOptional, ...kept } = nested;
        entries[path] = kept;
      }
    }
    pending.push(...Object.keys((entry.dependencies as Record<string, string> | undefined) ?? {}).filter((dependency) => !(entry.bundleDependencies as string[] | undefined)?.includes(dependency)));
  }
  return entries;
}

/** The peers, at the versions this project's lock pins (all inside the declared peer ranges). */
function pinned(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, lock.packages[`node_modules/${name}`].version as string]));
}

/**
 * Writes package.json and package-lock.json of a consumer project in `dir`: the peers
 * (cdktf, constructs, the four providers) as the app's own dependencies, typescript and
 * @types/node as the template's dev dependencies, and the library from `packed` unless
 * it is left out (the install floor of the bench).
 */
export function writeConsumerManifest(dir: string, packed: PackedLibrary | undefined): void {
  mkdirSync(dir, { recursive: true });
  const peers = Object.keys(manifest.peerDependencies);
  const tools = ['typescript', '@types/node'];
  const dependencies: Record<string, string> = { ...pinned(peers) };
  const packages: Record<string, Record<string, unknown>> = { ...lockEntries([...peers, ...tools]) };
  for (const tool of tools) packages[`node_modules/${tool}`] = { ...packages[`node_modules/${tool}`], dev: true };
  if (packed) {
    const spec = `file:${packed.tarball}`;
    dependencies[LIBRARY] = spec;
    Object.assign(packages, lockEntries(Object.keys(manifest.dependencies)));
    packages[`node_modules/${LIBRARY}`] = {
      version: manifest.version,
      resolved: spec,
      integrity: packed.integrity,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
      peerDependencies: manifest.peerDependencies,
    };
  }
  const devDependencies = pinned(tools);
  const root = { name: 'consumer', version: '1.0.0', private: true, dependencies, devDependencies };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ ...root, main: 'main.js', types: 'main.ts', license: 'MPL-2.0' }, null, 2)}\n`);
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages: { '': { ...root, license: 'MPL-2.0' }, ...packages } }, null, 2)}\n`,
  );
}

/** `npm ci --offline`: from the cache only; npm fails with ENOTCACHED rather than reach a registry. */
export function installOffline(dir: string): SpawnSyncReturns<string> {
  return run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
}

/**
 * The compiler options of the cdktf 0.21 TypeScript template,
 * hashicorp/terraform-cdk@v0.21.0:packages/@cdktf/cli-core/templates/typescript/tsconfig.json:
 * `"module": "CommonJS"` and no `moduleResolution`, which TypeScript reads as node10
 * resolution (no `exports`; `typesVersions` is what maps deep imports to types there).
 */
export const TEMPLATE_COMPILER_OPTIONS = {
  alwaysStrict: true,
  declaration: true,
  experimentalDecorators: true,
  inlineSourceMap: true,
  inlineSources: true,
  lib: ['es2018'],
  module: 'CommonJS',
  noEmitOnError: true,
  noFallthroughCasesInSwitch: true,
  noImplicitAny: true,
  noImplicitReturns: true,
  noImplicitThis: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  resolveJsonModule: true,
  strict: true,
  strictNullChecks: true,
  strictPropertyInitialization: true,
  stripInternal: true,
  target: 'ES2018',
  incremental: true,
  skipLibCheck: true,
};

/** A consumer tsconfig: its compiler options, the files it compiles, and the entry node runs when it emits. */
export interface ConsumerTsconfig {
  readonly name: string;
  readonly compilerOptions: Record<string, unknown>;
  readonly files: string[];
  /** The compiled app, relative to the project, when this variant emits. */
  readonly entry?: string;
}

/** The resolutions a consumer may have: the template's (node10), node16, bundler, and an ES module app under nodenext. */
export const TSCONFIGS: ConsumerTsconfig[] = [
  { name: 'node10', compilerOptions: { ...TEMPLATE_COMPILER_OPTIONS }, files: ['main.ts', 'types.ts'], entry: 'build-node10/main.js' },
  { name: 'node16', compilerOptions: { ...TEMPLATE_COMPILER_OPTIONS, module: 'node16', moduleResolution: 'node16' }, files: ['main.ts', 'types.ts'], entry: 'build-node16/main.js' },
  { name: 'bundler', compilerOptions: { ...TEMPLATE_COMPILER_OPTIONS, module: 'preserve', moduleResolution: 'bundler', noEmit: true }, files: ['main.ts', 'types.ts'] },
  { name: 'nodenext-esm', compilerOptions: { ...TEMPLATE_COMPILER_OPTIONS, module: 'nodenext', moduleResolution: 'nodenext' }, files: ['esm.mts'], entry: 'build-nodenext-esm/esm.mjs' },
];

/** The consumer's app: the README's main.ts, deep imports of a construct, the root import and the schema. */
export const APP_SOURCES: Record<string, string> = {
  'main.ts': [
    "import { App } from 'cdktf';",
    `import { CrossCloudMesh } from '${LIBRARY}/lib/topology/cross-cloud-mesh';`,
    `import { loadTopology } from '${LIBRARY}/lib/topology/load-topology';`,
    '',
    'const app = new App();',
    "const mesh = new CrossCloudMesh(app, 'acme', { topology: loadTopology('topology.yaml') });",
    'app.synth();',
    'console.log(`synthesized ${mesh.infraStack.node.id}, ${mesh.platformStack.node.id}, ${mesh.meshStack.node.id}`);',
    '',
  ].join('\n'),
  // Type-checked only: the types a composing team reaches through deep paths, the root and the schema.
  'types.ts': [
    `import type { AksClusterProps } from '${LIBRARY}/lib/clusters/aks-cluster';`,
    `import type { TopologySpec } from '${LIBRARY}/lib/topology/topology-spec';`,
    `import { KUMA_CHART, CrossCloudMesh } from '${LIBRARY}';`,
    `import schema = require('${LIBRARY}/topology.schema.json');`,
    '',
    "export const environment: TopologySpec['environment'] = 'acme';",
    "export const location: AksClusterProps['location'] = 'westeurope';",
    'export const kumaVersion: string = KUMA_CHART.version;',
    'export const entry: typeof CrossCloudMesh = CrossCloudMesh;',
    'export const schemaTitle: unknown = schema;',
    '',
  ].join('\n'),
  // An ES module app: named imports from the CommonJS build, through `exports`.
  'esm.mts': [
    "import { App } from 'cdktf';",
    `import { CrossCloudMesh } from '${LIBRARY}/lib/topology/cross-cloud-mesh';`,
    `import { loadTopology } from '${LIBRARY}/lib/topology/load-topology';`,
    `import { KUMA_CHART } from '${LIBRARY}';`,
    '',
    'const app = new App();',
    "const mesh = new CrossCloudMesh(app, 'acme', { topology: loadTopology('topology.yaml') });",
    'app.synth();',
    'console.log(`synthesized ${mesh.infraStack.node.id}, ${mesh.platformStack.node.id}, ${mesh.meshStack.node.id} with Kuma ${KUMA_CHART.version}`);',
    '',
  ].join('\n'),
};

/** Writes the app and one tsconfig.<variant>.json per {@link TSCONFIGS} entry. */
export function writeConsumerApp(dir: string, topologyYaml: string): void {
  writeFileSync(join(dir, 'topology.yaml'), topologyYaml);
  for (const [file, source] of Object.entries(APP_SOURCES)) writeFileSync(join(dir, file), source);
  for (const variant of TSCONFIGS) {
    const compilerOptions = { ...variant.compilerOptions, ...(variant.entry ? { outDir: `build-${variant.name}` } : {}), tsBuildInfoFile: `build-${variant.name}.tsbuildinfo` };
    writeFileSync(join(dir, `tsconfig.${variant.name}.json`), `${JSON.stringify({ compilerOptions, files: variant.files }, null, 2)}\n`);
  }
}

/** The consumer's own tsc. */
export function typeCheck(dir: string, variant: string): SpawnSyncReturns<string> {
  return run(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', `tsconfig.${variant}.json`], dir);
}

/** Runs a compiled app with node, as `cdktf synth` runs an app, into `outdir`. */
export function synthesize(dir: string, entry: string, outdir: string): SpawnSyncReturns<string> {
  return run(process.execPath, [entry], dir, { CDKTF_OUTDIR: outdir });
}
