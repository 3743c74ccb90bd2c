import { namedRecipients } from '../protection/recipients.js';
import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import { parseTimestampMicros } from '../clock/timestamp.js';
import type { Database } from '../db/database.js';
import type { AdmissionCheck, IngestListener, ObjectOutcome } from '../ingest/ingest.service.js';
import type { Message } from '../i18n/messages.js';
import { acquireLease, releaseLease } from '../jobs/lease.js';
import type { ReleaseService } from '../protection/release.service.js';
import type { ReleaseFacts } from '../protection/release-policy.js';
import { tlpOf } from '../stix/tlp.js';
import type { CollectionsService } from '../taxii/collections.service.js';
import type { DeliveryService } from './delivery.service.js';
import { federationMessage } from './federation.messages.js';
import { addedBetween, enqueue, readSweepMark, sweepOutbox, writeSweepMark } from './outbox.repository.js';
import { findCollection } from '../taxii/collections.repository.js';
import { listPeers } from './peers.repository.js';
import { objectIdIn } from '../objects/object-id-key.js';

export interface FederationDeps {
  readonly database: Database;
  readonly collections: CollectionsService;
  readonly release: ReleaseService;
  readonly delivery: DeliveryService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly holder: string;
}

const LEASE_MS = 30_000;
/** How often the whole outbox is swept. */
const FULL_SWEEP_US = 600_000_000;
const BUSY_SWEEP_US = 10_000_000;
/** Longest an arrival waits for its delivery to reach the wire: bounds a slow store or a stuck lease. */
const DISPATCH_WAIT_MS = 250;

/**
 * Sharing with Parties: writing to outbox-<PARTY> passes the release policy, queues the version
 * durably and wakes that peer's delivery, which runs in one process at a time (a lease per peer).
 */
export class FederationService {
  private readonly pumping = new Map<string, boolean>();
  private outboxes: Map<string, string> | undefined;
  private notifier: ((party: string) => void) | undefined;
  private stopped = false;
  /** Per outbox: the date_added the last sweep looked through, the last full sweep, and when this process last swept. */
  private readonly swept = new Map<string, { throughUs: number; fullUs: number; atUs: number }>();
  deliveryEnabled = false;

  constructor(private readonly deps: FederationDeps) {}

  /** collection id → Party, for the node's outbox collections. */
  private async outboxParties(): Promise<Map<string, string>> {
    if (!this.outboxes) {
      const rows = await this.deps.collections.list();
      this.outboxes = new Map(rows.filter((r) => r.kind === 'outbox' && r.party).map((r) => [r.id, r.party ?? '']));
    }
    return this.outboxes;
  }

