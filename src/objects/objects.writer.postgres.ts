import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DeferredTextIndex, TextRow } from './text-index.postgres.js';
import { classifyBatch, versionKey, type BatchWrite, type ExistingVersion, type ObjectWriter, type WriteResult } from './objects.writer.js';

/**
 * The PostgreSQL writer sends each batch as a handful of set-based statements (unnest of column
 * arrays), so a 1,000-object batch costs a few round trips, not thousands. The collection row is
 * locked first: several processes may serve one node, and date_added must stay unique and
 * increasing per collection. Search text follows each batch through the deferred text index.
 */
export function createPostgresObjectWriter(db: Kysely<DB>, text: DeferredTextIndex): ObjectWriter {
  return {
    indexed: () => text.indexed(),
    recover: () => text.recover(),
    write: async (batch) => {
      const texts: TextRow[] = [];
      const { results, backlogId } = await writeBatch(batch, texts);
      if (backlogId) await text.write(backlogId, texts);
      return results;
    },
  };

  function writeBatch(batch: BatchWrite, texts: TextRow[]): Promise<{ results: WriteResult[]; backlogId: string | undefined }> {
    return db.transaction().execute(async (trx) => {
      const collection = await sql<{ lastAddedUs: number }>`select last_added_us from collection where id = ${batch.collectionId} for update`.execute(trx);
      const lastAddedUs = collection.rows[0]?.lastAddedUs;
      if (lastAddedUs === undefined) throw new Error(`collection ${batch.collectionId} does not exist`);

      const ids = [...new Set(batch.items.map((i) => i.id))];
      const existing = (
        await sql<ExistingVersion & { seq: number }>`select seq, id, version_us, hash, origin_party from stix_object where id = any(${ids}::text[])`.execute(trx)
      ).rows;
      const { statuses, toInsert, updatedIds } = classifyBatch(batch, existing);
      const seqs = new Map<string, number>(existing.map((row) => [versionKey(row.id, row.versionUs), row.seq]));

      if (toInsert.length) {
        const rows = toInsert.map((i) => batch.items[i]).filter((i) => i !== undefined);
        const col = <T>(pick: (r: (typeof rows)[number]) => T): T[] => rows.map(pick);
        const inserted = await sql<{ seq: number; id: string; versionUs: number }>`
          insert into stix_object (id, type, spec_version, version_us, created_us, modified_us, revoked, is_latest, created_by_ref,
            origin_party, tlp, marking_refs, has_granular, hash, body, stored_us)
          select u.id, u.type, u.spec_version, u.version_us, u.created_us, u.modified_us, u.revoked, 1, u.created_by_ref,
            ${batch.originParty}::text, u.tlp, u.marking_refs, u.has_granular, u.hash, u.body, ${batch.nowUs}::bigint
          from unnest(${col((r) => r.id)}::text[], ${col((r) => r.type)}::text[], ${col((r) => r.specVersion)}::text[],
            ${col((r) => r.versionUs)}::bigint[], ${col((r) => r.createdUs)}::bigint[], ${col((r) => r.modifiedUs)}::bigint[],
            ${col((r) => r.revoked)}::int[], ${col((r) => r.createdByRef)}::text[], ${col((r) => r.tlp)}::text[],
            ${col((r) => r.markingRefs)}::text[], ${col((r) => r.hasGranular)}::int[], ${col((r) => r.hash)}::text[], ${col((r) => r.body)}::text[])
            as u(id, type, spec_version, version_us, created_us, modified_us, revoked, created_by_ref, tlp, marking_refs, has_granular, hash, body)
          on conflict (id, version_us) do nothing
          returning seq, id, version_us`.execute(trx);
        for (const row of inserted.rows) seqs.set(versionKey(row.id, row.versionUs), row.seq);
        for (const r of rows) {
          const seq = seqs.get(versionKey(r.id, r.versionUs));
          if (seq !== undefined && (r.name !== null || r.description !== null)) texts.push({ seq, name: r.name, description: r.description });
        }
      }
      if (updatedIds.size)
        await sql`update stix_object o set is_latest = case when o.version_us = m.top then 1 else 0 end
          from (select id, max(version_us) as top from stix_object where id = any(${[...updatedIds]}::text[]) group by id) m
          where o.id = m.id`.execute(trx);

      // Versions stored before may already be in this collection; rows inserted just now cannot be.
      const knownIds = [...new Set([...existing.map((e) => e.id), ...updatedIds])];
      const members = new Set(
        existing.length
          ? (await sql<{ seq: number }>`select seq from collection_object
              where collection_id = ${batch.collectionId} and seq = any(${existing.map((e) => e.seq)}::bigint[])`.execute(trx)).rows.map((m) => m.seq)
          : [],
      );
      const known = new Set(knownIds);
      let dateAdded = Math.max(batch.nowUs, lastAddedUs + 1);
      const added: Array<{ dateAddedUs: number; seq: number; id: string; type: string; versionUs: number; specVersion: string }> = [];
      const results: WriteResult[] = batch.items.map((item, index) => {
        const status = statuses[index] ?? 'conflict';
        const key = versionKey(item.id, item.versionUs);
        const seq = seqs.get(key);
        if (status === 'conflict' || status === 'not-originator' || seq === undefined || members.has(seq)) return { status, seq, dateAddedUs: undefined };
        members.add(seq);
        const dateAddedUs = dateAdded++;
        added.push({ dateAddedUs, seq, id: item.id, type: item.type, versionUs: item.versionUs, specVersion: item.specVersion });
        return { status, seq, dateAddedUs };
      });
      if (added.length) {
        await sql`insert into collection_object (collection_id, date_added_us, seq, object_id, type, version_us, spec_version, is_latest)
          select ${batch.collectionId}::text, u.* , 1 from unnest(${added.map((a) => a.dateAddedUs)}::bigint[], ${added.map((a) => a.seq)}::bigint[],
            ${added.map((a) => a.id)}::text[], ${added.map((a) => a.type)}::text[], ${added.map((a) => a.versionUs)}::bigint[], ${added.map((a) => a.specVersion)}::text[]) as u`.execute(trx);
        const relatest = [...new Set(added.filter((a) => known.has(a.id)).map((a) => a.id))];
        if (relatest.length)
          await sql`with m as (select v.id, max(v.version_us) as top from stix_object v
              join collection_object k on k.collection_id = ${batch.collectionId} and k.seq = v.seq
              where v.id = any(${relatest}::text[]) group by v.id)
            update collection_object c set is_latest = case when v.version_us = m.top then 1 else 0 end
            from m join stix_object v on v.id = m.id
            where c.collection_id = ${batch.collectionId} and c.seq = v.seq`.execute(trx);
        await sql`update collection set last_added_us = ${dateAdded - 1} where id = ${batch.collectionId}`.execute(trx);
      }
      return { results, backlogId: await text.note(trx, texts, batch.nowUs) };
    });
  }
}
