import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import { formatMicros, parseTimestampMicros } from '../clock/timestamp.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { KeyRing } from '../keys/key-ring.js';
import { channelEntries } from '../ledger/ledger.repository.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { canonicalJson } from '../objects/object-row.js';
import type { Profile } from '../profile/profile.schema.js';
import type { DeliveryService } from './delivery.service.js';
import type { FederationService } from './federation.service.js';
import { federationMessage } from './federation.messages.js';
import { requeue } from './outbox.repository.js';
import type { PeerClient } from './peer-client.js';
import { findPeer, updatePeer, type PeerRow } from './peers.repository.js';
import { CHECKPOINT_TYPE, type Checkpoint } from './receipt.js';
import { encodeJws, payloadHash, signDetached } from './signing.js';
import { objectIdIn } from '../objects/object-id-key.js';

type PeerPrincipal = Extract<Principal, { kind: 'peer' }>;

export interface ChannelEntry {
  readonly index: number;
  readonly objectId: string;
  readonly version: string;
  readonly contentHash: string;
  readonly head: string;
}

export interface ChannelComparison {
  readonly mine: number;
  readonly theirs: number;
  /** The first position where the two views differ, or null when one is a prefix of the other. */
  readonly firstDivergence: { index: number; mine: ChannelEntry | null; theirs: ChannelEntry | null } | null;
}

export interface SyncDeps {
  readonly database: Database;
  readonly keys: KeyRing;
  readonly ledger: LedgerService;
  readonly delivery: DeliveryService;
  readonly federation: FederationService;
  readonly client: PeerClient;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly profile: Profile;
  readonly party: string;
}

const toEntry = (r: { channelIndex: number | null; objectId: string | null; versionUs: number | null; contentHash: string; channelHead: string | null }): ChannelEntry => ({
  index: r.channelIndex ?? 0, objectId: r.objectId ?? '', version: formatMicros(r.versionUs ?? 0), contentHash: r.contentHash, head: r.channelHead ?? '',
});

/**
 * Keeping two nodes' views of their channel in step: pull reconciliation (what the peer queued
 * for us that we lack is asked for again), signed checkpoints, and the comparison that names the
 * first divergence.
 */
export class SyncService {
  constructor(private readonly deps: SyncDeps) {}

  /** One direction of this node's channel with a peer, from a channel index on. */
  async channel(party: string, direction: 'sent' | 'received', fromIndex: number, limit: number): Promise<ChannelEntry[]> {
    return (await channelEntries(this.deps.database.db, party, direction, fromIndex, limit)).map(toEntry);
  }

  /**
   * Pull reconciliation: reads the manifest of the peer's outbox for us from the last cursor on,
   * and asks the peer to send again every version we never received.
   */
  async pull(party: string): Promise<{ checked: number; missing: number }> {
    const { database, client, profile } = this.deps;
    const peer = await this.activePeer(party);
    let checked = 0;
    let missing = 0;
    let cursor = peer.pullCursorUs;
    for (;;) {
      const query = `?limit=1000&match[version]=all${cursor > 0 ? `&added_after=${formatMicros(cursor)}` : ''}`;
      const response = await client.request(peer, 'GET', `/taxii2/${profile.id}/collections/outbox-${this.deps.party}/manifest/${query}`);
      if (response.status !== 200) throw new AccordError('peer-unreachable', federationMessage('peerDown', { party, reason: `HTTP ${response.status}` }));
      const page = JSON.parse(response.text) as { more?: boolean; objects?: Array<{ id: string; version: string; date_added: string }> };
      const entries = page.objects ?? [];
      if (entries.length) {
        const have = await database.db
          .selectFrom('stixObject')
          .select(['id', 'versionUs'])
          .where('originParty', '=', party)
          .where(objectIdIn('stixObject', entries.map((e) => e.id)))
          .execute();
        const held = new Set(have.map((h) => `${h.id}\u0000${h.versionUs}`));
        const lacking = entries.filter((e) => !held.has(`${e.id}\u0000${parseTimestampMicros(e.version) ?? 0}`));
        checked += entries.length;
        if (lacking.length) {
          missing += lacking.length;
          await client.request(peer, 'POST', '/federation/v1/redeliver', {
            body: JSON.stringify({ items: lacking.map((l) => ({ id: l.id, version: l.version })) }),
            headers: { 'content-type': 'application/json', accept: 'application/json' },
          });
        }
        cursor = Math.max(cursor, ...entries.map((e) => parseTimestampMicros(e.date_added) ?? 0));
        // Only advance past what we hold: a lacking version keeps the cursor before it for the next pull.
        const firstLacking = lacking.map((l) => parseTimestampMicros(l.date_added) ?? 0).sort((a, b) => a - b)[0];
        await updatePeer(database.db, party, { pullCursorUs: firstLacking !== undefined ? Math.min(cursor, firstLacking - 1) : cursor, lastContactUs: this.deps.clock.nowMicros() });
      }
      if (!page.more || entries.length === 0 || missing > 0) break;
    }
    return { checked, missing };
  }

