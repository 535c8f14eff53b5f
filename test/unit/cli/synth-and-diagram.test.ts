import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../lib/cli/main';
import { CliIo } from '../../../lib/cli/cli-io';

const root = join(__dirname, '..', '..', '..');
const reference = join(root, 'examples', 'acme-corp', 'topology.yaml');

function io(cwd: string): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), env: {}, cwd };
}

test('synth writes the three staged stacks and topology.md into --out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-cli-'));
  try {
    const console = io(dir);
    // WHEN
    const code = await runCli(['synth', reference, '--out', 'out'], console);
    // THEN
    assert.equal(code, 0, console.errors.join('\n'));
    for (const stage of ['infra', 'platform', 'mesh']) {
      assert.ok(existsSync(join(dir, 'out', 'stacks', `acme-${stage}`, 'cdk.tf.json')), `acme-${stage} synthesized`);
    }
    assert.match(readFileSync(join(dir, 'out', 'topology.md'), 'utf8'), /```mermaid/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('diagram prints the same Markdown the example pins', async () => {
  const console = io(root);
  assert.equal(await runCli(['diagram', reference], console), 0);
  assert.equal(`${console.lines.join('\n')}\n`, readFileSync(join(root, 'examples', 'acme-corp', 'topology.md'), 'utf8'));
});

test('synth and diagram of a bad topology exit 1 with field-path errors and write nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-cli-'));
  try {
    writeFileSync(join(dir, 'bad.yaml'), readFileSync(reference, 'utf8').replace('name: gcp\n', 'name: GCP_West\n'));
    for (const command of ['synth', 'diagram']) {
      const console = io(dir);
      assert.equal(await runCli([command, 'bad.yaml', '--out', 'out'], console), 1);
      assert.ok(console.errors.some((line) => line.includes('zones[1].name: "GCP_West"')), console.errors.join('\n'));
    }
    assert.equal(existsSync(join(dir, 'out')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
