/**
 * Every upstream rule over every app of the corpus (the examples and the matrix).
 * Each rule's failing case lives beside it, in `rules/<family>.test.ts`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CORPUS, viewOf } from './corpus';
import { UPSTREAM_RULES } from './rules';
import { formatViolations } from './types';

test('every rule cites its upstream source as owner/repo@tag:path', () => {
  for (const rule of UPSTREAM_RULES) {
    assert.ok(rule.sources.length > 0, `${rule.id} cites no source`);
    for (const source of rule.sources) {
      assert.match(source, /^[\w.-]+\/[\w.-]+@[\w.+-]+:[^\s]+/, `${rule.id}: "${source}" is not owner/repo@tag:path`);
    }
  }
  assert.equal(new Set(UPSTREAM_RULES.map((rule) => rule.id)).size, UPSTREAM_RULES.length, 'rule ids are unique');
});

for (const entry of CORPUS) {
  test(`${entry.name}: upstream consumers accept every emitted value`, () => {
    const app = viewOf(entry);
    const report = UPSTREAM_RULES.map((rule) => formatViolations(rule.id, rule.check(app))).filter(Boolean);
    assert.equal(report.length, 0, report.join('\n'));
  });
}
