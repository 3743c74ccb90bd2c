import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { indicator } from '../../test/support/stix-factory.js';
import { insertCollection } from '../taxii/collections.repository.js';
import { describeObject } from './describe-object.js';
import { prepareObject, type StixObject } from './object-row.js';
import { searchObjects } from './objects.repository.js';
import { createPostgresObjectWriter } from './objects.writer.postgres.js';
import type { ObjectWriter, WriteItem } from './objects.writer.js';
import { DeferredTextIndex } from './text-index.postgres.js';

describe('the PostgreSQL writer (COPY, falling back when another process stored a version first)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const errors: unknown[] = [];
  const collection = async (alias: string) => {
    const id = randomUUID();
    await insertCollection(database.db, { id, alias, kind: 'intel', party: null, title: alias, description: null, createdUs: 1, lastAddedUs: 0 });
    return id;
  };
  const textIndex = (): DeferredTextIndex => new DeferredTextIndex(pool, describeObject, (error) => errors.push(error));
  const writer = (text = textIndex()): ObjectWriter => createPostgresObjectWriter(pool, text);
  const item = (object: Record<string, unknown>): WriteItem => ({ ...prepareObject(object as StixObject), ...describeObject(object as StixObject) });
  const members = async (collectionId: string) =>
    (await sql<{ objectId: string }>`select object_id from collection_object where collection_id = ${collectionId} order by date_added_us`.execute(database.db)).rows.map((r) => r.objectId);
  const found = async (text: string) => (await searchObjects(database.db, 'postgres', { text, includeRevoked: false, limit: 10 })).map((r) => r.id);

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    if (!database.pool) throw new Error('a PostgreSQL test database without a pool');
    pool = database.pool;
    errors.length = 0;
  });
  afterEach(() => database.drop());

  it('stores text with the characters COPY escapes exactly as given, and finds it', async () => {
    const intel = await collection('intel');
    const awkward = indicator({ name: 'tab\there back\\slash 反斜杠\\N', description: 'line one\nline two\r\nend \\t not a tab; "quoted" обратная\\черта' });
    const text = textIndex();
    const [result] = await writer(text).write({ collectionId: intel, originParty: 'RU', nowUs: Date.now() * 1000, items: [item(awkward)] });
    await text.indexed();
    expect(result?.status).toBe('new');
    const stored = (await sql<{ body: string; originParty: string; name: string; description: string }>`select o.body, o.origin_party, t.name, t.description
      from stix_object o join stix_text t on t.seq = o.seq where o.id = ${awkward.id}`.execute(database.db)).rows[0];
    expect(JSON.parse(stored?.body ?? '{}')).toEqual(awkward);
    expect(stored?.body).toBe(item(awkward).body);
    expect(stored?.originParty).toBe('RU');
    expect(stored?.name).toBe(awkward.name);
    expect(stored?.description).toBe(item(awkward).description);
    expect(await found('back\\slash')).toEqual([awkward.id]);
    expect(await found('line two')).toEqual([awkward.id]);
    expect(errors).toEqual([]);
  });

  it('refuses a batch for a collection that does not exist and stores nothing (no foreign key guards membership)', async () => {
    const object = indicator();
    await expect(writer().write({ collectionId: randomUUID(), originParty: null, nowUs: Date.now() * 1000, items: [item(object)] })).rejects.toThrow(/does not exist/);
    const stored = await sql<{ n: number }>`select (select count(*) from stix_object)::int + (select count(*) from collection_object)::int + (select count(*) from stix_text_backlog)::int as n`.execute(database.db);
    expect(stored.rows[0]?.n).toBe(0);
  });

  it('writes a batch again, without losing or doubling anything, when another transaction stored one of its versions meanwhile', async () => {
    const intel = await collection('intel');
    // Names no other contains: the factory's random ones ("… 198.51.100.2") are substrings of others
    // ("… 198.51.100.25"), and a search limited to ten could miss the one asked for.
    const batch = Array.from({ length: 50 }, (_, i) => indicator({ name: `Retried write, object ${i}.` }));
    const taken = item(batch[17] as Record<string, unknown>);
    // Another process has inserted one version of the batch and not yet committed: this writer
    // does not see it, and its COPY waits on the key until the other commits.
    const other = await pool.connect();
    try {
      await other.query('begin');
      await other.query(
        `insert into stix_object (id, type, spec_version, version_us, created_us, modified_us, revoked, is_latest, hash, body, stored_us, has_granular)
          values ($1, $2, $3, $4, $5, $6, 0, 1, $7, $8, 1, 0)`,
        [taken.id, taken.type, taken.specVersion, taken.versionUs, taken.createdUs, taken.modifiedUs, taken.hash, taken.body],
      );
      const text = textIndex();
      const writing = writer(text).write({ collectionId: intel, originParty: null, nowUs: Date.now() * 1000, items: batch.map(item) });
      await waitForLockWait(pool);
      await other.query('commit');
      const results = await writing;
      await text.indexed();
      expect(results.map((r) => r.status)).toEqual(batch.map((_, i) => (i === 17 ? 'duplicate' : 'new')));
      expect(results.every((r) => r.seq !== undefined && r.dateAddedUs !== undefined)).toBe(true);
    } finally {
      other.release();
    }
    expect(await members(intel)).toEqual(batch.map((o) => o.id));
    const stored = (await sql<{ n: number }>`select count(*)::int as n from stix_object`.execute(database.db)).rows[0]?.n;
    expect(stored).toBe(50);
    expect(await found((batch[3] as { name: string }).name)).toContain(batch[3]?.id);
    expect(errors).toEqual([]);
  });

  it('rolls a batch back whole when its membership cannot be written after its objects were copied', async () => {
    const intel = await collection('intel');
    const kept = indicator();
    await writer().write({ collectionId: intel, originParty: null, nowUs: Date.now() * 1000, items: [item(kept)] });
    await sql`alter table collection_object rename to collection_object_away`.execute(database.db);
    const lost = [indicator(), indicator(), indicator()];
    await expect(writer().write({ collectionId: intel, originParty: null, nowUs: Date.now() * 1000, items: lost.map(item) })).rejects.toThrow(/collection_object/);
    await sql`alter table collection_object_away rename to collection_object`.execute(database.db);
    expect(await members(intel)).toEqual([kept.id]);
    expect((await sql<{ id: string }>`select id from stix_object`.execute(database.db)).rows.map((r) => r.id)).toEqual([kept.id]);
    // Written again, the same batch is whole, and the connection that failed serves on.
    const again = await writer().write({ collectionId: intel, originParty: null, nowUs: Date.now() * 1000, items: lost.map(item) });
    expect(again.map((r) => r.status)).toEqual(['new', 'new', 'new']);
    expect(await members(intel)).toEqual([kept.id, ...lost.map((o) => o.id)]);
  });

  it('indexes a name with a NUL character (PostgreSQL text cannot hold one) without it', async () => {
    const intel = await collection('intel');
    const object = indicator({ name: 'nul\u0000inside probe' });
    const text = textIndex();
    await writer(text).write({ collectionId: intel, originParty: null, nowUs: Date.now() * 1000, items: [item(object)] });
    await text.indexed();
    expect(errors).toEqual([]);
    expect(await found('nulinside probe')).toEqual([object.id]);
  });
});

/** Resolves once some session of the pool's database waits on a lock. */
async function waitForLockWait(pool: pg.Pool): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const waiting = await pool.query(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (waiting.rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no session waited on a lock');
}
