import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { eventually, peer, type NodeProcess } from '../../test/support/node-process.js';
import { nodeOn } from '../../test/support/test-processes.js';

interface Consultation {
  id: string;
  state: string;
  terms: { ref: string; party: string; place: string };
  minutes: { texts: Record<string, string> } | null;
  actionItems: Array<{ code: string; ownerParty: string; dueOn: string; deadline: { state: string; party: string } | null }>;
}
interface Dispute { id: string; state: string; steps: Array<{ kind: string; party: string }> }

/** Consultations and disputes between two real node processes peered through signed federation. */
describe.each(dialects)('consultations and disputes between two real nodes on %s', (dialect) => {
  let cn: NodeProcess;
  let ru: NodeProcess;
  // Both nodes read their clocks through this offset, so the test can let the consultations begin.
  const offsetFile = join(mkdtempSync(join(tmpdir(), 'accord-clock-')), 'offset');

  beforeAll(async () => {
    writeFileSync(offsetFile, '0');
    const env = { ACCORD_CLOCK_OFFSET_FILE: offsetFile };
    [cn, ru] = await Promise.all([nodeOn(dialect, 'CN', { env }), nodeOn(dialect, 'RU', { env })]);
    await peer(cn, ru);
    await Promise.all([cn.start(), ru.start()]);
  });
  afterAll(async () => {
    await Promise.all([cn?.close(), ru?.close()]);
  });

  it('proposes, counter-proposes and accepts extraordinary consultations; the minutes and action items reach the other node', async () => {
    const cnLiaison = await cn.token('liaison', 'liaison');
    const ruLiaison = await ru.token('liaison', 'liaison');
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const proposed = await cn.api<Consultation>('/api/v1/consultations', {
      method: 'POST', token: cnLiaison,
      body: { title: '特别磋商', startsAt: `${day(2)}T01:00:00Z`, endsAt: `${day(3)}T09:00:00Z`, place: '北京', agenda: [{ title: '联合评估' }] },
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.id;
    await eventually(async () => (await ru.api(`/api/v1/consultations/${id}`, { token: ruLiaison })).status === 200, 30_000, 'proposal on RU');
    const countered = await ru.api<Consultation>(`/api/v1/consultations/${id}/steps`, {
      method: 'POST', token: ruLiaison,
      body: { kind: 'counter-proposal', startsAt: `${day(4)}T06:00:00Z`, endsAt: `${day(5)}T14:00:00Z`, place: 'Москва', timeZone: 'Europe/Moscow', agenda: [{ title: 'Совместная оценка' }] },
    });
    expect(countered.status).toBe(200);
    await eventually(async () => (await cn.api<Consultation>(`/api/v1/consultations/${id}`, { token: cnLiaison })).body.terms.party === 'RU', 30_000, 'counter-proposal on CN');
    expect((await cn.api<Consultation>(`/api/v1/consultations/${id}/steps`, { method: 'POST', token: cnLiaison, body: { kind: 'acceptance' } })).body.state).toBe('agreed');
    await eventually(async () => (await ru.api<Consultation>(`/api/v1/consultations/${id}`, { token: ruLiaison })).body.state === 'agreed', 30_000, 'agreement on RU');

    // Minutes wait until the consultations have begun: move both nodes' clocks past the start.
    writeFileSync(offsetFile, String(Date.parse(`${day(4)}T07:00:00Z`) - Date.now()));
    const minutes = await ru.api<Consultation>(`/api/v1/consultations/${id}/steps`, {
      method: 'POST', token: ruLiaison,
      body: {
        kind: 'minutes', attendance: [{ party: 'CN', name: '王伟' }, { party: 'RU', name: 'Иван Петров' }],
        minutes: { zh: '双方审议了联合评估。', ru: 'Стороны рассмотрели совместную оценку.' },
        actionItems: [{ code: 'hotline', title: 'Hotline', ownerParty: 'CN', dueInDays: 30 }],
      },
    });
    expect(minutes.status).toBe(200);
    const onCn = await eventually(async () => {
      const body = (await cn.api<Consultation>(`/api/v1/consultations/${id}`, { token: cnLiaison })).body;
      return body.state === 'held' && body;
    }, 30_000, 'minutes on CN');
    expect(onCn.minutes?.texts).toEqual({ zh: '双方审议了联合评估。', ru: 'Стороны рассмотрели совместную оценку.' });
    expect(onCn.actionItems).toMatchObject([{ code: 'hotline', ownerParty: 'CN', dueOn: new Date(Date.parse(`${day(5)}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10), deadline: { state: 'running', party: 'CN' } }]);
    expect((await cn.api<Consultation>(`/api/v1/consultations/${id}/steps`, { method: 'POST', token: cnLiaison, body: { kind: 'minutes-approval' } })).body.state).toBe('concluded');
    await eventually(async () => (await ru.api<Consultation>(`/api/v1/consultations/${id}`, { token: ruLiaison })).body.state === 'concluded', 30_000, 'approval on RU');
    const ledger = (await ru.api<{ entries: Array<{ kind: string; objectId: string | null }> }>('/api/v1/ledger?limit=1000')).body.entries;
    expect(ledger.some((e) => e.kind === 'received' && e.objectId?.startsWith('accord-consultation-step--'))).toBe(true);
  });

  it('syncs dispute steps both ways', async () => {
    const cnLiaison = await cn.token('liaison', 'liaison');
    const ruLiaison = await ru.token('liaison', 'liaison');
    const raised = await ru.api<Dispute>('/api/v1/disputes', { method: 'POST', token: ruLiaison, body: { title: 'Толкование п. 4 ст. 5', provisions: ['art-5.4'], subject: { ru: 'Очерёдность', zh: '轮流' } } });
    expect(raised.status).toBe(201);
    const id = raised.body.id;
    await eventually(async () => (await cn.api(`/api/v1/disputes/${id}`, { token: cnLiaison })).status === 200, 30_000, 'dispute on CN');
    expect((await cn.api(`/api/v1/disputes/${id}/steps`, { method: 'POST', token: cnLiaison, body: { kind: 'position', content: { zh: '中方立场' } } })).status).toBe(200);
    await eventually(async () => (await ru.api<Dispute>(`/api/v1/disputes/${id}`, { token: ruLiaison })).body.steps.length === 1, 30_000, 'position on RU');
    expect((await ru.api(`/api/v1/disputes/${id}/steps`, { method: 'POST', token: ruLiaison, body: { kind: 'outcome', content: { ru: 'Урегулировано' } } })).status).toBe(200);
    const settled = await eventually(async () => {
      const body = (await cn.api<Dispute>(`/api/v1/disputes/${id}`, { token: cnLiaison })).body;
      return body.state === 'settled' && body;
    }, 30_000, 'outcome on CN');
    expect(settled.steps.map((s) => [s.kind, s.party])).toEqual([['position', 'CN'], ['outcome', 'RU']]);
  });
});
