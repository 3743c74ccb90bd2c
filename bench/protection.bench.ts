import { createReadStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../src/auth/principal.js';
import type { NodeServices } from '../src/node/node-services.js';
import type { ReleaseService } from '../src/protection/release.service.js';
import { parseTaxiiQuery } from '../src/taxii/taxii-query.js';
import type { Benchmark, Figure } from './harness.js';
import { openImport } from '../src/ingest/import-source.js';
import { benchNode, writeIndicatorBundle } from './ingest.bench.js';

const COUNT = Number(process.env.BENCH_PROTECTION ?? 50_000);
const ROUNDS = 5;
const peer: Principal = { kind: 'peer', party: 'RU', keyId: 'bench' };

/** Pages through the peer's outbox as that peer reads it over TAXII (1,000 per page); objects per second. */
async function taxiiRead(services: NodeServices): Promise<number> {
  const started = performance.now();
  let next: string | undefined;
  let seen = 0;
  for (;;) {
    const page = await services.taxii.objects('outbox-RU', parseTaxiiQuery({ limit: '1000', ...(next ? { next } : {}) }), peer);
    const body = JSON.parse(page.json) as { objects?: unknown[]; more?: boolean; next?: string };
    seen += body.objects?.length ?? 0;
    if (!body.more || !body.next) break;
    next = body.next;
  }
  return seen / ((performance.now() - started) / 1000);
}

/** Builds the bundle for the peer as a push or an export does (policy per object, granular markings honoured). */
async function peerExport(services: NodeServices): Promise<number> {
  const started = performance.now();
  let bytes = 0;
  for await (const piece of services.objects.exportBundle({ kind: 'peer', party: 'RU' }, 'system', 'bundle--00000000-0000-4000-8000-000000000000')) bytes += piece.length;
  void bytes;
  return COUNT / ((performance.now() - started) / 1000);
}

/** The same node with every release allowed: the baseline the policy's cost is measured against. */
function permissive(release: ReleaseService): () => void {
  const decide = release.decide.bind(release);
  const bodyFor = release.bodyFor.bind(release);
  release.decide = () => ({ allow: true, rule: 'bench-permissive' });
  release.bodyFor = async (body) => body;
  return () => {
    release.decide = decide;
    release.bodyFor = bodyFor;
  };
}

/** Issue 4: the release policy's cost on TAXII reads and on building what goes to a peer, against a permissive policy in the same run. */
const benchmark: Benchmark = {
  topic: 'protection',
  command: 'npm run bench protection   (BENCH_PROTECTION=50000)',
  async run(): Promise<Figure[]> {
    const file = join(tmpdir(), `accord-bench-protection-${COUNT}.json`);
    writeIndicatorBundle(file, COUNT);
    const { services, dir } = await benchNode();
    try {
      // Shared with RU: the peer's outbox holds every object.
      const outbox = await openImport(createReadStream(file) as AsyncIterable<Buffer>, services.converters);
      for await (const batch of services.objects.import('system', outbox.elements, 'outbox-RU')) void batch;

      // Rounds alternate between the two policies so warm-up and caches favour neither.
      let [readPolicy, readOpen, exportPolicy, exportOpen] = [0, 0, 0, 0];
      for (let i = 0; i < ROUNDS; i++) {
        readPolicy = Math.max(readPolicy, await taxiiRead(services));
        exportPolicy = Math.max(exportPolicy, await peerExport(services));
        const restore = permissive(services.release);
        readOpen = Math.max(readOpen, await taxiiRead(services));
        exportOpen = Math.max(exportOpen, await peerExport(services));
        restore();
      }
      const overhead = (policy: number, open: number) => Math.max(0, (open / policy - 1) * 100);
      return [
        { name: `TAXII GET by the peer, ${COUNT.toLocaleString('en-US')} objects, with the release policy`, value: readPolicy, unit: 'objects/s' },
        { name: 'TAXII GET by the peer, permissive policy (baseline)', value: readOpen, unit: 'objects/s' },
        { name: 'release policy overhead on TAXII reads', value: overhead(readPolicy, readOpen), unit: '%', target: { atMost: 10 } },
        { name: `bundle for the peer (push/export path), ${COUNT.toLocaleString('en-US')} objects, with the release policy`, value: exportPolicy, unit: 'objects/s' },
        { name: 'bundle for the peer, permissive policy (baseline)', value: exportOpen, unit: 'objects/s' },
        { name: 'release policy overhead on the peer bundle', value: overhead(exportPolicy, exportOpen), unit: '%', target: { atMost: 10 } },
      ];
    } finally {
      await services.database.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(file, { force: true });
    }
  },
};

export default benchmark;
