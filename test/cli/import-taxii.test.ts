import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpusJson } from '../support/corpora.js';
import { freePort, MAIN, NodeProcess } from '../support/node-process.js';
import { indicator } from '../support/stix-factory.js';

const run = promisify(execFile);

interface ImportLine {
  file: string;
  format: string;
  summary: { total: number; new: number; duplicate: number; rejected: number };
  lastAdded: string | null;
}

/**
 * `accord import URL`: one node pulls another's TAXII collection, as it would a CERT's or a vendor's
 * feed, over real HTTP, page by page: the source serves at most 500 objects a page, whatever the
 * puller asks for, so ATT&CK for ICS comes in four.
 */
describe('pulling a TAXII 2.1 collection with accord import', () => {
  let source: NodeProcess;
  let target: NodeProcess;
  let intel: string;
  let credentials: Record<string, string>;
  const ics = readCorpusJson<{ objects: Array<{ id: string }> }>('attack', 'ics-attack-18.1.json');

  async function pull(args: string[], env: Record<string, string> = credentials): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [MAIN, 'import', '--data', target.dataDir, ...args], {
        env: { ...process.env, DATABASE_URL: '', ACCORD_LOCALE: 'en', ACCORD_TAXII_USER: '', ACCORD_TAXII_PASSWORD: '', ACCORD_TAXII_TOKEN: '', ...env },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }
  const held = async (): Promise<number> => (JSON.parse(await target.cli(['export', '--data', target.dataDir])) as { objects: unknown[] }).objects.length;

  beforeAll(async () => {
    [source, target] = await Promise.all([NodeProcess.create({ party: 'RU', env: { ACCORD_TAXII_MAX_PAGE: '500' } }), NodeProcess.create({ party: 'CN' })]);
    await source.start();
    const { collections } = (await source.api<{ collections: Array<{ id: string; alias: string }> }>('/taxii2/cn-ru-2015/collections/', { headers: { accept: 'application/taxii+json;version=2.1' } })).body;
    intel = `${source.url}/taxii2/cn-ru-2015/collections/${collections.find((c) => c.alias === 'intel')!.id}/`;
    const added = await source.api(`${new URL(intel).pathname}objects/`, {
      method: 'POST', body: JSON.stringify({ objects: ics.objects }),
      headers: { accept: 'application/taxii+json;version=2.1', 'content-type': 'application/taxii+json;version=2.1' },
    });
    expect(added.status).toBe(202);
    credentials = { ACCORD_TAXII_USER: 'admin', ACCORD_TAXII_PASSWORD: await source.token() };
    const page = await source.api<{ objects: unknown[]; more: boolean }>(`${new URL(intel).pathname}objects/?limit=5000`, { headers: { accept: 'application/taxii+json;version=2.1' } });
    expect([page.body.objects.length, page.body.more]).toEqual([500, true]);
  });
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
  });

  it('takes the whole collection, then only what was added after the time it names', async () => {
    const first = await pull(['--json', intel]);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout.trim().split('\n').at(-1)!) as ImportLine;
    // Everything in RU's intel: ATT&CK for ICS and RU's own authority identity.
    expect(summary).toMatchObject({ file: intel, format: 'taxii', summary: { total: ics.objects.length + 1, new: ics.objects.length + 1, rejected: 0 } });
    expect(summary.lastAdded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const before = await held();

    // Again: nothing new, and nothing stored twice.
    const again = await pull(['--json', intel]);
    expect((JSON.parse(again.stdout.trim().split('\n').at(-1)!) as ImportLine).summary).toMatchObject({ new: 0, duplicate: ics.objects.length + 1 });
    expect(await held()).toBe(before);

    const later = indicator({ name: 'Added to the feed after the first pull' });
    const posted = await source.api('/api/v1/objects?collection=intel', { method: 'POST', body: [later] });
    expect(posted.status).toBe(200);
    const since = await pull(['--added-after', summary.lastAdded!, intel]);
    expect(since.code, since.stderr).toBe(0);
    expect(since.stdout).toContain(`${intel}: 1 objects: 1 new, 0 updated, 0 duplicate, 0 rejected (taxii)`);
    expect(since.stderr).toMatch(/next time: --added-after \d{4}-/);
    expect(await held()).toBe(before + 1);

    // Each pull is on the record with where it came from and what it brought.
    const audit = new Database(join(target.dataDir, 'accord.db'), { readonly: true });
    const pulls = audit.prepare("select outcome, detail from audit_event where action = 'objects.import' order by seq").all() as Array<{ outcome: string; detail: string }>;
    audit.close();
    expect(pulls.map((p) => ({ outcome: p.outcome, ...(JSON.parse(p.detail) as { source: string; new: number }) }))).toMatchObject([
      { outcome: 'ok', source: intel, new: ics.objects.length + 1 },
      { outcome: 'ok', source: intel, new: 0 },
      { outcome: 'ok', source: intel, new: 1 },
    ]);
  });

  it('says why a pull failed, with the exit code for an unreachable source, and stores nothing', async () => {
    const before = await held();
    const wrongToken = await pull([intel], { ACCORD_TAXII_USER: 'admin', ACCORD_TAXII_PASSWORD: 'not-the-token' });
    expect(wrongToken.code).toBe(8);
    expect(wrongToken.stderr).toContain(`The TAXII server refused access to ${intel}objects/ (HTTP 401)`);
    expect(wrongToken.stderr).not.toContain('not-the-token');

    const down = `http://127.0.0.1:${await freePort()}/taxii2/cn-ru-2015/collections/x/`;
    const unreachable = await pull(['--lang', 'ru', down]);
    expect(unreachable.code).toBe(8);
    expect(unreachable.stderr).toContain(`Коллекция TAXII ${down}objects/ недоступна: в соединении отказано`);

    const notTaxii = await pull([`${source.url}/`]);
    expect(notTaxii.code).toBe(8);
    expect(notTaxii.stderr).toMatch(/did not answer as a TAXII 2\.1 collection \(Content-Type text\/html/);

    const secretInUrl = await pull([intel.replace('http://', 'http://admin:hunter2@')]);
    expect(secretInUrl.code).toBe(2);
    expect(secretInUrl.stderr).not.toContain('hunter2');
    const filesSince = await pull(['--added-after', '2026-01-01T00:00:00Z', 'bundle.json']);
    expect(filesSince.code).toBe(2);
    expect(filesSince.stderr).toContain('--added-after applies to a TAXII collection’s URL, not to files');
    expect(await held()).toBe(before);
    // A pull that failed is on the record as failed, with its source.
    const audit = new Database(join(target.dataDir, 'accord.db'), { readonly: true });
    const failed = audit.prepare("select detail from audit_event where action = 'objects.import' and outcome = 'failed'").all() as Array<{ detail: string }>;
    audit.close();
    expect(failed.map((f) => (JSON.parse(f.detail) as { source: string }).source)).toEqual([intel, down, `${source.url}/`]);
  });
});
