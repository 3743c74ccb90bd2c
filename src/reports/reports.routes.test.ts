import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

describe('GET /api/v1/reports', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await createTestNode({ dialect: 'sqlite', party: 'RU' });
  });
  afterAll(async () => node?.close());

  const get = async (query: string, token?: string) =>
    node.app.inject({ method: 'GET', url: `/api/v1/reports?${query}`, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('serves HTML and PDF in the language asked for', async () => {
    const token = await node.token('reader');
    const html = await get('from=2026-01-01&to=2026-12-31&lang=zh', token);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<html lang="zh">');
    expect(html.body).toContain('期间：2026-01-01 – 2026-12-31');
    const pdf = await get('from=2026-01-01&to=2026-12-31&lang=ru&format=pdf', token);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('refuses bad input and anonymous callers with problem+json', async () => {
    const token = await node.token('reader');
    expect((await get('from=2026-12-31&to=2026-01-01', token)).statusCode).toBe(400);
    expect((await get('from=2026-01-01', token)).statusCode).toBe(422);
    expect((await get('from=2026-01-01&to=2026-12-31&format=docx', token)).statusCode).toBe(422);
    expect((await get('from=2026-01-01&to=2026-12-31&lang=fr', token)).statusCode).toBe(422);
    const activity = (query: string, bearer?: string) =>
      node.app.inject({ method: 'GET', url: `/api/v1/reports/activity?${query}`, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    const weeks = await activity('weeks=4', token);
    expect(weeks.statusCode).toBe(200);
    expect(weeks.json<{ weeks: string[] }>().weeks).toHaveLength(4);
    expect((await activity('weeks=0', token)).statusCode).toBe(422);
    expect((await activity('weeks=many', token)).statusCode).toBe(422);
    expect((await activity('weeks=4')).statusCode).toBe(401);
    const anonymous = await get('from=2026-01-01&to=2026-12-31');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });
});
