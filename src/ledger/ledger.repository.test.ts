import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/support/databases.js';
import { bundlesWithObject } from '../federation/bundles.repository.js';
import * as ledgerByObjectSeq from '../db/migrations/20261130170000_ledger_by_object_seq.js';
import { crossed, entriesForObject, LEDGER_COLUMNS, ledgerRange } from './ledger.repository.js';

const ID = 'indicator--6d6e6b5c-1b2a-4c3d-8e9f-0a1b2c3d4e5f';
const OTHER = 'indicator--0f0e0d0c-0b0a-4908-8706-050403020100';

describe.each(dialects)('ledger lookups by stored version on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.drop());

  const version = (id: string, versionUs: number) => ({
    id, type: 'indicator', specVersion: '2.1', versionUs, createdUs: versionUs, modifiedUs: versionUs, revoked: 0, isLatest: 0, createdByRef: null,
    originParty: 'RU', tlp: null, markingRefs: null, hasGranular: 0, hash: `h${versionUs}`, body: '{}', storedUs: versionUs,
  });
  const entry = (seq: number, objectId: string | null, versionUs: number | null, kind: 'received' | 'receipt-sent' = 'received') => ({
    seq, atUs: seq, kind, party: 'RU', objectId, versionUs, contentHash: `c${seq}`, bundleId: 'bundle--1', signature: null, channelIndex: objectId ? seq : null,
    channelHead: null, prevHash: `p${seq}`, entryHash: `e${seq}`,
  });

  it('finds what was ledgered before the migration through the seqs it fills in, and a refused element by its id', async () => {
    const schema = database.db as unknown as Kysely<unknown>;
    await ledgerByObjectSeq.down(schema);
    const stored = await database.db.insertInto('stixObject').values([version(ID, 1000), version(ID, 2000), version(OTHER, 1000)]).returning('seq').execute();
    const [first, second, other] = stored.map((r) => r.seq);
    // Rows as the schema before the migration held them: no object_seq column yet.
    await sql`insert into ledger_entry (seq, at_us, kind, party, object_id, version_us, content_hash, bundle_id, channel_index, prev_hash, entry_hash)
      values (1, 1, 'received', 'RU', ${ID}, 1000, 'c1', 'bundle--1', 1, 'p1', 'e1'), (2, 2, 'received', 'RU', ${ID}, 2000, 'c2', 'bundle--2', 2, 'p2', 'e2'),
             (3, 3, 'receipt-sent', 'RU', null, null, 'c3', 'bundle--2', null, 'p3', 'e3')`.execute(database.db);
    await sql`insert into bundle (id, direction, party, created_us, object_count, sha256, signature) values ('bundle--1', 'received', 'RU', 1, 1, 's', 'j'), ('bundle--2', 'received', 'RU', 2, 2, 's', 'j'), ('bundle--3', 'received', 'RU', 3, 1, 's', 'j')`.execute(database.db);
    await sql`insert into bundle_object (bundle_id, idx, object_id, version_us, hash, refused_body)
      values ('bundle--1', 0, ${ID}, 1000, 'h', null), ('bundle--2', 0, ${ID}, 2000, 'h', null), ('bundle--2', 1, ${OTHER}, 1000, 'h', null), ('bundle--3', 0, ${ID}, 3000, 'h', '{"refused":true}')`.execute(database.db);
    await ledgerByObjectSeq.up(schema);

    const seqs = await database.db.selectFrom('ledgerEntry').select(['seq', 'objectSeq']).orderBy('seq').execute();
    expect(seqs).toEqual([{ seq: 1, objectSeq: first }, { seq: 2, objectSeq: second }, { seq: 3, objectSeq: null }]);
    expect((await entriesForObject(database.db, ID)).map((e) => [e.seq, e.versionUs])).toEqual([[1, 1000], [2, 2000]]);
    expect(await entriesForObject(database.db, OTHER)).toEqual([]);
    const bundles = (await bundlesWithObject(database.db, ID)).map((b) => `${b.bundleId}@${b.versionUs}`).sort();
    expect(bundles).toEqual(['bundle--1@1000', 'bundle--2@2000', 'bundle--3@3000']);
    expect(await crossed(database.db, database, 'RU', 'received', [first ?? 0, other ?? 0])).toEqual(new Set([first]));
    expect(await crossed(database.db, database, 'CN', 'received', [first ?? 0])).toEqual(new Set());
  });

  it('reads entries without the seq they are indexed by, which their hash does not cover', async () => {
    await database.db.insertInto('ledgerEntry').values({ ...entry(10, OTHER, 1000), objectSeq: 42 }).execute();
    const [row] = await ledgerRange(database.db, 10, 1);
    expect(Object.keys(row ?? {}).sort()).toEqual([...LEDGER_COLUMNS].sort());
    expect(row).not.toHaveProperty('objectSeq');
  });
});

describe('the crossed-before lookup on sqlite', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => database?.drop());

  it('reads the seq index, not the whole ledger', async () => {
    const plan = await sql<{ detail: string }>`explain query plan select object_seq, party, kind from ledger_entry where object_seq in (select value from json_each('[1,2]'))`.execute(database.db);
    expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX ledger_entry_object_seq/);
  });
});
