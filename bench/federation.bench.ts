import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeProcess, peer, eventually } from '../test/support/node-process.js';
import { percentile, type Benchmark, type Figure } from './harness.js';

const REPLICATED = Number(process.env.BENCH_REPLICATE ?? 100_000);
const SENDS = Number(process.env.BENCH_SENDS ?? 1000);

function indicator(i: number): Record<string, unknown> {
  return {
    type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: '2026-11-01T08:00:00.000Z', modified: '2026-11-01T08:00:00.000Z',
    name: `C2 ${i}`, pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`, pattern_type: 'stix', valid_from: '2026-11-01T08:00:00Z',
  };
}

async function receivedCount(node: NodeProcess): Promise<number> {
  return (await node.api<{ total: number }>('/api/v1/objects?origin=CN&limit=1')).body.total;
}

interface StreamedEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** Reads a node's event stream (the given type prefixes), calling onEvent as each event arrives; abort to stop. */
async function subscribe(node: NodeProcess, types: string, onEvent: (event: StreamedEvent, at: number) => void): Promise<AbortController> {
  const controller = new AbortController();
  const stream = await fetch(`${node.url}/api/v1/events?types=${types}`, { headers: { authorization: `Bearer ${await node.token()}` }, signal: controller.signal });
  const reader = stream.body?.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    for (;;) {
      const chunk: { done: boolean; value?: Uint8Array } | undefined = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      const at = performance.now();
      for (const block of blocks) {
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) onEvent(JSON.parse(data.slice(6)) as StreamedEvent, at);
      }
    }
  })();
  return controller;
}

/** Two real nodes on loopback (SQLite): bulk replication throughput and small-message latency. */
const benchmark: Benchmark = {
  topic: 'federation',
  command: 'npm run bench federation',
  async run(): Promise<Figure[]> {
    const [cn, ru] = await Promise.all([NodeProcess.create({ party: 'CN' }), NodeProcess.create({ party: 'RU' })]);
    try {
      await peer(cn, ru);
      // Queue everything while the sender is stopped, so the measurement is replication alone.
      const file = join(tmpdir(), `accord-bench-${randomUUID()}.json`);
      writeFileSync(file, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: Array.from({ length: REPLICATED }, (_, i) => indicator(i)) }));
      await cn.cli(['import', '--data', cn.dataDir, '--collection', 'outbox-RU', file]);
      rmSync(file);
      await ru.start();
      // The end is the last bundle-received event on RU (sent after its objects and ledger entries
      // commit), not a poll of RU's object count: at 100,000 objects each count read the whole table
      // (~30 ms) on the receiver's one thread, ten times a second, while it was the one measured.
      let arrived = 0;
      let first: number | undefined;
      let ended: number | undefined;
      const arrivals = await subscribe(ru, 'federation.bundle-received', (event, at) => {
        const results = (event.data.objects ?? []) as Array<{ status: string }>;
        first ??= at;
        arrived += results.filter((r) => r.status !== 'rejected').length;
        if (arrived >= REPLICATED) ended ??= at;
      });
      const started = performance.now();
      await cn.start();
      // Inside the replication figure: the sender's process starts after the queue is filled.
      const startup = performance.now() - started;
      const seconds = ((await eventually(async () => ended, 30 * 60_000, 'replication')) - started) / 1000;
      arrivals.abort();
      const visible = await receivedCount(ru);
      if (visible < REPLICATED) throw new Error(`RU reported ${arrived} objects received but lists ${visible}`);

      // Latency: one warning-sized object at a time, from the API call on CN to the event on RU's stream.
      const seen = new Map<string, number>();
      const stored = await subscribe(ru, 'object.', (event, at) => {
        const id = event.data.id;
        if (typeof id === 'string' && !seen.has(id)) seen.set(id, at);
      });
      const cnToken = await cn.token();
      const latencies: number[] = [];
      for (let i = 0; i < SENDS; i++) {
        const object = indicator(i);
        const sent = performance.now();
        const response = await fetch(`${cn.url}/api/v1/objects?collection=outbox-RU`, {
          method: 'POST', headers: { authorization: `Bearer ${cnToken}`, 'content-type': 'application/json' }, body: JSON.stringify(object),
        });
        await response.text();
        await eventually(async () => seen.has(object.id as string), 10_000, 'event');
        latencies.push((seen.get(object.id as string) ?? sent) - sent);
      }
      stored.abort();
      latencies.sort((a, b) => a - b);
      return [
        { name: `replicate ${REPLICATED.toLocaleString('en-US')} objects CN→RU (signed, verified, ledgered)`, value: REPLICATED / seconds, unit: 'objects/s', target: { atLeast: 10_000 } },
        { name: 'sender start-up inside it (accord serve to /healthz answering)', value: startup, unit: 'ms' },
        { name: 'first bundle in inside it (accord serve to the first bundle-received event)', value: (first ?? started) - started, unit: 'ms' },
        { name: `small message send→peer event, p50 (${SENDS} sends)`, value: percentile(latencies, 50), unit: 'ms', target: { atMost: 20 } },
        { name: `small message send→peer event, p99 (${SENDS} sends)`, value: percentile(latencies, 99), unit: 'ms', target: { atMost: 100 } },
      ];
    } finally {
      await Promise.all([cn.close(), ru.close()]);
    }
  },
};

export default benchmark;
