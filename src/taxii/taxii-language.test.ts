import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { bundle, indicator } from '../../test/support/stix-factory.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/cn-ru-2015';

describe.each(dialects)('TAXII and API texts in the reader\'s language on %s', (dialect) => {
  let node: TestNode;
  let analyst: Record<string, string>;

  const titles = async (language: string) =>
    Object.fromEntries(
      (await node.app.inject({ method: 'GET', url: `${ROOT}/collections/`, headers: { ...analyst, accept: TAXII, 'accept-language': language } }))
        .json<{ collections: Array<{ alias: string; title: string }> }>().collections.map((c) => [c.alias, c.title]),
    );

  beforeAll(async () => {
    node = await createTestNode({ dialect });
    analyst = { authorization: `Bearer ${await node.token('analyst')}` };
  });
  afterAll(async () => node?.close());

  it('titles the built-in collections in the reader\'s language', async () => {
    expect(await titles('zh')).toEqual({ intel: '本节点工作库（此处内容不会自行外发）', 'outbox-RU': '与 RU 共享', 'inbox-RU': '收自 RU' });
    expect(await titles('ru')).toEqual({ intel: 'Рабочее хранилище узла (отсюда ничего не уходит само)', 'outbox-RU': 'Передаётся стороне RU', 'inbox-RU': 'Получено от стороны RU' });
    expect(await titles('en')).toEqual({ intel: 'Working store of this node (nothing here leaves by itself)', 'outbox-RU': 'Shared with RU', 'inbox-RU': 'Received from RU' });
    const one = await node.app.inject({ method: 'GET', url: `${ROOT}/collections/outbox-RU/`, headers: { ...analyst, accept: TAXII, 'accept-language': 'ru' } });
    expect(one.json<{ title: string }>().title).toBe('Передаётся стороне RU');
  });

  it('describes the server in discovery and at the API root in the reader\'s language', async () => {
    const described = async (url: string, language: string) => {
      const { title, description } = (await node.app.inject({ method: 'GET', url, headers: { ...analyst, accept: TAXII, 'accept-language': language } })).json<{ title: string; description: string }>();
      return { title, description };
    };
    for (const url of ['/taxii2/', `${ROOT}/`]) {
      expect(await described(url, 'zh')).toEqual({ title: 'CN 的 Accord 节点', description: 'CN 节点依据 cn-ru-2015 运行的 TAXII 2.1 服务器' });
      expect(await described(url, 'ru')).toEqual({ title: 'Узел Accord стороны CN', description: 'Сервер TAXII 2.1 узла стороны CN в рамках cn-ru-2015' });
      expect(await described(url, 'en')).toEqual({ title: 'Accord node of CN', description: 'TAXII 2.1 server of the CN node under cn-ru-2015' });
    }
  });

  it('keeps a title someone chose as it was written', async () => {
    await node.services.database.db.updateTable('collection').set({ title: '联合演习 2026 / Учения 2026' }).where('alias', '=', 'intel').execute();
    expect((await titles('ru')).intel).toBe('联合演习 2026 / Учения 2026');
    expect((await titles('zh')).intel).toBe('联合演习 2026 / Учения 2026');
  });

  it('says a TAXII envelope whose "objects" is not an array has the wrong type, not that it is no envelope', async () => {
    const post = (payload: string, language: string) =>
      node.app.inject({ method: 'POST', url: `${ROOT}/collections/intel/objects/`, payload, headers: { ...analyst, accept: TAXII, 'content-type': TAXII, 'accept-language': language } });
    const wrong = await post('{"objects":123}', 'en');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error_code: 'bad-request', description: '"objects" must be an array, not a number' });
    expect((await post('{"objects":"x"}', 'zh')).json<{ description: string }>().description).toBe('"objects" 必须是数组，而不是字符串');
    expect((await post('{"objects":{}}', 'ru')).json<{ description: string }>().description).toBe('"objects" должно быть массивом, а не объектом');
    expect((await post('{"data":123}', 'en')).json<{ description: string }>().description).toBe('The body must be a TAXII envelope: an object with an "objects" array');
  });

  it('refuses an API bundle whose "objects" is not an array instead of storing nothing and answering 200', async () => {
    const response = await node.app.inject({
      method: 'POST', url: '/api/v1/objects', headers: { ...analyst, 'accept-language': 'ru' }, payload: { ...bundle([indicator()]), objects: 123 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'bad-request', detail: '"objects" должно быть массивом, а не числом', errors: [{ path: '/objects' }] });
  });
});
