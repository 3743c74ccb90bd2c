import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { eventually, peer, type NodeProcess } from '../../test/support/node-process.js';
import { nodeOn } from '../../test/support/test-processes.js';

interface Warning { id: string; state: string; addressees: Array<{ party: string; state: string }>; deadlines: Array<{ state: string }> }
interface Request { id: string; state: string; steps: Array<{ kind: string }> }

/** The same lifecycles as the in-process tests, between two real node processes peered through federation. */
describe.each(dialects)('warnings and requests between two real nodes on %s', (dialect) => {
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

  it('delivers a warning with a signed receipt, and carries the acknowledgement and assessment back', async () => {
    const cnLiaison = await cn.token('liaison', 'liaison');
    const ruLiaison = await ru.token('liaison', 'liaison');
    const created = await cn.api<Warning>('/api/v1/warnings', {
      method: 'POST', token: cnLiaison,
      body: { title: '针对政府网站的分布式拒绝服务攻击', severity: 'critical', threatCategory: 'crime', addressees: ['RU'], send: true, recommendedActions: ['启用流量清洗'] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const received = await eventually(async () => {
      const response = await ru.api<Warning>(`/api/v1/warnings/${id}`, { token: ruLiaison });
      return response.status === 200 && response.body;
    }, 30_000, 'warning on RU');
    expect(received).toMatchObject({ state: 'delivered', deadlines: [{ state: 'running' }] });
    await eventually(async () => (await cn.api<Warning>(`/api/v1/warnings/${id}`, { token: cnLiaison })).body.state === 'delivered', 30_000, 'receipt on CN');

    expect((await ru.api(`/api/v1/warnings/${id}/acknowledge`, { method: 'POST', token: ruLiaison, body: {} })).status).toBe(200);
    expect((await ru.api(`/api/v1/warnings/${id}/assess`, { method: 'POST', token: ruLiaison, body: { agreement: 'agree', confidence: 85 } })).status).toBe(200);
    const assessed = await eventually(async () => {
      const body = (await cn.api<Warning>(`/api/v1/warnings/${id}`, { token: cnLiaison })).body;
      return body.state === 'assessed' && body;
    }, 30_000, 'acknowledgement and assessment on CN');
    expect(assessed.deadlines[0]?.state).toBe('met');
    const ledger = (await ru.api<{ entries: Array<{ kind: string; objectId: string | null }> }>('/api/v1/ledger?limit=1000')).body.entries;
    expect(ledger.some((e) => e.kind === 'received' && e.objectId === id)).toBe(true);
    expect(ledger.some((e) => e.kind === 'sent' && e.objectId?.startsWith('accord-warning-acknowledgement--'))).toBe(true);
  });

  it('runs a request for assistance to its answer across the federation', async () => {
    const ruAnalyst = await ru.token('analyst', 'analyst');
    const cnLiaison = await cn.token('liaison', 'liaison');
    const created = await ru.api<Request>('/api/v1/requests', {
      method: 'POST', token: ruAnalyst,
      body: { title: 'Сохранить журналы сервера 203.0.113.9', legalBasis: ['art-3.5'], threatCategory: 'crime', facts: 'Сервер использовался для управления ботнетом', assistance: [{ kind: 'preserve-logs' }], urgency: 'priority', addressee: 'CN' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await eventually(async () => (await ru.api<Request>(`/api/v1/requests/${id}`, { token: ruAnalyst })).body.state === 'received', 30_000, 'receipt on RU');
    await eventually(async () => (await cn.api(`/api/v1/requests/${id}`, { token: cnLiaison })).status === 200, 30_000, 'request on CN');
    expect((await cn.api(`/api/v1/requests/${id}/accept`, { method: 'POST', token: cnLiaison, body: {} })).status).toBe(200);
    expect((await cn.api(`/api/v1/requests/${id}/answer`, { method: 'POST', token: cnLiaison, body: { content: '日志已保存' } })).status).toBe(200);
    const answered = await eventually(async () => {
      const body = (await ru.api<Request>(`/api/v1/requests/${id}`, { token: ruAnalyst })).body;
      return body.state === 'answered' && body;
    }, 30_000, 'answer on RU');
    expect(answered.steps.map((s) => s.kind)).toEqual(['acceptance', 'answer']);
  });
});
