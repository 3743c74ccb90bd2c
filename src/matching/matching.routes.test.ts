import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dialects } from '../../test/support/databases.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { indicator } from '../../test/support/stix-factory.js';
import { runCli } from '../cli/run-cli.js';

/** Runs `accord ARGV` in this process, capturing stdout. */
async function accord(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((stdout += String(chunk)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((stderr += String(chunk)), true),
  );
  try {
    return { code: await runCli(argv), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

describe.each(dialects)('matching, correlation and warninglist API on %s', (dialect) => {
  let node: TestNode;
  let reader: Record<string, string>;
  let analyst: Record<string, string>;
  let admin: Record<string, string>;
  const c2 = indicator({ pattern: "[domain-name:value = 'c2.api-sample.cn']", name: 'C2 of the API test' });
  const twin = indicator({
    pattern: "[domain-name:value = 'c2.api-sample.cn']",
    name: 'Same C2, another report',
  });

  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: string | object,
    contentType?: string,
  ) =>
    node.app.inject({
      method,
      url,
      headers: {
        'accept-language': 'en',
        ...headers,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });

  beforeAll(async () => {
    node = await createTestNode({ dialect });
    reader = { authorization: `Bearer ${await node.token('reader')}` };
    analyst = { authorization: `Bearer ${await node.token('analyst')}` };
    admin = { authorization: `Bearer ${await node.token('admin')}` };
    const response = await inject('POST', '/api/v1/objects', analyst, [c2, twin]);
    expect(response.statusCode).toBe(200);
  });
  afterAll(async () => node?.close());

  it('POST /match takes plain text, CSV, JSON-wrapped text and STIX; readers match but cannot record', async () => {
    const plain = await inject('POST', '/api/v1/match', reader, 'c2.api-sample.cn\n8.8.8.8\n', 'text/plain');
    expect(plain.statusCode).toBe(200);
    const body = plain.json<{
      format: string;
      matches: Array<{ id: string }>;
      warninglisted: Array<{ value: string; warninglists: Array<{ title: string }> }>;
    }>();
    expect(body.format).toBe('text');
    expect(body.matches.map((m) => m.id).sort()).toEqual([c2.id, twin.id].sort());
    expect(body.warninglisted[0]).toMatchObject({
      value: '8.8.8.8',
      warninglists: [{ title: 'Well-known public DNS resolvers' }],
    });
    const zh = await inject(
      'POST',
      '/api/v1/match',
      { ...reader, 'accept-language': 'zh' },
      '8.8.8.8',
      'text/plain',
    );
    expect(
      zh.json<{ warninglisted: Array<{ warninglists: Array<{ title: string }> }> }>().warninglisted[0]
        ?.warninglists[0]?.title,
    ).toBe('知名公共 DNS 解析服务器');

    const csv = await inject(
      'POST',
      '/api/v1/match?format=csv',
      reader,
      'type,value\ndomain,c2.api-sample.cn\n',
      'text/csv',
    );
    expect(csv.json<{ matches: unknown[] }>().matches).toHaveLength(2);
    const wrapped = await inject('POST', '/api/v1/match', reader, {
      data: 'GET http://c2.api-sample.cn/x 200',
      format: 'log',
    });
    expect(wrapped.json<{ format: string; matches: unknown[] }>()).toMatchObject({ format: 'log' });
    const stix = await inject(
      'POST',
      '/api/v1/match',
      reader,
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--4a7d7f63-1bb8-4b7b-8a1a-0c8f4bd2f0a1',
        objects: [
          {
            type: 'domain-name',
            spec_version: '2.1',
            id: 'domain-name--1d5a4b0e-2f43-5b1e-9f0c-5e5b1c1f2a3b',
            value: 'c2.api-sample.cn',
          },
        ],
      }),
      'application/stix+json',
    );
    expect(stix.json<{ format: string; matches: unknown[] }>()).toMatchObject({ format: 'stix' });
    expect(stix.json<{ matches: unknown[] }>().matches).toHaveLength(2);

    const denied = await inject(
      'POST',
      '/api/v1/match?record=true',
      reader,
      'c2.api-sample.cn',
      'text/plain',
    );
    expect(denied.statusCode).toBe(403);
    const recorded = await inject(
      'POST',
      '/api/v1/match?record=true',
      analyst,
      'c2.api-sample.cn',
      'text/plain',
    );
    expect(
      recorded
        .json<{ matches: Array<{ sighting: { status: string } }> }>()
        .matches.map((m) => m.sighting.status),
    ).toEqual(['new', 'new']);
  });

  it('answers bad submissions with problem+json', async () => {
    const empty = await inject('POST', '/api/v1/match', reader, '', 'text/plain');
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toMatch(/application\/problem\+json/);
    const csv = await inject('POST', '/api/v1/match?format=csv', reader, 'a,b\n"open,1\n', 'text/csv');
    expect(csv.statusCode).toBe(400);
    expect(csv.json<{ detail: string }>().detail).toMatch(/CSV is malformed at line/);
    const json = await inject('POST', '/api/v1/match', reader, '{"type":"bundle",', 'application/stix+json');
    expect(json.statusCode).toBe(400);
    const format = await inject('POST', '/api/v1/match', reader, { data: 'x', format: 'pdf' });
    expect(format.statusCode).toBe(400);
    const flag = await inject('POST', '/api/v1/match', { ...analyst, 'accept-language': 'ru' }, { data: 'c2.api-sample.cn', record: 'true' });
    expect(flag.statusCode).toBe(400);
    expect(flag.json<{ detail: string }>().detail).toBe('record должно быть true или false, а не "true"');
    // Sharing what is not recorded used to be dropped without a word, with a 200 that looked like success.
    for (const [url, payload] of [['/api/v1/match', { data: 'c2.api-sample.cn', share: true }], ['/api/v1/match?share=true', { data: 'c2.api-sample.cn' }]] as const) {
      const share = await inject('POST', url, admin, payload);
      expect(share.statusCode, url).toBe(400);
      expect(share.json<{ detail: string }>().detail).toBe('share needs record: what is shared is the sighting recorded for each hit');
    }
  });

  it('GET correlations of an object and of a value; warninglists and their check', async () => {
    const related = await inject('GET', `/api/v1/objects/${String(c2.id)}/correlations`, reader);
    expect(related.statusCode).toBe(200);
    expect(related.json<{ related: Array<{ id: string; shared: unknown[] }> }>().related).toEqual([
      expect.objectContaining({
        id: twin.id,
        shared: [{ kind: 'domain-name', value: 'c2.api-sample.cn', relation: 'same' }],
      }),
    ]);
    const missing = await inject(
      'GET',
      '/api/v1/objects/indicator--00000000-0000-4000-8000-000000000000/correlations',
      reader,
    );
    expect(missing.statusCode).toBe(404);
    const byValue = await inject('GET', '/api/v1/correlations?value=C2.API-SAMPLE.CN', reader);
    expect(byValue.json<{ related: unknown[] }>().related).toHaveLength(2);
    expect((await inject('GET', '/api/v1/correlations?value=%20nothing%20here', reader)).statusCode).toBe(
      400,
    );
    const lists = await inject('GET', '/api/v1/warninglists', { ...reader, 'accept-language': 'ru' });
    expect(
      lists
        .json<{ items: Array<{ id: string; title: string }> }>()
        .items.find((l) => l.id === 'documentation')?.title,
    ).toBe('Значения для документации и примеров');
    const check = await inject('GET', '/api/v1/warninglists/check?value=192.168.1.1', reader);
    expect(check.json()).toMatchObject({
      kind: 'ipv4-addr',
      value: '192.168.1.1',
      warninglists: [{ list: 'private-and-special', entry: '192.168.0.0/16' }],
    });
  });

  it('lets admins, and only admins, manage exclusions', async () => {
    expect(
      (await inject('POST', '/api/v1/correlations/exclusions', analyst, { pattern: '*.api-sample.cn' }))
        .statusCode,
    ).toBe(403);
    const bad = await inject('POST', '/api/v1/correlations/exclusions', admin, { pattern: '/[unclosed/' });
    expect(bad.statusCode).toBe(400);
    const created = await inject('POST', '/api/v1/correlations/exclusions', admin, {
      pattern: '*.api-sample.cn',
      note: 'test',
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const after = await inject('GET', `/api/v1/objects/${String(c2.id)}/correlations`, reader);
    expect(
      after.json<{ related: unknown[]; values: Array<{ excludedBy: { pattern: string } }> }>(),
    ).toMatchObject({ related: [], values: [{ excludedBy: { pattern: '*.api-sample.cn' } }] });
    expect(
      (await inject('GET', '/api/v1/correlations/exclusions', reader))
        .json<{ items: Array<{ id: string }> }>()
        .items.map((e) => e.id),
    ).toContain(id);
    expect((await inject('DELETE', `/api/v1/correlations/exclusions/${id}`, admin)).statusCode).toBe(204);
    expect((await inject('DELETE', `/api/v1/correlations/exclusions/${id}`, admin)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/correlations/common', reader)).statusCode).toBe(403);
    expect((await inject('PUT', '/api/v1/correlations/settings', analyst, { limit: 2 })).statusCode).toBe(
      403,
    );
    expect((await inject('PUT', '/api/v1/correlations/settings', admin, { limit: 1 })).statusCode).toBe(422);
    expect((await inject('PUT', '/api/v1/correlations/settings', admin, { limit: 2 })).json()).toEqual({
      limit: 2,
    });
    expect(
      (await inject('POST', '/api/v1/correlations/rebuild', admin)).json<{ objects: number }>().objects,
    ).toBeGreaterThanOrEqual(2);
    const limited = await inject('GET', '/api/v1/correlations?value=c2.api-sample.cn', reader);
    expect(limited.json<{ values: Array<{ tooCommon: boolean }>; related: unknown[] }>()).toMatchObject({
      values: [{ tooCommon: true }],
      related: [],
    });
    expect((await inject('PUT', '/api/v1/correlations/settings', admin, { limit: 100 })).json()).toEqual({
      limit: 100,
    });
    await inject('POST', '/api/v1/correlations/rebuild', admin);
    expect((await inject('GET', '/api/v1/correlations/settings', reader)).json()).toEqual({ limit: 100 });
  });

  if (dialect === 'sqlite') it(
    'accord match reads a file and prints hits; --json gives the report',
    async () => {
      const file = join(node.dataDir, 'observables.txt');
      writeFileSync(file, 'c2.api-sample.cn\n10.0.0.1\n');
      const human = await accord('match', '--data', node.dataDir, file);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain(String(c2.id));
      expect(human.stdout).toContain('warninglist: ipv4-addr=10.0.0.1');
      const machine = await accord('--json', 'match', '--data', node.dataDir, file, '--record');
      expect(machine.code).toBe(0);
      const report = JSON.parse(machine.stdout) as { matches: Array<{ sighting: { status: string } }> };
      expect(report.matches.map((m) => m.sighting.status)).toEqual(['new', 'new']);
      const bad = await accord('match', '--data', node.dataDir, '--format', 'pdf', file);
      expect(bad.code).toBe(2);
      const shareOnly = await accord('--lang', 'ru', 'match', '--data', node.dataDir, file, '--share');
      expect(shareOnly.code).toBe(2);
      expect(shareOnly.stdout).toBe('');
      expect(shareOnly.stderr).toContain('--share требует --record');
      const zh = await accord('--lang', 'zh', 'match', '--data', node.dataDir, file);
      expect(zh.stdout).toMatch(/^text：观测 2 条，不同的值 2 个，命中指标 2 个$/m);
      expect(zh.stdout).toContain('警示列表：ipv4-addr=10.0.0.1');
      expect(zh.stdout).not.toMatch(/observation|warninglist:/);
      const lookup = await accord(
        '--json',
        'correlation',
        'lookup',
        '--data',
        node.dataDir,
        'c2.api-sample.cn',
      );
      expect((JSON.parse(lookup.stdout) as { related: unknown[] }).related).toHaveLength(2);
    },
  );
});
