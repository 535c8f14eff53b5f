import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUD_NEUTRAL_FOLDERS, findLayeringViolations, importsIn, layeringViolations } from '../../lint/layering';

const root = join(__dirname, '..', '..', '..');

test('lib/ keeps its layers: no cloud provider under mesh, gateway and workloads, no lib/topology below it, no cross-folder _ file, no private export', () => {
  // THEN
  assert.deepEqual(findLayeringViolations(root), []);
});

test('node really loads no cloud provider binding when it loads every mesh, gateway and workload module', () => {
  // GIVEN: what this test file loaded so far (the lint module only)
  const cloudModules = (): string[] => Object.keys(require.cache).filter((path) => /@cdktf[\\/]provider-(?:azurerm|google|aws)[\\/]/.test(path));
  assert.deepEqual(cloudModules(), []);
  // WHEN
  for (const folder of CLOUD_NEUTRAL_FOLDERS) {
    for (const entry of readdirSync(join(root, folder))) {
      if (entry.endsWith('.ts')) require(join(root, folder, entry));
    }
  }
  // THEN: the module cache, not our parser, says what was loaded
  assert.ok(Object.keys(require.cache).some((path) => path.includes('provider-kubernetes')), 'the check sees provider modules at all');
  assert.deepEqual(cloudModules(), []);
});

test('the import parser reads multi-line imports, re-exports, type-only imports and lazy requires', () => {
  // GIVEN
  const source = [
    "import {",
    "  A,",
    "  B,",
    "} from './a';",
    "import type { C } from './c';",
    "import { type D } from './d';",
    "export * from './e';",
    "// import { F } from './f';",
    "const g = require('./g');",
    "export function h() {",
    "  return (require('./h') as typeof import('./h')).H;",
    "}",
  ].join('\n');
  // WHEN
  const refs = importsIn(source).map((ref) => `${ref.specifier}:${ref.reexport ? 'export' : 'import'}:${ref.loadsAtImport ? 'loads' : 'lazy'}`);
  // THEN: the comment is no import; type-only imports and a require inside a function load nothing at import
  assert.deepEqual(refs, ['./a:import:loads', './c:import:lazy', './d:import:lazy', './e:export:loads', './g:import:loads', './h:import:lazy']);
});

test('each layering rule fails on a snippet that breaks it, and passes its allowed neighbours', () => {
  // GIVEN
  const files = new Map<string, string>([
    ['lib/mesh/direct.ts', "import { SqlUser } from '@cdktf/provider-google/lib/sql-user';"],
    ['lib/mesh/lazy.ts', "export function f() {\n  return require('@cdktf/provider-azurerm/lib/public-ip');\n}"],
    ['lib/gateway/via-cloud-folder.ts', "import { AZURE } from '../azure/azure-cloud';"],
    ['lib/azure/azure-cloud.ts', "export const AZURE = 1;"],
    ['lib/workloads/transitive.ts', "import { helper } from '../clusters/helper';"],
    ['lib/workloads/type-only.ts', "import type { helper } from '../clusters/helper';"],
    ['lib/clusters/helper.ts', "import { Instance } from '@cdktf/provider-aws/lib/instance';\nexport const helper = 1;"],
    ['lib/clusters/lazy-helper.ts', "export function f() {\n  return require('@cdktf/provider-aws/lib/instance');\n}"],
    ['lib/workloads/through-lazy.ts', "import { f } from '../clusters/lazy-helper';"],
    ['lib/dns/uses-topology.ts', "import {\n  TopologySpec,\n} from '../topology/topology-spec';"],
    ['lib/topology/topology-spec.ts', "export interface TopologySpec {}"],
    ['lib/topology/plan.ts', "import { TopologySpec } from './topology-spec';"],
    ['lib/cli/main.ts', "import { TopologySpec } from '../topology/topology-spec';"],
    ['lib/gateway/borrows.ts', "import { coveredBy } from '../tls/_coverage';"],
    ['lib/tls/_coverage.ts', "export const coveredBy = 1;"],
    ['lib/tls/own.ts', "import { coveredBy } from './_coverage';"],
    ['lib/private/validation.ts', "export class ValidationError {}"],
    ['lib/mesh/_policy-checks.ts', "export const x = 1;"],
    ['lib/mesh/mesh.ts', "export const mesh = 1;"],
    ['lib/index.ts', "export * from './private/validation';\nexport { x } from './mesh/_policy-checks';\nexport * from './mesh/mesh';\nexport * from './topology/plan';"],
  ]);
  // WHEN
  const found = layeringViolations(files);
  // THEN: one hit per broken rule; the type-only import, the lazy helper, lib/topology's own
  // imports, the CLI, a folder's own _ file and the public exports pass
  assert.deepEqual(found.sort(), [
    "lib/dns/uses-topology.ts: imports lib/topology: '../topology/topology-spec'",
    "lib/gateway/borrows.ts: imports another folder's private file (shared helpers belong in lib/private/): '../tls/_coverage'",
    "lib/gateway/via-cloud-folder.ts: imports a cloud's folder: '../azure/azure-cloud'",
    "lib/index.ts: exports a private module: './mesh/_policy-checks'",
    "lib/index.ts: exports a private module: './private/validation'",
    "lib/mesh/direct.ts: imports a cloud provider: '@cdktf/provider-google/lib/sql-user'",
    "lib/mesh/lazy.ts: imports a cloud provider: '@cdktf/provider-azurerm/lib/public-ip'",
    'lib/workloads/transitive.ts: loads a cloud provider through lib/clusters/helper.ts -> @cdktf/provider-aws/lib/instance',
  ]);
});
