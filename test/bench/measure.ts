/**
 * Whole-process measurement shared by `npm run bench` and `npm run bench:consumer`: node runs
 * the command with test/bench/measure-preload.cjs, which reports peak RSS, CPU time and the
 * modules loaded; one warm-up run is not counted, then the median of `BENCH_RUNS` (default 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Measured runs per process (`BENCH_RUNS=9 npm run bench` for more). */
export const runs = Number(process.env.BENCH_RUNS ?? 5);
const preload = join(__dirname, 'measure-preload.cjs');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

export interface MeasureOptions {
  /** Working directory of the process. */
  readonly cwd: string;
  /** Runs before each measured process (e.g. removes the output of the previous run). */
  readonly prepare?: () => void;
  readonly env?: Record<string, string>;
  /**
   * `process`: the CPU time of the node process itself (the preload's report);
   * `children`: of everything it waited for too (npm and tsc spawn their own).
   * @default process
   */
  readonly cpu?: 'process' | 'children';
}

export interface Summary {
  readonly label: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  /** `@cdktf/provider-*\/lib/<resource>` modules the process loaded. */
  readonly providerModules: string[];
  /** Every module file it loaded, in load order. */
  readonly modules: string[];
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssKb: number;
  readonly providerModules: string[];
  readonly modules: string[];
}

/** User + system time of every child this process has waited for, from /proc/self/stat. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

function measure(args: string[], options: MeasureOptions): Sample {
  options.prepare?.();
  const scratch = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
  const report = join(scratch, 'report.json');
  const childrenBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd: options.cwd,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CCM_BENCH_REPORT: report, CDKTF_OUTDIR: join(scratch, 'out'), ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const childrenMs = childrenCpuMs() - childrenBefore;
  try {
    if (result.status !== 0) throw new Error(`bench run failed: node ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
    const { maxRssKb, cpuMs, providerModules, modules } = JSON.parse(readFileSync(report, 'utf8'));
    return { wallMs, cpuMs: options.cpu === 'children' ? childrenMs : cpuMs, maxRssKb, providerModules, modules };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `node <args>` measured: one warm-up run (transpiler and page caches), then the median of the runs. */
export function bench(label: string, args: string[], options: MeasureOptions): Summary {
  measure(args, options);
  const samples = Array.from({ length: runs }, () => measure(args, options));
  return {
    label,
    wallMs: median(samples.map((sample) => sample.wallMs)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    maxRssMb: median(samples.map((sample) => sample.maxRssKb)) / 1024,
    providerModules: samples[0].providerModules,
    modules: samples[0].modules,
  };
}
