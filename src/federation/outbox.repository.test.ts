import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/support/databases.js';
import { unacknowledgedBundles, unacknowledgedQuery } from './outbox.repository.js';

const HISTORY = 3000;

function bundle(n: number, party: string, direction: 'sent' | 'received', acknowledged: boolean) {
  return {
    id: `bundle--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, direction, party, createdUs: 1_000_000 + n, objectCount: 1, sha256: 'a'.repeat(64),
    signature: 'sig', receipt: acknowledged ? '{}' : null, receiptSignature: acknowledged ? 'sig' : null, receiptUs: acknowledged ? 2_000_000 + n : null,
  };
}

describe.each(dialects)('unacknowledged bundles on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    // A channel with a long history: every early warning sent or received is a bundle.
    const history = Array.from({ length: HISTORY }, (_, n) => bundle(n, n % 3 ? 'RU' : 'KZ', n % 2 ? 'sent' : 'received', true));
    for (let i = 0; i < history.length; i += 500) await database.db.insertInto('bundle').values(history.slice(i, i + 500)).execute();
    await database.db.insertInto('bundle').values([
      bundle(HISTORY + 2, 'RU', 'sent', false), bundle(HISTORY + 1, 'RU', 'sent', false), bundle(HISTORY + 3, 'RU', 'received', false), bundle(HISTORY + 4, 'KZ', 'sent', false),
    ]).execute();
  });
  afterAll(async () => database?.drop());

  it('are the peer’s sent bundles still waiting for a receipt, oldest first, whatever the history', async () => {
    const waiting = await unacknowledgedBundles(database.db, 'RU', 3);
    expect(waiting.map((b) => b.createdUs)).toEqual([1_000_000 + HISTORY + 1, 1_000_000 + HISTORY + 2]);
    expect(waiting.every((b) => b.direction === 'sent' && b.party === 'RU' && b.receiptUs === null)).toBe(true);
  });

  // The plan is SQLite's to read; PostgreSQL's planner picks by table statistics, not by schema alone.
  if (dialect === 'sqlite') it('are found through an index, not by reading every bundle of the channel’s history', async () => {
    const compiled = unacknowledgedQuery(database.db, 'RU', 3).compile();
    const plan = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
    const steps = plan.rows.map((r) => r.detail).join('\n');
    expect(steps).toContain('USING INDEX bundle_unacknowledged');
    expect(steps).not.toMatch(/SCAN bundle|TEMP B-TREE/);
  });
});
