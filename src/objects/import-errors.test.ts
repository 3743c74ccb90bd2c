import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

describe.each(dialects)('an import that cannot be read says why in the reader\'s language, on %s', (dialect) => {
  let node: TestNode;
  /** The lines of an import's NDJSON answer. */
  const importing = async (payload: string, language: string): Promise<Array<{ type: string; message?: string }>> => {
    const response = await node.app.inject({
      method: 'POST', url: '/api/v1/import', payload, headers: { authorization: `Bearer ${await node.token('analyst')}`, 'content-type': 'application/json', 'accept-language': language },
    });
    expect(response.statusCode).toBe(200);
    return response.body.trim().split('\n').map((line) => JSON.parse(line) as { type: string; message?: string });
  };
  const errorOf = async (payload: string, language: string) => (await importing(payload, language)).find((l) => l.type === 'error')?.message;

  beforeAll(async () => {
    node = await createTestNode({ dialect });
  });
  afterAll(async () => node?.close());

  it('names what was expected and what was found in Russian and Chinese, not in English', async () => {
    expect(await errorOf('{"type":"bundle","objects":[{"a":1} {"b":2}]}', 'ru')).toBe('Некорректный JSON на байте 36: ожидалось "," или "]", найдено "{\\"b\\":2}]}"');
    expect(await errorOf('{"type":"bundle","objects":[{"a":1}', 'ru')).toBe('Некорректный JSON на байте 35: ожидалось "," или "]", найдено конец входных данных');
    expect(await errorOf('"an indicator"', 'zh')).toBe('第 0 字节处 JSON 格式错误：应为 STIX 数据包（对象）或对象数组，实际为 "\\"an indicato"');
    expect(await errorOf('{"type":"bundle" "objects":[]}', 'zh')).toBe('第 17 字节处 JSON 格式错误：应为 "," 或 "}"，实际为 "\\"objects\\":[]"');
    expect(await errorOf('[{"a":1}] x', 'en')).toBe('Malformed JSON at byte 10: expected end of input, found "x"');
  });

  it('says an "objects" that is not an array is one, instead of refusing the envelope as an object without a type', async () => {
    expect(await errorOf('{"objects":123}', 'en')).toBe('"objects" must be an array, not a number');
    expect(await errorOf('{"type":"bundle","id":"bundle--6f1c3b0e-1d2a-4c55-9a43-0d9e7f3a2b11","objects":{"0":{}}}', 'ru')).toBe('"objects" должно быть массивом, а не объектом');
    expect(await errorOf('{"objects":"x"}', 'zh')).toBe('"objects" 必须是数组，而不是字符串');
  });
});
