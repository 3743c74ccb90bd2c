import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { initNode } from '../src/node/node-init.js';
import { openNode } from '../src/node/node-runtime.js';
import type { NodeServices } from '../src/node/node-services.js';
import { percentile, type Benchmark, type Figure } from './harness.js';

const INDICATORS = Number(process.env.ACCORD_BENCH_CORRELATION_INDICATORS ?? 100_000);
const BATCH = 2000;

/** Deterministic xorshift32, so corpora are the same from run to run. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/**
 * A value pool with realistic reuse: most values occur once, a long tail recurs across reports
 * and Parties (shared C2 infrastructure), and a few are everywhere (a sinkhole, a popular CDN
 * host) — a Zipf-like draw over a pool 60% the size of the corpus.
 */
function valueOf(rank: number): { type: string; path: string; text: string } {
  switch (rank % 5) {
    case 0:
    case 1:
      return {
        type: 'ipv4-addr',
        path: 'value',
        text: `${45 + (rank % 150)}.${(rank >>> 16) & 255}.${(rank >>> 8) & 255}.${rank & 255 || 1}`,
      };
    case 2:
      return {
        type: 'domain-name',
        path: 'value',
        text: `n${rank.toString(36)}.c2-${rank % 499}.sample-${rank % 7}.cn`,
      };
    case 3:
      return {
        type: 'url',
        path: 'value',
        text: `http://u${rank.toString(36)}.sample-${rank % 11}.ru/gate.php?id=${rank % 97}`,
      };
    default:
      return {
        type: 'file',
        path: "hashes.'SHA-256'",
        text: (rank * 2654435761).toString(16).padStart(8, '0').repeat(8).slice(0, 64),
      };
  }
}

