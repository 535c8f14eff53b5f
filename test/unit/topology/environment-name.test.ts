import { test } from 'node:test';
import assert from 'node:assert/strict';
import { environmentNameFrom } from '../../../lib/topology/environment-name';
import { isDns1123Label } from '../../../lib/private/validation';

test('a name that is already DNS-safe and short is kept as it is', () => {
  assert.equal(environmentNameFrom('pr-123'), 'pr-123');
});

test('branch names become DNS-safe, bounded, and distinct when they differ only in case or punctuation', () => {
  // WHEN
  const names = ['Feature/Login_Page', 'feature-login-page-x', 'feature/login-page', '123-fix', 'a/very/long/branch/name/that/goes/on'].map(
    (source) => environmentNameFrom(source),
  );
  // THEN
  for (const name of names) {
    assert.ok(isDns1123Label(name), `${name} is a DNS-1123 label`);
    assert.ok(name.length <= 20, `${name} fits 20 characters`);
    assert.match(name, /^[a-z]/);
  }
  assert.equal(new Set(names).size, names.length);
  assert.notEqual(environmentNameFrom('Feature/X'), environmentNameFrom('feature-x'));
});

test('a source with no letters still gives a usable name', () => {
  assert.match(environmentNameFrom('1234'), /^env-[0-9a-f]{6}$/);
});
