import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accordOutput } from '../cli/cli-runner.testkit.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';
import { indicator } from '../../test/support/stix-factory.js';

describe('accord correlation', () => {
  let node: TestNode;

  beforeAll(async () => {
    node = await createTestNode({ dialect: 'sqlite' });
    const intel = await node.services.collections.byAlias('intel');
    const pattern = "[ipv4-addr:value = '185.220.101.77']";
    const outcomes = await node.services.ingest.ingestObjects([indicator({ pattern, name: 'first' }), indicator({ pattern, name: 'second' })], { collectionId: intel.id, originParty: null });
    expect(outcomes.map((o) => o.status)).toEqual(['new', 'new']);
  });
  afterAll(async () => node?.close());

  it('looks a value up, rebuilds, shows the limit and manages exclusions in the language asked for', async () => {
    const zh = await accordOutput('--lang', 'zh', 'correlation', 'lookup', '--data', node.dataDir, '185.220.101.77');
    expect(zh).toMatch(/^ipv4-addr=185\.220\.101\.77：相关对象 2 个$/m);
    expect(zh.match(/ {2}indicator--\S+ {2}(first|second) {2}本地/g)).toHaveLength(2);
    expect(await accordOutput('--lang', 'ru', 'correlation', 'rebuild', '--data', node.dataDir)).toMatch(/^проиндексировано объектов: \d+, записей: \d+$/m);
    expect(await accordOutput('--lang', 'zh', 'correlation', 'limit', '--data', node.dataDir, '50')).toBe('过度关联上限：50\n');
    const added = await accordOutput('--lang', 'ru', 'correlation', 'exclude', 'add', '--data', node.dataDir, '--note', 'test range', '185.220.101.0/24');
    const id = /^исключение (\S+) добавлено$/m.exec(added)?.[1];
    expect(id).toBeTruthy();
    expect(await accordOutput('correlation', 'lookup', '--data', node.dataDir, '185.220.101.77')).toMatch(/: \d+ related \(excluded by 185\.220\.101\.0\/24\)/);
    expect(await accordOutput('--lang', 'en', 'correlation', 'exclude', 'list', '--data', node.dataDir)).toContain(`${id}\t`);
    expect(await accordOutput('--lang', 'zh', 'correlation', 'exclude', 'remove', '--data', node.dataDir, id ?? '')).toBe(`已删除排除项 ${id}\n`);
  });

  it('refuses a misspelt kind instead of widening the exclusion to every kind', async () => {
    const before = await accordOutput('--lang', 'en', 'correlation', 'exclude', 'list', '--data', node.dataDir);
    const refused = await accordOutput('--lang', 'zh', 'correlation', 'exclude', 'add', '--data', node.dataDir, '--kind', 'domain', 'example.org').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'commander.invalidArgument' });
    expect(await accordOutput('--lang', 'en', 'correlation', 'exclude', 'list', '--data', node.dataDir)).toBe(before);
    const added = await accordOutput('correlation', 'exclude', 'add', '--data', node.dataDir, '--kind', 'domain-name', 'example.org');
    expect(added).toMatch(/^exclusion \S+ added$/m);
    expect(await accordOutput('--lang', 'en', 'correlation', 'exclude', 'list', '--data', node.dataDir)).toMatch(/\tdomain-name\texample\.org\t/);
  });
});
