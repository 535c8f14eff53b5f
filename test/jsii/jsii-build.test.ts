// The public API compiles with the jsii compiler (issue 12 item 4): no jsii error, and the
// assembly carries the static entry points that replace the free functions. jsii's rules:
// aws/jsii-compiler@v5.9 (JSII8002 camelCase members, JSII5015 re-declared members,
// JSII1003 string-indexed maps, JSII3004 Error subclasses, JSII9002 unexported types).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsiiErrors, runJsiiBuild } from './jsii-build';

function build(appendToIndex = '') {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-jsii-'));
  const result = runJsiiBuild(join(dir, 'jsii'), appendToIndex);
  return { ...result, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('jsii compiles lib/index.ts with zero errors, into an assembly with the Topology entry points', () => {
  const result = build();
  try {
    assert.deepEqual(jsiiErrors(result.output), [], result.output);
    assert.equal(result.status, 0, result.output);
    const assembly = JSON.parse(readFileSync(join(result.stagingDir, '.jsii'), 'utf8'));
    const topology = assembly.types['cdktf-cross-cloud-mesh.Topology'];
    assert.ok(topology, 'Topology is in the assembly');
    assert.deepEqual(topology.methods.map((m: { name: string; static?: boolean }) => `${m.name}:${m.static}`).sort(), ['fromFile:true', 'synthFile:true', 'validate:true']);
    // The Error subclasses stay TypeScript-only (lib/core/errors), jsii cannot carry them.
    for (const name of ['ValidationError', 'TopologyValidationError', 'PeerDependencyError']) {
      assert.equal(assembly.types[`cdktf-cross-cloud-mesh.${name}`], undefined, name);
    }
    assert.ok(assembly.types['cdktf-cross-cloud-mesh.TopologyIssue'], 'TopologyIssue: the jsii-safe facts of Topology.validate');
  } finally {
    result.cleanup();
  }
});

test('the jsii build fails on an API jsii cannot carry (a PascalCase struct field)', () => {
  const result = build('export interface BrokenForJsii { readonly Env: string }');
  try {
    assert.notEqual(result.status, 0);
    assert.ok(jsiiErrors(result.output).some((line) => line.includes('JSII8002') && line.includes('BrokenForJsii.Env')), result.output);
  } finally {
    result.cleanup();
  }
});
