import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findIndexImports, indexImportsIn } from '../lint/deep-imports';

test('lib/ and examples/ import prebuilt providers only through deep paths', () => {
  // THEN
  assert.deepEqual(findIndexImports(join(__dirname, '..', '..')), []);
});

test('the rule catches each form of index import', () => {
  // GIVEN
  const source = [
    "import { ContainerCluster } from '@cdktf/provider-google';",
    'const azurerm = require("@cdktf/provider-azurerm");',
    "import * as k8s from '@cdktf/provider-kubernetes/lib';",
    "const helm = await import('@cdktf/provider-helm');",
    "import { Release } from '@cdktf/provider-helm/lib/release';",
  ].join('\n');
  // WHEN
  const hits = indexImportsIn(source, 'x.ts');
  // THEN
  assert.deepEqual(
    hits.map((hit) => [hit.line, hit.module]),
    [
      [1, '@cdktf/provider-google'],
      [2, '@cdktf/provider-azurerm'],
      [3, '@cdktf/provider-kubernetes'],
      [4, '@cdktf/provider-helm'],
    ],
  );
});
