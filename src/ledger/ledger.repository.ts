import { sql, type Insertable, type Selectable } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import { inList, insertMany } from '../db/bulk.js';
import type { ChannelHeadTable, LedgerEntryTable } from './ledger.tables.js';
import { objectIdIs } from '../objects/object-id-key.js';

/** An entry as hashed, verified and exported: every column but the lookup key objectSeq. */
export type LedgerRow = Omit<Selectable<LedgerEntryTable>, 'objectSeq'>;

export const LEDGER_COLUMNS = ['seq', 'atUs', 'kind', 'party', 'objectId', 'versionUs', 'contentHash', 'bundleId', 'signature', 'channelIndex', 'channelHead', 'prevHash', 'entryHash'] as const satisfies ReadonlyArray<keyof LedgerRow>;

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
  return db.selectFrom('ledgerEntry').select(LEDGER_COLUMNS).where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
}

/** One direction of the channel with a peer, in channel order. */
export function channelEntries(db: Executor, party: string, kind: 'sent' | 'received', fromIndex: number, limit: number): Promise<LedgerRow[]> {
  return db
    .selectFrom('ledgerEntry')
    .select(LEDGER_COLUMNS)
    .where('party', '=', party)
    .where('kind', '=', kind)
    .where('channelIndex', '>=', fromIndex)
    .orderBy('channelIndex')
    .limit(limit)
    .execute();
}

/** Every entry about any version of the object, through its stored versions' seqs. */
export function entriesForObject(db: Executor, objectId: string): Promise<LedgerRow[]> {
  return db
    .selectFrom('ledgerEntry')
    .select(LEDGER_COLUMNS)
    .where('objectSeq', 'in', (eb) => eb.selectFrom('stixObject').select('seq').where(objectIdIs('stixObject', objectId)))
    .orderBy('seq')
    .execute();
}

/** The entries of a bundle that are not about an object: its receipts. */
export function receiptEntries(db: Executor, bundleId: string): Promise<LedgerRow[]> {
  return db.selectFrom('ledgerEntry').select(LEDGER_COLUMNS).where('bundleId', '=', bundleId).where('objectId', 'is', null).orderBy('seq').execute();
}

/** Which of the stored versions (by seq) already crossed the channel in that direction (idempotent ingest). */
export async function crossed(db: Executor, database: Database, party: string, kind: 'sent' | 'received', objectSeqs: readonly number[]): Promise<Set<number>> {
  if (objectSeqs.length === 0) return new Set();
  // Looked up by version alone: given the party and kind too, SQLite chose the channel index and
  // read the whole channel for every bundle, which grew with everything ever exchanged.
  const rows = await db
    .selectFrom('ledgerEntry')
    .select(['objectSeq', 'party', 'kind'])
    .where('objectSeq', 'in', inList(database, [...new Set(objectSeqs)]))
    .execute();
  return new Set(rows.filter((r) => r.party === party && r.kind === kind).map((r) => r.objectSeq ?? 0));
}
