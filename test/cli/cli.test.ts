import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, MAIN, NodeProcess } from '../support/node-process.js';
import { indicator, malware } from '../support/stix-factory.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'accord-cli-'));

/** Runs `accord`; resolves with exit code and output instead of throwing on failure. */
async function accord(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args], { env: { ...process.env, DATABASE_URL: '', ACCORD_LOCALE: 'en', ...env }, maxBuffer: 256 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function bundleFile(name: string, objects: unknown[]): string {
  const file = join(work, name);
  writeFileSync(file, JSON.stringify({ type: 'bundle', id: 'bundle--6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', objects }));
  return file;
}

describe('the accord command line', () => {
  let node: NodeProcess;
  const exported = async (): Promise<Array<{ id: string }>> => {
    const out = await accord(['export', '--data', node.dataDir]);
    expect(out.code).toBe(0);
    return (JSON.parse(out.stdout) as { objects: Array<{ id: string }> }).objects;
  };

  beforeAll(async () => {
    node = await NodeProcess.create({ party: 'CN' });
  });
  afterAll(async () => node?.close());

  it('imports a bundle, reports each refused object, and exits 3 when some were refused', async () => {
    const good = [indicator(), malware()];
    const file = bundleFile('mixed.json', [...good, { ...indicator(), pattern: "[ipv4-addr:value = '" }]);
    const result = await accord(['import', '--data', node.dataDir, file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Object 2 \(indicator--[0-9a-f-]+\) refused: \/pattern: at 19: unterminated string literal$/m);
    // The same refusal for an analyst working in Chinese: the reason and the pattern's problem in Chinese.
    const inChinese = await accord(['import', '--lang', 'zh', '--data', node.dataDir, file]);
    expect(inChinese.code).toBe(3);
    expect(inChinese.stderr).toMatch(/第 2 个对象（indicator--[0-9a-f-]+）被拒绝：\/pattern: 位置 19:字符串字面量未结束$/m);
    const ids = (await exported()).map((o) => o.id);
    for (const object of good) expect(ids).toContain(object.id);
  });

  it('refuses a broken file or a missing one with a readable message, a non-zero exit and nothing lost', async () => {
    const before = (await exported()).length;
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{"type": "bundle", "objects": [{"type": "indicator", ');
    const brokenRun = await accord(['import', '--data', node.dataDir, broken]);
    expect(brokenRun.code).not.toBe(0);
    expect(brokenRun.stderr).toMatch(/^accord: /m);
    expect(brokenRun.stderr).not.toMatch(/\n\s+at /);
    const missing = await accord(['import', '--data', node.dataDir, join(work, 'no-such-file.json')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no-such-file\.json/);
    expect((await exported()).length).toBe(before);
  });

  it('exports for an audience and in MISP format, and refuses unknown audiences and formats', async () => {
    const forRu = await accord(['export', '--data', node.dataDir, '--for', 'RU']);
    expect(forRu.code).toBe(0);
    expect((JSON.parse(forRu.stdout) as { type: string }).type).toBe('bundle');
    const misp = await accord(['export', '--data', node.dataDir, '--format', 'misp']);
    expect(misp.code).toBe(0);
    expect(JSON.parse(misp.stdout)).toHaveProperty('Event');
    const unknownParty = await accord(['export', '--data', node.dataDir, '--for', 'US']);
    expect(unknownParty.code).not.toBe(0);
    expect(unknownParty.stderr).toMatch(/US/);
    const unknownFormat = await accord(['export', '--data', node.dataDir, '--format', 'csv']);
    expect(unknownFormat.code).not.toBe(0);
    expect(unknownFormat.stderr).toMatch(/csv/);
  });

  it('exports what its filters select and, with --added-after, what changed since an earlier export; refuses filters that match nothing', async () => {
    const filtered = async (...args: string[]) => {
      const out = await accord(['export', '--data', node.dataDir, '--search', 'Filtered export probe', ...args]);
      expect(out.code, out.stderr).toBe(0);
      return (JSON.parse(out.stdout) as { objects: Array<{ id: string; name: string }> }).objects.map((o) => o.name).sort();
    };
    const first = [indicator({ name: 'Filtered export probe one' }), malware({ name: 'Filtered export probe two' })];
    expect((await accord(['import', '--data', node.dataDir, bundleFile('filtered-1.json', first)])).code).toBe(0);
    const mark = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await accord(['import', '--data', node.dataDir, bundleFile('filtered-2.json', [indicator({ name: 'Filtered export probe three' })])])).code).toBe(0);

    expect(await filtered()).toEqual(['Filtered export probe one', 'Filtered export probe three', 'Filtered export probe two']);
    expect(await filtered('--type', 'malware')).toEqual(['Filtered export probe two']);
    expect(await filtered('--type', 'indicator, malware', '--origin', 'local')).toHaveLength(3);
    expect(await filtered('--added-after', mark)).toEqual(['Filtered export probe three']);
    expect(await filtered('--origin', 'RU')).toEqual([]);
    const misp = await accord(['export', '--data', node.dataDir, '--format', 'misp', '--search', 'Filtered export probe', '--type', 'malware']);
    expect(JSON.stringify(JSON.parse(misp.stdout))).not.toMatch(/probe (one|three)/);

    const badTime = await accord(['export', '--lang', 'zh', '--data', node.dataDir, '--added-after', 'last week']);
    expect(badTime.code).not.toBe(0);
    expect(badTime.stderr).toContain('“last week”不是 RFC 3339 UTC 时间');
    expect(badTime.stdout).toBe('');
    const badLevel = await accord(['export', '--data', node.dataDir, '--tlp', 'green,purple']);
    expect(badLevel.code).not.toBe(0);
    expect(badLevel.stderr).toMatch(/"purple" is not a TLP level/);
    const badParty = await accord(['export', '--data', node.dataDir, '--origin', 'US']);
    expect(badParty.stderr).toMatch(/US is not a Party of agreement cn-ru-2015/);
  });

  it('reports every invalid setting at start-up at once, naming each variable', async () => {
    const result = await accord(['serve', '--data', node.dataDir], { ACCORD_PORT: 'eighty', ACCORD_MAX_BODY_BYTES: '-5', ACCORD_TAXII_MAX_PAGE: '20000' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ACCORD_PORT/);
    expect(result.stderr).toMatch(/ACCORD_MAX_BODY_BYTES/);
    expect(result.stderr).toMatch(/ACCORD_TAXII_MAX_PAGE/);
  });

  it('will not initialise over an existing node, and refuses a Party the profile does not know', async () => {
    const again = await accord(['init', '--data', node.dataDir, '--party', 'CN', '--url', 'http://127.0.0.1:9']);
    expect(again.code).not.toBe(0);
    const unknown = await accord(['init', '--data', join(work, 'other-node'), '--party', 'XX', '--url', 'http://127.0.0.1:9']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/XX/);
    expect((await exported()).length).toBeGreaterThan(0);
  });

  it('asks for consent from the command line and explains why it cannot', async () => {
    const listed = await accord(['consent', 'list', '--data', node.dataDir]);
    expect(listed.code).toBe(0);
    const [own] = await exported();
    const notForeign = await accord(['consent', 'request', '--data', node.dataDir, '--as', 'admin', '--objects', own?.id ?? '', '--recipient', 'public', '--purpose', 'advisory']);
    expect(notForeign.code).toBe(3);
    expect(notForeign.stderr).toMatch(/not provided by another Party/);
    const missing = await accord(['consent', 'grant', '--data', node.dataDir, 'accord-consent-request--00000000-0000-4000-8000-000000000000']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No consent request/);
  });

  it('raises a dispute, records a position and shows it, and refuses malformed texts and unknown provisions', async () => {
    const raised = await accord(['--json', 'dispute', 'raise', '--data', node.dataDir, '--title', 'Scope of Art. 5(4)', '--provision', 'art-5.4', '--subject', 'zh=关于第五条第四款适用范围的分歧', '--subject', 'ru=Разногласия о сфере применения п. 4 ст. 5']);
    expect(raised.stderr).toBe('');
    const dispute = JSON.parse(raised.stdout) as { id: string; provisions: string[]; parties: string[] };
    expect(dispute).toMatchObject({ provisions: ['art-5.4'], parties: ['CN', 'RU'] });
    const position = await accord(['dispute', 'step', dispute.id, '--data', node.dataDir, '--kind', 'position', '--text', 'zh=中方认为定期磋商应包括技术议题']);
    expect(position.code).toBe(0);
    const shown = await accord(['dispute', 'show', dispute.id, '--data', node.dataDir]);
    expect(shown.stdout).toContain('[ru] Разногласия о сфере применения п. 4 ст. 5');
    expect(shown.stdout).toMatch(/CN\tposition\tadmin\n {4}\[zh\] 中方认为定期磋商应包括技术议题/);
    expect((await accord(['dispute', 'list', '--data', node.dataDir])).stdout).toContain(`${dispute.id}\topen\tCN\tart-5.4\t1 steps`);
    expect((await accord(['--lang', 'zh', 'dispute', 'list', '--data', node.dataDir])).stdout).toContain(`${dispute.id}\topen\tCN\tart-5.4\t1 个步骤`);

    const noLanguage = await accord(['dispute', 'step', dispute.id, '--data', node.dataDir, '--kind', 'position', '--text', 'no language']);
    expect([noLanguage.code, noLanguage.stderr]).toEqual([2, expect.stringMatching(/not a text with its language: write it as lang=text/)]);
    const badKind = await accord(['dispute', 'step', dispute.id, '--data', node.dataDir, '--kind', 'arbitration', '--text', 'en=x']);
    expect(badKind.stderr).toMatch(/"arbitration" is not a dispute step; use one of position, consultation/);
    const unknown = await accord(['dispute', 'raise', '--data', node.dataDir, '--title', 'x', '--provision', 'art-99', '--subject', 'en=x']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/art-99 is not a provision of agreement cn-ru-2015/);
    const stored = JSON.parse((await accord(['--json', 'dispute', 'show', dispute.id, '--data', node.dataDir])).stdout) as { steps: unknown[] };
    expect(stored.steps).toHaveLength(1);
  });

  it('keeps the store whole when an import is killed mid-write, and a rerun completes it exactly once', async () => {
    const before = (await exported()).length;
    const objects = Array.from({ length: 30_000 }, () => indicator());
    const file = bundleFile('large.json', objects);
    const child = spawn(process.execPath, [MAIN, 'import', '--data', node.dataDir, file], { env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    // Kill it once batches are committed (read beside it, as WAL allows), before it can finish.
    const store = new Database(join(node.dataDir, 'accord.db'), { readonly: true, fileMustExist: true });
    const stored = () => (store.prepare('select count(*) as n from stix_object').get() as { n: number }).n;
    const start = stored();
    await eventually(async () => stored() > start || child.exitCode !== null, 60_000, 'first committed batch');
    store.close();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const partial = (await exported()).length - before;
    expect(partial).toBeLessThan(objects.length);
    const rerun = await accord(['import', '--data', node.dataDir, file]);
    expect(rerun.code).toBe(0);
    const all = await exported();
    expect(all.length - before).toBe(objects.length);
    expect(new Set(all.map((o) => o.id)).size).toBe(all.length);
    const verify = await accord(['ledger', 'verify', '--data', node.dataDir]);
    expect(verify.code).toBe(0);
  });

  it('answers in Chinese or Russian: peers, ledger verification, users, and refusals', async () => {
    const zh = { ACCORD_LOCALE: 'zh' };
    expect((await accord(['peer', 'list', '--data', node.dataDir], zh)).stdout.trim()).toBe('没有对等节点');
    expect((await accord(['--lang', 'ru', 'peer', 'list', '--data', node.dataDir])).stdout.trim()).toBe('Узлов-партнёров нет');
    const verified = await accord(['ledger', 'verify', '--data', node.dataDir], zh);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^账本条目 \d+ 条，交换版本 \d+ 个，数据包 \d+ 个：验证通过$/m);
    expect((await accord(['ledger', 'verify', '--data', node.dataDir], { ACCORD_LOCALE: 'ru' })).stdout).toMatch(/: проверено$/m);
    const notEvidence = bundleFile('not-evidence.json', [indicator()]);
    const refused = await accord(['ledger', 'check-evidence', notEvidence], { ACCORD_LOCALE: 'ru' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`${notEvidence} не является пакетом доказательств Accord`);
    // A file the user named that is missing, not JSON or a folder is theirs to fix, not an internal error.
    const notJson = join(work, 'not-json.txt');
    writeFileSync(notJson, 'evidence, surely');
    expect((await accord(['ledger', 'check-evidence', notJson], zh)).stderr).toContain(`${notJson} 不是 Accord 证据包`);
    const missing = await accord(['ledger', 'check-evidence', join(work, 'gone.json')], zh);
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 5, stderr: `accord: 未找到: 不存在文件或文件夹 ${join(work, 'gone.json')}\n` });
    const folder = await accord(['ledger', 'check-evidence', work], { ACCORD_LOCALE: 'ru' });
    expect({ code: folder.code, stderr: folder.stderr }).toEqual({ code: 2, stderr: 'accord: Некорректный запрос: вместо файла указана папка\n' });
    const unwritable = await accord(['export', '--data', node.dataDir, '--out', join(work, 'no-such-folder', 'out.json')]);
    expect(unwritable.code).toBe(5);
    expect(unwritable.stderr).toContain(`there is no file or folder ${join(work, 'no-such-folder', 'out.json')}`);
    const added = await accord(['user', 'add', '--data', node.dataDir, '--name', 'petrov.reader', '--role', 'reader'], { ACCORD_LOCALE: 'ru' });
    expect(added.stdout.trim()).toBe('Пользователь petrov.reader (reader) создан');
    const listed = (await accord(['user', 'list', '--data', node.dataDir], zh)).stdout.split('\n');
    expect(listed[0]).toBe('用户名\t角色\t状态\t姓名');
    expect(listed.find((l) => l.startsWith('petrov.reader\t'))).toMatch(/^petrov\.reader\treader\t正常\t/);
    const badFormat = await accord(['export', '--data', node.dataDir, '--format', 'yaml'], zh);
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.stderr).toContain('未知格式 yaml；请使用 stix 或 misp');
    // Start-up and set-up refusals too, each setting on a line of its own.
    const settings = await accord(['serve', '--data', node.dataDir], { ...zh, ACCORD_PORT: 'eighty' });
    expect(settings.code).toBe(9);
    expect(settings.stderr).toContain('设置（环境变量和命令行选项）有 1 个问题：');
    expect(settings.stderr).toContain('  ACCORD_PORT: 必须是 0 到 65535 之间的整数，收到的是 "eighty"');
    const party = await accord(['--lang', 'ru', 'init', '--data', join(work, 'node-xx'), '--party', 'xx', '--url', 'http://127.0.0.1:9']);
    expect(party.code).toBe(2);
    expect(party.stderr).toContain('--party должен быть кодом Стороны, например CN или RU, получено "xx"');
    const nothing = await accord(['peer', 'list', '--data', join(work, 'no-node-here')], zh);
    expect(nothing.stderr).toMatch(/未找到 .*node\.json：请先运行 "accord init --data /);
  });

  it('keeps a command\'s standard output for its result: what the node logs meanwhile goes to standard error', async () => {
    // Nothing listens on port 9, so delivering to RU fails, and the delivery service logs it.
    const [cn, ru] = [join(work, 'logs-cn'), join(work, 'logs-ru')];
    expect((await accord(['init', '--data', cn, '--party', 'CN', '--url', 'http://127.0.0.1:9'])).code).toBe(0);
    expect((await accord(['init', '--data', ru, '--party', 'RU', '--url', 'http://127.0.0.1:9'])).code).toBe(0);
    const card = await accord(['peer', 'card', '--data', ru]);
    const { fingerprint } = JSON.parse(card.stdout) as { fingerprint: string };
    expect((await accord(['peer', 'add', '--data', cn, '--fingerprint', fingerprint, card.stdout])).code).toBe(0);
    expect((await accord(['import', '--data', cn, '--collection', 'outbox-RU', bundleFile('for-ru.json', [indicator()])])).code).toBe(0);
    const sync = await accord(['peer', 'sync', '--data', cn, 'RU']);
    expect(sync.code).not.toBe(0);
    expect(sync.stdout).toBe('');
    expect(sync.stderr).toMatch(/"msg":"delivery failed"/);
    expect(sync.stderr).toMatch(/accord: Peer unreachable/);
  });
});
