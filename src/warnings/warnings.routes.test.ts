import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { dialects } from '../../test/support/databases.js';
import type { TestNode } from '../../test/support/test-node.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

describe.each(dialects)('warnings, requests, inbox and notifications over HTTP on %s', (dialect) => {
  let nodes: TwoNodes;
  const clock = new ManualClock('2026-12-01T02:00:00.000Z');
  const auth = async (node: TestNode, role: 'admin' | 'liaison' | 'analyst' | 'reader') => ({ authorization: `Bearer ${await node.token(role)}`, 'accept-language': 'en' });
  const call = async (node: TestNode, role: 'admin' | 'liaison' | 'analyst' | 'reader', method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    node.app.inject({ method, url, headers: await auth(node, role), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  beforeAll(async () => {
    nodes = await createTwoNodes(dialect, clock);
  });
  afterAll(async () => nodes?.close());

  const warning = { title: 'Phishing wave against ministries', severity: 'high', threatCategory: 'crime', addressees: ['RU'], lang: 'en', recommendedActions: ['Block sender domains'] };

  it('refuses incomplete or invalid warnings with problem+json listing each problem, and stores nothing', async () => {
    const { cn } = nodes;
    const missing = await call(cn, 'analyst', 'POST', '/api/v1/warnings', { title: 'No severity', addressees: ['RU'] });
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toBe(PROBLEM);
    expect(missing.json()).toMatchObject({ type: 'urn:accord:problem:validation-failed', status: 422 });
    const unknown = await call(cn, 'analyst', 'POST', '/api/v1/warnings', { ...warning, threatCategory: 'espionage', addressees: ['US'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['/threatCategory', '/addressees/0/party']);
    const zh = await cn.app.inject({ method: 'POST', url: '/api/v1/warnings', headers: { ...(await auth(cn, 'analyst')), 'accept-language': 'zh' }, payload: { ...warning, addressees: ['US'] } });
    expect(zh.json<{ detail: string }>().detail).toBe('预警不完整或无效（1 个问题）');
    // Each problem too is said in the reader's language.
    expect(zh.json<{ errors: Array<{ path: string; message: string }> }>().errors).toEqual([{ path: '/addressees/0/party', message: 'US 不是协定 cn-ru-2015 的缔约方' }]);
    const reader = await call(cn, 'reader', 'POST', '/api/v1/warnings', warning);
    expect(reader.statusCode).toBe(403);
    expect(reader.json()).toMatchObject({ type: 'urn:accord:problem:forbidden' });
    expect((await call(cn, 'reader', 'GET', '/api/v1/warnings')).json()).toEqual({ items: [] });
  });

  it('sends, acknowledges and assesses a warning through the API; refuses acknowledging one\'s own', async () => {
    const { cn, ru, relay } = nodes;
    const created = await call(cn, 'analyst', 'POST', '/api/v1/warnings', { ...warning, send: true });
    expect(created.statusCode).toBe(201);
    const { id, state } = created.json<{ id: string; state: string }>();
    expect(state).toBe('sent');
    const own = await call(cn, 'liaison', 'POST', `/api/v1/warnings/${id}/acknowledge`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json<{ detail: string }>().detail).toMatch(/sent by your own Party \(CN\)/);
    await relay.flush();

    expect((await call(ru, 'reader', 'GET', '/api/v1/inbox')).json()).toEqual({ items: [], more: false });
    const inbox = (await call(ru, 'liaison', 'GET', '/api/v1/inbox')).json<{ items: Array<{ id: string; action: string; due: string }> }>();
    expect(inbox.items).toEqual([expect.objectContaining({ id, action: 'acknowledge', due: '2026-12-02T02:00:00.000Z', overdue: false, level: 'high', peer: 'CN' })]);
    const analystAck = await call(ru, 'analyst', 'POST', `/api/v1/warnings/${id}/acknowledge`, {});
    expect(analystAck.statusCode).toBe(403);
    const acked = await call(ru, 'liaison', 'POST', `/api/v1/warnings/${id}/acknowledge`, { comment: 'On it' });
    expect(acked.statusCode).toBe(200);
    expect(acked.json()).toMatchObject({ state: 'acknowledged' });
    expect((await call(ru, 'liaison', 'POST', `/api/v1/warnings/${id}/acknowledge`, {})).statusCode).toBe(409);
    const assessed = await call(ru, 'analyst', 'POST', `/api/v1/warnings/${id}/assess`, { agreement: 'agree', confidence: 70, actionsTaken: ['Blocked'] });
    expect(assessed.json()).toMatchObject({ state: 'assessed', assessments: [{ party: 'RU', agreement: 'agree', confidence: 70 }] });
    expect((await call(ru, 'analyst', 'POST', `/api/v1/warnings/${id}/assess`, { agreement: 'maybe' })).statusCode).toBe(422);
    const translated = await call(ru, 'analyst', 'POST', `/api/v1/warnings/${id}/translations`, { lang: 'ru', title: 'Волна фишинга против министерств' });
    expect(translated.json<{ translations: Array<{ lang: string }> }>().translations.map((t) => t.lang)).toEqual(['ru']);
    await relay.flush();

    const list = (await call(cn, 'reader', 'GET', '/api/v1/warnings?direction=sent&state=assessed')).json<{ items: Array<{ id: string; addressees: Array<{ state: string }> }> }>();
    expect(list.items.map((w) => w.id)).toEqual([id]);
    const detail = (await call(cn, 'reader', 'GET', `/api/v1/warnings/${id}`)).json<{ history: Array<{ kind: string }>; translations: unknown[] }>();
    expect(detail.history.map((h) => h.kind)).toEqual(['drafted', 'sent', 'delivered', 'acknowledged', 'assessed', 'assessment-note', 'translated']);
    expect(detail.translations).toHaveLength(1);
    expect((await call(cn, 'reader', 'GET', '/api/v1/warnings/accord-early-warning--00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await call(cn, 'reader', 'GET', '/api/v1/warnings/not-an-id')).statusCode).toBe(422);

    const notes = (await call(cn, 'analyst', 'GET', '/api/v1/notifications')).json<{ items: Array<{ id: string; kind: string; text: string; read: boolean }>; unread: number }>();
    expect(notes.items.map((n) => n.kind)).toEqual(['warning.assessed', 'warning.acknowledged']);
    expect(notes.unread).toBe(2);
    const first = notes.items[0];
    expect((await call(cn, 'analyst', 'POST', `/api/v1/notifications/${first?.id}/read`)).statusCode).toBe(204);
    expect((await call(cn, 'analyst', 'GET', '/api/v1/notifications?unread=true')).json<{ unread: number }>().unread).toBe(1);
    expect((await call(cn, 'reader', 'POST', `/api/v1/notifications/${first?.id}/read`)).statusCode).toBe(404);
    expect((await call(cn, 'analyst', 'POST', '/api/v1/notifications/read', {})).json()).toEqual({ read: 1 });
  });

  it('runs a request for assistance through the API, steps included', async () => {
    const { cn, ru, relay } = nodes;
    const bad = await call(ru, 'analyst', 'POST', '/api/v1/requests', { title: 'x', legalBasis: ['art-77'], threatCategory: 'crime', facts: 'f', assistance: [{ kind: 'block-c2' }], urgency: 'urgent', addressee: 'CN' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: Array<{ path: string; message: string }> }>().errors).toEqual([{ path: '/legalBasis/0', message: 'art-77 is not a provision of agreement cn-ru-2015' }]);
    const created = await call(ru, 'analyst', 'POST', '/api/v1/requests', { title: 'Block a C2 server', legalBasis: ['art-3.5'], threatCategory: 'crime', facts: 'C2 at 203.0.113.7', assistance: [{ kind: 'block-c2' }], urgency: 'urgent', addressee: 'CN' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    await relay.flush();
    const decline = await call(cn, 'liaison', 'POST', `/api/v1/requests/${id}/decline`, {});
    expect(decline.statusCode).toBe(422);
    const accepted = await call(cn, 'liaison', 'POST', `/api/v1/requests/${id}/accept`, { content: 'Blocking now' });
    expect(accepted.json()).toMatchObject({ state: 'accepted' });
    const answered = await call(cn, 'liaison', 'POST', `/api/v1/requests/${id}/steps`, { kind: 'answer', content: 'Blocked at 03:10 UTC' });
    expect(answered.json()).toMatchObject({ state: 'answered' });
    await relay.flush();
    expect((await call(ru, 'reader', 'GET', `/api/v1/requests/${id}`)).json()).toMatchObject({ state: 'answered', steps: [{ kind: 'acceptance' }, { kind: 'answer', content: 'Blocked at 03:10 UTC' }] });
    expect((await call(ru, 'reader', 'POST', `/api/v1/requests/${id}/close`, {})).statusCode).toBe(403);
    expect((await call(ru, 'analyst', 'POST', `/api/v1/requests/${id}/close`, {})).json()).toMatchObject({ state: 'closed' });
    expect((await call(ru, 'reader', 'GET', '/api/v1/requests?state=closed')).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('documents the endpoints in OpenAPI', async () => {
    const spec = (await call(nodes.cn, 'reader', 'GET', '/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    for (const path of ['/api/v1/warnings', '/api/v1/warnings/{id}/acknowledge', '/api/v1/warnings/{id}/assess', '/api/v1/requests', '/api/v1/requests/{id}/steps', '/api/v1/inbox', '/api/v1/notifications'])
      expect(Object.keys(spec.paths)).toContain(path);
  });
});
