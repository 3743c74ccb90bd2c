import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { eventually } from '../../test/support/node-process.js';
import { describeObject } from './describe-object.js';
import { prepareObject, type StixObject } from './object-row.js';
import { countObjects, searchObjects } from './objects.repository.js';
import { createSqliteObjectWriter } from './objects.writer.sqlite.js';
import { SqliteWriteThread } from './sqlite-write-thread.js';
import type { BatchWrite, WriteItem } from './objects.writer.js';

const COLLECTION = 'c0ffee00-0000-4000-8000-000000000001';

function indicator(name: string, id = `indicator--${randomUUID()}`, modified = '2026-11-01T08:00:00.000Z'): WriteItem {
  const object: StixObject = {
    type: 'indicator', spec_version: '2.1', id, created: '2026-11-01T08:00:00.000Z', modified,
    name, pattern: "[ipv4-addr:value = '10.0.0.1']", pattern_type: 'stix', valid_from: '2026-11-01T08:00:00Z',
  };
  return prepareObject(object, describeObject(object));
}

const many = (count: number, prefix: string): WriteItem[] => Array.from({ length: count }, (_, i) => indicator(`${prefix} ${i}`));

/** A batch of an ingest stream: `followed` ones go to the write thread, the last one stays on the main connection. */
const batch = (items: WriteItem[], followed = true): BatchWrite => ({ collectionId: COLLECTION, originParty: null, nowUs: Date.now() * 1000, items, followed });

async function addCollection(database: Pick<TestDatabase, 'db'>): Promise<void> {
  await sql`insert into collection (id, alias, kind, party, title, created_us) values (${COLLECTION}, 'intel', 'intel', null, 'Intel', 0)`.execute(database.db);
}

