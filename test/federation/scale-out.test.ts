import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, NodeProcess, peer } from '../support/node-process.js';
import { nodeOn } from '../support/test-processes.js';
import { indicator } from '../support/stix-factory.js';

/*
 * Scale-out on PostgreSQL: two `accord serve` processes run one node on one database. Delivery to
 * a peer is leased to one process at a time; when that process dies mid-delivery the other takes
 * over, and the peer ends up with every object exactly once.
 */
async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function leaseHolder(url: string, name: string): Promise<string | undefined> {
  const [row] = await query<{ holder: string }>(url, 'select holder from lease where name = $1', [name]);
  return row?.holder;
}

describe('one node served by two processes on one PostgreSQL database', () => {
  let cn: NodeProcess;
  let cnTwin: NodeProcess;
  let ru: NodeProcess;

  beforeAll(async () => {
    [cn, ru] = await Promise.all([nodeOn('postgres', 'CN'), nodeOn('postgres', 'RU')]);
    await peer(cn, ru);
    cnTwin = cn.twin(await freePort());
    await Promise.all([cn.start(), cnTwin.start(), ru.start()]);
  });
  afterAll(async () => {
    await cnTwin?.stop('SIGKILL');
    await Promise.all([cn?.close(), ru?.close()]);
  });

  it('serves what one process stored from the other', async () => {
    const object = indicator();
    expect((await cn.api('/api/v1/objects?collection=intel', { method: 'POST', body: [object] })).status).toBeLessThan(300);
    expect((await cnTwin.api(`/api/v1/objects/${object.id as string}`, { token: await cn.token() })).status).toBe(200);
  });

  it('hands delivery over when the delivering process is killed, and the peer gets each object exactly once', async () => {
    // Six bundles, so that the kill lands while some are still to go (up to four are on the wire at once).
    const objects = Array.from({ length: 12000 }, () => indicator());
    expect((await cn.api('/api/v1/objects?collection=outbox-RU', { method: 'POST', body: objects })).status).toBeLessThan(300);
    const cnDb = cn.databaseUrl as string;
    const ruDb = ru.databaseUrl as string;
    const receivedRows = async () => query<{ object_id: string; version_us: string }>(ruDb, "select object_id, version_us from ledger_entry where kind = 'received' and party = 'CN'");

    await eventually(async () => (await receivedRows()).length > 0, 30_000, 'the first bundle');
    const holder = await eventually(() => leaseHolder(cnDb, 'deliver:RU'), 30_000, 'a delivery lease');
    const [delivering, survivor] = holder.startsWith(`${cn.pid}-`) ? [cn, cnTwin] : [cnTwin, cn];
    expect(holder.startsWith(`${delivering.pid}-`)).toBe(true);
    await delivering.stop('SIGKILL');
    const partial = (await receivedRows()).length;

    const rows = await eventually(async () => {
      const seen = await receivedRows();
      return seen.length >= objects.length && seen;
    }, 120_000, 'every object delivered after the handover');
    expect(partial).toBeLessThan(objects.length);
    expect(rows.length).toBe(objects.length);
    expect(new Set(rows.map((r) => r.object_id)).size).toBe(objects.length);
    expect((await leaseHolder(cnDb, 'deliver:RU')) ?? `${survivor.pid}-`).not.toBe(holder);
    // The sender ledgers a version as sent when the receipt comes back, which may trail the receiver's ledger.
    const sentRows = async () => query<{ object_id: string }>(cnDb, "select object_id from ledger_entry where kind = 'sent' and party = 'RU'");
    const sent = await eventually(async () => {
      const seen = await sentRows();
      return seen.length >= objects.length && seen;
    }, 60_000, 'every receipt stored by the surviving process');
    expect(sent.length).toBe(objects.length);
    expect(new Set(sent.map((r) => r.object_id)).size).toBe(objects.length);
    const verify = await survivor.api<{ problems: unknown[] }>('/api/v1/ledger/verify', { method: 'POST', token: await cn.token() });
    expect(verify.body.problems).toEqual([]);
  }, 180_000);
});
