import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN, NodeProcess } from '../test/support/node-process.js';
import type { Benchmark, Figure } from './harness.js';
import { writeIndicatorBundle } from './ingest.bench.js';

const IMPORTED = Number(process.env.BENCH_IMPORT ?? 1_000_000);
const PAGED = Number(process.env.BENCH_PAGED ?? 200_000);
const PULLED = Number(process.env.BENCH_PULLED ?? 20_000);
const PAGE = 1000;
const TAXII = 'application/taxii+json;version=2.1';

/** Peak resident set of a running process, from the kernel's high-water mark (MB). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : 0;
}

/** Runs `accord import` of a file or a TAXII collection as its own process (as an operator would) and watches its peak memory. */
async function importWatchingMemory(node: NodeProcess, item: string, env: Record<string, string> = {}): Promise<{ seconds: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, 'import', '--data', node.dataDir, '--collection', 'intel', item], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DATABASE_URL: '', ...env } });
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

/** A TCP relay on loopback that holds every chunk `delayMs` each way: a distant TAXII server's round trip. */
async function delayingRelay(port: number, delayMs: number): Promise<{ port: number; close: () => void }> {
  const relay = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => setTimeout(() => to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, close: () => server.close() };
}

/**
 * `accord import` of another node's TAXII collection (PULLED indicators), over loopback and through
 * a relay adding 50 ms each way, each into a new node: the rate and the puller's peak memory.
 */
async function pullFigures(): Promise<Figure[]> {
  const file = join(tmpdir(), `accord-bench-pull-${PULLED}.json`);
  writeIndicatorBundle(file, PULLED);
  const source = await NodeProcess.create({ party: 'RU' });
  const figures: Figure[] = [];
  try {
    await source.cli(['import', '--data', source.dataDir, file]);
    await source.start();
    const env = { ACCORD_TAXII_USER: 'admin', ACCORD_TAXII_PASSWORD: await source.token() };
    for (const delayMs of [0, 50]) {
      const relay = await delayingRelay(source.port, delayMs);
      const target = await NodeProcess.create({ party: 'CN' });
      try {
        const pulled = await importWatchingMemory(target, `http://127.0.0.1:${relay.port}/taxii2/cn-ru-2015/collections/intel/`, env);
        const where = delayMs ? `through a ${2 * delayMs} ms round trip` : 'loopback';
        figures.push({ name: `\`accord import\` of another node's TAXII collection, ${PULLED.toLocaleString('en-US')} indicators (SQLite, ${where})`, value: PULLED / pulled.seconds, unit: 'objects/s', note: `whole command ${pulled.seconds.toFixed(2)} s, peak RSS ${pulled.peakMb.toFixed(0)} MB` });
      } finally {
        relay.close();
        await target.close();
      }
    }
    return figures;
  } finally {
    await source.close();
    rmSync(file, { force: true });
  }
}

/** A real node process on SQLite: importing a 1,000,000-object bundle, then paging 200,000 over TAXII. */
const benchmark: Benchmark = {
  topic: 'taxii',
  command: 'npm run bench taxii   (BENCH_IMPORT=1000000 BENCH_PAGED=200000 BENCH_PULLED=20000)',
  async run(): Promise<Figure[]> {
    const file = join(tmpdir(), `accord-bench-import-${IMPORTED}.json`);
    writeIndicatorBundle(file, IMPORTED);
    const node = await NodeProcess.create({ party: 'CN' });
    try {
      const imported = await importWatchingMemory(node, file);
      rmSync(file, { force: true });
      await node.start();
      const rate = await pageThrough(node, PAGED);
      await node.stop();
      return [
        { name: `peak RSS of \`accord import\` of a ${IMPORTED.toLocaleString('en-US')}-object bundle (SQLite)`, value: imported.peakMb, unit: 'MB', target: { atMost: 400 }, note: `${(IMPORTED / imported.seconds).toFixed(0)} objects/s` },
        { name: `TAXII GET paging through ${PAGED.toLocaleString('en-US')} objects at ${PAGE} per page (SQLite, loopback HTTP)`, value: rate, unit: 'objects/s', target: { atLeast: 20_000 } },
        ...(await pullFigures()),
      ];
    } finally {
      await node.close();
      rmSync(file, { force: true });
    }
  },
};

export default benchmark;