function corpus(count: number): Array<Record<string, unknown>> {
  const rnd = random(7);
  const pool = Math.floor(count * 0.6);
  const created = '2026-11-01T00:00:00.000Z';
  return Array.from({ length: count }, (_, n) => {
    const terms = 1 + Math.floor(rnd() * 3);
    const values = Array.from({ length: terms }, () => valueOf(Math.floor(pool * rnd() ** 3)));
    const pattern = values.map((v) => `[${v.type}:${v.path} = '${v.text}']`).join(' OR ');
    return {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${randomUUID()}`,
      created,
      modified: created,
      name: `Indicator ${n}`,
      description: 'Infrastructure seen in a campaign against critical information infrastructure',
      indicator_types: ['malicious-activity'],
      pattern,
      pattern_type: 'stix',
      valid_from: created,
    };
  });
}

async function measure(
  services: NodeServices,
  objects: ReadonlyArray<Record<string, unknown>>,
  label: string,
): Promise<Figure[]> {
  const intel = await services.collections.byAlias('intel');
  const start = process.hrtime.bigint();
  for (let i = 0; i < objects.length; i += BATCH)
    await services.ingest.ingestObjects(objects.slice(i, i + BATCH), {
      collectionId: intel.id,
      originParty: i % (BATCH * 2) ? null : 'RU',
    });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { db, dialect } = services.database;
  if (dialect === 'sqlite') services.database.sqlite?.exec('analyze; pragma wal_checkpoint(truncate)');
  else await sql`vacuum analyze`.execute(db);
  const size = async (names: string[]) => {
    if (dialect === 'postgres') {
      let total = 0;
      for (const name of names)
        total += Number(
          (await sql<{ n: string }>`select pg_total_relation_size(${name}) as n`.execute(db)).rows[0]?.n ?? 0,
        );
      return total;
    }
    const rows = await sql<{
      n: number;
    }>`select coalesce(sum(pgsize), 0) as n from dbstat where name in (${sql.join(names)})`.execute(db);
    return Number(rows.rows[0]?.n ?? 0);
  };
  const data = await size(
    dialect === 'postgres' ? ['stix_object'] : ['stix_object', 'stix_object_version', 'stix_object_latest'],
  );
  const index = await size(['correlation_entry', 'correlation_common']);
  const entries = Number(
    (
      await db
        .selectFrom('correlationEntry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const perKey = await db
    .selectFrom('correlationEntry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('valueKey')
    .execute();
  const pairs = perKey.reduce((sum, r) => sum + (Number(r.n) * (Number(r.n) - 1)) / 2, 0);
  const common = Number(
    (
      await db
        .selectFrom('correlationCommon')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const times: number[] = [];
  const audience = { kind: 'user', name: 'bench', role: 'analyst', authorityRef: null } as const;
  for (let i = 0; i < 200; i++) {
    const id = objects[(i * 7919) % objects.length]?.id as string;
    const t0 = process.hrtime.bigint();
    await services.analysis.correlation.objectCorrelations('system', audience, id);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return [
    {
      name: `${label}: ingest with correlation indexing`,
      value: objects.length / seconds,
      unit: 'objects/s',
    },
    { name: `${label}: indicator data (stix_object table and indexes)`, value: data / 2 ** 20, unit: 'MB' },
    { name: `${label}: correlation index (table and index)`, value: index / 2 ** 20, unit: 'MB' },
    { name: `${label}: index size / indicator data`, value: index / data, unit: '×', target: { atMost: 2 } },
    {
      name: `${label}: index rows`,
      value: entries,
      unit: 'rows',
      note: `${perKey.length} distinct values, ${common} over the limit`,
    },
    { name: `${label}: per-pair rows a pairwise index would hold`, value: pairs, unit: 'pairs' },
    { name: `${label}: correlations of one object, p50`, value: percentile(times, 50), unit: 'ms' },
    { name: `${label}: correlations of one object, p95`, value: percentile(times, 95), unit: 'ms' },
  ];
}

async function withNode<T>(
  databaseUrl: string | undefined,
  run: (services: NodeServices) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-bench-correlation-'));
  try {
    await initNode({
      dataDir,
      party: 'CN',
      url: 'http://127.0.0.1:8401',
      profile: 'cn-ru-2015',
      adminPassword: 'bench bench bench',
      databaseUrl,
    });
    const config = loadConfig({
      dataDir,
      env: databaseUrl ? { DATABASE_URL: databaseUrl } : {},
      jobs: false,
    });
    const services = await openNode(config, { logger: pino({ level: 'silent' }) });
    try {
      return await run(services);
    } finally {
      await services.database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A PostgreSQL to measure on: ACCORD_BENCH_PG_URL, else a throwaway cluster when the binaries exist. */
async function postgres(): Promise<{ url: string; stop(): void } | undefined> {
  if (process.env.ACCORD_BENCH_PG_URL) return { url: process.env.ACCORD_BENCH_PG_URL, stop: () => undefined };
  try {
    const modulePath = '../../scripts/pg-cluster.mjs';
    const cluster = (await import(modulePath)) as {
      startThrowawayCluster: () => Promise<{ url: string; stop(): void }>;
    };
    return await cluster.startThrowawayCluster();
  } catch {
    return undefined;
  }
}

const benchmark: Benchmark = {
  topic: 'correlation',
  command:
    'npx tsc -p tsconfig.build.json && node --expose-gc dist/bench/run-one.js dist/bench/correlation.bench.js',
  async run(): Promise<Figure[]> {
    const objects = corpus(INDICATORS);
    const figures = await withNode(undefined, (s) => measure(s, objects, 'SQLite'));
    const pg = await postgres();
    if (pg) {
      try {
        const admin = new URL(pg.url);
        const { default: pgLib } = await import('pg');
        const client = new pgLib.Client({ connectionString: pg.url });
        await client.connect();
        const name = `accord_bench_${Date.now().toString(36)}`;
        await client.query(`create database ${name}`);
        admin.pathname = `/${name}`;
        figures.push(...(await withNode(admin.toString(), (s) => measure(s, objects, 'PostgreSQL'))));
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      } finally {
        pg.stop();
      }
    }
    return figures;
  },
};

export default benchmark;
