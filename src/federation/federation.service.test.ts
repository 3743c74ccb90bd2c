import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { dialects } from '../../test/support/databases.js';
import { indicator } from '../../test/support/stix-factory.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { storeUnheard } from '../../test/support/unheard-write.js';
import { readSweepMark } from './outbox.repository.js';

const MINUTE_MS = 60_000;

/** The outbox sweep: versions stored in a Party's outbox that never reached the delivery queue. */
describe.each(dialects)('the outbox sweep on %s', (dialect) => {
  let node: TestNode;
  const clock = new ManualClock('2026-12-01T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-12-01T09:00:00.000Z');
    node = await createTestNode({ dialect, clock });
  });
  afterEach(async () => node?.close());

  it('queues what a crash left out: all of the outbox at first and every ten minutes, what was added since the last sweep in between', async () => {
    const { services } = node;
    const outbox = await services.collections.byAlias('outbox-RU');
    // As if the process died between storing the versions and queueing them.
    const storeUnqueued = (n: number) => storeUnheard(services, outbox.id, null, Array.from({ length: n }, () => indicator()));
    const queued = () => services.database.db.selectFrom('outboxItem').select(['objectId']).where('party', '=', 'RU').execute();
    const lose = () => services.database.db.deleteFrom('outboxItem').where('party', '=', 'RU').execute();
    const sweep = () => services.federation.service.sweep('RU', outbox.id);

    await storeUnqueued(3);
    expect(await queued()).toHaveLength(0);
    expect(await sweep()).toBe(3);
    expect(await sweep()).toBe(0);
    await lose();
    clock.advance(2 * MINUTE_MS);
    await storeUnqueued(2);
    // An incremental sweep looks only past what the last one saw, however recent the rest.
    expect(await sweep()).toBe(2);
    expect(await sweep()).toBe(0);
    clock.advance(9 * MINUTE_MS);
    // The full sweep finds the older ones as well.
    expect(await sweep()).toBe(3);
    expect(await queued()).toHaveLength(5);
    expect(await sweep()).toBe(0);
  });

  it('passes what ingest queued itself, so that the next sweep does not read it again, but never a version left unqueued before it', async () => {
    const { services } = node;
    const outbox = await services.collections.byAlias('outbox-RU');
    const store = (n: number) => services.ingest.ingestObjects(Array.from({ length: n }, () => indicator()), { collectionId: outbox.id, originParty: null, actor: 'system' });
    const lastAdded = async () => (await services.collections.byAlias('outbox-RU')).lastAddedUs;
    const mark = () => readSweepMark(services.database.db, outbox.id);
    const lose = () => services.database.db.deleteFrom('outboxItem').where('party', '=', 'RU').execute();
    const sweep = () => services.federation.service.sweep('RU', outbox.id);

    // All the outbox holds was queued as it was stored: as good as a full sweep, with no sweep run.
    await store(3);
    expect(await mark()).toEqual({ throughUs: await lastAdded(), fullUs: clock.nowMicros() });
    await lose();
    expect(await sweep()).toBe(0);
    clock.advance(MINUTE_MS);
    await store(2);
    expect((await mark())?.throughUs).toBe(await lastAdded());

    // A version stored but never queued (a crash) holds the mark before it, so the sweep still finds it.
    clock.advance(MINUTE_MS);
    const [unqueued] = await storeUnheard(services, outbox.id, null, [indicator()]);
    const before = (await mark())?.throughUs ?? 0;
    await store(2);
    expect((await mark())?.throughUs).toBe(before);
    expect(before).toBeLessThan(unqueued?.dateAddedUs ?? 0);
    expect(await sweep()).toBe(1);
    expect((await mark())?.throughUs).toBe(await lastAdded());
  });

  it('goes on from the stored sweep after a restart instead of reading the whole outbox again', async () => {
    const { services } = node;
    const federation = services.federation.service;
    const outbox = await services.collections.byAlias('outbox-RU');
    const storeUnqueued = (n: number) => storeUnheard(services, outbox.id, null, Array.from({ length: n }, () => indicator()));
    const lose = () => services.database.db.deleteFrom('outboxItem').where('party', '=', 'RU').execute();
    const sweep = () => federation.sweep('RU', outbox.id);
    await storeUnqueued(3);
    expect(await sweep()).toBe(3);

    // A restarted process: nothing of the last sweep in memory, only what it stored.
    (federation as unknown as { swept: Map<string, unknown> }).swept.clear();
    await lose();
    clock.advance(2 * MINUTE_MS);
    await storeUnqueued(2);
    expect(await sweep()).toBe(2);
    // The next full sweep comes ten minutes after the stored one, not at every start.
    clock.advance(9 * MINUTE_MS);
    (federation as unknown as { swept: Map<string, unknown> }).swept.clear();
    expect(await sweep()).toBe(3);
    expect(await sweep()).toBe(0);
  });

  it('sweeps every ten seconds instead of every tick while this process delivers to the peer, missing nothing', async () => {
    const { services } = node;
    const federation = services.federation.service;
    const outbox = await services.collections.byAlias('outbox-RU');
    await services.database.db.insertInto('peer').values({
      party: 'RU', url: 'http://127.0.0.1:9', card: '{}', fingerprint: 'x', status: 'active', addedUs: clock.nowMicros(), revokedUs: null,
      lastContactUs: null, lastError: null, failures: 0, nextAttemptUs: 0, pullCursorUs: 0,
    }).execute();
    const queued = async () => (await services.database.db.selectFrom('outboxItem').select(['objectId']).where('party', '=', 'RU').execute()).length;
    const storeUnqueued = () => storeUnheard(services, outbox.id, null, [indicator(), indicator()]);
    await federation.tick();
    // As if a delivery to RU were running in this process.
    (federation as unknown as { pumping: Map<string, boolean> }).pumping.set('RU', false);

    await storeUnqueued();
    clock.advance(1000);
    await federation.tick();
    expect(await queued()).toBe(0);
    clock.advance(9000);
    await federation.tick();
    expect(await queued()).toBe(2);

    // Not delivering: the next tick sweeps.
    (federation as unknown as { pumping: Map<string, boolean> }).pumping.delete('RU');
    await storeUnqueued();
    clock.advance(1000);
    await federation.tick();
    expect(await queued()).toBe(4);
  });
});