  /** A peer asks for versions again that it lacks; they go back in the queue if they were queued for it. */
  async redeliver(principal: PeerPrincipal, items: ReadonlyArray<{ id: string; version: string }>): Promise<number> {
    const keys = items.map((i) => ({ objectId: i.id, versionUs: parseTimestampMicros(i.version) ?? -1 })).filter((k) => k.versionUs >= 0);
    const n = await requeue(this.deps.database.db, principal.party, keys);
    await this.deps.audit.record({ actor: principal, action: 'federation.redeliver', targetType: 'peer', targetId: principal.party, detail: { asked: items.length, requeued: n } });
    void this.deps.federation.wake(principal.party);
    return n;
  }

  /** This node's signed view of its channel with a peer. */
  async checkpoint(party: string): Promise<{ payload: Checkpoint; signature: string }> {
    const channel = await this.deps.ledger.channel(party);
    const payload: Checkpoint = { type: 'accord-checkpoint', from: this.deps.party, to: party, at: this.deps.clock.now().toISOString(), sent: channel.sent, received: channel.received };
    const signature = encodeJws(await signDetached(canonicalJson(payload), [{ key: await this.deps.keys.active('node'), party: this.deps.party }], CHECKPOINT_TYPE));
    return { payload, signature };
  }

  /**
   * A sync someone asked for by hand (CLI or API): pull reconciliation and a checkpoint exchange,
   * audited as theirs whether it succeeds or not. `delivered` counts bundles the caller pushed first.
   */
  async syncNow(party: string, actor: Principal | 'system', context: { delivered?: number; requestId?: string } = {}) {
    const { delivered, requestId } = context;
    const audit = (outcome: 'ok' | 'failed', detail: Record<string, unknown>) =>
      this.deps.audit.record({ actor, action: 'peer.sync', outcome, targetType: 'peer', targetId: party, detail: { ...(delivered === undefined ? {} : { delivered }), ...detail }, ...(requestId ? { requestId } : {}) });
    try {
      const pulled = await this.pull(party);
      const checkpoint = await this.exchangeCheckpoint(party);
      await audit('ok', { ...pulled, verdict: checkpoint.verdict });
      return { pulled, checkpoint };
    } catch (error) {
      await audit('failed', { reason: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** Sends our checkpoint to a peer and records both signed checkpoints in the ledger. */
  async exchangeCheckpoint(party: string): Promise<{ verdict: string }> {
    const peer = await this.activePeer(party);
    const mine = await this.checkpoint(party);
    const response = await this.deps.client.request(peer, 'POST', '/federation/v1/checkpoints', {
      body: JSON.stringify(mine), headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    if (response.status !== 200) throw new AccordError('peer-unreachable', federationMessage('peerDown', { party, reason: `HTTP ${response.status}` }));
    const theirs = JSON.parse(response.text) as { payload: Checkpoint; signature: string };
    const verdict = await this.recordCheckpoint(party, theirs);
    await this.record(party, 'sent', mine, verdict);
    return { verdict };
  }

  /** Receives a peer's checkpoint: verifies, compares with our view, records, and answers with ours. */
  async acceptCheckpoint(principal: PeerPrincipal, theirs: { payload: Checkpoint; signature: string }): Promise<{ payload: Checkpoint; signature: string; verdict: string }> {
    const verdict = await this.recordCheckpoint(principal.party, theirs);
    const mine = await this.checkpoint(principal.party);
    await this.record(principal.party, 'sent', mine, verdict);
    return { ...mine, verdict };
  }

  private async recordCheckpoint(party: string, theirs: { payload: Checkpoint; signature: string }): Promise<string> {
    const text = canonicalJson(theirs.payload);
    const valid = theirs.payload?.type === 'accord-checkpoint' && theirs.payload.from === party && theirs.payload.to === this.deps.party && (await this.deps.delivery.verifyFromPeer(party, text, theirs.signature, 'node'));
    if (!valid) throw new AccordError('signature-invalid', federationMessage('badSignature', { reason: 'checkpoint' }));
    const verdict = await this.compare(party, theirs.payload);
    await this.record(party, 'received', theirs, verdict);
    return verdict;
  }

  private async record(party: string, direction: 'sent' | 'received', checkpoint: { payload: Checkpoint; signature: string }, verdict: string): Promise<void> {
    const text = canonicalJson(checkpoint.payload);
    await this.deps.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('checkpoint').values({ party, direction, atUs: this.deps.clock.nowMicros(), payload: text, signature: checkpoint.signature, verdict }).execute();
      await this.deps.ledger.append(trx, [{ kind: direction === 'sent' ? 'checkpoint-sent' : 'checkpoint-received', party, contentHash: payloadHash(text), signature: checkpoint.signature }]);
    });
  }

  /** consistent | behind (they sent more than has arrived) | ahead | diverged at N. */
  private async compare(party: string, theirs: Checkpoint): Promise<string> {
    const verdicts: string[] = [];
    for (const [their, mine] of [['sent', 'received'], ['received', 'sent']] as const) {
      const count = theirs[their].count;
      const own = (await this.deps.ledger.channel(party))[mine];
      if (count === 0 && own.count === 0) continue;
      if (own.count < count) {
        verdicts.push(`${mine}: behind (${own.count} of ${count})`);
        continue;
      }
      const [entry] = await channelEntries(this.deps.database.db, party, mine, count, 1);
      const headAtCount = count === 0 ? undefined : entry?.channelHead;
      if (count > 0 && headAtCount !== theirs[their].head) verdicts.push(`${mine}: diverged within the first ${count}`);
      else if (own.count > count) verdicts.push(`${mine}: ahead (${own.count} of ${count})`);
    }
    return verdicts.length ? verdicts.join('; ') : 'consistent';
  }

  /** Compares both directions of the channel with the peer's own view and names the first divergence. */
  async reconcile(party: string): Promise<{ sent: ChannelComparison; received: ChannelComparison }> {
    const peer = await this.activePeer(party);
    const fetch = async (direction: 'sent' | 'received') => {
      const all: ChannelEntry[] = [];
      for (let from = 1; ; from += 5000) {
        const response = await this.deps.client.request(peer, 'GET', `/federation/v1/channel?direction=${direction}&from=${from}&limit=5000`, { headers: { accept: 'application/json' } });
        if (response.status !== 200) throw new AccordError('peer-unreachable', federationMessage('peerDown', { party, reason: `HTTP ${response.status}` }));
        const page = JSON.parse(response.text) as { entries: ChannelEntry[] };
        all.push(...page.entries);
        if (page.entries.length < 5000) return all;
      }
    };
    const local = async (direction: 'sent' | 'received') => {
      const all: ChannelEntry[] = [];
      for (let from = 1; ; from += 5000) {
        const page = await this.channel(party, direction, from, 5000);
        all.push(...page);
        if (page.length < 5000) return all;
      }
    };
    return {
      sent: compareChannels(await local('sent'), await fetch('received')),
      received: compareChannels(await local('received'), await fetch('sent')),
    };
  }

  private async activePeer(party: string): Promise<PeerRow> {
    const peer = await findPeer(this.deps.database.db, party);
    if (!peer) throw new AccordError('not-found', federationMessage('unknownPeer', { party }));
    if (peer.status !== 'active') throw new AccordError('peer-unknown', federationMessage('peerRevoked', { party }));
    return peer;
  }
}

export function compareChannels(mine: readonly ChannelEntry[], theirs: readonly ChannelEntry[]): ChannelComparison {
  const n = Math.min(mine.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = mine[i];
    const b = theirs[i];
    if (!a || !b || a.objectId !== b.objectId || a.version !== b.version || a.contentHash !== b.contentHash || a.head !== b.head)
      return { mine: mine.length, theirs: theirs.length, firstDivergence: { index: i + 1, mine: a ?? null, theirs: b ?? null } };
  }
  return { mine: mine.length, theirs: theirs.length, firstDivergence: null };
}
