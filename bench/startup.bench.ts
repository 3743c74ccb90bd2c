import { NodeProcess } from '../test/support/node-process.js';
import { percentile, type Benchmark, type Figure } from './harness.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);

async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
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
    // Started as a user starts the command: no V8 flags (this benchmark's own --expose-gc is not passed on).
    const node = await NodeProcess.create({ party: 'CN', env: { NODE_OPTIONS: '', ACCORD_LOCALE: 'en' } });
    const command = (args: string[]) => () => elapsedMs(() => node.cli(args));
    // Until /healthz answers, asked every 5 ms; stopping the node is not timed.
    const serve = async () => {
      const ms = await elapsedMs(() => node.start({}, [], 5));
      await node.stop();
      return ms;
    };
    try {
      return [
        await figure('`accord --help`', command(['--help']), RUNS),
        await figure('`accord profile list`', command(['profile', 'list']), RUNS),
        await figure('`accord user list` (opens the node: SQLite, migrations checked, keys)', command(['user', 'list', '--data', node.dataDir]), RUNS),
        await figure('`accord serve` until /healthz answers (SQLite)', serve, Math.ceil(RUNS / 2)),
      ];
    } finally {
      await node.close();
    }
  },
};

export default benchmark;
