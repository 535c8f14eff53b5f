/**
 * File snapshots for the two things CONVENTIONS.md allows snapshots of: the golden
 * resource-address list and the reference example's diagram. `UPDATE_SNAPSHOTS=1 npm test`
 * rewrites them; review the diff like code.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';

export function assertMatchesSnapshot(actual: string, path: string, what: string): void {
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(path)) {
    if (process.env.CI === 'true' && !existsSync(path)) {
      assert.fail(`${what}: snapshot ${path} is missing; run UPDATE_SNAPSHOTS=1 npm test locally and commit it`);
    }
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${what} changed: if on purpose, run UPDATE_SNAPSHOTS=1 npm test and commit ${path}`);
}
