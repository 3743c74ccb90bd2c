import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import type { UserPrincipal } from '../auth/principal.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

/** The governance domains on a node of the three-Party test profile: nothing in them is bilateral. */
describe('governance under the multilateral test profile', () => {
  const clock = new ManualClock('2025-03-01T12:00:00.000Z');
  let xa: TestNode;
  let liaison: UserPrincipal;

  beforeAll(async () => {
    xa = await createTestNode({ dialect: 'sqlite', party: 'XA', profile: 'test-multilateral', clock });
    const principal = await xa.services.auth.principalForToken(await xa.token('liaison'));
    if (principal?.kind !== 'user') throw new Error('no user');
    liaison = principal;
  });
  afterAll(async () => xa?.close());

  it('shares records with both other Parties, waits for every notification and receipt, and takes the profile\'s cost rule', async () => {
    const { agreement, activities } = xa.services.governance;
    await agreement.record(liaison, { kind: 'signature', signedOn: '2024-02-29' });
    const own = await agreement.record(liaison, { kind: 'notification', sentAt: '2025-03-01T00:00:00Z' });
    expect(own.state.versions[0]).toMatchObject({ version: '0.1.0', awaitingNotification: ['XB', 'XC'], entryIntoForce: null });
    expect(own.state.versions[0]?.notifications[0]?.awaitingReceipt).toEqual(['XB', 'XC']);
    for (const party of ['XB', 'XC']) {
      const outbox = await xa.services.collections.byAlias(`outbox-${party}`);
      const queued = await xa.services.database.db.selectFrom('collectionObject').select('objectId').where('collectionId', '=', outbox.id).execute();
      expect(queued.map((q) => q.objectId)).toContain(own.record.id);
    }
    const activity = await activities.create(liaison, { title: 'Annual exercise', kind: 'training', directions: ['early-warning'], participants: [{ party: 'XA' }, { party: 'XB' }, { party: 'XC' }], startDate: '2025-09-01' });
    expect(activity.object).toMatchObject({ cost_bearer: 'host-party', profile_version: '0.1.0' });
    const xbNote = { ...own.record.object, id: 'accord-lifecycle-record--5b0e7c1e-2f55-4a8e-9a0b-6f1d3c2b1a00', recording_party: 'XB', notifying_party: 'XB' };
    const inbox = await xa.services.collections.byAlias('inbox-XB');
    const [outcome] = await xa.services.ingest.ingestObjects([xbNote], { collectionId: inbox.id, originParty: 'XB' });
    expect(outcome?.status).toBe('new');
    expect((await agreement.state()).versions[0]?.awaitingNotification).toEqual(['XC']);
    const [forged] = await xa.services.ingest.ingestObjects([{ ...xbNote, id: 'accord-lifecycle-record--5b0e7c1e-2f55-4a8e-9a0b-6f1d3c2b1a01', recording_party: 'XC', notifying_party: 'XC' }], { collectionId: inbox.id, originParty: 'XB' });
    expect(forged?.status).toBe('rejected');
    expect((await agreement.state()).versions[0]?.awaitingNotification).toEqual(['XC']);
  });
});
