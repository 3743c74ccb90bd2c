import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccord } from '../cli/cli-runner.testkit.js';
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
});
