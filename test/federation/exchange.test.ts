import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import { nodeOn } from '../support/test-processes.js';
import { eventually, NodeProcess, peer } from '../support/node-process.js';
import { indicator, malware } from '../support/stix-factory.js';

const TAXII = { accept: 'application/taxii+json;version=2.1' };

interface Manifest {
  more: boolean;
  objects?: Array<{ id: string; version: string; date_added: string }>;
}

describe.each(dialects)('exchange between two real nodes on %s', (dialect) => {
  let cn: NodeProcess;
  let ru: NodeProcess;

  const inboxOnRu = async () => (await ru.api<Manifest>('/taxii2/cn-ru-2015/collections/inbox-CN/manifest/?match[version]=all&limit=10000', { headers: TAXII })).body.objects ?? [];
  const share = (objects: unknown[]) => cn.api<{ outcomes: Array<{ status: string }> }>('/api/v1/objects?collection=outbox-RU', { method: 'POST', body: objects });

  beforeAll(async () => {
    [cn, ru] = await Promise.all([nodeOn(dialect, 'CN'), nodeOn(dialect, 'RU')]);
    await peer(cn, ru);
    await Promise.all([cn.start(), ru.start()]);
  });
  afterAll(async () => {
    await Promise.all([cn?.close(), ru?.close()]);
  });

  it('delivers what a Party shares, signed and receipted, into the other Party’s inbox', async () => {
    const objects = [indicator(), malware()];
    const written = await share(objects);
    expect(written.status).toBe(200);
    const arrived = await eventually(async () => {
      const manifest = await inboxOnRu();
      return manifest.length >= 2 && manifest;
    });
    expect(arrived.map((m) => m.id).sort()).toEqual(objects.map((o) => o.id as string).sort());
    const served = await ru.api<{ objects: unknown[] }>(`/taxii2/cn-ru-2015/collections/inbox-CN/objects/${objects[1]?.id as string}/`, { headers: TAXII });
    expect(served.body.objects).toEqual([objects[1]]);
    const peers = await eventually(async () => {
      const list = (await cn.api<Array<{ party: string; pending: number; lastContact: string | null }>>('/api/v1/peers')).body;
      return list[0]?.pending === 0 && list;
    });
    expect(peers[0]).toMatchObject({ party: 'RU', pending: 0, lastError: null });
    const ledger = (await cn.api<{ entries: Array<{ kind: string; objectId: string | null }> }>('/api/v1/ledger?limit=1000')).body.entries;
    expect(ledger.filter((e) => e.kind === 'sent').map((e) => e.objectId).sort()).toEqual(objects.map((o) => o.id as string).sort());
    expect(ledger.some((e) => e.kind === 'receipt-received')).toBe(true);
  });

  it('propagates new versions and revocations, and keeps objects the originator’s to change', async () => {
    const v1 = malware({ modified: '2026-11-01T00:00:00.000Z' });
    await share([v1]);
    const v2 = { ...v1, modified: '2026-11-02T00:00:00.000Z', description: 'second analysis' };
    const v3 = { ...v1, modified: '2026-11-03T00:00:00.000Z', revoked: true };
    await share([v2]);
    await share([v3]);
    const latest = await eventually(async () => {
      const response = await ru.api<{ objects?: Array<{ modified: string; revoked?: boolean }> }>(`/taxii2/cn-ru-2015/collections/inbox-CN/objects/${v1.id as string}/`, { headers: TAXII });
      return response.body.objects?.[0]?.revoked === true && response.body.objects[0];
    });
    expect(latest.modified).toBe(v3.modified);
    // RU may not issue its own version of an object CN originated.
    const forged = await ru.api<{ code: string; errors: Array<{ message: string }> }>('/api/v1/objects', { method: 'POST', body: { ...v1, modified: '2026-11-04T00:00:00.000Z', name: 'forged' } });
    expect(forged.status).toBe(422);
    expect(JSON.stringify(forged.body)).toMatch(/only its originator/);
  });

  it('streams a shared object to the receiving side’s live event subscribers', async () => {
    const token = await ru.token();
    const controller = new AbortController();
    const response = await fetch(`${ru.url}/api/v1/events?types=object.`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body?.getReader();
    const object = indicator();
    await share([object]);
    let text = '';
    const decoder = new TextDecoder();
    await eventually(async () => {
      const chunk: { done: boolean; value?: Uint8Array } | undefined = await reader?.read();
      text += decoder.decode(chunk?.value ?? new Uint8Array());
      return text.includes(object.id as string);
    });
    controller.abort();
    expect(text).toMatch(/event: object\.stored/);
  });

  it('delivers everything, in order and once, to a peer that was down when it was shared', async () => {
    await ru.stop();
    const batch = Array.from({ length: 60 }, () => indicator());
    await share(batch);
    const waiting = await eventually(async () => {
      const list = (await cn.api<Array<{ pending: number; lastError: string | null; failures: number }>>('/api/v1/peers')).body;
      return list[0] && list[0].failures > 0 && list[0];
    });
    expect(waiting.pending).toBe(60);
    expect(waiting.lastError).toMatch(/unreachable|ECONNREFUSED/);
    await ru.start();
    // The back-off may have grown; a sync request delivers now.
    await cn.api('/api/v1/peers/RU/sync', { method: 'POST' });
    const manifest = await eventually(async () => {
      const all = await inboxOnRu();
      return batch.every((b) => all.some((m) => m.id === b.id)) && all;
    }, 30_000);
    const arrivedIds = manifest.filter((m) => batch.some((b) => b.id === m.id)).sort((a, b) => a.date_added.localeCompare(b.date_added)).map((m) => m.id);
    expect(arrivedIds).toEqual(batch.map((b) => b.id));
    expect(new Set(manifest.map((m) => `${m.id}|${m.version}`)).size).toBe(manifest.length);
  });

  it('keeps both ledgers verifiable and in agreement once delivered, which a signed checkpoint confirms', async () => {
    // The sender ledgers what it sent when it records the receipt, a moment after the peer has
    // stored the bundle; until then reconcile rightly reports the sender behind.
    await eventually(async () => (await cn.api<Array<{ pending: number }>>('/api/v1/peers')).body[0]?.pending === 0);
    for (const node of [cn, ru]) {
      const report = await node.api<{ ok: boolean; problems: unknown[]; entries: number }>('/api/v1/ledger/verify', { method: 'POST' });
      expect(report.body.problems).toEqual([]);
      expect(report.body.ok).toBe(true);
    }
    const reconciled = await cn.api<{ sent: { firstDivergence: unknown; mine: number; theirs: number } }>('/api/v1/ledger/reconcile/RU', { method: 'POST' });
    expect(reconciled.body.sent.firstDivergence).toBeNull();
    expect(reconciled.body.sent.mine).toBe(reconciled.body.sent.theirs);
    const sync = await cn.api<{ checkpoint: { verdict: string } }>('/api/v1/peers/RU/sync', { method: 'POST' });
    expect(sync.body.checkpoint.verdict).toBe('consistent');
  });
});
