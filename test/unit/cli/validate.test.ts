import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../../lib/cli/main';
import { commands } from '../../../lib/cli/commands';
import { CliIo } from '../../../lib/cli/cli-io';

const ROOT = join(__dirname, '..', '..', '..');

function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), env, cwd: ROOT };
}

test('validate prints ok and a summary for the reference example', async () => {
  // GIVEN
  const io = captureIo();
  // WHEN
  const code = await runCli(['validate', 'examples/acme-corp/topology.yaml'], io);
  // THEN
  assert.equal(code, 0);
  assert.equal(io.stdout[0], 'ok examples/acme-corp/topology.yaml');
  assert.ok(io.stdout.some((line) => line.includes('stacks acme-infra, acme-platform, acme-mesh')));
  assert.ok(io.stdout.some((line) => line.includes('routes: 2 (1 local, 1 cross-zone)')));
  assert.deepEqual(io.stderr, []);
});

test('validate lists every issue with its field path and exits 1', async () => {
  // GIVEN
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  const path = join(dir, 'topology.yaml');
  const reference = readFileSync(join(ROOT, 'examples', 'acme-corp', 'topology.yaml'), 'utf8');
  writeFileSync(path, reference.replace('  - name: azure\n', '  - name: Azure_West\n').replace('    zone: gcp\n', '    zone: GCP\n'));
  const io = captureIo();
  // WHEN
  const code = await runCli(['validate', path], io);
  // THEN
  assert.equal(code, 1);
  assert.deepEqual(io.stdout, []);
  assert.equal(io.stderr[0], `${path}: 2 issues`);
  assert.match(io.stderr[1], /^ {2}zones\[0\]\.name: "Azure_West" must be a DNS-1123 label .*"azure-west"/);
  assert.match(io.stderr[2], /^ {2}gateways\[0\]\.zone: "GCP" must be a DNS-1123 label/);
});

test('validate expands variables from the given environment', async () => {
  // GIVEN
  const io = captureIo({ GOOGLE_PROJECT: 'Not A Project' });
  // WHEN
  const code = await runCli(['validate', 'examples/acme-corp/topology.yaml'], io);
  // THEN
  assert.equal(code, 1);
  assert.match(io.stderr[1], /accounts\.gcp\.project: "Not A Project"/);
});

test('usage errors exit 2', async () => {
  for (const argv of [[], ['validate'], ['validate', 'a.yaml', 'b.yaml'], ['deploy', 'a.yaml']]) {
    // GIVEN
    const io = captureIo();
    // WHEN
    const code = await runCli(argv, io);
    // THEN
    assert.equal(code, 2, argv.join(' '));
    assert.ok(io.stderr.length > 0);
  }
});

test('--help lists the commands of the table', async () => {
  // GIVEN
  const io = captureIo();
  // WHEN
  const code = await runCli(['--help'], io);
  // THEN
  assert.equal(code, 0);
  for (const name of Object.keys(commands)) assert.ok(io.stdout.some((line) => line.trimStart().startsWith(`${name} `)), name);
});

test('the bin runs as a process and sets the exit code', () => {
  // WHEN
  const ok = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/cross-cloud-mesh.ts', 'validate', 'examples/acme-corp/topology.yaml'], { cwd: ROOT, encoding: 'utf8' });
  const bad = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/cross-cloud-mesh.ts', 'validate', 'missing.yaml'], { cwd: ROOT, encoding: 'utf8' });
  // THEN
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^ok /);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /missing\.yaml.*cannot be read/);
});
