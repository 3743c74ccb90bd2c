import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccord } from '../cli/cli-runner.testkit.js';
import { detailsIn } from '../errors/errors.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

describe('accord consent', () => {
  let cn: TestNode;

  beforeAll(async () => {
    cn = await createTestNode({ dialect: 'sqlite', party: 'CN' });
  });
  afterAll(async () => cn?.close());

  it('refuses an unknown --state instead of listing nothing as if there were no such requests', async () => {
    expect(await runAccord('consent', 'list', '--data', cn.dataDir, '--state', 'pending')).toEqual({ out: '(none)\n' });
    const misspelt = await runAccord('--lang', 'zh', 'consent', 'list', '--data', cn.dataDir, '--state', 'granded');
    expect(misspelt.usage).toBe('commander.invalidArgument');
    expect(misspelt.out).toContain("错误：选项 '--state <state>' 不接受 'granded'");
  });

  it('refuses a recipient or an export audience naming no Party of the agreement, and names its Parties', async () => {
    const asked = await runAccord('--lang', 'ru', 'consent', 'request', '--data', cn.dataDir, '--objects', 'indicator--00000000-0000-4000-8000-000000000000', '--recipient', 'XX', '--purpose', 'p');
    expect(asked.error?.code).toBe('validation-failed');
    expect(detailsIn(asked.error?.details ?? [], 'ru')).toContainEqual({ path: '/recipient', message: 'XX не является Стороной соглашения cn-ru-2015; его Стороны: CN, RU' });
    const exported = await runAccord('--lang', 'zh', 'export', '--data', cn.dataDir, '--for', 'US');
    expect(exported.error?.code).toBe('bad-request');
    expect(exported.error?.exitCode).toBe(2);
    expect(exported.error?.description.text('zh')).toBe('US 不是协定 cn-ru-2015 的缔约方；缔约方为 CN, RU');
    expect(exported.out).toBe('');
    const lowercase = await runAccord('--lang', 'en', 'export', '--data', cn.dataDir, '--for', 'cn');
    expect(lowercase.error?.description.text('en')).toBe('cn is not a Party of agreement cn-ru-2015; its Parties are CN, RU');
  });
});
