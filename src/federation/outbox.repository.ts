import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import { inList, insertMany } from '../db/bulk.js';

export interface OutboxEntry {
  readonly seq: number;
  readonly objectSeq: number;
  readonly objectId: string;
  readonly versionUs: number;
}

/** Queues object versions for a peer; a version already queued is left as it is. */
export async function enqueue(db: Executor, database: Database, party: string, items: ReadonlyArray<{ objectSeq: number; objectId: string; versionUs: number }>, nowUs: number): Promise<number> {
  return insertMany(db, database, 'outboxItem', items.map((c) => ({ party, objectSeq: c.objectSeq, objectId: c.objectId, versionUs: c.versionUs, state: 'pending' as const, enqueuedUs: nowUs, bundleId: null, deliveredUs: null })), { ignoreConflicts: true });
}

/** Queues whatever sits in the peer's outbox collection (added between the two times) but never reached the queue (a crash between the two). */
export async function sweepOutbox(db: Executor, party: string, collectionId: string, nowUs: number, addedFromUs: number, addedThroughUs: number): Promise<number> {
  const result = await sql`insert into outbox_item (party, object_seq, object_id, version_us, state, enqueued_us)
    select ${party}, co.seq, co.object_id, co.version_us, 'pending', ${nowUs}
    from collection_object co
    where co.collection_id = ${collectionId} and co.date_added_us >= ${addedFromUs} and co.date_added_us <= ${addedThroughUs}
      and not exists (select 1 from outbox_item o where o.party = ${party} and o.object_id = co.object_id and o.version_us = co.version_us)
    order by co.date_added_us`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** Whether anything was added to the collection after one date_added and before another. */
export async function addedBetween(db: Executor, collectionId: string, afterUs: number, beforeUs: number): Promise<boolean> {
  const row = await db.selectFrom('collectionObject').select('seq')
    .where('collectionId', '=', collectionId).where('dateAddedUs', '>', afterUs).where('dateAddedUs', '<', beforeUs)
    .limit(1).executeTakeFirst();
  return row !== undefined;
}

/** How far the outbox sweep of a collection got: the date_added it looked through, and when it last read the whole outbox. */
export interface SweepMark {
  readonly throughUs: number;
  readonly fullUs: number;
}

const sweepKey = (collectionId: string) => `outbox-sweep:${collectionId}`;

/** The stored sweep mark; undefined when none was stored or it cannot be read (the next sweep is then a full one). */
export async function readSweepMark(db: Executor, collectionId: string): Promise<SweepMark | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', sweepKey(collectionId)).executeTakeFirst();
  try {
    const mark = JSON.parse(row?.value ?? 'null') as Partial<SweepMark> | null;
    return typeof mark?.throughUs === 'number' && typeof mark.fullUs === 'number' ? { throughUs: mark.throughUs, fullUs: mark.fullUs } : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSweepMark(db: Executor, collectionId: string, mark: SweepMark): Promise<void> {
  const value = JSON.stringify({ throughUs: mark.throughUs, fullUs: mark.fullUs });
  await db.insertInto('setting').values({ key: sweepKey(collectionId), value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** The oldest pending versions for a peer not yet in a bundle, in queue order. */
export function nextPending(db: Executor, party: string, limit: number): Promise<OutboxEntry[]> {
  return db
    .selectFrom('outboxItem')
    .select(['seq', 'objectSeq', 'objectId', 'versionUs'])
    .where('party', '=', party)
    .where('state', '=', 'pending')
    .where('bundleId', 'is', null)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function assignBundle(db: Executor, database: Database, seqs: readonly number[], bundleId: string): Promise<void> {
  await db.updateTable('outboxItem').set({ bundleId }).where('seq', 'in', inList(database, seqs as number[])).execute();
}

/** Marks the bundle's versions delivered; objectIds are those in the bundle. */
export async function markDelivered(db: Executor, database: Database, party: string, bundleId: string, objectIds: readonly string[], nowUs: number): Promise<void> {
  // bundle_id has no index: found through (party, object_id) instead of scanning the whole queue per bundle.
  await db
    .updateTable('outboxItem')
    .set({ state: 'delivered', deliveredUs: nowUs })
    .where('party', '=', party)
    .where('objectId', 'in', inList(database, [...new Set(objectIds)]))
    .where('bundleId', '=', bundleId)
    .execute();
}

export async function withhold(db: Executor, database: Database, seqs: readonly number[]): Promise<void> {
  if (seqs.length) await db.updateTable('outboxItem').set({ state: 'withheld' }).where('seq', 'in', inList(database, seqs as number[])).execute();
}

/** Puts versions the peer says it lacks back in the queue. */
export async function requeue(db: Executor, party: string, keys: ReadonlyArray<{ objectId: string; versionUs: number }>): Promise<number> {
  let n = 0;
  for (const k of keys) {
    const result = await db
      .updateTable('outboxItem')
      .set({ state: 'pending', bundleId: null, deliveredUs: null })
      .where('party', '=', party)
      .where('objectId', '=', k.objectId)
      .where('versionUs', '=', k.versionUs)
      .where('state', '=', 'delivered')
      .executeTakeFirst();
    n += Number(result.numUpdatedRows);
  }
  return n;
}

/**
 * Bundles stored for a peer but never acknowledged by a receipt, oldest first: each is sent again,
 * byte for byte, before anything newer. Creation times of unacknowledged bundles are distinct
 * (one is only prepared after the one in flight), so this is creation order.
 */
export function unacknowledgedBundles(db: Executor, party: string, limit: number) {
  return unacknowledgedQuery(db, party, limit).execute();
}

/** The query behind unacknowledgedBundles, which the bundle_unacknowledged index serves. */
export function unacknowledgedQuery(db: Executor, party: string, limit: number) {
  return db.selectFrom('bundle').selectAll().where('direction', '=', 'sent').where('party', '=', party).where('receiptUs', 'is', null).orderBy('createdUs').limit(limit);
}
