import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, NodeProcess, peer } from '../support/node-process.js';
import { indicator } from '../support/stix-factory.js';

/*
 * The sender prepares the next bundle while the one on the wire waits for its receipt, so after a
 * crash two unacknowledged bundles can be stored. Both go out again unchanged, oldest first, and
 * the peer receives every version once and in queue order.
 */
interface BundleRow {
  id: string;
  created_us: number;
  sha256: string;
  signature: string;
}

function rows<T>(node: NodeProcess, text: string): T[] {
  const db = new Database(join(node.dataDir, 'accord.db'), { readonly: true });
  try {
    return db.prepare(text).all() as T[];
  } finally {
    db.close();
  }
}

describe('delivery with the next bundle prepared ahead', () => {
  let cn: NodeProcess;
  let ru: NodeProcess;
  const count = 3500;

  beforeAll(async () => {
    [cn, ru] = await Promise.all([NodeProcess.create({ party: 'CN' }), NodeProcess.create({ party: 'RU' })]);
    await peer(cn, ru);
    const file = join(mkdtempSync(join(tmpdir(), 'accord-order-')), 'bundle.json');
    writeFileSync(file, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: Array.from({ length: count }, () => indicator()) }));
    await cn.cli(['import', '--data', cn.dataDir, '--collection', 'outbox-RU', file]);
  });
  afterAll(async () => {
    await Promise.all([cn?.close(), ru?.close()]);
  });

  it('resends the bundles stored before a crash first, unchanged and in creation order, then the rest in queue order', async () => {
    // RU is down: the first send fails, and the bundle after it has been prepared meanwhile.
    await cn.start();
    const unacknowledged = () => rows<BundleRow>(cn, "select id, created_us, sha256, signature from bundle where direction = 'sent' and receipt_us is null order by created_us");
    const stored = await eventually(async () => {
      const found = unacknowledged();
      return found.length === 2 && found;
    }, 30_000, 'two unacknowledged bundles');
    expect(stored[0]?.created_us).toBeLessThan(stored[1]?.created_us ?? 0);
    await cn.stop('SIGKILL');
    expect(unacknowledged()).toEqual(stored);

    await ru.start();
    await cn.start();
    const receivedEntries = () => rows<{ object_id: string }>(ru, "select object_id from ledger_entry where kind = 'received' and party = 'CN' order by seq");
    await eventually(async () => receivedEntries().length >= count, 60_000, 'every version received');

    // RU stored the bundles in the order they arrived; they are CN's bundles in creation order.
    const received = rows<BundleRow>(ru, "select b.id, b.created_us, b.sha256, b.signature from bundle b where b.direction = 'received' order by b.created_us");
    await eventually(async () => unacknowledged().length === 0, 30_000, 'every receipt recorded');
    const sent = rows<BundleRow>(cn, "select id, created_us, sha256, signature from bundle where direction = 'sent' order by created_us");
    expect(received.map((b) => b.id)).toEqual(sent.map((b) => b.id));
    expect(received.slice(0, 2).map(({ id, sha256, signature }) => ({ id, sha256, signature }))).toEqual(stored.map(({ id, sha256, signature }) => ({ id, sha256, signature })));

    const queued = rows<{ object_id: string }>(cn, "select object_id from outbox_item where party = 'RU' order by seq");
    const entries = receivedEntries();
    expect(entries).toHaveLength(count);
    expect(entries.map((e) => e.object_id)).toEqual(queued.map((q) => q.object_id));
  });
});
