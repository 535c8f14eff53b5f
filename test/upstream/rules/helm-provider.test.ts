import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { HELM_PROVIDER_RULES } from './helm-provider';

const [schema] = HELM_PROVIDER_RULES;
const app = (release: Record<string, unknown>) => new AppView({ platform: { resource: { helm_release: { r: release } } } as any });

test('HELM_PROVIDER_SCHEMA: v2 block syntax, unknown arguments, wrong types and long names are reported', () => {
  // GIVEN: `set` as a v2 block, an argument v3 does not have, a string timeout, a 54-character name.
  const broken = app({ name: 'x'.repeat(54), chart: 'kong', set: { name: 'a', value: 'b' }, wait_for_rollout: true, timeout: '600', atomic: 'yes' });
  const fixed = app({ name: 'gateway', chart: 'kong', set: [{ name: 'a', value: 'b' }], timeout: 600, atomic: true, values: ['a: 1\n'] });
  // THEN
  const messages = schema.check(broken).map((v) => v.message);
  assert.equal(messages.length, 5, messages.join('\n'));
  assert.deepEqual(schema.check(fixed), []);
});
