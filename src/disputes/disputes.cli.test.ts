import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccord } from '../cli/cli-runner.testkit.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

describe('accord dispute', () => {
  let cn: TestNode;

  beforeAll(async () => {
    cn = await createTestNode({ dialect: 'sqlite', party: 'CN' });
  });
  afterAll(async () => cn?.close());

  it('records a round held on a real day, and refuses a day the calendar does not have before anything is sent', async () => {
    const raised = await runAccord('--json', 'dispute', 'raise', '--data', cn.dataDir, '--title', 'Scope of Art. 5(4)', '--provision', 'art-5.4', '--subject', 'en=Who hosts extraordinary consultations');
    expect(raised.error).toBeUndefined();
    const { id } = JSON.parse(raised.out) as { id: string };
    const step = ['dispute', 'step', '--data', cn.dataDir, '--kind', 'consultation', '--text', 'zh=第一轮磋商'];
    for (const day of ['2030-02-30', 'yesterday']) {
      const refused = await runAccord('--lang', 'ru', ...step, '--held-on', day, id);
      expect(refused.error?.code, day).toBe('bad-request');
      expect(refused.error?.description.text('ru')).toBe(`${day} не является календарной датой (YYYY-MM-DD)`);
    }
    const noLanguage = await runAccord('--lang', 'zh', 'dispute', 'step', '--data', cn.dataDir, '--kind', 'consultation', '--text', '!!=第一轮磋商', id);
    expect(noLanguage.error?.code).toBe('bad-request');
    expect(noLanguage.error?.description.text('zh')).toBe('--text !!：不是 zh、ru、en 这样的语言标记');
    expect(JSON.parse((await runAccord('--json', 'dispute', 'show', '--data', cn.dataDir, id)).out)).toMatchObject({ steps: [] });
    const held = await runAccord('--json', ...step, '--held-on', '2030-02-28', id);
    expect(JSON.parse(held.out)).toMatchObject({ steps: [{ kind: 'consultation', heldOn: '2030-02-28' }] });
  });
});
