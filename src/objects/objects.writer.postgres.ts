import type pg from 'pg';
import { copyOrFallback, copyRows, type CopyValue } from '../db/pg-copy.js';
import { inPgTransaction } from '../db/pg-transaction.js';
import type { CollectionEntry } from './objects.repository.js';
import type { DeferredTextIndex, TextRow } from './text-index.postgres.js';
import { classifyBatch, versionKey, type BatchWrite, type ExistingVersion, type ObjectWriter, type WriteItem, type WriteResult } from './objects.writer.js';

const OBJECT_COLUMNS = ['seq', 'id', 'type', 'spec_version', 'version_us', 'created_us', 'modified_us', 'revoked', 'is_latest', 'created_by_ref', 'origin_party', 'tlp', 'marking_refs', 'has_granular', 'hash', 'body', 'stored_us'];
const MEMBER_COLUMNS = ['collection_id', 'date_added_us', 'seq', 'object_id', 'type', 'version_us', 'spec_version', 'is_latest'];

/** A version this batch adds to the collection. */
type Added = Pick<CollectionEntry, 'dateAddedUs' | 'seq' | 'id' | 'type' | 'versionUs' | 'specVersion'>;

/**
 * The PostgreSQL writer stores a batch in a handful of statements on one connection: the new
 * versions and their collection membership go in by COPY, so a 2,700-object batch costs a few
 * round trips, not thousands. The collection row is locked first: several processes may serve
 * one node, and date_added must stay unique and increasing per collection. COPY cannot skip a
 * version another process stored since this one looked: a unique violation rolls the batch back
 * and it is written again with `insert … on conflict do nothing`. Search text follows each batch
 * through the deferred text index.
 */
export function createPostgresObjectWriter(pool: pg.Pool, text: DeferredTextIndex): ObjectWriter {
  return {
    ordered: false,
    indexed: () => text.indexed(),
    recover: () => text.recover(),
    write: async (batch) => {
      const written = await copyOrFallback(
        () => inPgTransaction(pool, (client) => writeBatch(client, text, batch, copyObjects)),
        () => inPgTransaction(pool, (client) => writeBatch(client, text, batch, insertObjects)),
      );
      if (written.backlogId) await text.write(written.backlogId, written.texts);
      return written.results;
    },
  };
}

/** How a batch's new versions go in: by COPY, or skipping any another process stored meanwhile. */
type InsertNew = (client: pg.PoolClient, batch: BatchWrite, rows: readonly WriteItem[]) => Promise<Inserted[]>;

async function writeBatch(
  client: pg.PoolClient, text: DeferredTextIndex, batch: BatchWrite, insertNew: InsertNew,
): Promise<{ results: WriteResult[]; backlogId: string | undefined; texts: TextRow[] }> {
  const collection = await client.query<{ lastAddedUs: number }>('select last_added_us as "lastAddedUs" from collection where id = $1 for update', [batch.collectionId]);
  const lastAddedUs = collection.rows[0]?.lastAddedUs;
  if (lastAddedUs === undefined) throw new Error(`collection ${batch.collectionId} does not exist`);

  const ids = [...new Set(batch.items.map((i) => i.id))];
  const existing = (
    await client.query<ExistingVersion & { seq: number }>(
      'select seq, id, version_us as "versionUs", hash, origin_party as "originParty" from stix_object where id = any($1::text[])',
      [ids],
    )
  ).rows;
  const { statuses, toInsert, updatedIds } = classifyBatch(batch, existing);
  const seqs = new Map<string, number>(existing.map((row) => [versionKey(row.id, row.versionUs), row.seq]));

  const texts: TextRow[] = [];
  if (toInsert.length) {
    const rows = toInsert.map((i) => batch.items[i]).filter((i) => i !== undefined);
    const inserted = await insertNew(client, batch, rows);
    for (const row of inserted) seqs.set(versionKey(row.id, row.versionUs), row.seq);
    for (const r of rows) {
      const seq = seqs.get(versionKey(r.id, r.versionUs));
      if (seq !== undefined && (r.name !== null || r.description !== null)) texts.push({ seq, name: r.name, description: r.description });
    }
  }
  if (updatedIds.size)
    await client.query(
      `update stix_object o set is_latest = case when o.version_us = m.top then 1 else 0 end
        from (select id, max(version_us) as top from stix_object where id = any($1::text[]) group by id) m
        where o.id = m.id`,
      [[...updatedIds]],
    );

  // Versions stored before may already be in this collection; rows inserted just now cannot be.
  const knownIds = [...new Set([...existing.map((e) => e.id), ...updatedIds])];
  const members = new Set(
    existing.length
      ? (await client.query<{ seq: number }>('select seq from collection_object where collection_id = $1 and seq = any($2::bigint[])', [batch.collectionId, existing.map((e) => e.seq)])).rows.map((m) => m.seq)
      : [],
  );
  const known = new Set(knownIds);
  let dateAdded = Math.max(batch.nowUs, lastAddedUs + 1);
  const added: Added[] = [];
  const results: WriteResult[] = batch.items.map((item, index) => {
    const status = statuses[index] ?? 'conflict';
    const seq = seqs.get(versionKey(item.id, item.versionUs));
    if (status === 'conflict' || status === 'not-originator' || seq === undefined || members.has(seq)) return { status, seq, dateAddedUs: undefined };
    members.add(seq);
    const dateAddedUs = dateAdded++;
    added.push({ dateAddedUs, seq, id: item.id, type: item.type, versionUs: item.versionUs, specVersion: item.specVersion });
    return { status, seq, dateAddedUs };
  });
  if (added.length) {
    // Under the collection's lock, each date_added is new and each seq is not yet a member.
    await copyRows(client, 'collection_object', MEMBER_COLUMNS, added.map((a): CopyValue[] => [batch.collectionId, a.dateAddedUs, a.seq, a.id, a.type, a.versionUs, a.specVersion, 1]));
    const relatest = [...new Set(added.filter((a) => known.has(a.id)).map((a) => a.id))];
    if (relatest.length)
      await client.query(
        `with m as (select v.id, max(v.version_us) as top from stix_object v
            join collection_object k on k.collection_id = $1 and k.seq = v.seq
            where v.id = any($2::text[]) group by v.id)
          update collection_object c set is_latest = case when v.version_us = m.top then 1 else 0 end
          from m join stix_object v on v.id = m.id
          where c.collection_id = $1 and c.seq = v.seq`,
        [batch.collectionId, relatest],
      );
    await client.query('update collection set last_added_us = $1 where id = $2', [dateAdded - 1, batch.collectionId]);
  }
  return { results, backlogId: await text.note(client, texts, batch.nowUs), texts };
}

