import { test } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { mergeValues, renderValues } from '../../../lib/private/helm-values';

test('extra values merge last; lists are replaced', () => {
  const merged = mergeValues({ a: { b: 1, c: [1] } }, { a: { c: [2], d: 3 } });
  assert.deepEqual(merged, { a: { b: 1, c: [2], d: 3 } });
});

test('strings that YAML 1.1 reads as booleans stay strings for Helm', () => {
  // sigs.k8s.io/yaml (Helm's values parser) follows YAML 1.1, where plain off/on/yes/no/y/n are booleans.
  const values = { env: { database: 'off' }, flags: ['on', 'yes', 'no', 'y', 'n', 'Off'], real: false };
  const rendered = renderValues(values);
  assert.deepEqual(YAML.parse(rendered, { version: '1.1' }), values);
  assert.deepEqual(YAML.parse(rendered, { version: '1.2' }), values);
});

test('values render as YAML that parses back to the same tree', () => {
  const values = { a: { b: 1, c: ['x', 2] }, d: '0755', e: '1:20', f: '2030-01-31' };
  assert.deepEqual(YAML.parse(renderValues(values), { version: '1.1' }), values);
});
