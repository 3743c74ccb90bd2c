import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { dialects } from '../../test/support/databases.js';
import type { TestNode } from '../../test/support/test-node.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';

type Role = 'admin' | 'liaison' | 'analyst' | 'reader';
interface Record_ { id: string; party: string; title: string; status: string; governingVersion: string; object: Record<string, unknown> }

/** Joint activities, legislation, authorities and the lifecycle through the HTTP API of two nodes. */
describe.each(dialects)('governance records over HTTP between two nodes on %s', (dialect) => {
  let nodes: TwoNodes;
  const clock = new ManualClock('2026-12-01T02:00:00.000Z');
  const headers = async (node: TestNode, role: Role, lang = 'en') => ({ authorization: `Bearer ${await node.token(role)}`, 'accept-language': lang });
  const call = async (node: TestNode, role: Role, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    node.app.inject({ method, url, headers: await headers(node, role), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  beforeAll(async () => {
    nodes = await createTwoNodes(dialect, clock);
  });
  afterAll(async () => nodes?.close());

  const activity = {
    title: 'Training of CERT staff in incident handling', kind: 'training', directions: ['training-exchange', 'cii-protection'],
    participants: [{ party: 'CN', name: 'CNCERT' }, { party: 'RU', name: 'НКЦКИ' }], startDate: '2027-04-12', endDate: '2027-04-16', status: 'agreed',
  };

  it('records a joint activity, shares it, shows the default cost bearer, and lets only its author change it', async () => {
    const { cn, ru, relay } = nodes;
    const created = await call(cn, 'analyst', 'POST', '/api/v1/activities', activity);
    expect(created.statusCode).toBe(201);
    const { id } = created.json<Record_>();
    expect(created.json<Record_>()).toMatchObject({ party: 'CN', status: 'agreed', governingVersion: '1.0.0', object: { cost_bearer: 'own-party', directions: ['training-exchange', 'cii-protection'] } });
    const seen: Array<{ type: string; data: Record<string, unknown> }> = [];
    const stop = ru.services.events.subscribe((event) => seen.push(event));
    await relay.flush();
    stop();
    expect(seen.filter((e) => e.type.startsWith('activity.')).map((e) => [e.type, e.data])).toEqual([['activity.recorded', { id, kind: 'activity', party: 'CN', status: 'agreed', from: 'CN' }]]);
    const onRu = await call(ru, 'reader', 'GET', `/api/v1/activities/${id}`);
    expect(onRu.json<Record_>()).toMatchObject({ party: 'CN', title: activity.title });
    const theirs = await call(ru, 'liaison', 'PUT', `/api/v1/activities/${id}`, { ...activity, status: 'cancelled' });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json<{ detail: string }>().detail).toMatch(/made by CN: only that Party may make a new version/);
    const hosted = await call(cn, 'analyst', 'PUT', `/api/v1/activities/${id}`, { ...activity, costBearer: 'host-party' });
    expect(hosted.statusCode).toBe(422);
    expect(hosted.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['/costArrangement']);
    const moved = await call(cn, 'analyst', 'PUT', `/api/v1/activities/${id}`, { ...activity, status: 'in-progress', costBearer: 'host-party', costArrangement: 'The host covers accommodation for both delegations' });
    expect(moved.statusCode).toBe(200);
    await relay.flush();
    expect((await call(ru, 'reader', 'GET', '/api/v1/activities?status=in-progress')).json<{ items: Record_[] }>().items.map((a) => a.object.cost_arrangement)).toEqual(['The host covers accommodation for both delegations']);
  });

  it('refuses bad activities: impossible dates, unknown directions and Parties, wrong types, malformed JSON, wrong role', async () => {
    const { cn, relay } = nodes;
    const bad = await call(cn, 'analyst', 'POST', '/api/v1/activities', { ...activity, directions: ['espionage'], participants: [{ party: 'US' }], startDate: '2027-04-16', endDate: '2027-04-12' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['/directions/0', '/participants/0/party', '/endDate']);
    const zh = await cn.app.inject({ method: 'POST', url: '/api/v1/activities', headers: await headers(cn, 'analyst', 'zh'), payload: { ...activity, startDate: '2027-02-30' } });
    expect(zh.json<{ detail: string }>().detail).toBe('共同活动不完整或无效（1 个问题）');
    expect((await call(cn, 'analyst', 'POST', '/api/v1/activities', { ...activity, participants: 'CN' })).statusCode).toBe(422);
    const malformed = await cn.app.inject({ method: 'POST', url: '/api/v1/activities', headers: { ...(await headers(cn, 'analyst')), 'content-type': 'application/json' }, payload: '{"title": ' });
    expect(malformed.statusCode).toBe(400);
    expect((await call(cn, 'reader', 'POST', '/api/v1/activities', activity)).statusCode).toBe(403);
    expect(relay.pending).toBe(0);
  });

  it('refuses a Party filter the agreement does not have, naming its Parties, instead of answering an empty list', async () => {
    const { cn } = nodes;
    for (const route of ['activities', 'authorities', 'legislation', 'warnings', 'requests']) {
      const unknown = await call(cn, 'reader', 'GET', `/api/v1/${route}?party=XX`);
      expect(unknown.statusCode, route).toBe(400);
      expect(unknown.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(unknown.json(), route).toMatchObject({ type: 'urn:accord:problem:bad-request', detail: 'XX is not a Party of agreement cn-ru-2015; its Parties are CN, RU' });
      expect((await call(cn, 'reader', 'GET', `/api/v1/${route}?party=RU`)).statusCode, route).toBe(200);
    }
    const ru = await cn.app.inject({ method: 'GET', url: '/api/v1/activities?party=US', headers: await headers(cn, 'reader', 'ru') });
    expect(ru.json<{ detail: string }>().detail).toBe('US не является Стороной соглашения cn-ru-2015; его Стороны: CN, RU');
  });

  it('shares legislation and finds it by words of its titles and summaries in Chinese, Russian and English', async () => {
    const { cn, ru, relay } = nodes;
    const law = await call(cn, 'liaison', 'POST', '/api/v1/legislation', {
      titles: { zh: '中华人民共和国网络安全法', ru: 'Закон КНР о кибербезопасности', en: 'Cybersecurity Law of the PRC' },
      summaries: { zh: '关键信息基础设施的运行安全', ru: 'Безопасность критической информационной инфраструктуры', en: 'Security of critical information infrastructure' },
      kind: 'law', adoptedOn: '2016-11-07', inForceFrom: '2017-06-01', status: 'in-force', urls: ['https://example.cn/law.pdf'],
    });
    expect(law.statusCode).toBe(201);
    await call(ru, 'liaison', 'POST', '/api/v1/legislation', { titles: { ru: 'О безопасности критической информационной инфраструктуры', en: 'On the security of CII' }, jurisdiction: 'RU', inForceFrom: '2018-01-01', status: 'in-force' });
    await relay.flush();
    const search = async (node: TestNode, q: string) => (await call(node, 'reader', 'GET', `/api/v1/legislation?q=${encodeURIComponent(q)}`)).json<{ items: Record_[] }>().items.map((l) => l.party).sort();
    expect(await search(ru, '网络安全')).toEqual(['CN']);
    expect(await search(ru, 'КРИТИЧЕСКОЙ инфраструктуры')).toEqual(['CN', 'RU']);
    expect(await search(cn, 'cii')).toEqual(['RU']);
    expect(await search(cn, 'security infrastructure')).toEqual(['CN']);
    expect(await search(cn, '100%')).toEqual([]);
    const bad = await call(cn, 'liaison', 'POST', '/api/v1/legislation', { titles: { zh: '草案' }, jurisdiction: 'US', inForceFrom: '2020-01-01', inForceUntil: '2019-12-31', status: 'draft' });
    expect(bad.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['/jurisdiction', '/inForceUntil']);
  });

  it('shows the lifecycle and the authorities over HTTP, and refuses a notice from a reader or with impossible dates', async () => {
    const { cn, ru, relay } = nodes;
    expect((await call(cn, 'reader', 'GET', '/api/v1/agreement')).json()).toMatchObject({ status: 'not-recorded', entryIntoForce: null, governingVersion: '1.0.0' });
    expect((await call(cn, 'reader', 'POST', '/api/v1/agreement/records', { kind: 'signature', signedOn: '2026-11-30' })).statusCode).toBe(403);
    expect((await call(cn, 'liaison', 'POST', '/api/v1/agreement/records', { kind: 'signing' })).statusCode).toBe(422);
    expect((await call(cn, 'liaison', 'POST', '/api/v1/agreement/records', { kind: 'signature', signedOn: '2026-11-30' })).statusCode).toBe(201);
    await relay.flush();
    const notice = await call(ru, 'liaison', 'POST', '/api/v1/agreement/records', { kind: 'notification', sentAt: '2026-12-01T01:00:00Z' });
    expect(notice.statusCode).toBe(201);
    await relay.flush();
    const early = await call(cn, 'liaison', 'POST', '/api/v1/agreement/records', { kind: 'receipt', notification: notice.json<{ record: Record_ }>().record.id, receivedAt: '2026-12-01T00:59:00Z' });
    expect(early.statusCode).toBe(422);
    expect(early.json<{ errors: Array<{ path: string; message: string }> }>().errors).toEqual([{ path: '/received_at', message: 'Received at 2026-12-01T00:59:00.000Z, before the notice was sent (2026-12-01T01:00:00.000Z)' }]);
    expect((await call(cn, 'reader', 'GET', '/api/v1/agreement/records')).json<{ items: unknown[] }>().items).toHaveLength(2);
    expect((await call(cn, 'reader', 'GET', '/api/v1/agreement/governing-version?at=2030-01-01T00:00:00Z')).json()).toEqual({ at: '2030-01-01T00:00:00.000Z', version: '1.0.0' });
    const status = (await call(ru, 'reader', 'GET', '/api/v1/authorities/exchange-status')).json<{ entryIntoForce: null; parties: Array<{ party: string; due: null }> }>();
    expect(status).toMatchObject({ entryIntoForce: null, parties: [{ party: 'CN', due: null }, { party: 'RU', due: null }] });
    const authority = await call(ru, 'liaison', 'POST', '/api/v1/authorities', { name: 'НКЦКИ', roles: ['cert'], areas: ['early-warning', 'piracy'], contacts: [{ channel: 'phone', value: '+7 495 000 00 00', alwaysAvailable: true }] });
    expect(authority.statusCode).toBe(422);
    expect(authority.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['/areas/1']);
    const openapi = (await call(cn, 'reader', 'GET', '/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    for (const path of ['/api/v1/agreement', '/api/v1/agreement/records', '/api/v1/agreement/survivors', '/api/v1/authorities/exchange-status', '/api/v1/activities/{id}', '/api/v1/legislation'])
      expect(Object.keys(openapi.paths)).toContain(path);
  });
});
