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
import { DeferredTextIndex } from './text-index.postgres.js';

/** A process that stores a batch and stops before writing its search text. */
class StoppedBeforeText extends DeferredTextIndex {
  override write(): Promise<void> {
    return Promise.resolve();
  }
}

describe('search text written after the batch (PostgreSQL)', () => {
  let database: TestDatabase;
  let collectionId: string;
  const errors: unknown[] = [];
  const pool = (): pg.Pool => {
    if (!database.pool) throw new Error('no pool');
    return database.pool;
  };
  const index = (): DeferredTextIndex => new DeferredTextIndex(pool(), describeObject, (error) => errors.push(error));

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    collectionId = randomUUID();
    await insertCollection(database.db, { id: collectionId, alias: 'intel', kind: 'intel', party: null, title: 'Intel', description: null, createdUs: 1, lastAddedUs: 0 });
    errors.length = 0;
  });
  afterEach(() => database.drop());

  const store = async (text: DeferredTextIndex, name: string) => {
    const object = indicator({ name }) as StixObject;
    await createPostgresObjectWriter(pool(), text).write({ collectionId, originParty: null, nowUs: Date.now() * 1000, items: [{ ...prepareObject(object), ...describeObject(object) }] });
    return object;
  };
  const found = async (text: string) => (await searchObjects(database.db, 'postgres', { text, includeRevoked: false, limit: 10 })).map((r) => r.id);
  const backlog = async () => Number((await sql<{ n: number }>`select count(*) as n from stix_text_backlog`.execute(database.db)).rows[0]?.n);

  it('makes a stored batch searchable once indexed() resolves, and leaves no backlog', async () => {
    const text = index();
    const object = await store(text, 'Deferred probe 延迟 отложенный');
    await text.indexed();
    expect(await found('延迟')).toEqual([object.id]);
    expect(await found('отложенный')).toEqual([object.id]);
    expect(await backlog()).toBe(0);
  });

  it('indexes at recovery the text of a batch whose process stopped before writing it', async () => {
    const object = await store(new StoppedBeforeText(pool(), describeObject, (error) => errors.push(error)), 'Backlog probe 回收');
    expect(await found('Backlog probe')).toEqual([]);
    expect(await backlog()).toBe(1);
    expect(await index().recover()).toBe(1);
    expect(await found('Backlog probe')).toEqual([object.id]);
    expect(await backlog()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('reports a failed text write, keeps its backlog row and goes on with later batches', async () => {
    const text = index();
    await sql`alter table stix_text rename to stix_text_away`.execute(database.db);
    const lost = await store(text, 'Unlucky probe');
    await text.indexed();
    expect(errors).toHaveLength(1);
    await sql`alter table stix_text_away rename to stix_text`.execute(database.db);
    const next = await store(text, 'Lucky probe');
    await text.indexed();
    expect(await found('Lucky probe')).toEqual([next.id]);
    expect(await backlog()).toBe(1);
    await index().recover();
    expect(await found('Unlucky probe')).toEqual([lost.id]);
    expect(await backlog()).toBe(0);
  });

  it('indexes a noted batch whose text a recovering process wrote first, once', async () => {
    const object = await store(new StoppedBeforeText(pool(), describeObject, (error) => errors.push(error)), 'Twice indexed probe 双重');
    // Another process wrote the text and stopped before removing the note.
    await sql`insert into stix_text (seq, name, description) select seq, ${object.name}, null from stix_object where id = ${object.id}`.execute(database.db);
    expect(await index().recover()).toBe(1);
    expect(await found('Twice indexed')).toEqual([object.id]);
    expect(await backlog()).toBe(0);
    expect(errors).toEqual([]);
  });
});
