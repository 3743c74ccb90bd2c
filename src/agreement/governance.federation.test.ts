import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { eventually, peer, type NodeProcess } from '../../test/support/node-process.js';
import { nodeOn } from '../../test/support/test-processes.js';

interface RecordBody { record: { id: string }; state: { status: string } }
interface State { status: string; entryIntoForce: { date: string; instant: string; provision: string } | null; versions: Array<{ notifications: unknown[] }> }

/** The lifecycle, authorities, activities and legislation between two real node processes peered through federation. */
describe.each(dialects)('governance records between two real nodes on %s', (dialect) => {
  let cn: NodeProcess;
  let ru: NodeProcess;

  beforeAll(async () => {
    [cn, ru] = await Promise.all([nodeOn(dialect, 'CN'), nodeOn(dialect, 'RU')]);
    await peer(cn, ru);
    await Promise.all([cn.start(), ru.start()]);
  });
  afterAll(async () => {
    await Promise.all([cn?.close(), ru?.close()]);
  });

  const post = async (node: NodeProcess, token: string, path: string, body: unknown) => {
    const response = await node.api<RecordBody>(path, { method: 'POST', token, body });
    // A 500 says only "logged with request id …": the node's own log says why.
    expect(response.status, `${JSON.stringify(response.body)}\n${node.output.slice(-6000)}`).toBe(201);
    return response.body;
  };
  const arrives = (node: NodeProcess, token: string, path: string, what: string) =>
    eventually(async () => (await node.api(path, { token })).status === 200, 30_000, what);

  it('agrees on entry into force computed on both sides from signed records, and carries authorities, activities and laws', async () => {
    const cnToken = await cn.token('liaison', 'liaison');
    const ruToken = await ru.token('liaison', 'liaison');
    await post(cn, cnToken, '/api/v1/agreement/records', { kind: 'signature', signedOn: '2026-11-01', place: 'Moscow' });
    await eventually(async () => (await ru.api<State>('/api/v1/agreement', { token: ruToken })).body.status === 'signed', 30_000, 'signature on RU');
    const ruNote = await post(ru, ruToken, '/api/v1/agreement/records', { kind: 'notification', sentAt: '2026-11-02T08:00:00Z' });
    const cnNote = await post(cn, cnToken, '/api/v1/agreement/records', { kind: 'notification', sentAt: '2026-11-03T08:00:00Z' });
    await eventually(async () => (await cn.api<State>('/api/v1/agreement', { token: cnToken })).body.versions[0]?.notifications.length === 2, 30_000, 'notification on CN');
    await eventually(async () => (await ru.api<State>('/api/v1/agreement', { token: ruToken })).body.versions[0]?.notifications.length === 2, 30_000, 'notification on RU');
    await post(cn, cnToken, '/api/v1/agreement/records', { kind: 'receipt', notification: ruNote.record.id, receivedAt: '2026-11-02T10:00:00Z' });
    // 20:30Z on 11-04 is 23:30 in Moscow and already 11-05 in Beijing: Moscow's date counts.
    await post(ru, ruToken, '/api/v1/agreement/records', { kind: 'receipt', notification: cnNote.record.id, receivedAt: '2026-11-04T20:30:00Z' });
    for (const [node, token] of [[cn, cnToken], [ru, ruToken]] as const) {
      const state = await eventually(async () => {
        const body = (await node.api<State>('/api/v1/agreement', { token })).body;
        return body.entryIntoForce !== null && body;
      }, 30_000, 'entry into force');
      expect(state.entryIntoForce).toMatchObject({ date: '2026-12-04', instant: '2026-12-03T21:00:00.000Z', provision: 'art-9.1' });
    }

    const authority = await post(cn, cnToken, '/api/v1/authorities', { name: 'CNCERT/CC', roles: ['cert'], areas: ['early-warning'], contacts: [{ channel: 'phone', value: '+86 10 0000 0000', alwaysAvailable: true }] });
    const activity = await post(ru, ruToken, '/api/v1/activities', { title: 'Рабочая встреча экспертов', kind: 'working-meeting', directions: ['meetings'], participants: [{ party: 'CN' }, { party: 'RU' }], startDate: '2027-03-10', status: 'agreed' });
    const law = await post(ru, ruToken, '/api/v1/legislation', { titles: { ru: 'Об информации, информационных технологиях и о защите информации' }, status: 'in-force' });
    await arrives(ru, ruToken, `/api/v1/authorities/${(authority as unknown as { id: string }).id}`, 'authority on RU');
    await arrives(cn, cnToken, `/api/v1/activities/${(activity as unknown as { id: string }).id}`, 'activity on CN');
    await arrives(cn, cnToken, `/api/v1/legislation/${(law as unknown as { id: string }).id}`, 'law on CN');
    const status = (await ru.api<{ parties: Array<{ party: string; complete: boolean; due: { date: string } }> }>('/api/v1/authorities/exchange-status', { token: ruToken })).body;
    expect(status.parties.map((p) => [p.party, p.complete, p.due.date])).toEqual([['CN', true, '2027-02-02'], ['RU', false, '2027-02-02']]);
    const ledger = (await cn.api<{ entries: Array<{ kind: string; objectId: string | null }> }>('/api/v1/ledger?limit=1000')).body.entries;
    expect(ledger.some((e) => e.kind === 'received' && e.objectId === ruNote.record.id)).toBe(true);
  });
});
