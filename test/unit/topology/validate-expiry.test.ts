import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { TopologySpec } from '../../../lib/topology/topology-spec';
import { ephemeralExampleTopology } from '../../helpers/examples';

const issues = (edit: (spec: TopologySpec) => TopologySpec) =>
  topologyIssues(edit(ephemeralExampleTopology())).filter((issue) => ['ttl', 'expiresAt'].includes(issue.path));

test('an ephemeral environment with a ttl and no expiresAt is valid', () => {
  assert.deepEqual(issues((spec) => spec), []);
});

test('an ephemeral environment needs a ttl or an expiresAt', () => {
  const found = issues(({ ttl: _ttl, ...spec }) => spec);
  assert.equal(found.length, 1);
  assert.equal(found[0].path, 'expiresAt');
  assert.match(found[0].message, /is required when ephemeral .*or a ttl such as "3d"/);
});

test('ttl and expiresAt together are one issue that says to keep one', () => {
  const found = issues((spec) => ({ ...spec, expiresAt: '2030-01-31' }));
  assert.equal(found.length, 1);
  assert.equal(found[0].path, 'ttl');
  assert.match(found[0].message, /are both set: keep one/);
});

test('a ttl must be whole hours or days, at most 90 days', () => {
  for (const bad of ['3 days', '1.5d', '0h', '3w', '08h']) {
    const found = issues((spec) => ({ ...spec, ttl: bad }));
    assert.ok(found.length >= 1 && found.every((issue) => issue.path === 'ttl'), `${bad}: ${JSON.stringify(found)}`);
  }
  assert.match(issues((spec) => ({ ...spec, ttl: '91d' }))[0].message, /longer than 90 days/);
  assert.deepEqual(issues((spec) => ({ ...spec, ttl: '90d' })), []);
  assert.deepEqual(issues((spec) => ({ ...spec, ttl: '8h' })), []);
});
