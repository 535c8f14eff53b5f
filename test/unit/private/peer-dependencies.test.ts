import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import {
  PeerDependencyError,
  checkPeerDependencies,
  constructTreeProblems,
  peerDependencyProblems,
  satisfiesCaretRange,
} from '../../../lib/private/peer-dependencies';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('caret ranges read as npm reads them, 0.x minors included', () => {
  // THEN: inside
  for (const [version, range] of [['0.21.0', '^0.21.0'], ['0.21.7', '^0.21.0'], ['10.4.2', '^10.4.2'], ['10.8.1', '^10.4.2'], ['14.30.0', '^14.23.1']]) {
    assert.equal(satisfiesCaretRange(version, range), true, `${version} ${range}`);
  }
  // THEN: outside (older, next 0.x minor, next major, a pre-release, not a version)
  for (const [version, range] of [['0.20.0', '^0.21.0'], ['0.22.0', '^0.21.0'], ['10.4.1', '^10.4.2'], ['11.0.0', '^10.4.2'], ['14.23.0', '^14.23.1'], ['15.0.0', '^14.23.1'], ['0.21.0-pre.5', '^0.21.0'], ['latest', '^0.21.0']]) {
    assert.equal(satisfiesCaretRange(version, range), false, `${version} ${range}`);
  }
  assert.throws(() => satisfiesCaretRange('1.0.0', '>=1.0.0'), /not a caret range/);
});

test('every peer range the package declares is one the check can read, and the devDependencies we test with are inside it', () => {
  // GIVEN: the providers' own peers (node_modules/@cdktf/provider-*/package.json) bound what works
  for (const [name, range] of Object.entries<string>(manifest.peerDependencies)) {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    assert.equal(satisfiesCaretRange(installed, range), true, `${name} ${installed} ${range}`);
    assert.ok(manifest.devDependencies[name], `${name} is a devDependency too, for development`);
    assert.equal(manifest.dependencies[name], undefined, `${name} is not a dependency (a second copy under the library)`);
  }
  for (const provider of Object.keys(manifest.peerDependencies).filter((name) => name.startsWith('@cdktf/provider-'))) {
    const theirs = JSON.parse(readFileSync(join(ROOT, 'node_modules', provider, 'package.json'), 'utf8')).peerDependencies;
    assert.equal(manifest.peerDependencies.cdktf, theirs.cdktf, `${provider} supports cdktf ${theirs.cdktf}`);
    assert.equal(manifest.peerDependencies.constructs, theirs.constructs, `${provider} supports constructs ${theirs.constructs}`);
  }
  assert.deepEqual(Object.keys(manifest.dependencies), ['yaml']);
});

test('a version outside the range names package, version, where it was found, the range and one install command', () => {
  // GIVEN: an app on cdktf 0.20 and a newer google provider major, without helm
  const installed: Record<string, string> = { cdktf: '0.20.0', constructs: '10.8.1', '@cdktf/provider-google': '17.0.0', '@cdktf/provider-azurerm': '14.23.1', '@cdktf/provider-kubernetes': '12.1.1' };
  // WHEN
  const optional = new Set(Object.keys(manifest.peerDependenciesMeta ?? {}));
  const problems = peerDependencyProblems(manifest.peerDependencies, (name) =>
    installed[name] ? { version: installed[name], directory: `/app/node_modules/${name}` } : undefined,
  optional);
  // THEN
  assert.deepEqual(problems, [
    'cdktf 0.20.0 (/app/node_modules/cdktf) is outside the supported range ^0.21.0',
    '@cdktf/provider-google 17.0.0 (/app/node_modules/@cdktf/provider-google) is outside the supported range ^16.12.1',
    '@cdktf/provider-helm is not installed; cdktf-cross-cloud-mesh needs @cdktf/provider-helm ^12.1.2',
    "install supported versions in your project: npm install 'cdktf@^0.21.0' '@cdktf/provider-google@^16.12.1' '@cdktf/provider-helm@^12.1.2'",
  ]);
});

