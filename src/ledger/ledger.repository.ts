import { sql, type Insertable, type Selectable } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import { inList, insertMany } from '../db/bulk.js';
import type { ChannelHeadTable, LedgerEntryTable } from './ledger.tables.js';

export type LedgerRow = Selectable<LedgerEntryTable>;

/** The current head of the ledger, locked for update on PostgreSQL (one appender at a time). */
export async function lockLedgerHead(db: Executor, postgres: boolean): Promise<{ seq: number; entryHash: string } | undefined> {
  const row = postgres
    ? (await sql<{ seq: number; entryHash: string }>`select seq, entry_hash from ledger_head where id = 1 for update`.execute(db)).rows[0]
    : await db.selectFrom('ledgerHead').select(['seq', 'entryHash']).where('id', '=', 1).executeTakeFirst();
  return row;
}

export async function writeLedgerHead(db: Executor, seq: number, entryHash: string): Promise<void> {
  await db
    .insertInto('ledgerHead')
    .values({ id: 1, seq, entryHash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq, entryHash }))
    .execute();
}

export async function channelHeads(db: Executor, party: string): Promise<Selectable<ChannelHeadTable>[]> {
  return db.selectFrom('channelHead').selectAll().where('party', '=', party).execute();
}

export async function writeChannelHead(db: Executor, head: Selectable<ChannelHeadTable>): Promise<void> {
  await db
    .insertInto('channelHead')
    .values(head)
    .onConflict((oc) => oc.columns(['party', 'direction']).doUpdateSet({ count: head.count, head: head.head }))
    .execute();
}

export async function insertLedgerEntries(db: Executor, database: Database, rows: Array<Insertable<LedgerEntryTable> & { seq: number }>): Promise<void> {
  await insertMany(db, database, 'ledgerEntry', rows);
}

export function ledgerRange(db: Executor, fromSeq: number, limit: number): Promise<LedgerRow[]> {
  return db.selectFrom('ledgerEntry').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
}

/** One direction of the channel with a peer, in channel order. */
export function channelEntries(db: Executor, party: string, kind: 'sent' | 'received', fromIndex: number, limit: number): Promise<LedgerRow[]> {
  return db
    .selectFrom('ledgerEntry')
    .selectAll()
    .where('party', '=', party)
    .where('kind', '=', kind)
    .where('channelIndex', '>=', fromIndex)
    .orderBy('channelIndex')
    .limit(limit)
    .execute();
}

export function entriesForObject(db: Executor, objectId: string): Promise<LedgerRow[]> {
  return db.selectFrom('ledgerEntry').selectAll().where('objectId', '=', objectId).orderBy('seq').execute();
}

export function entriesForBundle(db: Executor, bundleId: string): Promise<LedgerRow[]> {
  return db.selectFrom('ledgerEntry').selectAll().where('bundleId', '=', bundleId).orderBy('seq').execute();
}

/** Whether an object version already crossed the channel in that direction (idempotent ingest). */
export async function crossed(db: Executor, database: Database, party: string, kind: 'sent' | 'received', keys: ReadonlyArray<{ objectId: string; versionUs: number }>): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const ids = [...new Set(keys.map((k) => k.objectId))];
  // Looked up by object alone: given the party and kind too, SQLite chose the channel index and
  // read the whole channel for every bundle, which grew with everything ever exchanged.
  const rows = await db
    .selectFrom('ledgerEntry')
    .select(['objectId', 'versionUs', 'party', 'kind'])
    .where('objectId', 'in', inList(database, ids))
    .execute();
  return new Set(rows.filter((r) => r.party === party && r.kind === kind).map((r) => `${r.objectId ?? ''}\u0000${r.versionUs ?? 0}`));
}
