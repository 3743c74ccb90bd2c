import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { indicator } from '../../test/support/stix-factory.js';
import { dialects } from '../../test/support/databases.js';
import { storeUnheard } from '../../test/support/unheard-write.js';
import { readCursor } from './exchange.repository.js';

describe.each(dialects)('exchange dispatcher catch-up on %s', (dialect) => {
  let node: TestNode;
  const clock = new ManualClock('2026-12-01T00:00:00.000Z');

  beforeEach(async () => {
    node = await createTestNode({ dialect, party: 'CN', clock });
  });
  afterEach(async () => node?.close());

  // SQLite commits versions in seq order, so the cursor can pass them at once; PostgreSQL may still
  // commit a lower seq later, so there the cursor waits until they are settled.
  it(`moves its cursor past the node's own objects ${dialect === 'sqlite' ? 'at once' : 'once they are settled'}, so restarts do not read them again`, async () => {
    const admin = await node.services.auth.principalForToken(await node.token('admin'));
    if (admin?.kind !== 'user') throw new Error('user');
    await node.services.objects.create(admin, [indicator(), indicator(), indicator()]);
    const newest = await node.services.database.db.selectFrom('stixObject').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    expect(await node.services.exchange.catchUp()).toBe(0);
    expect(await readCursor(node.services.database.db)).toBe(dialect === 'sqlite' ? Number(newest.seq) : 0);
    clock.advance(120_000);
    expect(await node.services.exchange.catchUp()).toBe(0);
    expect(await readCursor(node.services.database.db)).toBe(Number(newest.seq));
  });

  it(`passes the node's own batch ${dialect === 'sqlite' ? 'as it is stored, when nothing unhandled lies before it' : 'only in a catch-up, once settled'}`, async () => {
    const { db } = node.services.database;
    const admin = await node.services.auth.principalForToken(await node.token('admin'));
    if (admin?.kind !== 'user') throw new Error('user');
    const newest = async () => Number((await db.selectFrom('stixObject').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq);
    const before = await readCursor(db);
    await node.services.objects.create(admin, [indicator(), indicator()]);
    expect(await readCursor(db)).toBe(dialect === 'sqlite' ? await newest() : before);

    // A peer's version whose listeners never ran (the process died): the next batch of the node's
    // own must not carry the cursor past it, or no restart would ever hand it over.
    const inbox = await node.services.collections.byAlias('inbox-RU');
    const [peerSent] = await storeUnheard(node.services, inbox.id, 'RU', [indicator()]);
    const cursor = await readCursor(db);
    // On SQLite the cursor stands just before it; on PostgreSQL it has not moved at all.
    if (dialect === 'sqlite') expect(peerSent?.seq).toBe(cursor + 1);
    else expect(cursor).toBe(before);
    await node.services.objects.create(admin, [indicator()]);
    expect(await readCursor(db)).toBe(cursor);
  });

  it('hands a delivery receipt to the domains tracking its kinds and ignores events that are not receipts', async () => {
    let seen: unknown[] = [];
    let untracked = 0;
    node.services.exchange.onReceipt(['indicator'], (party, items) => {
      seen = [party, items.map((i) => i.id)];
      return Promise.resolve();
    });
    node.services.exchange.onReceipt(['accord-test-kind'], () => {
      untracked++;
      return Promise.resolve();
    });
    node.services.events.publish({ type: 'federation.bundle-received', at: '', data: { party: 'RU', objects: [{ id: 'indicator--0', version: null, status: 'new' }] } });
    node.services.events.publish({
      type: 'federation.receipt', at: '',
      data: { party: 'RU', bundleId: 'bundle--1', objects: [{ id: 'indicator--1', version: null, status: 'new' }, { id: 'malware--2', version: null, status: 'new' }, { id: 'indicator', version: null, status: 'new' }, 'junk'] },
    });
    await node.services.exchange.settled();
    expect(seen).toEqual(['RU', ['indicator--1']]);
    expect(untracked).toBe(0);
  });
});
