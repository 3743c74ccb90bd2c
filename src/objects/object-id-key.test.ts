import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import * as compactObjectKeys from '../db/migrations/20261201090000_compact_object_keys.js';
import { describeObject } from './describe-object.js';
import { objectIdIn, objectIdIs, objectIdKey } from './object-id-key.js';
import { prepareObject, type StixObject } from './object-row.js';
import { latestOf, searchObjects, versionsOf } from './objects.repository.js';
import { createSqliteObjectWriter } from './objects.writer.sqlite.js';
import type { WriteItem } from './objects.writer.js';

const COLLECTION = 'c0ffee00-0000-4000-8000-000000000002';

function version(id: string, modified: string, name: string): WriteItem {
  const object: StixObject = {
    type: id.slice(0, id.indexOf('--')), spec_version: '2.1', id, created: '2026-11-01T08:00:00.000Z', modified, name,
    pattern: "[ipv4-addr:value = '10.0.0.1']", pattern_type: 'stix', valid_from: '2026-11-01T08:00:00Z',
  };
  return prepareObject(object, describeObject(object));
}

describe('finding stored versions by the id key', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    await sql`insert into collection (id, alias, kind, party, title, created_us) values (${COLLECTION}, 'intel', 'intel', null, 'Intel', 0)`.execute(database.db);
  });
  afterEach(async () => database.drop());

  it('keeps apart two ids that share the key, in the writer and in lookups', async () => {
    // The same UUID under two types: one key, two objects.
    const uuid = randomUUID();
    const indicator = `indicator--${uuid}`, sibling = `x-probe--${uuid}`;
    expect(objectIdKey(indicator)).toBe(objectIdKey(sibling));
    const writer = createSqliteObjectWriter(database);
    const write = (items: WriteItem[]) => writer.write({ collectionId: COLLECTION, originParty: null, nowUs: Date.now() * 1000, items });
    expect((await write([version(indicator, '2026-11-01T08:00:00.000Z', 'first')])).map((r) => r.status)).toEqual(['new']);
    // Same version time, other id: new, not a duplicate or a conflict of the first.
    expect((await write([version(sibling, '2026-11-01T08:00:00.000Z', 'sibling')])).map((r) => r.status)).toEqual(['new']);
    expect((await write([version(indicator, '2026-11-02T08:00:00.000Z', 'second')])).map((r) => r.status)).toEqual(['updated']);
    expect((await write([version(sibling, '2026-11-01T08:00:00.000Z', 'sibling')])).map((r) => r.status)).toEqual(['duplicate']);

    expect((await versionsOf(database.db, indicator)).map((v) => [v.id, v.isLatest])).toEqual([[indicator, 1], [indicator, 0]]);
    expect((await versionsOf(database.db, sibling)).map((v) => [v.id, v.isLatest])).toEqual([[sibling, 1]]);
    expect((await latestOf(database.db, [sibling])).map((v) => v.id)).toEqual([sibling]);
    const keys = await sql<{ id: string; idKey: string }>`select id, id_key as "idKey" from stix_object`.execute(database.db);
    for (const row of keys.rows) expect(row.idKey).toBe(objectIdKey(row.id));
  });

  it('migrates a store holding objects both ways, losing no version and no search text', async () => {
    const writer = createSqliteObjectWriter(database);
    const ids = Array.from({ length: 50 }, () => `indicator--${randomUUID()}`);
    await writer.write({ collectionId: COLLECTION, originParty: null, nowUs: Date.now() * 1000, items: ids.map((id, i) => version(id, '2026-11-01T08:00:00.000Z', `Шифровальщик ${i}`)) });
    const found = async () => {
      const search = await searchObjects(database.db, 'sqlite', { text: 'шифровальщик 4', includeRevoked: false, limit: 100 });
      return { versions: (await latestOf(database.db, ids)).length, search: search.map((o) => o.id).sort() };
    };
    const expected = { versions: 50, search: [ids[4]!, ...ids.slice(40)].sort() };
    expect(await found()).toEqual(expected);
    const schema = database.db as unknown as Kysely<unknown>;
    await compactObjectKeys.down(schema);
    const unique = await sql<{ name: string }>`select name from pragma_index_list('stix_object') where "unique" = 1`.execute(database.db);
    expect(unique.rows.map((r) => r.name)).toContain('stix_object_version');
    await compactObjectKeys.up(schema);
    expect(await found()).toEqual(expected);
  });

  it('answers lookups by id from the index, never by reading the table', async () => {
    const id = `indicator--${randomUUID()}`;
    const plans = [
      database.db.selectFrom('stixObject').select('seq').where(objectIdIs('stixObject', id)).compile(),
      database.db.selectFrom('stixObject as o').select('o.seq').where(objectIdIn('o', [id, `malware--${randomUUID()}`])).compile(),
    ];
    for (const query of plans) {
      const detail = database.sqlite!.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
      expect(detail.map((d) => d.detail).join('\n')).toContain('USING INDEX stix_object_id_key');
      expect(detail.map((d) => d.detail).join('\n')).not.toMatch(/SCAN stix_object\b/);
    }
  });
});
