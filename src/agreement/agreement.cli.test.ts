import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccord } from '../cli/cli-runner.testkit.js';
import { createTestNode, type TestNode } from '../../test/support/test-node.js';

/** Hands every lifecycle record one node made to the other node, as a peer push would. */
async function share(from: TestNode, to: TestNode): Promise<void> {
  const party = from.services.config.node.party;
  const own = (await from.services.governance.agreement.list()).filter((r) => r.party === party).map((r) => r.object);
  const inbox = await to.services.collections.byAlias(`inbox-${party}`);
  await to.services.ingest.ingestObjects(own, { collectionId: inbox.id, originParty: party });
}

describe('accord agreement, authority, activity and legislation', () => {
  let cn: TestNode;
  let ru: TestNode;

  beforeAll(async () => {
    cn = await createTestNode({ dialect: 'sqlite', party: 'CN' });
    ru = await createTestNode({ dialect: 'sqlite', party: 'RU' });
  });
  afterAll(async () => {
    await cn?.close();
    await ru?.close();
  });

  it('records signature, notifications and receipts and prints the state with its article', async () => {
    expect((await runAccord('agreement', 'sign', '--data', cn.dataDir, '--date', '2026-11-01', '--place', 'Moscow')).out).toMatch(/signature CN/);
    await share(cn, ru);
    await runAccord('agreement', 'notify', '--data', ru.dataDir, '--sent-at', '2026-11-02T08:00:00Z');
    await runAccord('agreement', 'notify', '--data', cn.dataDir, '--sent-at', '2026-11-03T08:00:00Z');
    await share(ru, cn);
    await share(cn, ru);
    const ruNote = (await cn.services.governance.agreement.list()).find((r) => r.party === 'RU' && r.object.record_kind === 'notification');
    const cnNote = (await ru.services.governance.agreement.list()).find((r) => r.party === 'CN' && r.object.record_kind === 'notification');
    await runAccord('agreement', 'receive', '--data', cn.dataDir, '--notification', ruNote?.id ?? '', '--received-at', '2026-11-02T10:00:00Z');
    await share(cn, ru);
    const last = await runAccord('agreement', 'receive', '--data', ru.dataDir, '--notification', cnNote?.id ?? '', '--received-at', '2026-11-04T20:30:00Z');
    await share(ru, cn);
    expect(last.out).toMatch(/enters into force 2026-12-04 \(2026-12-03T21:00:00.000Z, art-9.1, day 30 after 2026-11-04, calendar-days-exclusive\)/);
    const json = JSON.parse((await runAccord('--json', 'agreement', 'status', '--data', ru.dataDir, '--at', '2026-12-03T21:00:00Z')).out) as { status: string };
    expect(json.status).toBe('in-force');
    const zh = (await runAccord('--lang', 'zh', 'agreement', 'status', '--data', ru.dataDir, '--at', '2026-12-03T21:00:00Z')).out;
    expect(zh).toMatch(/^cn-ru-2015：\S+ 时有效（版本 \S+）$/m);
    expect(zh).toMatch(/^ {2}2026-11-01 于 Moscow 签署（由 CN 记录）$/m);
    expect(zh).toMatch(/^ {4}2026-12-04 生效（2026-12-03T21:00:00.000Z，art-9.1，自 2026-11-04 起第 30 日，calendar-days-exclusive）$/m);
    expect((await runAccord('--lang', 'ru', 'agreement', 'status', '--data', ru.dataDir, '--at', '2026-11-05T00:00:00Z')).out).toMatch(/: подписано, не вступило в силу на /);
    const again = await runAccord('agreement', 'receive', '--data', ru.dataDir, '--notification', cnNote?.id ?? '', '--received-at', '2026-11-04T21:00:00Z');
    expect(again.error?.code).toBe('conflict');
    expect(again.error?.message).toMatch(/RU has already recorded receipt/);
  });

  it('adds an authority, an activity and a law, and refuses bad input with the error code', async () => {
    const added = await runAccord('authority', 'add', '--data', cn.dataDir, '--name', 'CNCERT', '--roles', 'cert', '--areas', 'early-warning', '--duty', '+86 10 0000 0000');
    expect(added.out).toMatch(/^identity--.*\tCN\tactive\tCNCERT/);
    expect((await runAccord('authority', 'status', '--data', cn.dataDir)).out).toMatch(/^CN\tcomplete\tdue 2027-02-02 2027-02-02T16:00:00.000Z\tmet\nRU\tstill to share: no competent authority shared; no round-the-clock \(24\/7\) contact; no signing key/);
    const bad = await runAccord('activity', 'add', '--data', cn.dataDir, '--title', 'Conference', '--kind', 'conference', '--directions', 'meetings', '--parties', 'CN,RU', '--start', '2027-09-31');
    expect(bad.error?.code).toBe('validation-failed');
    expect((await runAccord('activity', 'add', '--data', cn.dataDir, '--title', 'Conference', '--kind', 'conference', '--directions', 'meetings', '--parties', 'CN,RU', '--start', '2027-09-30')).out).toMatch(/\tCN\tproposed\tConference/);
    await runAccord('legislation', 'add', '--data', ru.dataDir, '--title', 'ru=О персональных данных', '--title', 'en=On personal data', '--from', '2006-07-27');
    expect((await runAccord('legislation', 'search', '--data', ru.dataDir, 'персональных')).out).toMatch(/\tRU\tin-force\tО персональных данных \/ On personal data/);
    expect((await runAccord('legislation', 'search', '--data', ru.dataDir, 'nothing')).out).toBe('(none)\n');
  });

  it('lists the activities one Party recorded with --party, and refuses a code that is no Party of the agreement', async () => {
    await runAccord('activity', 'add', '--data', cn.dataDir, '--title', 'Joint exercise', '--kind', 'training', '--directions', 'training-exchange', '--parties', 'CN,RU', '--start', '2027-05-10');
    expect((await runAccord('activity', 'list', '--data', cn.dataDir, '--party', 'CN')).out).toMatch(/\tCN\tproposed\tJoint exercise/);
    expect((await runAccord('activity', 'list', '--data', cn.dataDir, '--party', 'RU')).out).toBe('(none)\n');
    const unknown = await runAccord('--lang', 'ru', 'activity', 'list', '--data', cn.dataDir, '--party', 'XX');
    expect(unknown.error?.code).toBe('bad-request');
    expect(unknown.error?.exitCode).toBe(2);
    expect(unknown.error?.description.text('ru')).toBe('XX не является Стороной соглашения cn-ru-2015; его Стороны: CN, RU');
    expect((await runAccord('--lang', 'zh', 'activity', 'list', '--help')).out).toMatch(/--party <code> +仅限该缔约方记录的活动（缔约方代码，例如 RU）/);
  });

  it('refuses misspelt or misread options instead of ignoring them or failing obscurely on sending', async () => {
    const activity = ['activity', 'add', '--data', cn.dataDir, '--title', 'Training', '--directions', 'training-exchange', '--parties', 'CN', '--start', '2027-03-01'];
    expect((await runAccord(...activity, '--kind', 'workshop')).usage).toBe('commander.invalidArgument');
    expect((await runAccord(...activity, '--kind', 'training', '--status', 'done')).usage).toBe('commander.invalidArgument');
    expect((await runAccord(...activity, '--kind', 'training', '--cost-bearer', 'host', '--cost-arrangement', 'x')).usage).toBe('commander.invalidArgument');
    const list = await runAccord('--lang', 'ru', 'activity', 'list', '--data', cn.dataDir, '--status', 'proposed,done');
    expect(list.error?.code).toBe('bad-request');
    expect(list.error?.description.text('ru')).toMatch(/^done не является статусом совместного мероприятия/);
    const party = await runAccord('--lang', 'zh', 'authority', 'list', '--data', cn.dataDir, '--party', 'XX');
    expect(party.error?.code).toBe('bad-request');
    expect(party.error?.exitCode).toBe(2);
    expect(party.error?.description.text('zh')).toBe('XX 不是协定 cn-ru-2015 的缔约方；缔约方为 CN, RU');
    expect((await runAccord('authority', 'list', '--data', cn.dataDir, '--party', 'CN')).out).toMatch(/\tCN\tactive\tCNCERT/);
    const law = ['legislation', 'add', '--data', cn.dataDir];
    expect((await runAccord(...law, '--title', 'zh=网络安全法', '--status', 'valid')).usage).toBe('commander.invalidArgument');
    const noLanguage = await runAccord(...law, '--title', 'zh');
    expect(noLanguage.error?.code).toBe('bad-request');
    expect(noLanguage.error?.description.text('zh')).toBe('--title zh 不是“语言=文本”的形式，例如 zh=网络安全法');
    const badLanguage = await runAccord(...law, '--title', 'chinese=网络安全法');
    expect(badLanguage.error?.code).toBe('bad-request');
    expect(badLanguage.error?.description.text('en')).toBe('--title chinese: not a language tag such as zh, ru or en');
    const badUrl = await runAccord(...law, '--title', 'zh=网络安全法', '--url', 'not a link');
    expect(badUrl.error?.code).toBe('validation-failed');
    expect(badUrl.error?.details.map((d) => d.path)).toEqual(['/urls/0']);
    for (const at of ['yesterday', '1', '2026-02-30T00:00:00Z']) {
      const status = await runAccord('agreement', 'status', '--data', cn.dataDir, '--at', at);
      expect(status.error?.code).toBe('bad-request');
      expect(status.error?.message).toBe(`not a timestamp: ${at}`);
    }
    expect((await runAccord('agreement', 'status', '--data', cn.dataDir, '--at', '2026-12-04T08:00:00+08:00')).out).toMatch(/^cn-ru-2015: /);
    expect((await runAccord('activity', 'list', '--data', cn.dataDir)).out).not.toMatch(/Training/);
  });
});
