import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

const CURSOR_KEY = 'exchange_cursor';

/** The store sequence number up to which peers' exchange objects have been handled. */
export async function readCursor(db: Executor): Promise<number> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', CURSOR_KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** Moves the cursor forward (never back: batches may finish out of order). */
export async function writeCursor(db: Executor, seq: number): Promise<void> {
  const current = await readCursor(db);
  if (seq <= current) return;
  await db.insertInto('setting').values({ key: CURSOR_KEY, value: String(seq) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(seq) }))
    .execute();
}

/**
 * Moves the cursor to `last` if it stands just before `first` or within [first, last): one
 * statement, so that an import's batches each cost the cursor one write rather than two reads and
 * a write (each waiting for the connection while the write thread holds it).
 */
export async function advanceCursorOver(db: Executor, first: number, last: number): Promise<void> {
  await db.updateTable('setting').set({ value: String(last) })
    .where('key', '=', CURSOR_KEY)
    .where(sql<number>`cast(value as integer)`, '>=', first - 1)
    .where(sql<number>`cast(value as integer)`, '<', last)
    .execute();
}

/** Object versions peers sent, of the given types, stored after `seq`, in store order. */
export async function arrivalsAfter(db: Executor, seq: number, types: readonly string[], limit: number): Promise<Array<{ seq: number; body: string; originParty: string }>> {
  const rows = await db.selectFrom('stixObject').select(['seq', 'body', 'originParty'])
    .where('seq', '>', seq).where('originParty', 'is not', null).where('type', 'in', [...types])
    .orderBy('seq', 'asc').limit(limit).execute();
  return rows.map((r) => ({ seq: r.seq, body: r.body, originParty: r.originParty ?? '' }));
}

/** The newest object version in the store: its sequence number and when it was stored. */
export async function newestStored(db: Executor): Promise<{ seq: number; storedUs: number } | undefined> {
  return db.selectFrom('stixObject').select(['seq', 'storedUs']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}
