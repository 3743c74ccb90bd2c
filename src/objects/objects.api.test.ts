import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { indicator, malware } from '../../test/support/stix-factory.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import type { Role } from '../auth/roles.js';
import type { BundleElement } from '../ingest/bundle-reader.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

interface Outcome { index: number; id: string | null; status: string; reason?: string }
interface Search { total: number; items: Array<{ id: string; version: string; revoked: boolean; origin: string | null }>; next?: string }

describe.each(dialects)('the STIX store through the API on %s', (dialect) => {
  let node: TestNode;
  const headers = async (role: Role, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${await node.token(role)}`, 'accept-language': 'en', ...extra });
  const post = async (objects: unknown, role: Role = 'analyst', collection = 'intel') =>
    node.app.inject({ method: 'POST', url: `/api/v1/objects?collection=${collection}`, headers: await headers(role), payload: objects as Record<string, unknown> });
  /** The outcome of the first object written: a 422 is how the API answers when every object was refused. */
  const firstOutcome = (response: { statusCode: number; json: <T>() => T }): Outcome | undefined =>
    response.statusCode === 422 ? { index: 0, id: null, status: 'rejected', reason: response.json<{ detail: string }>().detail } : response.json<{ outcomes: Outcome[] }>().outcomes[0];
  const search = async (query: string, role: Role = 'reader') => (await node.app.inject({ method: 'GET', url: `/api/v1/objects?${query}`, headers: await headers(role) })).json<Search>();

  beforeAll(async () => {
    node = await createTestNode({ dialect });
  });
  afterAll(async () => node?.close());

  it('keeps every version of an object and serves the latest, whatever the order versions arrive in', async () => {
    const v1 = indicator({ modified: '2026-11-02T00:00:00.000Z' });
    const v3 = { ...v1, modified: '2026-11-04T00:00:00.000Z', name: 'third' };
    const v2 = { ...v1, modified: '2026-11-03T00:00:00.000Z', name: 'second' };
    expect(firstOutcome(await post([v1]))?.status).toBe('new');
    expect(firstOutcome(await post([v3]))?.status).toBe('updated');
    const late = firstOutcome(await post([v2]));
    expect(late?.status).not.toBe('rejected');
    expect(firstOutcome(await post([v3]))?.status).toBe('duplicate');
    const read = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${v1.id as string}`, headers: await headers('reader') });
    expect(read.statusCode).toBe(200);
    const body = read.json<{ object: { name: string; modified: string }; versions: string[] }>();
    expect(body.object.name).toBe('third');
    expect([...body.versions].sort()).toEqual(['2026-11-02T00:00:00.000000Z', '2026-11-03T00:00:00.000000Z', '2026-11-04T00:00:00.000000Z']);
  });

  it('refuses a different body under an existing version instead of overwriting it', async () => {
    const original = indicator();
    await post([original]);
    const forged = firstOutcome(await post([{ ...original, name: 'silently changed' }]));
    expect(forged?.status).toBe('rejected');
    expect(forged?.reason).toMatch(/version/i);
    const read = (await node.app.inject({ method: 'GET', url: `/api/v1/objects/${original.id as string}`, headers: await headers('reader') })).json<{ object: { name: string } }>();
    expect(read.object.name).toBe(original.name);
  });

  it('hides revoked objects from search unless asked, and keeps them readable', async () => {
    const object = malware({ name: 'Revocation probe 撤销 отзыв' });
    await post([object]);
    await post([{ ...object, modified: '2026-10-21T12:00:00.000Z', revoked: true }]);
    expect((await search('q=Revocation%20probe')).total).toBe(0);
    const withRevoked = await search('q=Revocation%20probe&revoked=true');
    expect(withRevoked.items.map((i) => [i.id, i.revoked])).toEqual([[object.id, true]]);
  });

  it('lets only the originating Party change an object it sent', async () => {
    const fromRu = indicator();
    const inbox = await node.services.collections.byAlias('inbox-RU');
    expect(inbox).toBeDefined();
    await node.services.ingest.ingestObjects([fromRu], { collectionId: inbox?.id ?? '', originParty: 'RU', actor: 'system' });
    const local = firstOutcome(await post([{ ...fromRu, modified: '2026-11-09T00:00:00.000Z', name: 'rewritten here' }]));
    expect(local?.status).toBe('rejected');
    expect(local?.reason).toMatch(/RU|originat/i);
    const found = await search(`origin=RU&type=indicator`);
    expect(found.items.find((i) => i.id === fromRu.id)?.version).toBe('2026-11-01T08:00:00.000000Z');
  });

  it('previews what the release policy would do for each audience, and why', async () => {
    type Preview = { decisions: Array<{ audience: string; allow: boolean; rule: string; withheld: string[] }> };
    const preview = async (id: string) => {
      const response = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${id}/release`, headers: await headers('reader') });
      expect(response.statusCode).toBe(200);
      return response.json<Preview>().decisions.map((d) => [d.audience, d.allow, d.rule, d.withheld]);
    };
    const green = indicator({
      object_marking_refs: [TLP2_MARKING_IDS.green],
      granular_markings: [{ marking_ref: TLP2_MARKING_IDS.amber, selectors: ['description'] }],
    });
    expect(firstOutcome(await post([green]))?.status).toBe('new');
    expect(await preview(green.id as string)).toEqual([
      ['RU', true, 'tlp-permits', []],
      ['third-party', true, 'tlp-green-community', ['description']],
      ['public', false, 'tlp-green', []],
    ]);
    const fromRu = indicator({ object_marking_refs: [TLP2_MARKING_IDS.clear] });
    const inbox = await node.services.collections.byAlias('inbox-RU');
    await node.services.ingest.ingestObjects([fromRu], { collectionId: inbox?.id ?? '', originParty: 'RU', actor: 'system' });
    // Even TLP:CLEAR from RU stays within the agreement without RU's consent, and never goes back to RU.
    expect(await preview(fromRu.id as string)).toEqual([
      ['RU', false, 'originated-by-audience', []],
      ['third-party', false, 'originator-consent-required', []],
      ['public', false, 'originator-consent-required', []],
    ]);
    const unknown = await node.app.inject({ method: 'GET', url: '/api/v1/objects/indicator--00000000-0000-4000-8000-000000000000/release', headers: await headers('reader') });
    expect(unknown.statusCode).toBe(404);
  });

  it('imports a stream of several batches in order: later versions, duplicates and bad elements in any batch', async () => {
    const first = indicator({ modified: '2026-11-05T00:00:00.000Z' });
    const elements: BundleElement[] = [];
    const push = (value: unknown) => elements.push({ index: elements.length, value });
    // Batches hold at most 4,000 elements: the updates below fall in later batches than the first version.
    push(first);
    for (let i = 0; i < 4500; i++) push(indicator());
    push({ ...first, modified: '2026-11-06T00:00:00.000Z', name: 'second batch update' });
    for (let i = 0; i < 3700; i++) push(indicator());
    push(first);
    push({ type: 'indicator', id: 'not-an-id' });
    elements.push({ index: elements.length, error: jsonSyntaxProblem(new SyntaxError('Unexpected end of JSON input')) });
    push({ ...first, modified: '2026-11-07T00:00:00.000Z', name: 'third batch update' });

    const outcomes: Outcome[] = [];
    for await (const batch of node.services.objects.import('system', [elements])) outcomes.push(...(batch as Outcome[]));
    expect(outcomes.map((o) => o.index)).toEqual(elements.map((e) => e.index));
    const statusOf = (i: number) => outcomes[i]?.status;
    expect(statusOf(0)).toBe('new');
    expect(statusOf(4501)).toBe('updated');
    expect(statusOf(8202)).toBe('duplicate');
    expect(statusOf(8203)).toBe('rejected');
    expect(statusOf(8204)).toBe('rejected');
    expect(statusOf(8205)).toBe('updated');
    expect(outcomes.filter((o) => o.status === 'new')).toHaveLength(1 + 4500 + 3700);
    const latest = (await node.app.inject({ method: 'GET', url: `/api/v1/objects/${first.id as string}`, headers: await headers('reader') })).json<{ object: { name: string }; versions: string[] }>();
    expect(latest.object.name).toBe('third batch update');
    expect(latest.versions).toHaveLength(3);
  });

  it('cuts an import of large objects into batches of bounded size, and stores every object of each', async () => {
    // Twelve reports of ~300,000 characters each: one batch would hold 3.6 MB of bodies at once.
    const objects = Array.from({ length: 12 }, (_, i) => malware({ name: `Large ${i}`, description: `${'Сетевой червь, 网络蠕虫. '.repeat(12_000)}${i}` }));
    const batches: Outcome[][] = [];
    for await (const batch of node.services.objects.import('system', [objects.map((value, index) => ({ index, value }))])) batches.push(batch as Outcome[]);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.every((batch) => batch.length <= 4)).toBe(true);
    expect(batches.flat().map((o) => [o.index, o.status])).toEqual(objects.map((_, i) => [i, 'new']));
    expect((await search(`q=${encodeURIComponent('网络蠕虫. 11')}&type=malware`)).items.map((i) => i.id)).toEqual([objects[11]?.id]);
  });

  it('imports only into a collection the caller may write, and refuses before streaming', async () => {
    const object = indicator();
    const bundle = JSON.stringify({ type: 'bundle', id: 'bundle--6f1c3b0e-1d2a-4c55-9a43-0d9e7f3a2b11', objects: [object] });
    const importInto = async (collection: string) =>
      node.app.inject({ method: 'POST', url: `/api/v1/import?collection=${collection}`, headers: await headers('analyst', { 'content-type': 'application/json' }), payload: bundle });
    // Only RU's node writes inbox-RU: an analyst here may read it, never fill it.
    const toInbox = await importInto('inbox-RU');
    expect(toInbox.statusCode).toBe(403);
    expect(toInbox.headers['content-type']).toBe(PROBLEM);
    const unknown = await importInto('nowhere');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe(PROBLEM);
    const stored = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${object.id as string}`, headers: await headers('reader') });
    expect(stored.statusCode).toBe(404);
  });

  it('audits an import that stopped as failed, not as done', async () => {
    const response = await node.app.inject({ method: 'POST', url: '/api/v1/import', headers: await headers('analyst', { 'content-type': 'application/json' }), payload: '[{"type": "indicator",' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('"type":"error"');
    const [latest] = await node.services.audit.list({ limit: 1, action: 'objects.import' });
    expect(latest).toMatchObject({ actor: 'analyst', outcome: 'failed' });
  });

  it('finds text in Chinese, Russian and English, including two-character Chinese words', async () => {
    const object = malware({ name: '勒索软件 LockBit 样本', description: 'Шифровальщик атакует больницы; ransomware hitting hospitals' });
    await post([object]);
    for (const term of ['勒索软件', '勒索', 'Шифровальщик', 'hospitals']) {
      const found = await search(`q=${encodeURIComponent(term)}`);
      expect(found.items.map((i) => i.id), term).toContain(object.id);
    }
    expect((await search(`q=${encodeURIComponent('不存在的词语')}`)).total).toBe(0);
  });

  it('finds text whatever its letter case, and only where it stands whole', async () => {
    const object = malware({ name: 'Шифровальщик LockBit', description: 'ransomware hitting hospitals' });
    // Every trigram of "strike" is here (str, tri; tri, rik, ike), the word itself is not.
    const scattered = malware({ name: `stri trike ${Date.now()}` });
    await post([object, scattered]);
    for (const term of ['шифровальщик', 'ШИФРОВАЛЬЩИК', 'lockbit', 'HOSPITALS']) {
      expect((await search(`q=${encodeURIComponent(term)}`)).items.map((i) => i.id), term).toContain(object.id);
    }
    expect((await search(`q=${encodeURIComponent('STRI TRIKE')}`)).items.map((i) => i.id)).toContain(scattered.id);
    expect((await search('q=strike')).items.map((i) => i.id)).not.toContain(scattered.id);
  });

  it('pages through search results without gaps or repeats', async () => {
    const marker = `Paging marker ${Date.now()}`;
    const objects = Array.from({ length: 23 }, (_, i) => malware({ name: `${marker} ${i}` }));
    await post(objects);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(`q=${encodeURIComponent(marker)}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(23);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(new Set(objects.map((o) => o.id as string)));
  });

  it('answers bad requests with problem+json and stores nothing', async () => {
    const before = (await search('limit=1')).total;
    const malformed = await node.app.inject({ method: 'POST', url: '/api/v1/objects', headers: await headers('analyst', { 'content-type': 'application/json' }), payload: '[{"type": "indicator",' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toBe(PROBLEM);
    // Where the text breaks off, said in the reader's language rather than in V8's English.
    const brokenInRussian = await node.app.inject({ method: 'POST', url: '/api/v1/objects', headers: await headers('analyst', { 'content-type': 'application/json', 'accept-language': 'ru' }), payload: '[{"type": "indicator" "id": 1}]' });
    expect(brokenInRussian.json<{ detail: string }>().detail).toBe('Тело запроса не является корректным JSON: на символе 23 после значения свойства ожидалось "," или "}"');
    const wrongType = await node.app.inject({ method: 'POST', url: '/api/v1/objects', headers: await headers('analyst', { 'content-type': 'application/json' }), payload: '"an indicator"' });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json()).toMatchObject({ type: 'urn:accord:problem:validation-failed' });
    const huge = JSON.stringify([indicator({ description: 'x'.repeat(node.services.config.limits.bodyBytes) })]);
    const oversized = await node.app.inject({ method: 'POST', url: '/api/v1/objects', headers: await headers('analyst', { 'content-type': 'application/json' }), payload: huge });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.headers['content-type']).toBe(PROBLEM);
    const shortBody = await node.app.inject({
      method: 'POST', url: '/api/v1/objects', headers: await headers('analyst', { 'content-type': 'application/json', 'content-length': '300', 'accept-language': 'ru' }), payload: '[{"type": "indicator"}]',
    });
    expect(shortBody.statusCode).toBe(400);
    expect(shortBody.json()).toMatchObject({ type: 'urn:accord:problem:bad-request', detail: 'Длина тела запроса не совпадает с Content-Length' });
    const badQuery = await node.app.inject({ method: 'GET', url: '/api/v1/objects?limit=many', headers: await headers('reader') });
    expect(badQuery.statusCode).toBe(422);
    expect(badQuery.headers['content-type']).toBe(PROBLEM);
    // Each parameter's problem in the reader's language, not the schema validator's English.
    const inRussian = await node.app.inject({ method: 'GET', url: '/api/v1/objects?limit=0', headers: await headers('reader', { 'accept-language': 'ru' }) });
    expect(inRussian.json()).toMatchObject({
      detail: 'Запрос не соответствует схеме: querystring/limit: должно быть >= 1',
      errors: [{ path: 'querystring/limit', message: 'должно быть >= 1' }],
    });
    expect((await search('limit=1')).total).toBe(before);
  });

  it('says a typeless body whose "objects" is not an array is one, as the import does, instead of "missing type"', async () => {
    const before = (await search('limit=1')).total;
    const write = async (payload: string) => node.app.inject({ method: 'POST', url: '/api/v1/objects', headers: await headers('analyst', { 'content-type': 'application/json', 'accept-language': 'ru' }), payload });
    const number = await write('{"objects":123}');
    expect(number.statusCode).toBe(400);
    expect(number.json()).toMatchObject({ type: 'urn:accord:problem:bad-request', detail: '"objects" должно быть массивом, а не числом', errors: [{ path: '/objects' }] });
    expect((await write('{"objects":{"0":{}}}')).json<{ detail: string }>().detail).toBe('"objects" должно быть массивом, а не объектом');
    expect((await search('limit=1')).total).toBe(before);
  });

  it('refuses an export for a Party the agreement does not have, naming its Parties, in the reader\'s language', async () => {
    const exporting = async (audience: string, language: string) => node.app.inject({ method: 'GET', url: `/api/v1/export?for=${audience}`, headers: await headers('reader', { 'accept-language': language }) });
    const unknown = await exporting('XX', 'ru');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toBe(PROBLEM);
    expect(unknown.json()).toMatchObject({ type: 'urn:accord:problem:bad-request', detail: 'XX не является Стороной соглашения cn-ru-2015; его Стороны: CN, RU' });
    expect((await exporting('USA', 'zh')).json<{ detail: string }>().detail).toBe('USA 不是协定 cn-ru-2015 的缔约方；缔约方为 CN, RU');
    expect((await exporting('RU', 'en')).statusCode).toBe(200);
  });

  it('exports what the list\'s filters select and what was stored after a time, and refuses a filter that could match nothing', async () => {
    const exported = async (query: string, language = 'en') => {
      const response = await node.app.inject({ method: 'GET', url: `/api/v1/export?${query}`, headers: await headers('analyst', { 'accept-language': language }) });
      return { status: response.statusCode, type: response.headers['content-type'], body: response.json<{ objects?: Array<{ id: string; name?: string }>; detail?: string }>() };
    };
    const ids = async (query: string) => (await exported(query)).body.objects?.map((o) => o.id).sort();
    const alpha = indicator({ name: 'Export filter probe alpha' });
    const beta = malware({ name: 'Export filter probe beta' });
    await post([alpha, beta]);
    const mark = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const gamma = indicator({ name: 'Export filter probe gamma' });
    const alphaLater = { ...alpha, modified: '2026-11-20T00:00:00.000Z', name: 'Export filter probe alpha, revised' };
    await post([gamma, alphaLater]);

    const probe = 'q=Export%20filter%20probe';
    expect(await ids(probe)).toEqual([alpha.id, beta.id, gamma.id].sort());
    expect(await ids(`${probe}&type=malware`)).toEqual([beta.id]);
    expect(await ids(`${probe}&type=indicator&origin=local`)).toEqual([alpha.id, gamma.id].sort());
    expect(await ids(`${probe}&origin=RU`)).toEqual([]);
    // What changed since the mark: the new object and the new version, never the untouched one.
    const since = await exported(`${probe}&added_after=${encodeURIComponent(mark)}`);
    expect(since.body.objects?.map((o) => o.name).sort()).toEqual(['Export filter probe alpha, revised', 'Export filter probe gamma']);
    expect(await ids(`added_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);

    const audit = await node.app.inject({ method: 'GET', url: '/api/v1/audit?action=objects.export', headers: await headers('admin') });
    const last = audit.json<{ events: Array<{ detail: { exported: number; filter?: Record<string, unknown> } }> }>().events[0];
    expect(last?.detail).toMatchObject({ exported: 0 });
    expect(Object.keys(last?.detail.filter ?? {})).toEqual(['storedAfterUs']);

    const badTime = await exported('added_after=yesterday', 'ru');
    expect(badTime.status).toBe(400);
    expect(badTime.type).toBe(PROBLEM);
    expect(badTime.body.detail).toBe('«yesterday» — не время UTC по RFC 3339, например 2026-11-01T00:00:00Z');
    expect((await exported('origin=XX', 'en')).body.detail).toBe('XX is not a Party of agreement cn-ru-2015; its Parties are CN, RU');
    // A value the schema already rules out is refused as every malformed query is.
    expect((await exported('tlp=purple')).status).toBe(422);
  });

  it('says what is wrong with each refused object in the reader\'s language, and where in a pattern', async () => {
    const broken = [indicator({ pattern: "[ipv4-addr:value = '10.0.0.1'", modified: '2020-01-01T00:00:00.000Z' }), { ...malware(), is_family: undefined }];
    const said = async (language: string) => {
      const response = await node.app.inject({
        method: 'POST', url: '/api/v1/objects', headers: await headers('analyst', { 'accept-language': language }), payload: broken as unknown as Record<string, unknown>,
      });
      expect(response.statusCode).toBe(422);
      return response.json<{ errors: Array<{ index: number; path: string; message: string; position?: number }> }>().errors;
    };
    const zh = await said('zh-CN');
    expect(zh).toContainEqual({ index: 0, path: '/modified', message: expect.stringMatching(/^modified（2020-01-01T00:00:00.000Z）不得早于 created/) as unknown });
    expect(zh).toContainEqual({ index: 0, path: '/pattern', message: expect.stringContaining('位置 29') as unknown, position: 29 });
    expect(zh).toContainEqual({ index: 1, path: '/is_family', message: '缺少必需属性 is_family' });
    const ru = await said('ru');
    expect(ru).toContainEqual({ index: 1, path: '/is_family', message: 'отсутствует обязательное свойство is_family' });
    expect(ru.find((e) => e.path === '/pattern')?.message).toMatch(/^позиция 29: ожидалось/);
    expect((await said('en')).find((e) => e.path === '/is_family')?.message).toBe('is_family is required');
    const stored = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${String(broken[1]?.id)}`, headers: await headers('reader') });
    expect(stored.statusCode).toBe(404);
  });

  it('refuses the unauthenticated, the wrong role and unknown objects', async () => {
    const anonymous = await node.app.inject({ method: 'GET', url: '/api/v1/objects' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toBe(PROBLEM);
    const reader = await post([indicator()], 'reader');
    expect(reader.statusCode).toBe(403);
    expect(reader.json()).toMatchObject({ type: 'urn:accord:problem:forbidden' });
    const toInbox = await post([indicator()], 'admin', 'inbox-RU');
    expect(toInbox.statusCode).toBe(403);
    expect(toInbox.json()).toMatchObject({ detail: 'You may not write to collection inbox-RU' });
    // A mangled session cookie is a missing credential, not a failure of the node.
    const mangled = await node.app.inject({ method: 'GET', url: '/api/v1/objects', headers: { cookie: 'accord_session=%E0%A4%A' } });
    expect(mangled.statusCode).toBe(401);
    expect(mangled.headers['content-type']).toBe(PROBLEM);
    const missing = await node.app.inject({ method: 'GET', url: '/api/v1/objects/indicator--00000000-0000-4000-8000-000000000000', headers: await headers('reader') });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe(PROBLEM);
  });
});
