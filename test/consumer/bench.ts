/**
 * `npm run bench:consumer`: what adopting the package costs a consumer project, measured
 * as `npm run bench` measures (test/bench/bench.ts): whole processes, one warm-up run not
 * counted, the median of N (default 5, `BENCH_RUNS=9`), wall time and peak RSS, plus CPU
 * time (user + system of the process and everything it waited for), each against a floor:
 *
 *   install     `npm ci --offline` of the consumer / of the same project without the library
 *   type-check  tsc under the template's tsconfig (node10) / an app that imports only cdktf
 *   synth       the compiled app with node / node loading cdktf and the provider modules the
 *               synth loaded (test/bench/floor.cjs, as bench.ts builds it)
 *   import      `require` of the root, of the deep entry construct / of cdktf alone
 *
 * Never asserts; the figures go in issue notes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench as measureBench, runs, Summary } from '../bench/measure';
import { LIBRARY, installOffline, packLibrary, writeConsumerApp, writeConsumerManifest } from './consumer-project';

const floorScript = join(__dirname, '..', 'bench', 'floor.cjs');
// CPU of everything each process waited for: npm and tsc run work in children.
const bench = (label: string, args: string[], cwd: string, prepare?: () => void, env?: Record<string, string>): Summary =>
  measureBench(label, args, { cwd, prepare, env, cpu: 'children' });

const row = (summary: Summary) =>
  `| ${summary.label} | ${(summary.wallMs / 1000).toFixed(2)} s | ${(summary.cpuMs / 1000).toFixed(2)} s | ${summary.maxRssMb.toFixed(0)} MB |`;
const ratio = (name: string, a: Summary, b: Summary) =>
  `${name} / floor = ${(a.wallMs / b.wallMs).toFixed(2)} wall, ${(a.cpuMs / b.cpuMs).toFixed(2)} CPU, ${(a.maxRssMb / b.maxRssMb).toFixed(2)} memory`;

const scratch = mkdtempSync(join(tmpdir(), 'ccm-consumer-bench-'));
try {
  const packed = packLibrary(scratch);
  const consumer = join(scratch, 'consumer');
  const floorProject = join(scratch, 'floor');
  writeConsumerManifest(consumer, packed);
  writeConsumerManifest(floorProject, undefined);
  const npm = spawnSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).stdout.trim();
  const npmCli = join(npm, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  const ci = ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'];
  const clean = (dir: string) => () => rmSync(join(dir, 'node_modules'), { recursive: true, force: true });

  const install = bench('install: npm ci --offline, consumer', [npmCli, ...ci], consumer, clean(consumer));
  const installFloor = bench('install floor: the same without the library', [npmCli, ...ci], floorProject, clean(floorProject));

  installOffline(consumer);
  installOffline(floorProject);
  writeConsumerApp(consumer, readFileSync(join(consumer, 'node_modules', LIBRARY, 'examples', 'acme-corp', 'topology.yaml'), 'utf8'));
  writeFileSync(join(consumer, 'floor.ts'), "import { App, TerraformStack } from 'cdktf';\nconst app = new App();\nnew TerraformStack(app, 'floor');\napp.synth();\n");
  const tsc = join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  const options = JSON.parse(readFileSync(join(consumer, 'tsconfig.node10.json'), 'utf8')).compilerOptions;
  writeFileSync(join(consumer, 'tsconfig.floor.json'), JSON.stringify({ compilerOptions: { ...options, outDir: 'build-floor', tsBuildInfoFile: 'build-floor.tsbuildinfo' }, files: ['floor.ts'] }));
  writeFileSync(join(consumer, 'tsconfig.app.json'), JSON.stringify({ compilerOptions: options, files: ['main.ts'] }));
  const fresh = (...paths: string[]) => () => paths.forEach((path) => rmSync(join(consumer, path), { recursive: true, force: true }));

  const typeCheck = bench('type-check: tsc, main.ts (node10, template tsconfig)', [tsc, '-p', 'tsconfig.app.json'], consumer, fresh('build-node10', 'build-node10.tsbuildinfo'));
  const typeCheckFloor = bench('type-check floor: an app importing only cdktf', [tsc, '-p', 'tsconfig.floor.json'], consumer, fresh('build-floor', 'build-floor.tsbuildinfo'));

  const synth = bench('synth: node build-node10/main.js', [join('build-node10', 'main.js')], consumer);
  const synthFloor = bench(`synth floor: cdktf + ${synth.providerModules.length} provider modules`, [floorScript, ...synth.providerModules.map((module) => `${module}/index.js`)], consumer);

  const root = bench(`import: require('${LIBRARY}')`, ['-e', `require('${LIBRARY}')`], consumer);
  const deep = bench(`import: require('${LIBRARY}/lib/topology/cross-cloud-mesh')`, ['-e', `require('${LIBRARY}/lib/topology/cross-cloud-mesh')`], consumer);
  const importFloor = bench("import floor: require('cdktf')", ['-e', "require('cdktf')"], consumer);

  console.log(
    [
      `bench:consumer: median of ${runs} runs, node ${process.version}`,
      '',
      '| process | wall | CPU | peak RSS |',
      '|---|---|---|---|',
      ...[install, installFloor, typeCheck, typeCheckFloor, synth, synthFloor, root, deep, importFloor].map(row),
      '',
      ratio('install', install, installFloor),
      ratio('type-check', typeCheck, typeCheckFloor),
      ratio('synth', synth, synthFloor),
      ratio('root import', root, importFloor),
      ratio('deep entry import', deep, importFloor),
      `provider modules loaded: root import ${root.providerModules.length}, deep entry ${deep.providerModules.length}, synth ${synth.providerModules.length} (deep paths only: bench.ts's preload matches lib/<resource>/index.js)`,
    ].join('\n'),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
