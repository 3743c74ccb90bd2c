import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import type { CorrelationExclusionTable } from './correlation.tables.js';
import { objectIdIn } from '../objects/object-id-key.js';

const CHUNK = 4000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Adds rows, each only while its key has fewer than `limit` rows; returns the rows kept. The
 * ingest listener calls this for every stored batch, so each dialect gets its bulk path:
 * prepared statements in one SQLite transaction, arrays through unnest on PostgreSQL.
 */
export async function addBounded(
  database: Database,
  rows: ReadonlyArray<{ valueKey: number; seq: number }>,
  limit: number,
): Promise<Array<{ valueKey: number; seq: number }>> {
  if (rows.length === 0) return [];
  const { sqlite, db } = database;
  if (sqlite) {
    // One grouped count for the batch's keys, then plain inserts: a count per row costs four times as much.
    const count = sqlite.prepare<[string], { k: number; n: number }>(
      'select value_key as k, count(*) as n from correlation_entry where value_key in (select value from json_each(?)) group by value_key',
    );
    const insert = sqlite.prepare<[number, number]>(
      'insert or ignore into correlation_entry (value_key, seq) values (?, ?)',
    );
    const run = sqlite.transaction(() => {
      const counts = new Map<number, number>();
      for (const part of chunks([...new Set(rows.map((r) => r.valueKey))], 20_000))
        for (const row of count.all(JSON.stringify(part))) counts.set(row.k, row.n);
      const kept: Array<{ valueKey: number; seq: number }> = [];
      for (const row of rows) {
        const n = counts.get(row.valueKey) ?? 0;
        if (n >= limit) continue;
        counts.set(row.valueKey, n + insert.run(row.valueKey, row.seq).changes);
        kept.push(row);
      }
      return kept;
    });
    // Kysely's single SQLite connection is held so no other query interleaves with the transaction.
    return db.connection().execute(() => Promise.resolve(run.immediate()));
  }
  const counts = new Map<number, number>();
  for (const part of chunks([...new Set(rows.map((r) => r.valueKey))], 20_000)) {
    const found = await sql<{
      valueKey: string;
      n: string;
    }>`select value_key, count(*) as n from correlation_entry where value_key = any(${part}::bigint[]) group by value_key`.execute(
      db,
    );
    for (const r of found.rows) counts.set(Number(r.valueKey), Number(r.n));
  }
  const kept: Array<{ valueKey: number; seq: number }> = [];
  for (const row of rows) {
    const n = counts.get(row.valueKey) ?? 0;
    if (n >= limit) continue;
    counts.set(row.valueKey, n + 1);
    kept.push(row);
  }
  for (const part of chunks(kept, 20_000))
    await sql`insert into correlation_entry (value_key, seq) select * from unnest(${part.map((r) => r.valueKey)}::bigint[], ${part.map((r) => r.seq)}::bigint[]) on conflict do nothing`.execute(
      db,
    );
  return kept;
}

/** Deletes the rows of one object version under the given keys. */
export async function deleteEntries(db: Executor, seq: number, keys: readonly number[]): Promise<void> {
  for (const part of chunks([...new Set(keys)]))
    await db.deleteFrom('correlationEntry').where('seq', '=', seq).where('valueKey', 'in', part).execute();
}

export async function deleteKeys(db: Executor, keys: readonly number[]): Promise<void> {
  for (const part of chunks([...new Set(keys)]))
    await db.deleteFrom('correlationEntry').where('valueKey', 'in', part).execute();
}

export async function clearEntries(db: Executor): Promise<void> {
  await db.deleteFrom('correlationEntry').execute();
  await db.deleteFrom('correlationCommon').execute();
}

/** A related object version: its key, and what the release policy and the summary need. */
export interface RelatedRow {
  readonly valueKey: number;
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly tlp: string | null;
  readonly originParty: string | null;
  readonly markingRefs: string | null;
  readonly hasGranular: number;
  readonly body: string;
}

