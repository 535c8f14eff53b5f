/**
 * `npm run bench`: whole-process measurements, median of N runs (default 5).
 *
 *   a) synthesis of the reference example (examples/acme-corp) as `npm run synth` runs it:
 *      precompiled JavaScript (the bench compiles first, outside the measurement);
 *   b) the floor: node loading only cdktf and the provider modules (a) loaded;
 *   b') the full floor: node loading every module (a) loaded (this library, yaml, cdktf,
 *      the providers: the issue's "a process that only loads the same modules"), in the
 *      order (a) loaded them, and doing nothing else;
 *   c) synthesis of generated topologies with 2 and with 20 zones, by an app that builds
 *      `CrossCloudMesh` itself (c) and through `synthTopologyFile` (c'), as the examples
 *      and the CLI do;
 *   d) `npm run synth` (the README's command) run again with nothing changed: npm, the
 *      build step and the synth, CPU time of all child processes;
 *   e) the cdktf floor of (a) and of (c'): the modules they loaded, then the same resources
 *      of the same prebuilt provider classes, empty (e) or with the values (a)/(c') wrote
 *      (e'), synthesized (test/bench/cdktf-floor.cjs): what a library that builds these
 *      resources with the prebuilt bindings costs if its own work costs nothing;
 *   f) (a) and (c') with cdktf's per-token creation stack traces turned off by a preload
 *      (test/bench/no-creation-stacks.cjs, a measurement: the library never does this).
 *
 * Prints CPU time (user + system), wall time and peak RSS of each, and the ratios a/b,
 * a/b', c20/c2, c'20/c'2 and d/b. The targets (issue 12 item 6) are on CPU time, which the other sessions
 * sharing this machine disturb less than wall time. Never asserts: numbers go in issue
 * notes. `BENCH_RUNS=9 npm run bench` for more runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench as measureBench, median, runs, Summary } from './measure';

const root = join(__dirname, '..', '..');
const bench = (label: string, args: string[], env?: Record<string, string>): Summary => measureBench(label, args, { cwd: root, env });

function ratios(a: Summary, b: Summary): string {
  return `${(a.cpuMs / b.cpuMs).toFixed(2)} CPU, ${(a.wallMs / b.wallMs).toFixed(2)} wall, ${(a.maxRssMb / b.maxRssMb).toFixed(2)} memory`;
}

/**
 * d) `npm run synth` as a newcomer runs it a second time. Child CPU time comes from the
 * shell's `times` builtin (its second line: user and system time of waited-for children),
 * because node reports resource usage of its own process only. Peak RSS is not measured.
 */
