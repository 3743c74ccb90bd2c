import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { pino } from 'pino';
import { objectWriter } from '../src/node/node-services.js';
import type { NodeServices } from '../src/node/node-services.js';
import { describeObject } from '../src/objects/describe-object.js';
import { prepareObject, type StixObject } from '../src/objects/object-row.js';
import type { WriteItem } from '../src/objects/objects.writer.js';
import { findCollection } from '../src/taxii/collections.repository.js';
import { benchNode } from './ingest.bench.js';
import type { Benchmark, Figure } from './harness.js';

const COUNT = Number(process.env.BENCH_STORAGE ?? 100_000);
const BATCH = 4000;

/**
 * The same indicators the ingest benchmark streams, already validated and turned into rows:
 * what is left to time is the store alone, the ceiling of the whole pipeline on one writer.
 */
function preparedIndicators(count: number): WriteItem[] {
  return Array.from({ length: count }, (_, i) => {
    const object: StixObject = {
      type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: '2026-11-01T08:00:00.000Z', modified: '2026-11-01T08:00:00.000Z',
      name: `C2 server ${i}`, indicator_types: ['malicious-activity'], pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
      pattern_type: 'stix', valid_from: '2026-11-01T08:00:00Z',
    };
    return prepareObject(object, describeObject(object));
  });
}

/** Rows written per second by the node's own writer into the intel collection, search text indexed. */
async function writerRate(services: NodeServices, items: readonly WriteItem[]): Promise<number> {
  const writer = objectWriter(services.database, pino({ level: 'silent' }));
  const intel = await findCollection(services.database.db, 'intel');
  if (!intel) throw new Error('the bench node has no intel collection');
  const started = performance.now();
  for (let i = 0; i < items.length; i += BATCH)
    await writer.write({ collectionId: intel.id, originParty: null, nowUs: Date.now() * 1000, items: items.slice(i, i + BATCH) });
  await writer.indexed();
  return items.length / ((performance.now() - started) / 1000);
}

async function onFreshNode(run: (services: NodeServices) => Promise<number>, databaseUrl?: string): Promise<number> {
  const { services, dir } = await benchNode(databaseUrl);
  try {
    return await run(services);
  } finally {
    await services.database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const benchmark: Benchmark = {
  topic: 'storage',
  command: 'npm run bench storage   (BENCH_STORAGE=100000; BENCH_DATABASE_URL for PostgreSQL)',
  async run(): Promise<Figure[]> {
    const databaseUrl = process.env.BENCH_DATABASE_URL;
    const dialect = databaseUrl ? 'PostgreSQL' : 'SQLite';
    const items = preparedIndicators(COUNT);
    const count = COUNT.toLocaleString('en-US');
    const figures: Figure[] = [{
      name: `store alone: ${count} prepared indicator rows through the node's writer, search text indexed (${dialect})`,
      value: await onFreshNode((services) => writerRate(services, items), databaseUrl), unit: 'rows/s',
      note: 'no parsing, validation, canonical form or hashing: the ceiling of ingest on one writer',
    }];
    if (!databaseUrl) {
      // The trigram index's share: the same writer into a plain table of the same shape.
      const plainText = async (services: NodeServices): Promise<number> => {
        await sql`drop table stix_text`.execute(services.database.db);
        await sql`create table stix_text (rowid integer primary key, name text, description text)`.execute(services.database.db);
        return writerRate(services, items);
      };
      figures.push({ name: `store alone, ${count} rows, without the trigram text index (SQLite)`, value: await onFreshNode(plainText), unit: 'rows/s' });
    }
    return figures;
  },
};

export default benchmark;
