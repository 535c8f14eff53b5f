/**
 * `tsc --noEmit` over lib, examples and test, inside `npm test`: the tests run through tsx,
 * which strips types without checking them, so a compile-time guarantee a test states with
 * `@ts-expect-error` (a Cloud without a seam, an IGlobalControlPlane that leaves a zone
 * decision unanswered) would otherwise be checked only by `npm run lint`, which CI does not run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('the project type-checks (tsc --noEmit), so every @ts-expect-error in the tests is enforced', () => {
  const root = join(__dirname, '..', '..');
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', join(root, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `tsc --noEmit failed:\n${result.stdout}${result.stderr}`);
});
