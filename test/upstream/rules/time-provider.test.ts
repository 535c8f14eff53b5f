import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { TIME_PROVIDER_RULES } from './time-provider';

const [durations] = TIME_PROVIDER_RULES;

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