  /** Refuses, before storage, what the release policy would never let go to the outbox's Party. */
  readonly admission: AdmissionCheck = async (objects, target) => {
    const party = (await this.outboxParties()).get(target.collectionId);
    if (!party) return objects.map(() => undefined);
    const stored = await this.deps.database.db
      .selectFrom('stixObject')
      .select(['id', 'originParty'])
      .where(objectIdIn('stixObject', objects.map((o) => o.id)))
      .execute();
    const origin = new Map(stored.map((r) => [r.id, r.originParty]));
    const refusals: Array<Message | undefined> = [];
    for (const object of objects) {
      const markingRefs = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as unknown[]).filter((m): m is string => typeof m === 'string') : [];
      const facts: ReleaseFacts = {
        id: object.id, type: object.type, tlp: tlpOf(markingRefs) ?? null, originParty: origin.get(object.id) ?? target.originParty, markingRefs,
        hasGranular: Array.isArray(object.granular_markings) && object.granular_markings.length > 0,
        recipients: namedRecipients(object),
      };
      const decision = await this.deps.release.check(facts, { kind: 'peer', party }, 'share', target.actor);
      refusals.push(decision.allow ? undefined : federationMessage('noConsent', { id: object.id, party, rule: decision.rule }));
    }
    return refusals;
  };

  /** Queues every version newly added to an outbox collection. */
  readonly onIngest: IngestListener = async (outcomes, target) => {
    const party = (await this.outboxParties()).get(target.collectionId);
    if (!party) return;
    const items = outcomes
      .filter((o) => o.dateAdded !== undefined && o.seq !== undefined && o.object)
      .map((o) => ({ objectSeq: o.seq ?? 0, objectId: o.object?.id ?? '', versionUs: 0 }));
    if (items.length === 0) return;
    const rows = await this.deps.database.db.selectFrom('stixObject').select(['seq', 'versionUs']).where('seq', 'in', items.map((i) => i.objectSeq)).execute();
    const versions = new Map(rows.map((r) => [r.seq, r.versionUs]));
    await enqueue(this.deps.database.db, this.deps.database, party, items.map((i) => ({ ...i, versionUs: versions.get(i.objectSeq) ?? 0 })), this.deps.clock.nowMicros());
    // The rest of the request (other listeners, audit, the response) waits until the bundle is on
    // the wire: run alongside, their queries took turns with the delivery's on the one SQLite
    // connection and held an early warning back by ~2.5 ms.
    await Promise.race([this.wake(party), new Promise<void>((resolve) => setTimeout(resolve, DISPATCH_WAIT_MS).unref())]);
    await this.passQueued(target.collectionId, outcomes);
  };

  /**
   * Moves the sweep mark over a batch this listener has just queued, when nothing was added to the
   * outbox between the mark and the batch, so that the next sweep does not read the batch again: a
   * node started after a bulk share (objects imported into its outbox while it was stopped) read
   * every one of them in its first sweep (277 ms at 100,000, on the replication benchmark's sender).
   * With no mark stored, the batch must be all the outbox holds: a full sweep would then find nothing.
   */
  private async passQueued(collectionId: string, outcomes: readonly ObjectOutcome[]): Promise<void> {
    const { database, clock } = this.deps;
    // The writer dates a batch's additions in the order of its outcomes.
    const firstUs = parseTimestampMicros(outcomes.find((o) => o.dateAdded !== undefined)?.dateAdded ?? '');
    const lastUs = parseTimestampMicros(outcomes.findLast((o) => o.dateAdded !== undefined)?.dateAdded ?? '');
    if (firstUs === undefined || lastUs === undefined) return;
    const known = this.swept.get(collectionId) ?? (await readSweepMark(database.db, collectionId));
    const mark = known ?? { throughUs: -1, fullUs: clock.nowMicros() };
    if (mark.throughUs >= lastUs || (await addedBetween(database.db, collectionId, mark.throughUs, firstUs))) return;
    const passed = { throughUs: lastUs, fullUs: mark.fullUs };
    await writeSweepMark(database.db, collectionId, passed);
    this.swept.set(collectionId, { ...passed, atUs: this.swept.get(collectionId)?.atUs ?? 0 });
  }

  /** Lets other processes know a peer has work (PostgreSQL NOTIFY); set by the runtime. */
  setNotifier(notifier: (party: string) => void): void {
    this.notifier = notifier;
  }

  /** Starts delivery to a peer now, here or (through the notifier) in the process holding its lease; see pump. */
  wake(party: string): Promise<void> {
    this.notifier?.(party);
    return this.pump(party);
  }

  /**
   * Delivers to a peer until nothing is left, if this process can hold the peer's delivery lease.
   * Resolves once a delivery this call started has put its first bundle on the wire, or has found
   * nothing to send; at once when a delivery was already running. Delivery itself goes on.
   */
  pump(party: string): Promise<void> {
    if (!this.deliveryEnabled || this.stopped) return Promise.resolve();
    if (this.pumping.has(party)) {
      this.pumping.set(party, true);
      return Promise.resolve();
    }
    this.pumping.set(party, false);
    let dispatched = (): void => undefined;
    const onWire = new Promise<void>((resolve) => (dispatched = resolve));
    void this.runPump(party, dispatched).finally(() => {
      dispatched();
      const again = this.pumping.get(party);
      this.pumping.delete(party);
      if (again) void this.pump(party);
    });
    return onWire;
  }

  private async runPump(party: string, dispatched: () => void): Promise<void> {
    const { database, clock, delivery, holder, logger } = this.deps;
    const lease = `deliver:${party}`;
    try {
      for (;;) {
        if (this.stopped) return;
        const now = clock.nowMicros();
        if (!(await acquireLease(database.db, lease, holder, now, now + LEASE_MS * 1000))) return;
        const result = await delivery.deliverOnce(party, dispatched);
        if (result !== 'sent') return;
      }
    } catch (error) {
      logger.error({ err: error, peer: party }, 'delivery pump failed');
    } finally {
      // The last receipt is recorded while the lease is still held.
      await delivery.settle(party);
      await releaseLease(database.db, lease, holder).catch(() => undefined);
    }
  }

  /** The periodic nudge: every active peer's delivery, and a sweep for versions that never reached the queue. */
  async tick(): Promise<void> {
    const peers = await listPeers(this.deps.database.db);
    const outboxes = await this.outboxParties();
    for (const peer of peers.filter((p) => p.status === 'active')) {
      const collectionId = [...outboxes.entries()].find(([, party]) => party === peer.party)?.[0];
      if (collectionId && this.sweepDue(peer.party, collectionId) && (await this.sweep(peer.party, collectionId)) > 0) void this.wake(peer.party);
      else void this.pump(peer.party);
    }
  }

  /**
   * Whether the periodic sweep runs now. While this process is delivering to the peer, whatever a
   * sweep found would queue behind the backlog anyway, and each sweep re-reads everything added in
   * its margin (during a bulk push, the whole backlog every second): it runs every BUSY_SWEEP_US then.
   */
  private sweepDue(party: string, collectionId: string): boolean {
    const last = this.swept.get(collectionId);
    return !last || !this.pumping.has(party) || this.deps.clock.nowMicros() - last.atUs >= BUSY_SWEEP_US;
  }

  /**
   * Queues outbox versions that never reached the queue (a process died between storing and
   * queueing). The sweep runs every second, so between full sweeps it looks only at what was added
   * since the last one: scanning a large outbox whole each time stalled the process (SQLite queries
   * block it) and every message sent meanwhile. Looking back a fixed minute did the same for a
   * minute after every bulk share (~250 ms each second after 100,000 objects). The collection's
   * last date_added is an exact cursor: writers to a collection take turns under its row lock (or
   * SQLite's single writer) and commit in date_added order, so nothing can appear below it later.
   * The mark is stored, so a restarted process goes on from it: a full sweep at every start read
   * the whole outbox before the node answered (190-267 ms at 100,000 objects shared).
   */
  async sweep(party: string, collectionId: string): Promise<number> {
    const { database, clock } = this.deps;
    const now = clock.nowMicros();
    const last = this.swept.get(collectionId) ?? (await readSweepMark(database.db, collectionId));
    const full = !last || now - last.fullUs >= FULL_SWEEP_US;
    const throughUs = (await findCollection(database.db, collectionId))?.lastAddedUs ?? 0;
    const queued = await sweepOutbox(database.db, party, collectionId, now, full ? 0 : last.throughUs + 1, throughUs);
    const mark = { throughUs, fullUs: full ? now : last.fullUs };
    if (mark.throughUs !== last?.throughUs || mark.fullUs !== last.fullUs) await writeSweepMark(database.db, collectionId, mark);
    this.swept.set(collectionId, { ...mark, atUs: now });
    return queued;
  }

  /** Waits until no delivery runs in this process (for shutdown and tests). */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.pumping.size) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
