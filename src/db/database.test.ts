import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/support/databases.js';
import { openDatabase, PAGE_BYTES } from './database.js';
import * as uncheckedDerivedRows from './migrations/20261130150000_unchecked_derived_rows.js';

describe.each(dialects)('store on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.drop());

  it('runs the migrations and accepts rows in the core tables', async () => {
    await database.db.insertInto('setting').values({ key: 'k', value: 'v' }).execute();
    const row = await database.db.selectFrom('setting').selectAll().where('key', '=', 'k').executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'k', value: 'v' });
    expect(database.dialect).toBe(dialect);
  });

  it('keeps 64-bit microsecond timestamps exact', async () => {
    const micros = Date.UTC(2026, 10, 28, 10, 0, 0) * 1000 + 123456;
    await database.db
      .insertInto('collection')
      .values({ id: 'c1', alias: 'intel', kind: 'intel', party: null, title: 'Intel', description: null, createdUs: micros, lastAddedUs: micros })
      .execute();
    const row = await database.db.selectFrom('collection').select('lastAddedUs').where('id', '=', 'c1').executeTakeFirstOrThrow();
    expect(row.lastAddedUs).toBe(micros);
  });
});

describe('a SQLite store file', () => {
  it('is created with large pages, and one created before keeps its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-pages-'));
    try {
      const created = join(dir, 'new.db');
      const fresh = openDatabase({ sqlitePath: created });
      await fresh.db.schema.createTable('probe').addColumn('x', 'integer').execute();
      await fresh.close();
      // An older store: 4 kB pages, already holding a table.
      const older = join(dir, 'old.db');
      const before = new SQLite(older);
      before.pragma('page_size = 4096');
      before.exec('create table probe (x integer)');
      before.close();
      const reopened = openDatabase({ sqlitePath: older });
      await sql`insert into probe (x) values (1)`.execute(reopened.db);
      await reopened.close();
      const pageSize = (file: string) => {
        const sqlite = new SQLite(file, { readonly: true });
        try {
          return sqlite.pragma('page_size', { simple: true });
        } finally {
          sqlite.close();
        }
      };
      expect(PAGE_BYTES).toBe(16_384);
      expect(pageSize(created)).toBe(PAGE_BYTES);
      expect(pageSize(older)).toBe(4096);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rows ingest derives, on postgres', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => database?.drop());

  const schema = () => database.db as unknown as Kysely<unknown>;
  const foreignKeys = async () =>
    (await sql<{ table: string }>`select conrelid::regclass::text as table from pg_constraint where contype = 'f' and conrelid in ('stix_text'::regclass, 'collection_object'::regclass) order by 1`.execute(database.db)).rows.map((r) => r.table);

  it('are stored without a key check per row, and migrating down puts the checks back', async () => {
    expect(await foreignKeys()).toEqual([]);
    await uncheckedDerivedRows.down(schema());
    expect(await foreignKeys()).toEqual(['collection_object', 'stix_text']);
    await expect(sql`insert into stix_text (seq, name) values (987654321, 'orphan')`.execute(database.db)).rejects.toThrow(/foreign key/);
    await uncheckedDerivedRows.up(schema());
    expect(await foreignKeys()).toEqual([]);
  });
});
