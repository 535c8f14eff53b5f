/**
 * The package as an adopter gets it: `npm pack`, installed offline into a fresh project
 * with the cdktf 0.21 template's tsconfig, type-checked under node10 (the template's
 * CommonJS), node16 and bundler resolution and as an ES module app under nodenext, and
 * synthesized with node from each variant that emits. One pack and one install, shared
 * by every variant.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LIBRARY,
  PackedLibrary,
  ROOT,
  TSCONFIGS,
  installOffline,
  packLibrary,
  run,
  synthesize,
  typeCheck,
  writeConsumerApp,
  writeConsumerManifest,
} from './consumer-project';

let scratch: string;
let project: string;
let packed: PackedLibrary;
let installed: string;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ccm-consumer-'));
  project = join(scratch, 'consumer');
  packed = packLibrary(scratch);
  writeConsumerManifest(project, packed);
  installOffline(project);
  installed = join(project, 'node_modules', LIBRARY);
  writeConsumerApp(project, readFileSync(join(installed, 'examples', 'acme-corp', 'topology.yaml'), 'utf8'));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('the package ships built JavaScript and types, the schema, the examples and the README, and no TypeScript sources under lib/', () => {
  for (const file of ['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/topology/cross-cloud-mesh.d.ts', 'dist/lib/cli/cross-cloud-mesh.js', 'lib/topology/topology.schema.json', 'examples/acme-corp/topology.yaml', 'README.md']) {
    assert.ok(packed.files.includes(file), file);
  }
  assert.deepEqual(packed.files.filter((file) => /^(dist\/)?lib\/.*(?<!\.d)\.ts$/.test(file)), []);
  assert.deepEqual(packed.files.filter((file) => /^(dist\/)?test\//.test(file) || file.endsWith('.map')), []);
});

test('every file the README links and every examples/ path a message names is in the package', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1]).filter((target) => !/^[a-z]+:/.test(target));
  assert.ok(links.length > 0);
  const shipped = (target: string) => packed.files.some((file) => file === target.replace(/\/$/, '') || file.startsWith(`${target.replace(/\/$/, '')}/`));
  assert.deepEqual(links.filter((target) => !shipped(target)), [], 'README links to files the package does not ship');
  const named = packed.files
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) => [...readFileSync(join(installed, file), 'utf8').matchAll(/examples\/[A-Za-z0-9_./-]+\.(?:ya?ml|json|ts|md)/g)].map((match) => match[0]));
  assert.deepEqual(named.filter((path) => !packed.files.includes(path)), [], 'messages name example files the package does not ship');
});

test("the installed package names only yaml as a dependency, the app's versions satisfy its peers, and no copy is nested", () => {
  // GIVEN: what npm installed
  const installedManifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  // THEN: a dependency would install a second cdktf or provider under the library wherever the app's differ
  assert.deepEqual(Object.keys(installedManifest.dependencies), ['yaml']);
  assert.deepEqual(Object.keys(installedManifest.peerDependencies).sort(), ['@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-google', '@cdktf/provider-helm', '@cdktf/provider-kubernetes', 'cdktf', 'constructs']);
  // The AWS provider (362 MB) is for lib/aws only: optional, so an AKS/GKE app does not install it.
  assert.deepEqual(installedManifest.peerDependenciesMeta, { '@cdktf/provider-aws': { optional: true } });
  // npm ls exits non-zero on a missing or invalid peer (a version outside its range)
  run('npm', ['ls', '--all', '--offline'], project);
  const nested = join(installed, 'node_modules');
  assert.deepEqual(existsSync(nested) ? readdirSync(nested).filter((name) => name === 'cdktf' || name === 'constructs' || name === '@cdktf') : [], []);
});

for (const variant of TSCONFIGS) {
  test(`deep imports and the root import type-check under ${variant.name} resolution (${variant.files.join(', ')})`, () => {
    // THEN: tsc exits 0 (run throws with its diagnostics otherwise)
    typeCheck(project, variant.name);
  });
}

for (const variant of TSCONFIGS) {
  if (!variant.entry) continue;
  const entry = variant.entry;
  test(`the app compiled under ${variant.name} synthesizes the three staged stacks`, () => {
    // WHEN
    const outdir = join(scratch, `out-${variant.name}`);
    const result = synthesize(project, entry, outdir);
    // THEN
    assert.match(result.stdout, /synthesized acme-infra, acme-platform, acme-mesh/);
    for (const stage of ['infra', 'platform', 'mesh']) {
      const stack = JSON.parse(readFileSync(join(outdir, 'stacks', `acme-${stage}`, 'cdk.tf.json'), 'utf8'));
      assert.ok(Object.keys(stack.resource ?? {}).length > 0, `acme-${stage} has resources`);
    }
  });
}

test('the bin runs from the installed package', () => {
  const bin = (...args: string[]) => run(join(project, 'node_modules', '.bin', 'cross-cloud-mesh'), args, project).stdout;
  assert.equal(bin('--version').trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  assert.match(bin('validate', 'topology.yaml'), /^ok topology\.yaml/);
});