function benchNpmSynth(): Summary {
  const seconds = (text: string) => {
    const match = /^(\d+)m([\d.]+)s$/.exec(text);
    if (!match) throw new Error(`bench: cannot read a time from \`times\`: ${text}`);
    return Number(match[1]) * 60 + Number(match[2]);
  };
  const once = () => {
    const scratch = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
    const started = process.hrtime.bigint();
    const result = spawnSync('bash', ['-c', 'npm run --silent synth >/dev/null && times'], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: join(scratch, 'out') },
      encoding: 'utf8',
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    rmSync(scratch, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`bench: npm run synth failed\n${result.stderr}`);
    const [user, system] = result.stdout.trim().split('\n')[1].trim().split(/\s+/);
    return { wallMs, cpuMs: (seconds(user) + seconds(system)) * 1000 };
  };
  once(); // the first run may compile; the measured runs change nothing
  const samples = Array.from({ length: runs }, once);
  return {
    label: 'd) npm run synth, nothing changed',
    wallMs: median(samples.map((sample) => sample.wallMs)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    maxRssMb: NaN,
    providerModules: [],
    modules: [],
  };
}

/**
 * e) The cdktf floor of a generated topology's synth: test/bench/cdktf-floor.cjs loads the
 * modules (c') loaded, then creates the same providers, resources and data sources of the
 * same prebuilt classes with empty configs and synthesizes them. What (c') costs above it is
 * this library's own work (and the values it gives cdktf to resolve).
 */
function cdktfFloor(label: string, synthArgs: string[], subject: Summary, mode: 'empty' | 'values'): Summary {
  const scratch = mkdtempSync(join(tmpdir(), 'ccm-bench-floor-'));
  try {
    const out = join(scratch, 'out');
    const synth = spawnSync(process.execPath, synthArgs, {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: out },
      encoding: 'utf8',
    });
    if (synth.status !== 0) throw new Error(`bench: node ${synthArgs.join(' ')} failed\n${synth.stderr}`);
    const modules = join(scratch, 'modules.json');
    writeFileSync(modules, JSON.stringify(subject.modules));
    return bench(label, [join(__dirname, 'cdktf-floor.cjs'), modules, out, mode]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** How much of the growth from 2 to 20 zones is above the floor's growth, in CPU time. */
function share(twenty: Summary, two: Summary, floorTwenty: Summary, floorTwo: Summary): string {
  const growth = twenty.cpuMs - two.cpuMs;
  const floorGrowth = floorTwenty.cpuMs - floorTwo.cpuMs;
  return `${((100 * (growth - floorGrowth)) / growth).toFixed(0)} % (${((growth - floorGrowth) / 1000).toFixed(2)} s of ${(growth / 1000).toFixed(2)} s CPU)`;
}

function row(summary: Summary): string {
  const rss = Number.isNaN(summary.maxRssMb) ? 'n/a' : `${summary.maxRssMb.toFixed(0)} MB`;
  return `| ${summary.label} | ${(summary.cpuMs / 1000).toFixed(2)} s | ${(summary.wallMs / 1000).toFixed(2)} s | ${rss} |`;
}

const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) throw new Error('bench: the build failed');
const compiled = (path: string) => join(root, 'dist', path);

const example = bench('a) synth examples/acme-corp', [compiled('examples/acme-corp/main.js')]);
const floor = bench(
  `b) floor: cdktf + ${example.providerModules.length} provider modules`,
  [join(__dirname, 'floor.cjs'), ...example.providerModules.map((module) => `${module}/index.js`)],
);
// Passed in a file: several hundred absolute paths would not fit a command line everywhere.
const moduleList = join(mkdtempSync(join(tmpdir(), 'ccm-bench-')), 'modules.json');
writeFileSync(moduleList, JSON.stringify(example.modules));
const fullFloor = bench(`b') floor: all ${example.modules.length} modules (a) loaded`, [join(__dirname, 'floor-all.cjs'), moduleList]);

const exampleArgs = [compiled('examples/acme-corp/main.js')];
const exampleEmpty = cdktfFloor('e) cdktf floor of (a): same resources, empty', exampleArgs, example, 'empty');
const exampleValues = cdktfFloor("e') cdktf floor of (a): same resources and values", exampleArgs, example, 'values');
const exampleStackless = bench("f) (a) without cdktf's token creation stacks", ['--require', join(__dirname, 'no-creation-stacks.cjs'), ...exampleArgs]);

const lines = [
  `bench: median of ${runs} runs, node ${process.version}`,
  '',
  '| process | CPU | wall | peak RSS |',
  '|---|---|---|---|',
  row(example),
  row(floor),
  row(fullFloor),
  row(exampleEmpty),
  row(exampleValues),
  row(exampleStackless),
];

const generated = compiled('test/bench/synth-generated.js');
let zoneRatio = '';
if (existsSync(generated)) {
  const two = bench('c) synth generated topology, 2 zones (new App + CrossCloudMesh)', [generated, '2']);
  const twenty = bench('c) synth generated topology, 20 zones (new App + CrossCloudMesh)', [generated, '20']);
  const twoFile = bench("c') synth generated topology, 2 zones (synthTopologyFile)", [generated, '2', 'file']);
  const twentyFile = bench("c') synth generated topology, 20 zones (synthTopologyFile)", [generated, '20', 'file']);
  const twoArgs = [generated, '2', 'file'];
  const twentyArgs = [generated, '20', 'file'];
  const emptyTwo = cdktfFloor("e) cdktf floor of c') 2 zones: same resources, empty", twoArgs, twoFile, 'empty');
  const emptyTwenty = cdktfFloor("e) cdktf floor of c') 20 zones: same resources, empty", twentyArgs, twentyFile, 'empty');
  const valuesTwo = cdktfFloor("e') cdktf floor of c') 2 zones: same resources and values", twoArgs, twoFile, 'values');
  const valuesTwenty = cdktfFloor("e') cdktf floor of c') 20 zones: same resources and values", twentyArgs, twentyFile, 'values');
  const noStacks = join(__dirname, 'no-creation-stacks.cjs');
  const stacklessTwo = bench("f) c') 2 zones without cdktf's token creation stacks", ['--require', noStacks, ...twoArgs]);
  const stacklessTwenty = bench("f) c') 20 zones without cdktf's token creation stacks", ['--require', noStacks, ...twentyArgs]);
  lines.push(row(two), row(twenty), row(twoFile), row(twentyFile), row(emptyTwo), row(emptyTwenty), row(valuesTwo), row(valuesTwenty), row(stacklessTwo), row(stacklessTwenty));
  zoneRatio = [
    `c20/c2 = ${ratios(twenty, two)}`,
    `c'20/c'2 = ${ratios(twentyFile, twoFile)}`,
    `e20/e2 = ${ratios(emptyTwenty, emptyTwo)}, e'20/e'2 = ${ratios(valuesTwenty, valuesTwo)} (c'20/c'2 of a library whose own work costs nothing)`,
    `growth from 2 to 20 zones above e': ${share(twentyFile, twoFile, valuesTwenty, valuesTwo)}`,
    `f20/f2 = ${ratios(stacklessTwenty, stacklessTwo)} (c'20/c'2 if cdktf captured no creation stacks)`,
  ].join('\n');
}

const again = benchNpmSynth();
lines.push(row(again));

lines.push(
  '',
  `a/b = ${ratios(example, floor)}`,
  `a/b' = ${ratios(example, fullFloor)}`,
  `e(a)/b' = ${ratios(exampleEmpty, fullFloor)}, e'(a)/b' = ${ratios(exampleValues, fullFloor)} (a/b' of a library whose own work costs nothing)`,
  `f(a)/b' = ${ratios(exampleStackless, fullFloor)} (a/b' if cdktf captured no creation stacks)`,
  zoneRatio,
  `d/b = ${(again.cpuMs / floor.cpuMs).toFixed(2)} CPU, ${(again.wallMs / floor.wallMs).toFixed(2)} wall`,
);
console.log(lines.join('\n'));