function relatedQuery(db: Executor) {
  return db
    .selectFrom('correlationEntry as e')
    .innerJoin('stixObject as o', 'o.seq', 'e.seq')
    .select([
      'e.valueKey',
      'o.seq',
      'o.id',
      'o.type',
      'o.tlp',
      'o.originParty',
      'o.markingRefs',
      'o.hasGranular',
      'o.body',
    ])
    .where('o.isLatest', '=', 1)
    .where('o.revoked', '=', 0);
}

/** Latest, unrevoked object versions indexed under any of the keys. */
export async function relatedByKeys(db: Executor, keys: readonly number[]): Promise<RelatedRow[]> {
  const out: RelatedRow[] = [];
  for (const part of chunks([...new Set(keys)]))
    out.push(...((await relatedQuery(db).where('e.valueKey', 'in', part).execute()) as RelatedRow[]));
  return out.map((r) => ({ ...r, valueKey: Number(r.valueKey), seq: Number(r.seq) }));
}

/** Object versions indexed under keys in [low, high] (the IPv4 addresses of a block), at most `limit`. */
export async function relatedInRange(
  db: Executor,
  low: number,
  high: number,
  limit: number,
): Promise<RelatedRow[]> {
  const rows = (await relatedQuery(db)
    .where('e.valueKey', '>=', low)
    .where('e.valueKey', '<=', high)
    .orderBy('e.valueKey')
    .limit(limit)
    .execute()) as RelatedRow[];
  return rows.map((r) => ({ ...r, valueKey: Number(r.valueKey), seq: Number(r.seq) }));
}

export async function markCommon(
  db: Executor,
  rows: ReadonlyArray<{ valueKey: number; kind: string; value: string; sinceUs: number }>,
): Promise<void> {
  for (const part of chunks(rows, 1000))
    await db
      .insertInto('correlationCommon')
      .values(part)
      .onConflict((oc) => oc.column('valueKey').doNothing())
      .execute();
}

export function listCommon(db: Executor, limit: number) {
  return db
    .selectFrom('correlationCommon')
    .select(['kind', 'value', 'sinceUs'])
    .orderBy('sinceUs', 'desc')
    .limit(limit)
    .execute();
}

export function listExclusions(db: Executor) {
  return db.selectFrom('correlationExclusion').selectAll().orderBy('createdUs').execute();
}

export async function insertExclusion(db: Executor, row: CorrelationExclusionTable): Promise<void> {
  await db.insertInto('correlationExclusion').values(row).execute();
}

export async function deleteExclusion(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('correlationExclusion').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Object versions of the given ids, with bodies (to find what a superseded version was indexed under). */
export function versionsOfIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stixObject')
    .select(['seq', 'id', 'isLatest', 'revoked', 'body'])
    .where(objectIdIn('stixObject', ids))
    .execute();
}

/** Latest versions of ids (members and SCOs objects refer to), with release facts. */
export function latestByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stixObject')
    .select(['seq', 'id', 'type', 'tlp', 'originParty', 'markingRefs', 'hasGranular', 'body'])
    .where(objectIdIn('stixObject', ids))
    .where('isLatest', '=', 1)
    .execute();
}

/** A page of latest, unrevoked versions in seq order, for rebuilding the index. */
export function latestPage(db: Executor, afterSeq: number, limit: number) {
  return db
    .selectFrom('stixObject')
    .select(['seq', 'id', 'type', 'body'])
    .where('seq', '>', afterSeq)
    .where('isLatest', '=', 1)
    .where('revoked', '=', 0)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function readSetting(db: Executor, key: string): Promise<string | undefined> {
  return (await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Bytes the correlation index occupies (table and its B-tree), for benchmarks and metrics. */
export async function indexBytes(db: Executor, dialect: 'sqlite' | 'postgres'): Promise<number> {
  if (dialect === 'postgres') {
    const row = await sql<{ n: string }>`select pg_total_relation_size('correlation_entry') as n`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  }
  const row = await sql<{
    n: number;
  }>`select sum(pgsize) as n from dbstat where name = 'correlation_entry'`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}
