import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppView } from '../app-view';
import { HELM_VALUES_RULES } from './helm-values';

const [yaml11] = HELM_VALUES_RULES;

test('HELM_VALUES_YAML_1_1: an unquoted off is reported, a quoted one passes', () => {
  // GIVEN: Kong's `env.database: off`, as a YAML 1.2 writer leaves it.
  const broken = new AppView({ platform: { resource: { helm_release: { kong: { values: ['env:\n  database: off\n'] } } } } });
  const fixed = new AppView({ platform: { resource: { helm_release: { kong: { values: ['env:\n  database: "off"\n'] } } } } });
  // THEN
  assert.deepEqual(yaml11.check(broken).map((violation) => violation.address), ['platform/helm_release.kong']);
  assert.match(yaml11.check(broken)[0].message, /env\.database is "off" in YAML 1\.2 but false to Helm/);
  assert.deepEqual(yaml11.check(fixed), []);
});
