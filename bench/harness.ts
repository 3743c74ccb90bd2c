import { readFileSync } from 'node:fs';
import { hostname, cpus, totalmem } from 'node:os';

/** One measured figure, with the target the issue sets for it (when it sets one). */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The requirement, e.g. { atLeast: 40000 } or { atMost: 400 }. */
  readonly target?: { readonly atLeast?: number; readonly atMost?: number };
  readonly note?: string;
}

/** A benchmark: bench/<topic>.bench.ts default-exports one; `npm run bench [topic]` runs them. */
export interface Benchmark {
  readonly topic: string;
  /** The command that reproduces just this benchmark, for docs/benchmarks.md. */
  readonly command?: string;
  run(): Promise<Figure[]>;
}

export function meets(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  if (figure.target.atLeast !== undefined && figure.value < figure.target.atLeast) return false;
  if (figure.target.atMost !== undefined && figure.value > figure.target.atMost) return false;
  return true;
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${hostname()}: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}

/** Resident set size now, in MB. */
export function rssMb(): number {
  // rss() alone: memoryUsage() also gathers V8 heap statistics, ~0.3 ms a call, and the ingest
  // benchmark samples after every batch.
  return process.memoryUsage.rss() / 2 ** 20;
}

/**
 * CPU time the calling thread has run, in ms, or undefined off Linux. process.cpuUsage() counts
 * every thread: the write thread, V8's compiler and GC helpers as well as the main thread.
 */
export function threadCpuMs(): number | undefined {
  try {
    // schedstat's first field: nanoseconds on a CPU (stat's ticks are 10 ms, too coarse here).
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** CPU time of every thread of this process, in ms. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs fn and returns elapsed seconds. */
export async function timed(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
