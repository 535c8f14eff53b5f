import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../../lib/cli/main';
import { commands } from '../../../lib/cli/commands';
import { CliIo } from '../../../lib/cli/cli-io';

const ROOT = join(__dirname, '..', '..', '..');
const REFERENCE = readFileSync(join(ROOT, 'examples', 'acme-corp', 'topology.yaml'), 'utf8');
const BAD = REFERENCE.replace('  - name: azure\n', '  - name: Azure_West\n').replace('    zone: gcp\n', '    zone: GCP\n');

function captureIo(cwd = ROOT): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), env: {}, cwd };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'ccm-cli-'));
}

test('each command answers --help with its usage and exit 0, and runs nothing', async () => {
  for (const [name, command] of Object.entries(commands)) {
    for (const flag of ['--help', '-h']) {
      // GIVEN: a file argument that does not exist, so running the command would fail
      const io = captureIo();
      // WHEN
      const code = await runCli([name, 'missing.yaml', flag], io);
      // THEN
      assert.equal(code, 0, `${name} ${flag}: ${io.stderr.join('\n')}`);
      assert.equal(io.stdout[0], `usage: cross-cloud-mesh ${name} ${command.usage}`);
      assert.ok(io.stdout.includes(`  ${command.summary}`), name);
      assert.deepEqual(io.stderr, []);
    }
  }
  // `help <command>` is the same
  const io = captureIo();
  assert.equal(await runCli(['help', 'synth'], io), 0);
  assert.equal(io.stdout[0], `usage: cross-cloud-mesh synth ${commands.synth.usage}`);
});

test('--version prints the version in package.json', async () => {
  const io = captureIo();
  assert.equal(await runCli(['--version'], io), 0);
  assert.deepEqual(io.stdout, [JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version]);
});

test('synth --out and diagram --out create missing folders with their parents', async () => {
  const dir = scratch();
  try {
    writeFileSync(join(dir, 'topology.yaml'), REFERENCE);
    // WHEN
    const synth = captureIo(dir);
    const synthCode = await runCli(['synth', 'topology.yaml', '--out', 'build/deep/out'], synth);
    const diagram = captureIo(dir);
    const diagramCode = await runCli(['diagram', 'topology.yaml', '--out', 'docs/generated/topology.md'], diagram);
    // THEN
    assert.equal(synthCode, 0, synth.stderr.join('\n'));
    assert.ok(existsSync(join(dir, 'build', 'deep', 'out', 'stacks', 'acme-mesh', 'cdk.tf.json')));
    assert.equal(diagramCode, 0, diagram.stderr.join('\n'));
    assert.match(readFileSync(join(dir, 'docs', 'generated', 'topology.md'), 'utf8'), /```mermaid/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad topology makes no output folder', async () => {
  const dir = scratch();
  try {
    writeFileSync(join(dir, 'bad.yaml'), BAD);
    const io = captureIo(dir);
    assert.equal(await runCli(['synth', 'bad.yaml', '--out', 'build/out'], io), 1);
    assert.equal(existsSync(join(dir, 'build')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs a user's main.ts (importing the library from source) in its own folder, as `cdktf synth` would. */
function runApp(dir: string, body: string): { status: number | null; stdout: string; stderr: string } {
  const lib = (path: string) => JSON.stringify(join(ROOT, 'lib', path));
  writeFileSync(
    join(dir, 'main.ts'),
    [
      "import { App } from 'cdktf';",
      `import { CrossCloudMesh } from ${lib('topology/cross-cloud-mesh')};`,
      `import { loadTopology } from ${lib('topology/load-topology')};`,
      'const app = new App();',
      body,
      'app.synth();',
      '',
    ].join('\n'),
  );
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  return spawnSync(process.execPath, ['--import', tsx, 'main.ts'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), CDKTF_OUTDIR: join(dir, 'cdktf.out') },
  });
}

test('a bad topology through an App (loadTopology + CrossCloudMesh) prints the validate report and no stack trace', async () => {
  const dir = scratch();
  try {
    writeFileSync(join(dir, 'topology.yaml'), BAD);
    const validate = captureIo(dir);
    assert.equal(await runCli(['validate', 'topology.yaml'], validate), 1);
    // WHEN
    const app = runApp(dir, "new CrossCloudMesh(app, 'acme', { topology: loadTopology('topology.yaml') });");
    // THEN
    assert.equal(app.status, 1);
    assert.equal(app.stderr, `${validate.stderr.join('\n')}\n`);
    assert.doesNotMatch(app.stderr, /^\s+at /m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a typed topology with issues prints the same issue lines, headed "topology"', async () => {
  const dir = scratch();
  try {
    // GIVEN: the defaults of the ${VAR:-default} placeholders written out, as a typed spec has them
    writeFileSync(join(dir, 'topology.yaml'), BAD.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'));
    const validate = captureIo(dir);
    await runCli(['validate', 'topology.yaml'], validate);
    // WHEN: the spec is parsed without validation, as a typed object would arrive
    const app = runApp(dir, "new CrossCloudMesh(app, 'acme', { topology: require('yaml').parse(require('fs').readFileSync('topology.yaml', 'utf8')) });");
    // THEN
    assert.equal(app.status, 1);
    assert.equal(app.stderr, `${['topology: 2 issues', ...validate.stderr.slice(1)].join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the report changes nothing for errors the app catches, nor for other errors', () => {
  const dir = scratch();
  try {
    writeFileSync(join(dir, 'topology.yaml'), BAD);
    // WHEN: the app handles the topology error itself
    const caught = runApp(dir, "try { loadTopology('topology.yaml'); } catch { console.log('handled'); }");
    // THEN
    assert.equal(caught.status, 0, caught.stderr);
    assert.equal(caught.stdout, 'handled\n');
    // WHEN: some other error goes uncaught
    const other = runApp(dir, "loadTopology; throw new TypeError('not ours');");
    // THEN: node's own report, stack trace included
    assert.equal(other.status, 1);
    assert.match(other.stderr, /TypeError: not ours\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
