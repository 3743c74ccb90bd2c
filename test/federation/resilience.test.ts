import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import { nodeOn } from '../support/test-processes.js';
import { eventually, MAIN, NodeProcess, peer } from '../support/node-process.js';
import { indicator } from '../support/stix-factory.js';

const run = promisify(execFile);
const TAXII = { accept: 'application/taxii+json;version=2.1' };

async function inboxCount(node: NodeProcess, from: string): Promise<number> {
  let count = 0;
  let next = '';
  for (;;) {
    const page = await node.api<{ more: boolean; next?: string; objects?: unknown[] }>(`/taxii2/cn-ru-2015/collections/inbox-${from}/manifest/?limit=10000${next ? `&next=${next}` : ''}`, { headers: TAXII });
    count += page.body.objects?.length ?? 0;
    if (!page.body.more || !page.body.next) return count;
    next = page.body.next;
  }
}

describe.each(dialects)('federation that survives failures on %s', (dialect) => {
  let cn: NodeProcess;
  let ru: NodeProcess;
  const skewFile = join(mkdtempSync(join(tmpdir(), 'accord-clock-')), 'offset');

  beforeAll(async () => {
    writeFileSync(skewFile, String(3 * 60_000));
    [cn, ru] = await Promise.all([nodeOn(dialect, 'CN'), nodeOn(dialect, 'RU', { env: { ACCORD_CLOCK_OFFSET_FILE: skewFile } })]);
    await peer(cn, ru);
    await Promise.all([cn.start(), ru.start()]);
  });
  afterAll(async () => {
    await Promise.all([cn?.close(), ru?.close()]);
  });

  it('exchanges with a peer whose clock runs three minutes ahead', async () => {
    const object = indicator();
    await cn.api('/api/v1/objects?collection=outbox-RU', { method: 'POST', body: [object] });
    await eventually(async () => (await ru.api(`/taxii2/cn-ru-2015/collections/inbox-CN/objects/${object.id as string}/`, { headers: TAXII })).status === 200);
  });

  it('delivers everything exactly once after the sender is killed in the middle of pushing', async () => {
    const before = await inboxCount(ru, 'CN');
    // Four bundles: the next bundle goes out while the receipt of the one before is recorded, so two are over before the kill can land.
    const objects = Array.from({ length: 8000 }, () => indicator());
    const token = await cn.token();
    const response = await fetch(`${cn.url}/api/v1/import?collection=outbox-RU`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'bundle', id: 'bundle--4f4a38e5-1111-4f4a-9c5b-2a1b1c0d0e0f', objects }),
    });
    expect(response.status).toBe(200);
    await response.text();
    // Kill the sender as soon as the first bundle has landed, while the rest is still going out.
    await eventually(async () => (await inboxCount(ru, 'CN')) > before, 30_000);
    await cn.stop('SIGKILL');
    const partial = (await inboxCount(ru, 'CN')) - before;
    expect(partial).toBeGreaterThan(0);
    await cn.start();
    const total = await eventually(async () => {
      const n = (await inboxCount(ru, 'CN')) - before;
      return n >= objects.length && n;
    }, 60_000, 'all objects delivered after restart');
    expect(total).toBe(objects.length);
    const ledger = await ru.api<{ ok: boolean; problems: unknown[] }>('/api/v1/ledger/verify', { method: 'POST' });
    expect(ledger.body.problems).toEqual([]);
    // The sender ledgers a version as sent when its receipt comes back, which may trail the receiver's ledger.
    const reconcile = await eventually(async () => {
      const { body } = await cn.api<{ sent: { firstDivergence: unknown; mine: number; theirs: number } }>('/api/v1/ledger/reconcile/RU', { method: 'POST' });
      return body.sent.mine === body.sent.theirs && body;
    }, 60_000, 'the sender ledgering every receipt');
    expect(reconcile.sent.firstDivergence).toBeNull();
    expect(reconcile.sent.mine).toBe(reconcile.sent.theirs);
    // Its own waits (first bundle, restart, redelivery, receipts) may take up to three minutes on a loaded machine.
  }, 240_000);

  it('keeps both ledgers of the channel in one order when the receiver dies with two bundles in flight', async () => {
    const before = await inboxCount(ru, 'CN');
    const objects = Array.from({ length: 8000 }, () => indicator());
    await cn.api('/api/v1/import?collection=outbox-RU', { method: 'POST', body: { type: 'bundle', id: `bundle--${randomUUID()}`, objects } });
    await eventually(async () => (await inboxCount(ru, 'CN')) > before, 30_000);
    await ru.stop('SIGKILL');
    await ru.start();
    await eventually(async () => (await inboxCount(ru, 'CN')) - before >= objects.length, 120_000, 'all objects delivered after the receiver restarted');
    expect((await inboxCount(ru, 'CN')) - before).toBe(objects.length);
    const reconcile = await eventually(async () => {
      const { body } = await cn.api<{ sent: { firstDivergence: unknown; mine: number; theirs: number } }>('/api/v1/ledger/reconcile/RU', { method: 'POST' });
      return body.sent.mine === body.sent.theirs && body;
    }, 120_000, 'the sender ledgering every receipt');
    expect(reconcile.sent.firstDivergence).toBeNull();
    for (const node of [cn, ru]) expect((await node.api<{ problems: unknown[] }>('/api/v1/ledger/verify', { method: 'POST' })).body.problems).toEqual([]);
  }, 300_000);

  it('keeps exchanging after either node rotates its keys, and old records still verify', async () => {
    await cn.cli(['keys', 'rotate', '--data', cn.dataDir, '--purpose', 'node']);
    await cn.cli(['keys', 'rotate', '--data', cn.dataDir, '--purpose', 'authority']);
    const object = indicator();
    await cn.api('/api/v1/objects?collection=outbox-RU', { method: 'POST', body: [object] });
    await eventually(async () => (await ru.api(`/taxii2/cn-ru-2015/collections/inbox-CN/objects/${object.id as string}/`, { headers: TAXII })).status === 200, 30_000);
    for (const node of [cn, ru]) expect((await node.api<{ problems: unknown[] }>('/api/v1/ledger/verify', { method: 'POST' })).body.problems).toEqual([]);
    const card = JSON.parse(await cn.cli(['peer', 'card', '--data', cn.dataDir])) as { keys: Array<{ purpose: string; retired: string | null }> };
    expect(card.keys.filter((k) => k.purpose === 'node' && k.retired !== null)).toHaveLength(1);
  });

  it('exports evidence that verifies on its own and fails when altered', async () => {
    const object = indicator();
    await cn.api('/api/v1/objects?collection=outbox-RU', { method: 'POST', body: [object] });
    await eventually(async () => (await ru.api(`/taxii2/cn-ru-2015/collections/inbox-CN/objects/${object.id as string}/`, { headers: TAXII })).status === 200);
    await cn.api('/api/v1/peers/RU/sync', { method: 'POST' });
    const file = join(mkdtempSync(join(tmpdir(), 'accord-evidence-')), 'evidence.json');
    await ru.cli(['ledger', 'evidence', '--data', ru.dataDir, object.id as string, '--out', file]);
    const checked = await run(process.execPath, [MAIN, 'ledger', 'check-evidence', file]);
    expect(checked.stdout).toMatch(/bundle .* was signed by CN/);
    expect(checked.stdout).toMatch(/evidence verified/);
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { bundles: Array<{ objects: string[] }> };
    const first = pkg.bundles[0];
    if (first) first.objects[0] = (first.objects[0] ?? '').replace('Command and control', 'Harmless');
    writeFileSync(file, JSON.stringify(pkg));
    await expect(run(process.execPath, [MAIN, 'ledger', 'check-evidence', file])).rejects.toMatchObject({ code: 10 });
  });

  if (dialect === 'sqlite') it('detects a tampered ledger row, stored object and receipt', async () => {
    await ru.stop();
    const db = new Database(join(ru.dataDir, 'accord.db'));
    const verify = (locale = 'en') => run(process.execPath, [MAIN, 'ledger', 'verify', '--data', ru.dataDir], { env: { ...process.env, DATABASE_URL: '', ACCORD_LOCALE: locale } });
    const expectProblem = async (pattern: RegExp, locale = 'en') => {
      const failure = (await verify(locale).then(() => undefined, (e: unknown) => e)) as { code?: number; stdout?: string } | undefined;
      expect(failure?.code).toBe(10);
      expect(failure?.stdout).toMatch(pattern);
    };
    const entry = db.prepare("select seq, content_hash from ledger_entry where kind = 'received' limit 1").get() as { seq: number; content_hash: string };
    db.prepare('update ledger_entry set content_hash = ? where seq = ?').run('0'.repeat(64), entry.seq);
    await expectProblem(/entry hash does not match/);
    // One altered entry is one break of its channel, not one for every entry after it.
    const report = (await verify().then(() => undefined, (e: unknown) => e)) as { stdout?: string } | undefined;
    expect(report?.stdout?.match(/does not chain/g)).toHaveLength(1);
    await expectProblem(/^  账本条目 \d+: 条目哈希与内容不符（记录被改动）$/m, 'zh');
    db.prepare('update ledger_entry set content_hash = ? where seq = ?').run(entry.content_hash, entry.seq);
    await verify();

    const stored = db.prepare("select o.seq, o.body from stix_object o where o.origin_party = 'CN' limit 1").get() as { seq: number; body: string };
    db.prepare('update stix_object set body = ? where seq = ?').run(stored.body.replace('Command and control', 'Harmless'), stored.seq);
    await expectProblem(/differs from what was exchanged|bundle contents differ/);
    db.prepare('update stix_object set body = ? where seq = ?').run(stored.body, stored.seq);

    const bundle = db.prepare("select id, receipt from bundle where direction = 'received' and receipt is not null limit 1").get() as { id: string; receipt: string };
    db.prepare('update bundle set receipt = ? where id = ?').run(bundle.receipt.replace('"new"', '"rejected"'), bundle.id);
    await expectProblem(/receipt signature does not verify/);
    db.prepare('update bundle set receipt = ? where id = ?').run(bundle.receipt, bundle.id);
    db.close();
    await verify();
  });
});
