import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/support/databases.js';

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