type Inserted = { seq: number; id: string; versionUs: number };

/** New versions by COPY, with their seqs drawn from the table's sequence first (COPY returns nothing). */
async function copyObjects(client: pg.PoolClient, batch: BatchWrite, rows: readonly WriteItem[]): Promise<Inserted[]> {
  const drawn = await client.query<{ seq: number }>(`select nextval(pg_get_serial_sequence('stix_object', 'seq')) as seq from generate_series(1, $1::int)`, [rows.length]);
  const seqs = drawn.rows.map((r) => r.seq);
  const values = rows.map((r, i): CopyValue[] => [
    seqs[i] ?? null, r.id, r.type, r.specVersion, r.versionUs, r.createdUs, r.modifiedUs, r.revoked, 1, r.createdByRef,
    batch.originParty, r.tlp, r.markingRefs, r.hasGranular, r.hash, r.body, batch.nowUs,
  ]);
  await copyRows(client, 'stix_object', OBJECT_COLUMNS, values);
  return rows.map((r, i) => ({ seq: seqs[i] ?? 0, id: r.id, versionUs: r.versionUs }));
}

/** New versions that another process may have stored meanwhile: those are skipped, not failed. */
async function insertObjects(client: pg.PoolClient, batch: BatchWrite, rows: readonly WriteItem[]): Promise<Inserted[]> {
  const col = <T>(pick: (r: WriteItem) => T): T[] => rows.map(pick);
  const inserted = await client.query<Inserted>(
    `insert into stix_object (id, type, spec_version, version_us, created_us, modified_us, revoked, is_latest, created_by_ref,
        origin_party, tlp, marking_refs, has_granular, hash, body, stored_us)
      select u.id, u.type, u.spec_version, u.version_us, u.created_us, u.modified_us, u.revoked, 1, u.created_by_ref,
        $14::text, u.tlp, u.marking_refs, u.has_granular, u.hash, u.body, $15::bigint
      from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::int[], $8::text[], $9::text[],
        $10::text[], $11::int[], $12::text[], $13::text[])
        as u(id, type, spec_version, version_us, created_us, modified_us, revoked, created_by_ref, tlp, marking_refs, has_granular, hash, body)
      on conflict (id, version_us) do nothing
      returning seq, id, version_us as "versionUs"`,
    [
      col((r) => r.id), col((r) => r.type), col((r) => r.specVersion), col((r) => r.versionUs), col((r) => r.createdUs), col((r) => r.modifiedUs),
      col((r) => r.revoked), col((r) => r.createdByRef), col((r) => r.tlp), col((r) => r.markingRefs), col((r) => r.hasGranular), col((r) => r.hash),
      col((r) => r.body), batch.originParty, batch.nowUs,
    ],
  );
  return inserted.rows;
}
