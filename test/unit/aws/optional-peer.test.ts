/**
 * @cdktf/provider-aws is an optional peer: AKS and GKE users do not install it, so nothing
 * they load may require it. AWS constructs are reached by their deep paths (`lib/aws/*`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

test('package.json: an optional peer and an exact devDependency of the version matching the mirror', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.ok(pkg.peerDependencies['@cdktf/provider-aws'], 'a peer dependency');
  assert.equal(pkg.peerDependenciesMeta?.['@cdktf/provider-aws']?.optional, true);
  assert.equal(pkg.devDependencies['@cdktf/provider-aws'], '20.1.0');
  assert.equal(pkg.dependencies['@cdktf/provider-aws'], undefined);
});

test('loading the package index loads no AWS provider module', () => {
  const script = [
    "require('./lib/index');",
    "const loaded = Object.keys(require.cache).filter((f) => f.includes('provider-aws') || f.includes('/lib/aws/'));",
    'process.stdout.write(JSON.stringify(loaded));',
  ].join('\n');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), []);
});
