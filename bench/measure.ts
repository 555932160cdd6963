import { cpus, loadavg, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Latencies of many samples: the percentiles the issue asks for, and the extremes. */
export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

/** A figure measured a few times over: its median and how far the runs spread. */
export interface Runs {
  runs: number;
  median: number;
  min: number;
  max: number;
  /** Sample standard deviation (0 for one run). */
  stdev: number;
  values: number[];
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function latencyOf(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

export function runsOf(values: readonly number[]): Runs {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  const variance = sorted.length > 1 ? sorted.reduce((a, v) => a + (v - mean) ** 2, 0) / (sorted.length - 1) : 0;
  return {
    runs: sorted.length,
    median: percentile(sorted, 50),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    stdev: Math.sqrt(variance),
    values: [...values],
  };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function timed<T>(work: () => T): { ms: number; value: T } {
  const start = nowMs();
  const value = work();
  return { ms: nowMs() - start, value };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = nowMs();
  const value = await work();
  return { ms: nowMs() - start, value };
}

/**
 * Per-call latency over `items`, after `warmup` untimed calls (JIT and caches settle), repeated for
 * `passes` passes so rare slow calls show in p99.
 */
export function latencies<T>(items: readonly T[], call: (item: T) => unknown, options: { warmup: number; passes: number }): Latency {
  for (let i = 0; i < options.warmup; i++) call(items[i % items.length]!);
  const samples: number[] = [];
  for (let pass = 0; pass < options.passes; pass++) {
    for (const item of items) {
      const start = nowMs();
      call(item);
      samples.push(nowMs() - start);
    }
  }
  return latencyOf(samples);
}

let collect: (() => void) | undefined;

/** A full garbage collection before a memory reading, so it shows what is held, not what is waiting. */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
}

export const MB = 1024 * 1024;

export function residentMb(): number {
  return process.memoryUsage().rss / MB;
}

export function heapMb(): number {
  return process.memoryUsage().heapUsed / MB;
}

/** Where the numbers were measured. The load average says how busy the machine was meanwhile. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverage: number[];
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
