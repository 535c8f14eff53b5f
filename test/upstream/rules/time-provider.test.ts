import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { TIME_PROVIDER_RULES } from './time-provider';

const [durations, offsets] = TIME_PROVIDER_RULES;

test('TIME_SLEEP_DURATIONS: a compound or missing duration, or a pause after nothing, is reported', () => {
  const app = (sleep: Record<string, unknown>) =>
    new AppView({ infra: { resource: { azurerm_role_assignment: { grant: { scope: '/x' } }, time_sleep: { wait: sleep } } } });
  const after = { depends_on: ['azurerm_role_assignment.grant'] };
  // THEN
  assert.match(durations.check(app({ create_duration: '2m30s', ...after }))[0].message, /not a number followed by/);
  assert.match(durations.check(app({ ...after }))[0].message, /AtLeastOneOf/);
  assert.match(durations.check(app({ create_duration: '120s' }))[0].message, /depends on nothing/);
  assert.deepEqual(durations.check(app({ create_duration: '120s', ...after })), []);
});

test('TIME_OFFSET_FIXED_AT_CREATE: no offset, a fractional one, or a base written at synth is reported', () => {
  const app = (offset: Record<string, unknown>) => new AppView({ infra: { resource: { time_offset: { expiry: offset } } } });
  // THEN
  assert.match(offsets.check(app({}))[0].message, /AtLeastOneOf/);
  assert.match(offsets.check(app({ offset_days: 1.5 }))[0].message, /not a whole number/);
  assert.match(offsets.check(app({ offset_days: 3, base_rfc3339: '2030-01-01T00:00:00Z' }))[0].message, /leave it to the provider/);
  assert.deepEqual(offsets.check(app({ offset_hours: 8 })), []);
});
