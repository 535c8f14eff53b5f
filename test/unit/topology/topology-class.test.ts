// Topology: the static jsii entry points (issue 12 item 4) wrap loadTopology / synthTopologyFile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topology } from '../../../lib/topology/topology';
import { TopologyValidationError } from '../../../lib/topology/validate-topology';

const reference = join(__dirname, '..', '..', '..', 'examples', 'acme-corp', 'topology.yaml');
const env = { ACME_EMAIL: 'platform@example.com' };

function withFile(text: string, run: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-topology-'));
  try {
    const path = join(dir, 'topology.yaml');
    writeFileSync(path, text);
    run(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Topology.fromFile loads the reference topology; Topology.validate finds no issue in it', () => {
  assert.equal(Topology.fromFile(reference, env).environment, 'acme');
  assert.deepEqual(Topology.validate(reference, env), []);
});

test('Topology.validate returns the issues (field path, value, fix) that fromFile throws', () => {
  withFile('environment: Not_A_Name\n', (path) => {
    const issues = Topology.validate(path, {});
    assert.ok(issues.length > 0);
    assert.ok(issues.some((issue) => issue.path === 'environment' && issue.value === 'Not_A_Name'), JSON.stringify(issues));
    assert.throws(() => Topology.fromFile(path, {}), (error: unknown) => error instanceof TopologyValidationError && error.issues.length === issues.length);
  });
  withFile('', (path) => assert.equal(Topology.validate(path, {}).length, 1));
});
