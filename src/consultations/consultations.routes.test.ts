import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/clock.js';
import { createTwoNodes, type TwoNodes } from '../../test/support/workflow-nodes.js';
import type { TestNode } from '../../test/support/test-node.js';
import { escapeText, foldLine } from './consultations.ics.js';

type Role = 'admin' | 'liaison' | 'analyst' | 'reader';
const PROBLEM = 'application/problem+json; charset=utf-8';

/** Checks the structure RFC 5545 asks for and returns the unfolded properties of each VEVENT. */
function parseCalendar(text: string): Array<Record<string, string>> {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/[\r\n]/);
  }
  const lines = physical.reduce<string[]>((all, line) => (line.startsWith(' ') ? [...all.slice(0, -1), `${all.at(-1) ?? ''}${line.slice(1)}`] : [...all, line]), []);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  expect(lines).toContain('VERSION:2.0');
  expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  for (const line of lines.slice(1, -1)) {
    if (line === 'BEGIN:VEVENT') {
      expect(current).toBeUndefined();
      current = {};
    } else if (line === 'END:VEVENT') {
      expect(current).toBeDefined();
      events.push(current ?? {});
      current = undefined;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  expect(current).toBeUndefined();
  for (const event of events) {
    for (const key of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND']) expect(event[key]).toBeDefined();
    for (const key of ['DTSTAMP', 'DTSTART', 'DTEND']) expect(event[key]).toMatch(/^\d{8}T\d{6}Z$/);
  }
  return events;
}

describe('consultations through the API', () => {
  let nodes: TwoNodes;
  const clock = new ManualClock('2026-12-01T09:00:00.000Z');
  const auth = async (node: TestNode, role: Role) => ({ authorization: `Bearer ${await node.token(role)}`, 'accept-language': 'en' });
  const call = async (node: TestNode, role: Role, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    node.app.inject({ method, url, headers: await auth(node, role), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const body = {
    title: 'Внеочередные консультации; повестка, даты', startsAt: '2027-02-10T01:00:00Z', endsAt: '2027-02-11T09:00:00Z', place: 'Пекин, Дом приёмов «Дяоюйтай»',
    agenda: [{ title: 'Совместная оценка предупреждения о DDoS-атаке на правительственные сайты, меры реагирования и обмен индикаторами' }],
  };

  beforeAll(async () => {
    nodes = await createTwoNodes('sqlite', clock);
  });
  afterAll(async () => nodes?.close());

  it('proposes, syncs and exports consultations; refuses bad input with problem+json and nothing stored', async () => {
    const { cn, ru, relay } = nodes;
    const created = await call(cn, 'liaison', 'POST', '/api/v1/consultations', body);
    expect(created.statusCode).toBe(201);
    const id = (created.json<{ id: string }>()).id;

    const malformed = await cn.app.inject({ method: 'POST', url: '/api/v1/consultations', headers: { ...(await auth(cn, 'liaison')), 'content-type': 'application/json' }, payload: '{"title": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toBe(PROBLEM);
    expect((await call(cn, 'liaison', 'POST', '/api/v1/consultations', { ...body, agenda: 'none' })).statusCode).toBe(422);
    expect((await call(cn, 'reader', 'POST', '/api/v1/consultations', { ...body, startsAt: '2027-05-01T00:00:00Z', endsAt: '2027-05-02T00:00:00Z' })).statusCode).toBe(403);
    const overlap = await call(cn, 'liaison', 'POST', '/api/v1/consultations', body);
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json<{ detail: string }>().detail).toContain(id);
    const impossible = await call(cn, 'liaison', 'POST', '/api/v1/consultations', { ...body, startsAt: '2027-02-30T01:00:00Z', endsAt: '2027-03-01T01:00:00Z' });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json<{ detail: string }>().detail).toContain('2027-02-30T01:00:00Z');
    expect((await call(cn, 'liaison', 'POST', '/api/v1/consultations', { ...body, parties: ['CN', 'ZZ'], startsAt: '2027-05-01T00:00:00Z', endsAt: '2027-05-02T00:00:00Z' })).statusCode).toBe(400);
    expect((await call(cn, 'reader', 'GET', '/api/v1/consultations')).json<{ items: unknown[] }>().items).toHaveLength(1);

    await relay.flush();
    const onRu = await call(ru, 'liaison', 'GET', `/api/v1/consultations/${id}`);
    expect(onRu.json()).toMatchObject({ state: 'proposed', proposer: 'CN' });
    const accepted = await call(ru, 'liaison', 'POST', `/api/v1/consultations/${id}/steps`, { kind: 'acceptance' });
    expect(accepted.json()).toMatchObject({ state: 'agreed', acceptedBy: ['RU'] });
    expect((await call(ru, 'liaison', 'POST', `/api/v1/consultations/${id}/steps`, { kind: 'acceptance' })).statusCode).toBe(409);
    expect((await call(ru, 'liaison', 'POST', `/api/v1/consultations/${id}/steps`, { kind: 'dance' })).statusCode).toBe(422);
    expect((await call(ru, 'liaison', 'GET', '/api/v1/consultations/accord-consultation--00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);

    const ics = await call(ru, 'reader', 'GET', '/api/v1/consultations.ics');
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const [event] = parseCalendar(ics.body);
    expect(event).toMatchObject({ UID: `${id}@accord`, DTSTART: '20270210T010000Z', DTEND: '20270211T090000Z', STATUS: 'CONFIRMED', SUMMARY: 'Внеочередные консультации\\; повестка\\, даты' });
    const one = await call(cn, 'reader', 'GET', `/api/v1/consultations/${id}/calendar.ics`);
    expect(parseCalendar(one.body)[0]?.UID).toBe(`${id}@accord`);
  });

  it('shows the regular schedule ahead', async () => {
    const response = await call(nodes.cn, 'reader', 'GET', '/api/v1/consultations/schedule?from=2027-03-01&years=1');
    expect(response.json()).toMatchObject({ provision: 'art-5.4', perYear: 2, rotation: ['CN', 'RU'], windows: [{ start: '2027-01-01', end: '2027-06-30', host: 'CN' }, { start: '2027-07-01', end: '2027-12-31', host: 'RU' }] });
    expect((await call(nodes.cn, 'reader', 'GET', '/api/v1/consultations/schedule?from=2027-13-01')).statusCode).toBe(400);
    expect((await call(nodes.cn, 'reader', 'GET', '/api/v1/consultations/schedule?years=99')).statusCode).toBe(422);
  });

  it('disputes through the API: unknown provisions refused, steps by Parties only', async () => {
    const { cn } = nodes;
    expect((await call(cn, 'liaison', 'POST', '/api/v1/disputes', { title: 'x', provisions: ['art-42'], subject: { en: 'x' } })).statusCode).toBe(400);
    const raised = await call(cn, 'liaison', 'POST', '/api/v1/disputes', { title: 'Interpretation of Art. 5(4)', provisions: ['art-5.4'], subject: { en: 'Host rotation', zh: '轮流主办' } });
    expect(raised.statusCode).toBe(201);
    const id = raised.json<{ id: string }>().id;
    expect((await call(cn, 'analyst', 'POST', `/api/v1/disputes/${id}/steps`, { kind: 'position', content: { en: 'x' } })).statusCode).toBe(403);
    expect((await call(cn, 'liaison', 'POST', `/api/v1/disputes/${id}/steps`, { kind: 'outcome', content: { en: 'Settled by negotiation' } })).json()).toMatchObject({ state: 'settled' });
    expect((await call(cn, 'liaison', 'POST', `/api/v1/disputes/${id}/steps`, { kind: 'position', content: { en: 'late' } })).statusCode).toBe(409);
    expect((await call(cn, 'reader', 'GET', '/api/v1/disputes')).json<{ items: Array<{ id: string }> }>().items.map((d) => d.id)).toEqual([id]);
  });
});

describe('iCalendar text', () => {
  it('escapes TEXT values and folds at 75 octets without splitting characters', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'磋商'.repeat(40)}`);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(`SUMMARY:${'磋商'.repeat(40)}`);
  });
});
