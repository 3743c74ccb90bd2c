import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, MAIN } from '../test/support/node-process.js';
import { percentile, type Benchmark, type Figure } from './harness.js';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
// As the command is started by a user: no V8 flags (this benchmark's own --expose-gc is not passed on).
const ENV = { ...process.env, NODE_OPTIONS: '', DATABASE_URL: '', ACCORD_LOCALE: 'en', ACCORD_LOG_LEVEL: 'warn', ACCORD_ADMIN_PASSWORD: 'bench-password-123' };

/** Milliseconds from spawning `accord <args>` to its exit. */
async function commandMs(args: readonly string[]): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [MAIN, ...args], { env: ENV });
  return performance.now() - started;
}

/** Milliseconds from spawning `accord serve` to its first answer on /healthz. */
async function serveMs(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, 'serve', '--data', dataDir, '--port', String(port)], { env: ENV, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`accord serve exited with ${child.exitCode}`);
      const answered = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (answered) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill();
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
}

async function figure(name: string, measure: () => Promise<number>, runs: number): Promise<Figure> {
  await measure(); // The first run reads the files from disk; the figure is a warm machine's.
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await measure());
  times.sort((a, b) => a - b);
  return { name: `${name}, median of ${runs}`, value: percentile(times, 50), unit: 'ms', note: `p90 ${percentile(times, 90).toFixed(0)} ms` };
}

const benchmark: Benchmark = {
  topic: 'startup',
  command: 'npm run bench startup   (BENCH_STARTUP_RUNS=15)',
  async run(): Promise<Figure[]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-startup-'));
    try {
      await run(process.execPath, [MAIN, 'init', '--data', dataDir, '--party', 'CN', '--url', 'http://127.0.0.1:8401'], { env: ENV });
      return [
        await figure('`accord --help`', () => commandMs(['--help']), RUNS),
        await figure('`accord profile list`', () => commandMs(['profile', 'list']), RUNS),
        await figure('`accord user list` (opens the node: SQLite, migrations checked, keys)', () => commandMs(['user', 'list', '--data', dataDir]), RUNS),
        await figure('`accord serve` until /healthz answers (SQLite)', () => serveMs(dataDir), Math.ceil(RUNS / 2)),
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
