// @ts-check
// Plain JavaScript, type-checked from the JSDoc, so that the write thread (sqlite-write-thread.js)
// and the in-process writer run the very same statements.
import { classifyBatch, versionKey } from './classify-batch.js';

/** @typedef {import('better-sqlite3').Database} Connection */
/** @typedef {import('./objects.writer.js').BatchWrite} BatchWrite */
/** @typedef {import('./objects.writer.js').WriteResult} WriteResult */
/** @typedef {import('./objects.writer.js').ExistingVersion & { seq: number }} StoredVersion */

/**
 * The id key of an SQL id expression: what stix_object's generated id_key column computes (see
 * object-id-key.ts, which this plain JavaScript cannot import on the write thread).
 * @param {string} id
 */
const keyOf = (id) => `substr(${id}, length(${id}) - 11)`;

/**
 * `table`'s row is a version of one of the ids in the JSON array @ids: their keys through the
 * id-key index, then the ids themselves.
 * @param {string} table
 */
const ofIds = (table) => `${table}.id_key in (select ${keyOf('value')} from json_each(@ids)) and ${table}.id in (select value from json_each(@ids))`;

/**
 * Prepares the statements of one batch on a connection. Each batch is one synchronous
 * better-sqlite3 transaction with prepared statements: query building per row would cost more
 * than the inserts themselves, and ingest must reach tens of thousands of objects a second.
 * @param {Connection} sqlite
 */
