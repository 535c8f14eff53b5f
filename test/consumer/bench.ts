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
import { LIBRARY, installOffline, packLibrary, writeConsumerApp, writeConsumerManifest } from './consumer-project';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const preload = join(__dirname, '..', 'bench', 'measure-preload.cjs');
const floorScript = join(__dirname, '..', 'bench', 'floor.cjs');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssKb: number;
  providerModules: string[];
}

/** User + system time of every child this process has waited for, from /proc/self/stat. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

/** One whole-process run of node with the measuring preload (npm and tsc are node programs too). */
function measure(args: string[], cwd: string, prepare?: () => void, env: Record<string, string> = {}): Sample {
  prepare?.();
  const scratch = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
  const report = join(scratch, 'report.json');
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CCM_BENCH_REPORT: report, CDKTF_OUTDIR: join(scratch, 'out'), ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuMs = childrenCpuMs() - cpuBefore;
  try {
    if (result.status !== 0) throw new Error(`bench run failed: node ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
    const { maxRssKb, providerModules } = JSON.parse(readFileSync(report, 'utf8'));
    return { wallMs, cpuMs, maxRssKb, providerModules };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface Summary {
  label: string;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  providerModules: string[];
}

function bench(label: string, args: string[], cwd: string, prepare?: () => void, env?: Record<string, string>): Summary {
  measure(args, cwd, prepare, env); // warm the page cache; not counted
  const samples = Array.from({ length: runs }, () => measure(args, cwd, prepare, env));
  return {
    label,
    wallMs: median(samples.map((sample) => sample.wallMs)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    maxRssMb: median(samples.map((sample) => sample.maxRssKb)) / 1024,
    providerModules: samples[0].providerModules,
  };
}

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