test('an optional peer (the AWS provider of lib/aws) may be absent, but not outside its range', () => {
  // GIVEN: the supported versions of every required peer
  const required = Object.fromEntries(Object.entries<string>(manifest.peerDependencies).map(([name, range]) => [name, range.replace(/^\^/, '')]));
  const optional = new Set(['@cdktf/provider-aws']);
  assert.equal(manifest.peerDependenciesMeta['@cdktf/provider-aws'].optional, true);
  const lookup = (versions: Record<string, string>) => (name: string) => (versions[name] ? { version: versions[name], directory: `/app/node_modules/${name}` } : undefined);
  const { ['@cdktf/provider-aws']: _aws, ...withoutAws } = required;
  // WHEN / THEN
  assert.deepEqual(peerDependencyProblems(manifest.peerDependencies, lookup(withoutAws), optional), []);
  assert.match(peerDependencyProblems(manifest.peerDependencies, lookup({ ...withoutAws, '@cdktf/provider-aws': '19.50.0' }), optional)[0], /@cdktf\/provider-aws 19\.50\.0 .* outside the supported range \^20\.1\.0/);
  assert.match(peerDependencyProblems(manifest.peerDependencies, lookup(withoutAws))[0], /@cdktf\/provider-aws is not installed/);
});

test('the packages this project loads pass the check', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'ccm-peers-')) });
  try {
    assert.doesNotThrow(() => checkPeerDependencies(app));
    assert.deepEqual(constructTreeProblems(new Construct(app, 'child')), []);
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
});

/**
 * A second copy of a package, installed elsewhere as a nested or linked install leaves it:
 * its own `lib/` (so its own classes), the same dependencies (cdktf's bundled ones and
 * the one constructs, through symlinks, which node resolves to the same modules).
 */
function secondCopyOf<T>(name: 'cdktf' | 'constructs', scratch: string): T {
  const modules = join(scratch, 'node_modules');
  const copy = join(modules, name);
  mkdirSync(copy, { recursive: true });
  cpSync(join(ROOT, 'node_modules', name, 'package.json'), join(copy, 'package.json'));
  cpSync(join(ROOT, 'node_modules', name, 'lib'), join(copy, 'lib'), { recursive: true });
  if (name === 'cdktf') {
    symlinkSync(join(ROOT, 'node_modules', 'cdktf', 'node_modules'), join(copy, 'node_modules'));
    symlinkSync(join(ROOT, 'node_modules', 'constructs'), join(modules, 'constructs'));
  }
  return require(copy) as T;
}

test('an App from a second copy of cdktf fails with the sentence that says how to keep one', () => {
  // GIVEN
  const scratch = mkdtempSync(join(tmpdir(), 'ccm-peers-'));
  const other = secondCopyOf<typeof import('cdktf')>('cdktf', scratch);
  assert.notEqual(other.App, App);
  const app = new other.App({ outdir: join(scratch, 'out') });
  try {
    // WHEN / THEN
    assert.throws(
      () => checkPeerDependencies(app),
      (error: unknown) =>
        error instanceof PeerDependencyError &&
        error.message.startsWith(`two copies of cdktf are loaded: your app's App comes from ${join(scratch, 'node_modules', 'cdktf')}, cdktf-cross-cloud-mesh uses ${join(ROOT, 'node_modules', 'cdktf')}, `) &&
        error.message.endsWith('then run npm dedupe (npm ls cdktf shows the copies)'),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a scope from a second copy of constructs is caught too', () => {
  // GIVEN
  const scratch = mkdtempSync(join(tmpdir(), 'ccm-peers-'));
  try {
    const other = secondCopyOf<typeof import('constructs')>('constructs', scratch);
    const root = new other.Construct(undefined as never, '');
    // WHEN
    const problems = constructTreeProblems(new other.Construct(root, 'child') as never);
    // THEN
    assert.equal(problems.length, 1);
    assert.ok(problems[0].startsWith(`two copies of constructs are loaded: your app's Construct comes from ${join(scratch, 'node_modules', 'constructs')}, `), problems[0]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