function prepare(sqlite) {
  return {
    existing: sqlite.prepare(`select seq, id, version_us as versionUs, hash, origin_party as originParty from stix_object where ${ofIds('stix_object')}`),
    insertObject: sqlite.prepare(
      `insert into stix_object (id, type, spec_version, version_us, created_us, modified_us, revoked, is_latest, created_by_ref,
         origin_party, tlp, marking_refs, has_granular, hash, body, stored_us)
       values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // One statement for the whole batch: FTS5 flushes its pending terms at every statement's
    // savepoint, so a row-by-row insert wrote (and later merged) one tiny segment per object.
    insertTexts: sqlite.prepare('insert into stix_text (rowid, name, description) select value ->> 0, value ->> 1, value ->> 2 from json_each(?)'),
    relatest: sqlite.prepare(
      `update stix_object set is_latest = (version_us = (select max(v.version_us) from stix_object v where v.id_key = stix_object.id_key and v.id = stix_object.id))
       where ${ofIds('stix_object')}`,
    ),
    collection: sqlite.prepare('select last_added_us as lastAddedUs from collection where id = ?'),
    membership: sqlite.prepare('select seq from collection_object where collection_id = ? and seq in (select value from json_each(?))'),
    // Row by row: unlike the text index, nothing here gains from one statement, and extracting six
    // fields from each json_each element cost more than binding them.
    insertMember: sqlite.prepare(
      `insert into collection_object (collection_id, date_added_us, seq, object_id, type, version_us, spec_version, is_latest)
       values (?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    relatestMembers: sqlite.prepare(
      `update collection_object set is_latest = (version_us = (select max(m.version_us) from collection_object m
         where m.collection_id = collection_object.collection_id and m.seq in (select v.seq from stix_object v
           where v.id_key = ${keyOf('collection_object.object_id')} and v.id = collection_object.object_id)))
       where collection_id = @collection and seq in (select v.seq from stix_object v where ${ofIds('v')})`,
    ),
    bumpCollection: sqlite.prepare('update collection set last_added_us = ? where id = ?'),
  };
}

/**
 * Fills in the rows of the items not inserted (duplicates, conflicts, refusals): the stored version
 * they name, or the item inserted earlier in the batch with the same version (classifyBatch
 * inserts a version once, and never one already stored).
 * @param {BatchWrite} batch
 * @param {readonly StoredVersion[]} existing
 * @param {readonly number[]} inserted indexes of the items inserted, whose rows `seqs` holds
 * @param {Array<number | undefined>} seqs
 */
function rowsOfTheRest(batch, existing, inserted, seqs) {
  /** @type {Map<string, number | undefined>} */
  const byVersion = new Map(existing.map((row) => [versionKey(row.id, row.versionUs), row.seq]));
  for (const index of inserted) {
    const item = batch.items[index];
    if (item) byVersion.set(versionKey(item.id, item.versionUs), seqs[index]);
  }
  batch.items.forEach((item, index) => {
    seqs[index] ??= byVersion.get(versionKey(item.id, item.versionUs));
  });
}

/**
 * Returns a function that writes one batch of object versions with their collection membership
 * and search text in one immediate transaction on the connection.
 * @param {Connection} sqlite
 * @returns {(batch: BatchWrite) => WriteResult[]}
 */
export function sqliteBatchWriter(sqlite) {
  /** @type {ReturnType<typeof prepare> | undefined} */
  let statements;

  /** @param {BatchWrite} batch */
  const writeSync = (batch) => {
    statements ??= prepare(sqlite);
    const s = statements;
    const ids = [...new Set(batch.items.map((i) => i.id))];
    const existing = /** @type {StoredVersion[]} */ (s.existing.all({ ids: JSON.stringify(ids) }));
    const { statuses, toInsert, updatedIds } = classifyBatch(batch, existing);
    /** The row of each item: inserted now, or stored before (by this batch or an earlier one). @type {Array<number | undefined>} */
    const seqs = new Array(batch.items.length);

    /** @type {Array<[number, string | null, string | null]>} */
    const texts = [];
    for (const index of toInsert) {
      const item = batch.items[index];
      if (!item) continue;
      // The rowid is the seq; reading it back costs less than a RETURNING clause.
      const seq = Number(s.insertObject.run(
        item.id, item.type, item.specVersion, item.versionUs, item.createdUs, item.modifiedUs, item.revoked, item.createdByRef,
        batch.originParty, item.tlp, item.markingRefs, item.hasGranular, item.hash, item.body, batch.nowUs,
      ).lastInsertRowid);
      seqs[index] = seq;
      if (item.name !== null || item.description !== null) texts.push([seq, item.name, item.description]);
    }
    if (texts.length) s.insertTexts.run(JSON.stringify(texts));
    if (toInsert.length < batch.items.length) rowsOfTheRest(batch, existing, toInsert, seqs);
    if (updatedIds.size) s.relatest.run({ ids: JSON.stringify([...updatedIds]) });

    // Membership: versions stored before may already be in this collection; rows inserted just now cannot be.
    const knownIds = new Set([...existing.map((e) => e.id), ...updatedIds]);
    const memberRows = existing.length ? /** @type {Array<{ seq: number }>} */ (s.membership.all(batch.collectionId, JSON.stringify(existing.map((e) => e.seq)))) : [];
    const members = new Set(memberRows.map((m) => m.seq));
    const collection = /** @type {{ lastAddedUs: number } | undefined} */ (s.collection.get(batch.collectionId));
    if (!collection) throw new Error(`collection ${batch.collectionId} does not exist`);
    const firstDateAdded = Math.max(batch.nowUs, collection.lastAddedUs + 1);
    let dateAdded = firstDateAdded;
    /** @type {Set<string>} */
    const relatestIds = new Set();
    /** @type {WriteResult[]} */
    const results = batch.items.map((item, index) => {
      const status = statuses[index] ?? 'conflict';
      const seq = seqs[index];
      if (status === 'conflict' || status === 'not-originator' || seq === undefined || members.has(seq))
        return { status, seq, dateAddedUs: undefined };
      members.add(seq);
      const dateAddedUs = dateAdded++;
      s.insertMember.run(batch.collectionId, dateAddedUs, seq, item.id, item.type, item.versionUs, item.specVersion);
      if (knownIds.has(item.id)) relatestIds.add(item.id);
      return { status, seq, dateAddedUs };
    });
    if (relatestIds.size) s.relatestMembers.run({ collection: batch.collectionId, ids: JSON.stringify([...relatestIds]) });
    if (dateAdded > firstDateAdded) s.bumpCollection.run(dateAdded - 1, batch.collectionId);
    return results;
  };

  const transaction = sqlite.transaction(writeSync);
  return (batch) => transaction.immediate(batch);
}
