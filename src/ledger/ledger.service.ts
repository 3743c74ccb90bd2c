import type { Clock } from '../clock/clock.js';
import type { Database, Executor } from '../db/database.js';
import type { LedgerKind } from './ledger.tables.js';
import { channelGenesis, entryHash, genesisHash, nextChannelHead } from './ledger-hash.js';
import { channelHeads, insertLedgerEntries, lockLedgerHead, writeChannelHead, writeLedgerHead } from './ledger.repository.js';

/** What a caller records; the ledger adds sequence, time, channel position and the chain hashes. */
export interface LedgerRecord {
  readonly kind: LedgerKind;
  readonly party: string;
  readonly objectId?: string | null;
  readonly versionUs?: number | null;
  readonly contentHash: string;
  readonly bundleId?: string | null;
  readonly signature?: string | null;
  /** The stored version an object entry is about (its stix_object seq): indexed, not hashed. */
  readonly objectSeq?: number | null;
}

export interface AppendedEntry {
  readonly seq: number;
  readonly entryHash: string;
  readonly channelIndex: number | null;
}

/**
 * The append-only, hash-chained record of everything that crossed between this node and its
 * peers. Each entry's hash covers the previous one; object entries also advance the channel
 * chain with that peer, which both sides compute identically and compare in checkpoints.
 */
export class LedgerService {
  constructor(private readonly database: Database, private readonly clock: Clock, private readonly party: string) {}

  /** Anchors the chain (a head row to lock from the first append on). Idempotent. */
  async ensureGenesis(): Promise<void> {
    await this.database.db.insertInto('ledgerHead').values({ id: 1, seq: 0, entryHash: genesisHash(this.party) }).onConflict((oc) => oc.column('id').doNothing()).execute();
  }

  /** Appends records in order inside the caller's transaction. */
  async append(trx: Executor, records: readonly LedgerRecord[]): Promise<AppendedEntry[]> {
    if (records.length === 0) return [];
    const head = await lockLedgerHead(trx, this.database.dialect === 'postgres');
    let seq = head?.seq ?? 0;
    let prev = head?.entryHash ?? genesisHash(this.party);
    const at = this.clock.nowMicros();
    const channels = new Map<string, { count: number; head: string }>();
    const channelOf = async (party: string, direction: 'sent' | 'received') => {
      const key = `${party}|${direction}`;
      let channel = channels.get(key);
      if (!channel) {
        const stored = (await channelHeads(trx, party)).find((h) => h.direction === direction);
        channel = stored ? { count: stored.count, head: stored.head } : { count: 0, head: direction === 'sent' ? channelGenesis(this.party, party) : channelGenesis(party, this.party) };
        channels.set(key, channel);
      }
      return channel;
    };
    const rows = [];
    const appended: AppendedEntry[] = [];
    for (const r of records) {
      seq++;
      let channelIndex: number | null = null;
      let channelHead: string | null = null;
      if ((r.kind === 'sent' || r.kind === 'received') && r.objectId && r.versionUs !== undefined && r.versionUs !== null) {
        const channel = await channelOf(r.party, r.kind);
        channel.count++;
        channel.head = nextChannelHead(channel.head, r.objectId, r.versionUs, r.contentHash);
        channelIndex = channel.count;
        channelHead = channel.head;
      }
      const entry = {
        seq, atUs: at, kind: r.kind, party: r.party, objectId: r.objectId ?? null, versionUs: r.versionUs ?? null, contentHash: r.contentHash,
        bundleId: r.bundleId ?? null, signature: r.signature ?? null, channelIndex, channelHead, prevHash: prev,
      };
      const hash = entryHash(entry);
      rows.push({ ...entry, entryHash: hash, objectSeq: r.objectSeq ?? null });
      appended.push({ seq, entryHash: hash, channelIndex });
      prev = hash;
    }
    await insertLedgerEntries(trx, this.database, rows);
    await writeLedgerHead(trx, seq, prev);
    for (const [key, channel] of channels) {
      const [party = '', direction = 'sent'] = key.split('|');
      await writeChannelHead(trx, { party, direction: direction as 'sent' | 'received', count: channel.count, head: channel.head });
    }
    return appended;
  }

  /** The channel with a peer as this node sees it now. */
  async channel(party: string): Promise<{ sent: { count: number; head: string }; received: { count: number; head: string } }> {
    const heads = await channelHeads(this.database.db, party);
    const of = (direction: 'sent' | 'received') => {
      const h = heads.find((x) => x.direction === direction);
      return h ? { count: h.count, head: h.head } : { count: 0, head: direction === 'sent' ? channelGenesis(this.party, party) : channelGenesis(party, this.party) };
    };
    return { sent: of('sent'), received: of('received') };
  }
}
