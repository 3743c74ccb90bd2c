import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { envelope, indicator, malware } from '../../test/support/stix-factory.js';
import { readCorpusJson } from '../../test/support/corpora.js';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/cn-ru-2015';

describe.each(dialects)('TAXII 2.1 server on %s', (dialect) => {
  let node: TestNode;
  let admin: Record<string, string>;
  let analyst: Record<string, string>;
  let reader: Record<string, string>;

  const get = (url: string, headers = admin) => node.app.inject({ method: 'GET', url, headers: { accept: TAXII, 'accept-language': 'en', ...headers } });
  const post = (url: string, body: string, headers = admin) =>
    node.app.inject({ method: 'POST', url, payload: body, headers: { accept: TAXII, 'accept-language': 'en', 'content-type': TAXII, ...headers } });

  beforeAll(async () => {
    node = await createTestNode({ dialect, env: { ACCORD_TAXII_MAX_CONTENT_LENGTH: String(64 * 1024) } });
    admin = { authorization: `Bearer ${await node.token('admin')}` };
    analyst = { authorization: `Basic ${Buffer.from(`analyst:${await node.token('analyst')}`).toString('base64')}` };
    reader = { authorization: `Bearer ${await node.token('reader')}` };
  });
  afterAll(async () => node?.close());

  it('answers discovery, the agreement API root and the collections of DESIGN.md', async () => {
    const discovery = await get('/taxii2/');
    expect(discovery.statusCode).toBe(200);
    expect(discovery.headers['content-type']).toBe(TAXII);
    expect(discovery.json()).toMatchObject({ api_roots: ['http://127.0.0.1:8401/taxii2/cn-ru-2015/'] });
    expect((await get(`${ROOT}/`)).json()).toMatchObject({ versions: [TAXII], max_content_length: 64 * 1024 });
    const collections = (await get(`${ROOT}/collections/`, reader)).json<{ collections: Array<{ alias: string; can_read: boolean; can_write: boolean }> }>().collections;
    expect(collections.map((c) => [c.alias, c.can_read, c.can_write])).toEqual([
      ['intel', true, false],
      ['outbox-RU', true, false],
      ['inbox-RU', true, false],
    ]);
    const forAnalyst = (await get(`${ROOT}/collections/`, analyst)).json<{ collections: Array<{ alias: string; can_write: boolean }> }>().collections;
    expect(forAnalyst.find((c) => c.alias === 'intel')?.can_write).toBe(true);
    expect(forAnalyst.find((c) => c.alias === 'inbox-RU')?.can_write).toBe(false);
    expect((await get(`/taxii2/another-agreement/`)).statusCode).toBe(404);
    const noRoute = await get(`${ROOT}/collections/intel/nothing-here/`);
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.headers['content-type']).toBe(TAXII);
    expect(noRoute.json()).toMatchObject({ error_code: 'not-found', http_status: '404' });
  });

  it('routes STIX ids of every legal length, not only short ones', async () => {
    const id = `x-${'a'.repeat(120)}--6f1c3b0e-1d2a-4c55-9a43-0d9e7f3a2b11`;
    const response = await get(`${ROOT}/collections/intel/objects/${id}/`);
    expect(response.statusCode).toBe(404);
    expect(response.json<{ description: string }>().description).toBe(`No object ${id} in this collection`);
  });

  it('refuses unauthenticated requests with a TAXII error and a Basic challenge', async () => {
    const response = await node.app.inject({ method: 'GET', url: `${ROOT}/collections/`, headers: { accept: TAXII } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic/);
    expect(response.json()).toMatchObject({ http_status: '401', error_code: 'unauthenticated' });
    const wrongUser = { authorization: `Basic ${Buffer.from(`reader:${await node.token('analyst')}`).toString('base64')}` };
    expect((await get(`${ROOT}/collections/`, wrongUser)).statusCode).toBe(401);
  });

  it('enforces TAXII media types: 406 for a foreign Accept, 415 for a foreign Content-Type', async () => {
    expect((await get('/taxii2/', { ...admin, accept: 'text/html' })).statusCode).toBe(406);
    expect((await get('/taxii2/', { ...admin, accept: 'application/taxii+json;version=2.0' })).statusCode).toBe(406);
    const wrongType = await node.app.inject({
      method: 'POST', url: `${ROOT}/collections/intel/objects/`, payload: envelope([indicator()]), headers: { ...admin, accept: TAXII, 'content-type': 'application/json' },
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.headers['content-type']).toBe(TAXII);
  });

  it('refuses an envelope over max_content_length with 413 and stores nothing', async () => {
    // The node's own authority identity is already in intel; the refused envelope must add nothing to it.
    const before: unknown = (await get(`${ROOT}/collections/intel/manifest/`)).json();
    const big = envelope(Array.from({ length: 200 }, () => indicator()));
    const response = await post(`${ROOT}/collections/intel/objects/`, big);
    expect(response.statusCode).toBe(413);
    expect((await get(`${ROOT}/collections/intel/manifest/`)).json()).toEqual(before);
  });

  it('stores a POSTed envelope and reports per-object successes and failures in a status resource', async () => {
    const good = [indicator(), malware()];
    const bad: Record<string, unknown> = { ...indicator(), pattern: undefined };
    const response = await post(`${ROOT}/collections/intel/objects/`, envelope([...good, bad]), analyst);
    expect(response.statusCode).toBe(202);
    const status = response.json<{ id: string; status: string; success_count: number; failure_count: number; failures: Array<{ id: string; message: string }> }>();
    expect(status).toMatchObject({ status: 'complete', total_count: 3, success_count: 2, failure_count: 1, pending_count: 0 });
    expect(status.failures[0]?.id).toBe(bad.id);
    expect(status.failures[0]?.message).toContain('/pattern: pattern is required');
    // The failure says what is wrong in the language the client asked for.
    const inRussian = await post(`${ROOT}/collections/intel/objects/`, envelope([{ ...bad, id: indicator().id }]), { ...analyst, 'accept-language': 'ru' });
    expect(inRussian.json<{ failures: Array<{ message: string }> }>().failures[0]?.message).toContain('/pattern: отсутствует обязательное свойство pattern');
    const again = await get(`${ROOT}/status/${status.id}/`, analyst);
    expect(again.json()).toMatchObject({ id: status.id, success_count: 2 });
    // A status resource is its requester's business.
    expect((await get(`${ROOT}/status/${status.id}/`, reader)).statusCode).toBe(404);
  });

  it('refuses writes from roles without the right and to collections nobody here writes', async () => {
    expect((await post(`${ROOT}/collections/intel/objects/`, envelope([indicator()]), reader)).statusCode).toBe(403);
    expect((await post(`${ROOT}/collections/inbox-RU/objects/`, envelope([indicator()]), admin)).statusCode).toBe(403);
  });

  it('rejects a malformed envelope with a TAXII error and keeps what was stored', async () => {
    const before = (await get(`${ROOT}/collections/intel/manifest/`)).json<{ objects?: unknown[] }>().objects?.length ?? 0;
    const broken = await post(`${ROOT}/collections/intel/objects/`, `{"objects":[${JSON.stringify(indicator())},{"type":`);
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error_code: 'malformed-json', http_status: '400' });
    expect((await post(`${ROOT}/collections/intel/objects/`, '{"objects":{}}')).statusCode).toBe(400);
    expect((await post(`${ROOT}/collections/intel/objects/`, '[]')).statusCode).toBe(400);
    const after = (await get(`${ROOT}/collections/intel/manifest/`)).json<{ objects?: unknown[] }>().objects?.length ?? 0;
    expect(after).toBe(before);
  });

  it('pages by date_added with limit and next, with date headers and unique increasing date_added', async () => {
    const collection = 'outbox-RU';
    const objects = Array.from({ length: 25 }, () => indicator());
    await post(`${ROOT}/collections/${collection}/objects/`, envelope(objects));
    const seen: string[] = [];
    const added: string[] = [];
    let url = `${ROOT}/collections/${collection}/objects/?limit=10`;
    for (let page = 0; page < 5; page++) {
      const response = await get(url);
      const body = response.json<{ more: boolean; next?: string; objects?: Array<{ id: string }> }>();
      seen.push(...(body.objects ?? []).map((o) => o.id));
      const manifest = (await get(url.replace('/objects/', '/manifest/'))).json<{ objects?: Array<{ date_added: string }> }>();
      added.push(...(manifest.objects ?? []).map((m) => m.date_added));
      expect(response.headers['x-taxii-date-added-first']).toBe(manifest.objects?.[0]?.date_added);
      expect(response.headers['x-taxii-date-added-last']).toBe(manifest.objects?.at(-1)?.date_added);
      if (!body.more) break;
      url = `${ROOT}/collections/${collection}/objects/?limit=10&next=${body.next ?? ''}`;
    }
    expect(seen).toEqual(objects.map((o) => o.id));
    expect(added.every((d) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(d))).toBe(true);
    expect([...added].sort()).toEqual(added);
    expect(new Set(added).size).toBe(added.length);
    const after = await get(`${ROOT}/collections/${collection}/objects/?added_after=${added[19] ?? ''}`);
    expect(after.json<{ objects: Array<{ id: string }> }>().objects.map((o) => o.id)).toEqual(objects.slice(20).map((o) => o.id));
    expect((await get(`${ROOT}/collections/${collection}/objects/?next=garbage`)).statusCode).toBe(400);
    expect((await get(`${ROOT}/collections/${collection}/objects/?added_after=yesterday`)).statusCode).toBe(400);
  });

  it('refuses malformed filter parameters in the reader\'s language instead of guessing', async () => {
    const refused = async (query: string, language = 'en') => {
      const response = await get(`${ROOT}/collections/intel/objects/?${query}`, { ...admin, 'accept-language': language });
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ error_code: 'bad-request', http_status: '400' });
      return response.json<{ description: string }>().description;
    };
    for (const limit of ['0', '-1', 'ten', '1e3', '0x10', '2.5']) await refused(`limit=${limit}`);
    // An empty filter would match the whole collection.
    for (const name of ['match[id]', 'match[type]', 'match[version]', 'match[spec_version]']) await refused(`${name}=`);
    expect(await refused('limit=0x10', 'ru')).toBe('Недопустимый параметр limit: должен быть положительным целым числом');
    expect(await refused('added_after=yesterday', 'zh')).toBe('参数 added_after 无效："yesterday" 不是 RFC 3339 UTC 时间戳');
    expect(await refused('match[version]=latest', 'ru')).toBe('Недопустимый параметр match[version]: «latest» не является меткой времени RFC 3339 в UTC');
    expect(await refused('limit=1&limit=2', 'zh')).toBe('参数 limit 无效：重复给出');
    expect((await get(`${ROOT}/collections/intel/objects/?limit=99999999999`)).statusCode).toBe(200);
  });

  it('keeps versions by modified and filters by match[id], match[type], match[version] and match[spec_version]', async () => {
    const v1 = malware({ modified: '2026-10-20T12:00:00.000Z' });
    const v2 = { ...v1, modified: '2026-10-21T12:00:00.000Z', description: 'updated analysis' };
    const v3 = { ...v1, modified: '2026-10-22T12:00:00.000Z', revoked: true };
    const other = indicator();
    await post(`${ROOT}/collections/intel/objects/`, envelope([v1, other]));
    await post(`${ROOT}/collections/intel/objects/`, envelope([v3, v2]));
    const base = `${ROOT}/collections/intel/objects/${v1.id as string}`;
    const versions = (await get(`${base}/versions/`)).json<{ versions: string[] }>().versions;
    expect(versions).toEqual(['2026-10-20T12:00:00.000000Z', '2026-10-21T12:00:00.000000Z', '2026-10-22T12:00:00.000000Z']);
    const latest = (await get(`${base}/`)).json<{ objects: Array<{ modified: string; revoked?: boolean }> }>().objects;
    expect(latest).toEqual([expect.objectContaining({ modified: v3.modified, revoked: true })]);
    const first = (await get(`${base}/?match[version]=first`)).json<{ objects: Array<{ modified: string }> }>().objects;
    expect(first.map((o) => o.modified)).toEqual([v1.modified]);
    const all = (await get(`${base}/?match[version]=all`)).json<{ objects: unknown[] }>().objects;
    expect(all).toHaveLength(3);
    const exact = (await get(`${base}/?match[version]=2026-10-21T12:00:00.000Z`)).json<{ objects: Array<{ description: string }> }>().objects;
    expect(exact.map((o) => o.description)).toEqual(['updated analysis']);
    const firstAndLast = (await get(`${base}/?match[version]=first,last`)).json<{ objects: unknown[] }>().objects;
    expect(firstAndLast).toHaveLength(2);
    const byType = (await get(`${ROOT}/collections/intel/objects/?match[type]=malware&match[id]=${v1.id as string}`)).json<{ objects: Array<{ id: string }> }>().objects;
    expect(byType.map((o) => o.id)).toEqual([v1.id]);
    expect((await get(`${ROOT}/collections/intel/objects/?match[spec_version]=2.0&match[id]=${v1.id as string}`)).json()).toEqual({ more: false });
    expect((await get(`${ROOT}/collections/intel/objects/${other.id as string}/?match[type]=x`)).statusCode).toBe(404);
  });

  it('reports duplicates as successes and refuses a changed object that kept its version', async () => {
    const object = indicator();
    await post(`${ROOT}/collections/intel/objects/`, envelope([object]));
    const again = (await post(`${ROOT}/collections/intel/objects/`, envelope([object, { ...object, name: 'tampered' }]))).json<{ successes: Array<{ message: string }>; failures: Array<{ message: string }> }>();
    expect(again.successes.map((s) => s.message)).toEqual(['duplicate']);
    expect(again.failures[0]?.message).toMatch(/different content/);
  });

  it('lets an admin delete from intel and nobody delete from peer collections', async () => {
    const object = indicator();
    await post(`${ROOT}/collections/intel/objects/`, envelope([object]));
    const url = `${ROOT}/collections/intel/objects/${object.id as string}/`;
    expect((await node.app.inject({ method: 'DELETE', url, headers: { ...analyst, accept: TAXII } })).statusCode).toBe(403);
    expect((await node.app.inject({ method: 'DELETE', url, headers: { ...admin, accept: TAXII } })).statusCode).toBe(200);
    expect((await get(url)).statusCode).toBe(404);
    expect((await node.app.inject({ method: 'DELETE', url: `${ROOT}/collections/inbox-RU/objects/${object.id as string}/`, headers: { ...admin, accept: TAXII } })).statusCode).toBe(403);
  });

  it('deletes only the versions match[version] and match[spec_version] select', async () => {
    const v1 = malware({ modified: '2026-10-20T12:00:00.000Z' });
    const v2 = { ...v1, modified: '2026-10-21T12:00:00.000Z', description: 'second' };
    const v3 = { ...v1, modified: '2026-10-22T12:00:00.000Z', description: 'third' };
    await post(`${ROOT}/collections/intel/objects/`, envelope([v1, v2, v3]));
    const url = `${ROOT}/collections/intel/objects/${v1.id as string}/`;
    const remove = (query: string) => node.app.inject({ method: 'DELETE', url: `${url}?${query}`, headers: { ...admin, accept: TAXII } });
    const versions = async () => (await get(`${url}versions/`)).json<{ versions: string[] }>().versions;
    expect((await remove('match[version]=last')).statusCode).toBe(200);
    expect(await versions()).toEqual(['2026-10-20T12:00:00.000000Z', '2026-10-21T12:00:00.000000Z']);
    expect((await remove('match[version]=first')).statusCode).toBe(200);
    expect(await versions()).toEqual(['2026-10-21T12:00:00.000000Z']);
    expect((await remove('match[spec_version]=2.0')).statusCode).toBe(404);
    expect((await remove('match[version]=2026-10-20T12:00:00.000Z')).statusCode).toBe(404);
    expect(await versions()).toEqual(['2026-10-21T12:00:00.000000Z']);
  });

  it('serves the medallion sample indicators it was given, byte for byte in meaning', async () => {
    const data = readCorpusJson<Record<string, { collections?: Array<{ id: string; objects?: unknown[] }> }>>('taxii', 'medallion-default_data.json');
    const objects = Object.values(data).flatMap((root) => root.collections ?? []).flatMap((c) => c.objects ?? []).filter((o) => (o as { spec_version?: string }).spec_version === '2.1');
    expect(objects.length).toBeGreaterThan(3);
    const status = (await post(`${ROOT}/collections/intel/objects/`, envelope(objects))).json<{ failure_count: number; failures: unknown[] }>();
    expect(status.failures).toEqual([]);
    for (const object of objects as Array<{ id: string }>) {
      const served = (await get(`${ROOT}/collections/intel/objects/${object.id}/?match[version]=all`)).json<{ objects: unknown[] }>().objects;
      expect(served).toContainEqual(object);
    }
  });
});