async function stored(database: Pick<TestDatabase, 'db'>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select t.name from stix_text t join stix_object o on o.seq = t.rowid order by o.seq`.execute(database.db);
  return rows.rows.map((r) => r.name);
}

/** Segments of the search index: FTS5 keeps a row of stix_text_idx for each leaf page's first term, by segment. */
async function segments(database: Pick<TestDatabase, 'db'>): Promise<number> {
  const rows = await sql<{ n: number }>`select count(distinct segid) as n from stix_text_idx`.execute(database.db);
  return rows.rows[0]?.n ?? 0;
}

/** Names holding `text`, found as the node's search finds them, in order. */
async function matches(database: Pick<TestDatabase, 'db'>, text: string): Promise<string[]> {
  const rows = await searchObjects(database.db, 'sqlite', { text, includeRevoked: false, limit: 100 });
  return rows.map((r) => (JSON.parse(r.body) as { name: string }).name).sort();
}

describe('the SQLite object writer', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    await addCollection(database);
  });
  afterEach(async () => database.drop());

  it('writes a stream\'s batches and its last, lone one in the order given, searchable', async () => {
    const writer = createSqliteObjectWriter(database);
    const large = many(300, 'large');
    const again = indicator('large 1, revised', large[1]!.id, '2026-11-02T08:00:00.000Z');
    const [a, b] = await Promise.all([writer.write(batch(large)), writer.write(batch([again, large[0]!], false))]);
    expect(a.every((r) => r.status === 'new')).toBe(true);
    expect(b.map((r) => r.status)).toEqual(['updated', 'duplicate']);
    const names = await stored(database);
    expect(names).toHaveLength(301);
    expect(names.slice(0, 2)).toEqual(['large 0', 'large 1']);
    expect(names.at(-1)).toBe('large 1, revised');
    const members = await sql<{ n: number }>`select count(*) as n from collection_object where collection_id = ${COLLECTION}`.execute(database.db);
    expect(members.rows[0]?.n).toBe(301);
  });

  it('gives back the store\'s own error for a batch it refuses, keeps what came before and goes on with the next', async () => {
    const writer = createSqliteObjectWriter(database);
    await writer.write(batch(many(300, 'kept')));
    await sql`create trigger refuse_poison before insert on stix_object when new.body like '%poison%' begin select raise(abort, 'poison refused'); end`.execute(database.db);
    const refused = writer.write(batch([...many(299, 'fine'), indicator('poison')]));
    await expect(refused).rejects.toMatchObject({ name: 'SqliteError', code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'poison refused' });
    await writer.write(batch(many(300, 'after')));
    const names = await stored(database);
    expect(names).toHaveLength(600);
    expect(names.some((n) => n.startsWith('fine') || n === 'poison')).toBe(false);
  });

  it.each([true, false])('tells repeats and further versions within one batch from new objects (on the thread: %s), storing each version once', async (followed) => {
    const writer = createSqliteObjectWriter(database);
    const first = indicator('first');
    const same = { ...first };
    const later = indicator('first, revised', first.id, '2026-11-02T08:00:00.000Z');
    const clash = { ...indicator('first, altered'), id: first.id };
    const laterAgain = { ...later };
    const results = await writer.write(batch([...many(300, 'filler'), first, same, later, clash, laterAgain], followed));
    expect(results.slice(300).map((r) => r.status)).toEqual(['new', 'duplicate', 'updated', 'conflict', 'duplicate']);
    const [newSeq, sameSeq, laterSeq, , laterAgainSeq] = results.slice(300).map((r) => r.seq);
    expect(sameSeq).toBe(newSeq);
    expect(laterAgainSeq).toBe(laterSeq);
    const versions = await sql<{ n: number }>`select count(*) as n from stix_object where id = ${first.id}`.execute(database.db);
    expect(versions.rows[0]?.n).toBe(2);
    // Only versions added to the collection by this batch have a date added; a repeat adds nothing.
    expect(results.slice(300).map((r) => r.dateAddedUs !== undefined)).toEqual([true, false, true, false, false]);
  });

  it('takes batches while the connection is busy but writes each only in its turn, in the order given', async () => {
    const writer = createSqliteObjectWriter(database);
    let release = (): void => undefined;
    const held = database.db.connection().execute(() => new Promise<void>((resolve) => (release = resolve)));
    const first = writer.write(batch(many(300, 'first')));
    const second = writer.write(batch(many(300, 'second')));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Handed to the thread already, yet nothing written while the connection is someone else's.
    const reader = new SQLite(database.location, { readonly: true });
    try {
      expect(reader.prepare('select count(*) as n from stix_object').get()).toEqual({ n: 0 });
    } finally {
      reader.close();
    }
    release();
    await held;
    await Promise.all([first, second]);
    const names = await stored(database);
    expect(names).toHaveLength(600);
    expect(names.slice(0, 300).every((n) => n.startsWith('first'))).toBe(true);
    expect(names.slice(300).every((n) => n.startsWith('second'))).toBe(true);
  });

  it('finishes the batches on the thread before the store closes', async () => {
    const writer = createSqliteObjectWriter(database);
    const writes = [0, 1, 2].map((i) => writer.write(batch(many(500, `n${i}`))));
    await database.close();
    expect((await Promise.all(writes)).flat().every((r) => r.status === 'new')).toBe(true);
    await expect(writer.write(batch(many(300, 'too late')))).rejects.toThrow();
    const reopened = openDatabase({ sqlitePath: database.location });
    try {
      const count = await sql<{ n: number }>`select count(*) as n from stix_object`.execute(reopened.db);
      expect(count.rows[0]?.n).toBe(1500);
    } finally {
      await reopened.close();
    }
  });

  it('leaves the search index\'s segments to merge once writes stop, every row searchable all along', async () => {
    const merged: string[] = [];
    const writer = createSqliteObjectWriter(database, { quietMs: 100, onUpkeepError: (error) => merged.push(String(error)) });
    const automerge = await sql<{ v: number }>`select v from stix_text_config where k = 'automerge'`.execute(database.db);
    expect(automerge.rows[0]?.v).toBe(0);
    // Each batch is a transaction, and each transaction adds a segment to the index.
    for (let i = 0; i < 12; i++) await writer.write(batch(many(260, `segment${i} row`)));
    const segmentsWritten = await segments(database);
    expect(segmentsWritten).toBeGreaterThanOrEqual(12);
    expect(await matches(database, 'segment7 row 25')).toEqual(['segment7 row 25', 'segment7 row 250', 'segment7 row 251', 'segment7 row 252', 'segment7 row 253', 'segment7 row 254', 'segment7 row 255', 'segment7 row 256', 'segment7 row 257', 'segment7 row 258', 'segment7 row 259']);
    const after = await eventually(async () => {
      const now = await segments(database);
      return now < 4 ? now : undefined;
    }, 10_000, 'the index merged');
    expect(after).toBeLessThan(segmentsWritten);
    expect(merged).toEqual([]);
    expect(await matches(database, 'segment7 row 25')).toHaveLength(11);
    expect(await countObjects(database.db, 'sqlite', { text: 'row', includeRevoked: false, limit: 1 })).toBe(12 * 260);
  });

  it('writes on the main connection when the store is in memory and has no file for a second one', async () => {
    const memory = openDatabase({ sqlitePath: ':memory:' });
    try {
      await migrateToLatest(memory);
      await addCollection(memory);
      expect(memory.sqlitePath).toBeUndefined();
      const writer = createSqliteObjectWriter(memory);
      expect((await writer.write(batch([indicator('in memory')]))).map((r) => r.status)).toEqual(['new']);
      expect(await stored(memory)).toEqual(['in memory']);
    } finally {
      await memory.close();
    }
  });

  it('has a write thread that starts when a stream begins, ahead of its first batch, writes that stream on it, and starts none once closed', async () => {
    const sqlite = database.sqlite;
    if (!sqlite || !database.location) throw new Error('a SQLite file store was expected');
    const thread = SqliteWriteThread.for(sqlite, database.location);
    expect(thread.running).toBe(false);
    thread.start();
    expect(thread.running).toBe(true);
    thread.start();
    const results = await thread.handOver(batch(many(300, 'early')))();
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 300 }, () => 'new'));
    expect(await stored(database)).toHaveLength(300);
    await thread.close();
    expect(thread.running).toBe(false);
    thread.start();
    expect(thread.running).toBe(false);
    await expect(thread.handOver(batch(many(10, 'late')))()).rejects.toThrow('the store is closed');
    expect(await stored(database)).toHaveLength(300);
  });
});
