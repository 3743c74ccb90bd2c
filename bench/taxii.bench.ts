import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN, NodeProcess } from '../test/support/node-process.js';
import type { Benchmark, Figure } from './harness.js';
import { writeIndicatorBundle } from './ingest.bench.js';

const IMPORTED = Number(process.env.BENCH_IMPORT ?? 1_000_000);
const PAGED = Number(process.env.BENCH_PAGED ?? 200_000);
const PAGE = 1000;
const TAXII = 'application/taxii+json;version=2.1';

/** Peak resident set of a running process, from the kernel's high-water mark (MB). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : 0;
}

/** Runs `accord import` as its own process (as an operator would) and watches its peak memory. */
async function importWatchingMemory(node: NodeProcess, file: string): Promise<{ seconds: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, 'import', '--data', node.dataDir, '--collection', 'intel', file], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let peakMb = 0;
  const timer = setInterval(() => {
    try {
      if (child.pid) peakMb = Math.max(peakMb, peakRssMb(child.pid));
    } catch {
      /* exited between polls */
    }
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`accord import failed (${code}): ${stderr}`);
  return { seconds: (performance.now() - started) / 1000, peakMb };
}

/** Pages through intel with TAXII GET /objects/ and the `next` cursor; returns objects per second. */
async function pageThrough(node: NodeProcess, wanted: number): Promise<number> {
  const token = await node.token();
  let next = '';
  let seen = 0;
  const started = performance.now();
  while (seen < wanted) {
    const response = await fetch(`${node.url}/taxii2/cn-ru-2015/collections/intel/objects/?limit=${PAGE}${next ? `&next=${next}` : ''}`, { headers: { authorization: `Bearer ${token}`, accept: TAXII } });
    if (response.status !== 200) throw new Error(`TAXII page failed: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { objects?: unknown[]; more?: boolean; next?: string };
    seen += page.objects?.length ?? 0;
    if (!page.more || !page.next) break;
    next = page.next;
  }
  if (seen < wanted) throw new Error(`only ${seen} objects to page through`);
  return seen / ((performance.now() - started) / 1000);
}

/** A real node process on SQLite: importing a 1,000,000-object bundle, then paging 200,000 over TAXII. */
const benchmark: Benchmark = {
  topic: 'taxii',
  command: 'npm run bench taxii   (BENCH_IMPORT=1000000 BENCH_PAGED=200000)',
  async run(): Promise<Figure[]> {
    const file = join(tmpdir(), `accord-bench-import-${IMPORTED}.json`);
    writeIndicatorBundle(file, IMPORTED);
    const node = await NodeProcess.create({ party: 'CN' });
    try {
      const imported = await importWatchingMemory(node, file);
      rmSync(file, { force: true });
      await node.start();
      const rate = await pageThrough(node, PAGED);
      return [
        { name: `peak RSS of \`accord import\` of a ${IMPORTED.toLocaleString('en-US')}-object bundle (SQLite)`, value: imported.peakMb, unit: 'MB', target: { atMost: 400 }, note: `${(IMPORTED / imported.seconds).toFixed(0)} objects/s` },
        { name: `TAXII GET paging through ${PAGED.toLocaleString('en-US')} objects at ${PAGE} per page (SQLite, loopback HTTP)`, value: rate, unit: 'objects/s', target: { atLeast: 20_000 } },
      ];
    } finally {
      await node.close();
      rmSync(file, { force: true });
    }
  },
};

export default benchmark;
