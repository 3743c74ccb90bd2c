import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../cli/program.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

/** Runs `accord …` in-process; returns what it printed, and commander's usage error code if it refused the command line. */
async function accord(...args: string[]): Promise<{ out: string; usage?: string }> {
  let out = '';
  const stdout = new Writable({ write(chunk: Buffer, _enc, done) { out += chunk.toString(); done(); } });
  const program = await buildProgram({ stdout, stderr: stdout }, args);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out };
  } catch (error) {
    if (error instanceof CommanderError) return { out, usage: error.code };
    throw error;
  }
}

describe('accord consent', () => {
  let cn: TestNode;

  beforeAll(async () => {
    cn = await createTestNode({ dialect: 'sqlite', party: 'CN' });
  });
  afterAll(async () => cn?.close());

  it('refuses an unknown --state instead of listing nothing as if there were no such requests', async () => {
    expect(await accord('consent', 'list', '--data', cn.dataDir, '--state', 'pending')).toEqual({ out: '(none)\n' });
    const misspelt = await accord('--lang', 'zh', 'consent', 'list', '--data', cn.dataDir, '--state', 'granded');
    expect(misspelt.usage).toBe('commander.invalidArgument');
    expect(misspelt.out).toContain("错误：选项 '--state <state>' 不接受 'granded'");
  });
});
