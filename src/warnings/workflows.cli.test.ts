import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccord } from '../cli/cli-runner.testkit.js';
import { detailsIn } from '../errors/errors.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

/** Hands what one node put in its outbox for the other to that node's inbox, as federation would. */
async function deliver(from: TestNode, to: TestNode, id: string): Promise<void> {
  const body = await from.services.database.db.selectFrom('stixObject').select('body').where('id', '=', id).where('isLatest', '=', 1).executeTakeFirstOrThrow();
  const inbox = await to.services.collections.byAlias(`inbox-${from.services.config.node.party}`);
  await to.services.ingest.ingestObjects([JSON.parse(body.body)], { collectionId: inbox.id, originParty: from.services.config.node.party });
}

describe('accord warn and accord request', () => {
  let cn: TestNode;
  let ru: TestNode;

  beforeAll(async () => {
    cn = await createTestNode({ dialect: 'sqlite', party: 'CN' });
    ru = await createTestNode({ dialect: 'sqlite', party: 'RU' });
    await cn.token('liaison');
    await ru.token('liaison');
    await ru.token('reader');
  });
  afterAll(async () => {
    await cn?.close();
    await ru?.close();
  });

  it('sends, lists and acknowledges a warning; refuses acknowledging one\'s own and acting without the role', async () => {
    const sent = await runAccord('--json', 'warn', 'send', '--data', cn.dataDir, '--as', 'liaison', '--title', 'DDoS against payment systems', '--severity', 'medium',
      '--threat', 'economic-damage', '--to', 'RU', '--text-lang', 'ru', '--action', 'Rate-limit the listed networks', '--sector', 'financial-services');
    expect(sent.error).toBeUndefined();
    const warning = JSON.parse(sent.out) as { id: string; state: string; lang: string; deadlines: Array<{ due: string }> };
    expect(warning.state).toBe('sent');
    // The text's language, not the interface's: the program's --lang must not swallow it.
    expect(warning.lang).toBe('ru');
    expect(warning.deadlines).toHaveLength(1);

    const own = await runAccord('warn', 'ack', '--data', cn.dataDir, '--as', 'liaison', warning.id);
    expect(own.error?.code).toBe('forbidden');
    expect(own.error?.exitCode).toBe(4);

    const listed = await runAccord('warn', 'list', '--data', cn.dataDir, '--as', 'liaison');
    expect(listed.out).toContain(`${warning.id}\tsent\tsent\tmedium\t→ RU\tDDoS against payment systems\tawait-acknowledgement by RU before`);
    expect((await runAccord('--lang', 'zh', 'warn', 'list', '--data', cn.dataDir, '--as', 'liaison')).out).toContain('\tawait-acknowledgement：RU，须在 ');
    expect((await runAccord('--lang', 'ru', 'warn', 'show', '--data', cn.dataDir, '--as', 'liaison', warning.id)).out).toMatch(/^ {2}срок \S+ \(RU\): \S+, до \S+ \(юридическая дата \d{4}-\d{2}-\d{2}\)$/m);

    await deliver(cn, ru, warning.id);
    expect((await runAccord('warn', 'ack', '--data', ru.dataDir, '--as', 'reader', warning.id)).error?.code).toBe('forbidden');
    const acked = await runAccord('--json', 'warn', 'ack', '--data', ru.dataDir, '--as', 'liaison', '--comment', 'Seen', warning.id);
    expect(JSON.parse(acked.out)).toMatchObject({ state: 'acknowledged', direction: 'received' });
    const missing = await runAccord('warn', 'send', '--data', cn.dataDir, '--as', 'liaison', '--title', 'x', '--severity', 'high', '--threat', 'crime', '--to', 'US');
    expect(missing.error?.code).toBe('validation-failed');
    expect(missing.error?.details.map((d) => d.path)).toEqual(['/addressees/0/party']);
  });

  it('refuses option values it does not know instead of guessing, and keeps nothing of a refused warning', async () => {
    const send = ['warn', 'send', '--data', cn.dataDir, '--as', 'liaison', '--title', 'x', '--threat', 'crime', '--to', 'RU', '--draft'];
    const before = (await runAccord('--json', 'warn', 'list', '--data', cn.dataDir, '--as', 'liaison')).out;
    expect((await runAccord(...send, '--severity', 'severe')).usage).toBe('commander.invalidArgument');
    // A draft with TLP "purple" used to be kept, and then refused obscurely by the STIX validator when sent.
    const purple = await runAccord('--lang', 'zh', ...send, '--severity', 'high', '--tlp', 'purple');
    expect(purple.usage).toBe('commander.invalidArgument');
    expect(purple.out).toContain("错误：选项 '--tlp <level>' 不接受 'purple'");
    // A draft in language "!!" used to be kept, and then refused only when it was sent.
    for (const tag of ['!!', 'english', 'zh_CN']) {
      const lang = await runAccord('--lang', 'ru', ...send, '--severity', 'high', '--text-lang', tag);
      expect(lang.error?.code, tag).toBe('bad-request');
      expect(lang.error?.exitCode).toBe(2);
      expect(lang.error?.description.text('ru')).toBe(`--text-lang ${tag}: это не языковой тег вида zh, ru или en`);
    }
    expect((await runAccord('--json', 'warn', 'list', '--data', cn.dataDir, '--as', 'liaison')).out).toBe(before);
    expect(JSON.parse((await runAccord('--json', ...send, '--severity', 'high', '--text-lang', 'zh-Hans')).out)).toMatchObject({ state: 'draft', lang: 'zh-Hans' });

    const list = ['warn', 'list', '--data', cn.dataDir, '--as', 'liaison'];
    expect((await runAccord(...list, '--direction', 'outgoing')).usage).toBe('commander.invalidArgument');
    const state = await runAccord('--lang', 'ru', ...list, '--state', 'sent,acknowleged');
    expect(state.error?.code).toBe('bad-request');
    expect(state.error?.description.text('ru')).toMatch(/^acknowleged не является состоянием предупреждения; допустимо: draft, sent/);
    for (const limit of ['ten', '0', '-5', '2.5', '501']) expect((await runAccord(...list, '--limit', limit)).error?.code, limit).toBe('bad-request');
    expect((await runAccord(...list, '--limit', '1')).out.trim().split('\n')).toHaveLength(1);

    const sent = JSON.parse((await runAccord('--json', 'warn', 'send', '--data', cn.dataDir, '--as', 'liaison', '--title', 'Scanning of VPN gateways', '--severity', 'low', '--threat', 'crime', '--to', 'RU')).out) as { id: string };
    const assess = ['warn', 'assess', '--data', cn.dataDir, '--as', 'liaison'];
    expect((await runAccord(...assess, '--agreement', 'maybe', sent.id)).usage).toBe('commander.invalidArgument');
    for (const confidence of ['high', '150', '2.5']) expect((await runAccord(...assess, '--agreement', 'agree', '--confidence', confidence, sent.id)).error?.code, confidence).toBe('bad-request');
    const withdrawn = await runAccord('--lang', 'zh', 'warn', 'withdraw', '--data', cn.dataDir, '--as', 'liaison', sent.id);
    expect(withdrawn.error?.code).toBe('validation-failed');
    expect(withdrawn.error?.description.text('zh')).toBe('reason 为必填项');
    expect(JSON.parse((await runAccord('--json', 'warn', 'show', '--data', cn.dataDir, '--as', 'liaison', sent.id)).out)).toMatchObject({ state: 'sent' });
  });

  it('lists the warnings and requests of one Party with --party, and refuses a code that is no Party of the agreement', async () => {
    const sent = JSON.parse((await runAccord('--json', 'warn', 'send', '--data', cn.dataDir, '--as', 'liaison', '--title', 'Phishing of ministries', '--severity', 'low', '--threat', 'crime', '--to', 'RU')).out) as { id: string };
    const listed = JSON.parse((await runAccord('--json', 'warn', 'list', '--data', cn.dataDir, '--as', 'liaison', '--party', 'RU')).out) as Array<{ id: string }>;
    expect(listed.map((w) => w.id)).toContain(sent.id);
    for (const command of ['warn', 'request']) {
      const unknown = await runAccord('--lang', 'ru', command, 'list', '--data', cn.dataDir, '--as', 'liaison', '--party', 'US');
      expect(unknown.error?.code, command).toBe('bad-request');
      expect(unknown.error?.description.text('ru'), command).toBe('US не является Стороной соглашения cn-ru-2015; его Стороны: CN, RU');
    }
  });

  it('submits, accepts and declines requests', async () => {
    const submitted = await runAccord('--json', 'request', 'submit', '--data', ru.dataDir, '--as', 'liaison', '--to', 'CN', '--title', 'Preserve logs of 198.51.100.7',
      '--basis', 'art-3.5', '--threat', 'crime', '--facts', 'The address attacked a ministry', '--assist', 'preserve-logs', '--other', 'Tell us the hosting provider', '--urgency', 'urgent');
    expect(submitted.error).toBeUndefined();
    const request = JSON.parse(submitted.out) as { id: string; state: string };
    expect(request.state).toBe('submitted');
    await deliver(ru, cn, request.id);
    const declinedWithout = await runAccord('request', 'decline', '--data', cn.dataDir, '--as', 'liaison', request.id);
    expect(declinedWithout.error?.code).toBe('validation-failed');
    const declined = await runAccord('request', 'decline', '--data', cn.dataDir, '--as', 'liaison', '--reason', 'No logs are kept for that range', request.id);
    expect(declined.out).toContain('declination by CN (reasons: No logs are kept for that range)');
    expect((await runAccord('--lang', 'ru', 'request', 'show', '--data', cn.dataDir, '--as', 'liaison', request.id)).out).toContain('declination: CN (причины: No logs are kept for that range)');
    const again = await runAccord('request', 'accept', '--data', cn.dataDir, '--as', 'liaison', request.id);
    expect(again.error?.code).toBe('conflict');
    const list = await runAccord('request', 'list', '--data', cn.dataDir, '--as', 'liaison', '--direction', 'received');
    expect(list.out).toContain(`${request.id}\treceived\tdeclined\turgent\t← RU`);
  });

  it('refuses unknown request options and says so in the user\'s language', async () => {
    const submit = ['request', 'submit', '--data', ru.dataDir, '--as', 'liaison', '--to', 'CN', '--title', 'x', '--basis', 'art-3.5', '--threat', 'crime', '--facts', 'x'];
    const kind = await runAccord('--lang', 'zh', ...submit, '--assist', 'preserve-log');
    expect(kind.error?.code).toBe('validation-failed');
    expect(kind.error && detailsIn(kind.error.details, 'zh')).toEqual([{ path: '/assistance/0/kind', message: 'kind 必须为以下之一：preserve-logs, analyse-sample, identify-infrastructure, block-c2, other' }]);
    expect((await runAccord(...submit, '--assist', 'preserve-logs', '--tlp', 'purple')).usage).toBe('commander.invalidArgument');
    const list = ['request', 'list', '--data', cn.dataDir, '--as', 'liaison'];
    expect((await runAccord(...list, '--direction', 'incoming')).usage).toBe('commander.invalidArgument');
    expect((await runAccord(...list, '--state', 'rejected')).error?.code).toBe('bad-request');
    expect((await runAccord(...list, '--limit', 'all')).error?.code).toBe('bad-request');
    expect((await runAccord(...list, '--limit', '0')).error?.code).toBe('bad-request');
  });
});
