import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError, isAccordError } from '../errors/errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { KeyRing } from '../keys/key-ring.js';
import type { LedgerRecord, LedgerService } from '../ledger/ledger.service.js';
import { crossed } from '../ledger/ledger.repository.js';
import { factsOfRow } from '../objects/objects.service.js';
import type { Profile } from '../profile/profile.schema.js';
import type { ReleaseService } from '../protection/release.service.js';
import { bundleObjects, insertBundle, setReceipt, type BundleRow } from './bundles.repository.js';
import { inList } from '../db/bulk.js';
import { literal, storableMessage } from '../i18n/messages.js';
import { federationMessage } from './federation.messages.js';
import { readAuthorityRef } from './local-authority.js';
import { assignBundle, markDelivered, nextPending, unacknowledgedBundles, withhold } from './outbox.repository.js';
import type { PeerClient } from './peer-client.js';
import { findPeer, peerKeys, updatePeer, type PeerKeyRow, type PeerRow } from './peers.repository.js';
import { BUNDLE_TYPE, receiptText, type Receipt } from './receipt.js';
import { canonicalBundle, decodeHeader, decodeJws, encodeJws, payloadHash, signDetached, SignedPayload, verifyDetached } from './signing.js';

/**
 * Objects per pushed bundle: large enough for throughput (2,000 replicated ~7 % faster than 1,000:
 * each bundle costs a round trip and two transactions), small enough to retry cheaply.
 */
export const BUNDLE_SIZE = 2000;
/** Bytes of object bodies per bundle: under the smallest max_content_length a profile sets (10 MiB). */
export const BUNDLE_BYTES = 8 * 1024 * 1024;

/** How many of the bodies, in order, fit in a bundle of maxBytes; always at least one. */
export function fittingCount(bodies: readonly string[], maxBytes: number): number {
  let bytes = 0;
  for (let i = 0; i < bodies.length; i++) {
    bytes += Buffer.byteLength(bodies[i] ?? '') + 1;
    if (bytes > maxBytes) return Math.max(1, i);
  }
  return bodies.length;
}
const MAX_BACKOFF_MS = 5 * 60_000;
const MAX_PREPARED = 8;
/**
 * Bundles on the wire to one peer at most (see DeliveryService.flying). Replicating 100,000
 * objects, in alternating runs: 2 at a time 9.1-10.3k objects/s, 3 at a time 8.5-9.9k, 4 at a time
 * 9.8-10.0k (the receiver writing off its main thread in the last two).
 */
const IN_FLIGHT = 4;
/** How long a peer's keys read for verifying are used without reading them again. */
const KEYS_KEPT_MS = 5_000;

export type DeliveryResult = 'idle' | 'sent' | 'failed' | 'waiting';

/** One element of a bundle as sent: its body while the bundle is in memory, null when read back for a resend. */
interface BundleItem {
  readonly objectId: string;
  readonly versionUs: number;
  readonly hash: string;
  readonly body?: string | null;
  /** The stored version's seq, the key of its ledger entry. */
  readonly objectSeq?: number | null;
}

/** A bundle the peer acknowledged with a verified receipt. */
interface Delivered {
  readonly peer: PeerRow;
  readonly bundle: BundleRow;
  readonly objects: readonly BundleItem[];
  readonly receipt: Receipt;
  /** The receipt's canonical text and the peer's signature over it. */
  readonly text: string;
  readonly signatureText: string;
}

export interface DeliveryDeps {
  readonly database: Database;
  readonly keys: KeyRing;
  readonly ledger: LedgerService;
  readonly release: ReleaseService;
  readonly audit: AuditService;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly client: PeerClient;
  readonly profile: Profile;
  readonly party: string;
  readonly logger: Logger;
}

/** Back-off after n consecutive failures: 1 s, 2 s, 4 s … up to five minutes. */
export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
}

/** A bundle on the wire whose answer this process has not taken yet. */
interface InFlight {
  readonly bundle: BundleRow;
  readonly answer: Promise<Delivered>;
}

/**
 * Pushes what waits for a peer as signed bundles to the peer's TAXII inbox, in queue order, and
 * records the signed receipts in that order. Up to IN_FLIGHT bundles are on the wire: each names
 * the one before, and the peer takes it only after that one, so both ledger the channel alike. A bundle
 * is stored before it is sent and resent unchanged until a receipt arrives, so a crash or a lost
 * response never duplicates effects.
 */
export class DeliveryService {
  /** Bodies of bundles this process prepared and has not sent yet, by bundle id. */
  private readonly prepared = new Map<string, readonly BundleItem[]>();
  /**
   * Per peer, the bundles on the wire, oldest first. When the oldest is answered, the next bundle
   * goes out before its receipt is recorded, so that the peer always has bundles to work on: with
   * one bundle at a time it sat idle ~22 ms a bundle waiting for the next, and with several it
   * checks the next bundles while it writes one. Lost with the process, their bundles are simply
   * resent and answered with the same receipts.
   */
  private readonly flying = new Map<string, InFlight[]>();
  /** Per peer, its keys by kid as last read, and when (see signedBy). */
  private readonly peerKeys = new Map<string, { readonly byKid: Map<string, PeerKeyRow>; readonly readAt: number }>();

  constructor(private readonly deps: DeliveryDeps) {}

  /**
   * Sends at most one bundle to the peer, the oldest unacknowledged one first (after the answer to
   * the oldest on the wire, when the wire is full), then records that answer's receipt and prepares
   * the next bundle; says what happened. The bundles sent stay in flight past the call; `settle`
   * takes their answers when delivery stops. onWire is called once the bundle's request is handed
   * to the socket.
   */
  async deliverOnce(party: string, onWire?: () => void): Promise<DeliveryResult> {
    const { database, clock } = this.deps;
    const peer = await findPeer(database.db, party);
    if (!peer || peer.status !== 'active' || peer.nextAttemptUs > clock.nowMicros()) {
      await this.settle(party);
      return peer?.status === 'active' ? 'waiting' : 'idle';
    }
    const flying = this.flying.get(party) ?? [];
    // With the wire full, the oldest bundle's answer is awaited first, and the next bundle goes out
    // as soon as it comes: recording that receipt waits until then.
    const answered = flying.length >= IN_FLIGHT ? flying.shift() : undefined;
    const delivered = answered && (await answered.answer.then((d) => d, (error: unknown) => ({ error })));
    if (delivered && 'error' in delivered) return this.stopAfter(peer, delivered.error);
    const last = flying.at(-1) ?? answered;
    const [oldest, following] = (await unacknowledgedBundles(database.db, party, IN_FLIGHT + 2)).filter((b) => b.id !== answered?.bundle.id && !flying.some((f) => f.bundle.id === b.id));
    const bundle = oldest ?? (await this.prepareBundle(peer, last ? last.bundle.createdUs + 1 : 0));
    if (!bundle) {
      try {
        if (delivered) await this.record(delivered);
      } catch (error) {
        return this.stopAfter(peer, error);
      }
      await this.settle(party);
      return 'idle';
    }
    let onTheWire = false;
    let written = (): void => undefined;
    const wire = new Promise<void>((resolve) => (written = resolve));
    const answer = this.send(peer, bundle, flying.at(-1)?.bundle.id, () => {
      onTheWire = true;
      written();
      onWire?.();
    });
    // Taken by a later call or by settle; this only keeps a failure from counting as unhandled meanwhile.
    answer.catch(() => undefined);
    // Recording and preparing start once this one is written out: their synchronous SQLite work
    // held back the body's writes.
    await Promise.race([wire, answer.then(() => undefined, () => undefined)]);
    flying.push({ bundle, answer });
    this.flying.set(party, flying);
    try {
      if (delivered) await this.record(delivered);
      if (!onTheWire) await answer;
      return 'sent';
    } catch (error) {
      return this.stopAfter(peer, error);
    } finally {
      // Preparing takes about as long as the peer takes to answer, so the next bundle is made ready
      // (stored and signed) while this one is on the wire, or for the retry.
      if (!following) await this.prepareAhead(peer, bundle);
    }
  }

  /** Takes the answers to the bundles still in flight to the peer, in order, and records their receipts (delivery to it is stopping). */
  async settle(party: string): Promise<void> {
    const flying = this.flying.get(party);
    if (!flying) return;
    this.flying.delete(party);
    try {
      for (const inFlight of flying) await this.land(inFlight);
    } catch (error) {
      const peer = await findPeer(this.deps.database.db, party);
      if (peer) await this.failed(peer, error);
    }
  }

  /** The answer to a bundle, its receipt recorded; throws if the peer did not acknowledge it or recording failed. */
  private async land(inFlight: InFlight): Promise<void> {
    await this.record(await inFlight.answer);
  }

  /**
   * Delivery to the peer stops on a failure: a receipt is recorded only after the one before it,
   * so the answers still awaited are dropped, and their bundles sent again in order after the
   * back-off (a peer answers a resend with its receipt).
   */
  private async stopAfter(peer: PeerRow, error: unknown): Promise<'failed'> {
    this.flying.delete(peer.party);
    await this.failed(peer, error);
    return 'failed';
  }

  /** Counts a failed delivery towards the peer's back-off and says why in its state. */
  private async failed(peer: PeerRow, error: unknown): Promise<void> {
    const { database, clock } = this.deps;
    const failures = peer.failures + 1;
    const reason = isAccordError(error) ? error.description : literal(error instanceof Error ? error.message : String(error));
    // Stored as a message, not its English text: `peer list` and the API say it in their reader's language.
    await updatePeer(database.db, peer.party, { failures, lastError: storableMessage(reason), nextAttemptUs: clock.nowMicros() + backoffMs(failures) * 1000 });
    this.deps.logger.warn({ peer: peer.party, failures, reason: reason.text('en') }, 'delivery failed');
  }

  /** The bundle after the one in flight; a failure here only means it is prepared on the next call instead. */
  private async prepareAhead(peer: PeerRow, inFlight: BundleRow): Promise<void> {
    try {
      await this.prepareBundle(peer, inFlight.createdUs + 1);
    } catch (error) {
      this.deps.logger.warn({ peer: peer.party, err: error }, 'preparing the next bundle failed');
    }
  }

  /**
   * Takes the next pending versions, checks each against the release policy again, stores and signs
   * a bundle. It is created no earlier than notBeforeUs, so that a bundle prepared while another is
   * unacknowledged is resent after it even if the clock stood still or stepped back.
   */
  private async prepareBundle(peer: PeerRow, notBeforeUs: number): Promise<BundleRow | undefined> {
    const { database, release, clock } = this.deps;
    const pending = await nextPending(database.db, peer.party, BUNDLE_SIZE);
    if (pending.length === 0) return undefined;
    const rows = await database.db
      .selectFrom('stixObject')
      .select(['seq', 'id', 'type', 'versionUs', 'tlp', 'originParty', 'markingRefs', 'hasGranular', 'hash', 'body'])
      .where('seq', 'in', inList(database, pending.map((p) => p.objectSeq)))
      .execute();
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    const all = pending.map((p) => ({ item: p, row: bySeq.get(p.objectSeq) }));
    // Versions beyond the byte budget stay pending for the next bundle (before any audited decision about them).
    const ordered = all.slice(0, fittingCount(all.map((o) => o.row?.body ?? ''), BUNDLE_BYTES));
    // Policy may have changed since the version was queued (a consent expired): ask again at the exit.
    const audience = { kind: 'peer', party: peer.party } as const;
    const allowed = await release.filter(ordered.filter((o) => o.row !== undefined), (o) => factsOfRow(o.row as NonNullable<typeof o.row>), audience, 'share', 'system');
    // A signed, ledgered version cannot be altered on its way: one with a property the peer may not
    // have (a granular marking) is held back whole rather than sent redacted.
    const releasable: typeof allowed = [];
    for (const o of allowed) if (o.row && (await release.bodyFor(o.row.body, factsOfRow(o.row), audience, 'share', 'system')) === o.row.body) releasable.push(o);
    const keep = new Set(releasable.map((o) => o.item.seq));
    await withhold(database.db, database, ordered.filter((o) => !keep.has(o.item.seq)).map((o) => o.item.seq));
    if (releasable.length === 0) return this.prepareBundle(peer, notBeforeUs);

    const bundleId = `bundle--${randomUUID()}`;
    const bodies = releasable.map((o) => o.row?.body ?? '');
    const payload = canonicalBundle(bundleId, bodies);
    const jws = await this.sign(payload);
    const bundle: BundleRow = {
      id: bundleId, direction: 'sent', party: peer.party, createdUs: Math.max(clock.nowMicros(), notBeforeUs), objectCount: releasable.length, sha256: payloadHash(payload),
      signature: encodeJws(jws), receipt: null, receiptSignature: null, receiptUs: null,
    };
    const objects = releasable.map((o, idx) => ({ bundleId, idx, objectId: o.row?.id ?? '', versionUs: o.row?.versionUs ?? 0, hash: o.row?.hash ?? '', objectSeq: o.row?.seq ?? null }));
    await database.db.transaction().execute(async (trx) => {
      await insertBundle(trx, database, bundle, objects);
      await assignBundle(trx, database, releasable.map((o) => o.item.seq), bundleId);
    });
    // Kept for the first send so that it need not read back what was just stored; a resend reads the store.
    this.prepared.set(bundleId, objects.map((o, i) => ({ ...o, body: bodies[i] ?? null })));
    // One sent by another process after a lease handover is never taken from here: keep only the latest few.
    for (const id of this.prepared.keys()) if (this.prepared.size > MAX_PREPARED) this.prepared.delete(id);
    return bundle;
  }

  private async sign(payload: string) {
    const { keys, database, party } = this.deps;
    const authorityRef = await readAuthorityRef(database);
    const nodeKey = await keys.active('node');
    const authorityKey = await keys.active('authority', authorityRef);
    return signDetached(payload, [{ key: nodeKey, party }, { key: authorityKey, party }], BUNDLE_TYPE);
  }

  /**
   * Posts the bundle and checks the peer's signed receipt; recording it is left to the caller.
   * `after`: the bundle in flight before it, which the peer must take first.
   */
  private async send(peer: PeerRow, bundle: BundleRow, after: string | undefined, onWire?: () => void): Promise<Delivered> {
    const { database, client, profile, party } = this.deps;
    const objects = this.prepared.get(bundle.id) ?? (await bundleObjects(database.db, bundle.id));
    this.prepared.delete(bundle.id);
    const body = `{"objects":[${objects.map((o) => o.body ?? 'null').join(',')}]}`;
    const response = await client.request(peer, 'POST', `/taxii2/${profile.id}/collections/inbox-${party}/objects/`, {
      body,
      headers: { 'content-type': 'application/taxii+json;version=2.1', 'x-accord-bundle-id': bundle.id, 'x-accord-signature': bundle.signature, ...(after ? { 'x-accord-after': after } : {}) },
      onWire,
    });
    if (response.status !== 202) throw new AccordError('peer-unreachable', federationMessage('peerDown', { party: peer.party, reason: `HTTP ${response.status}: ${response.text.slice(0, 300)}` }));
    const status = JSON.parse(response.text) as { x_accord_receipt?: { payload?: Receipt; signature?: string } };
    const receipt = status.x_accord_receipt?.payload;
    const signatureText = status.x_accord_receipt?.signature;
    if (!receipt || !signatureText || receipt.bundle_id !== bundle.id || receipt.bundle_sha256 !== bundle.sha256 || receipt.from !== party || receipt.to !== peer.party)
      throw new AccordError('signature-invalid', federationMessage('badReceipt', { party: peer.party }));
    const text = receiptText(receipt);
    if (!(await this.verifyFromPeer(peer.party, text, signatureText, 'node'))) throw new AccordError('signature-invalid', federationMessage('badReceipt', { party: peer.party }));

    // The receipt reports each element of the bundle in bundle order.
    if (receipt.results.length !== objects.length || receipt.results.some((r, i) => r.id !== objects[i]?.objectId))
      throw new AccordError('signature-invalid', federationMessage('badReceipt', { party: peer.party }));
    return { peer, bundle, objects, receipt, text, signatureText };
  }

  /** Ledgers what the receipt acknowledges, stores the receipt and marks the versions delivered. */
  private async record({ peer, bundle, objects, receipt, text, signatureText }: Delivered): Promise<void> {
    const { database, clock, ledger, events, audit } = this.deps;
    const now = clock.nowMicros();
    await database.db.transaction().execute(async (trx) => {
      const already = await crossed(trx, database, peer.party, 'sent', objects.flatMap((o) => (typeof o.objectSeq === 'number' ? [o.objectSeq] : [])));
      const records: LedgerRecord[] = objects
        .filter((o, i) => receipt.results[i]?.status !== 'rejected' && !(typeof o.objectSeq === 'number' && already.has(o.objectSeq)))
        .map((o) => ({ kind: 'sent', party: peer.party, objectId: o.objectId, versionUs: o.versionUs, contentHash: o.hash, bundleId: bundle.id, objectSeq: o.objectSeq ?? null }));
      records.push({ kind: 'receipt-received', party: peer.party, contentHash: payloadHash(text), bundleId: bundle.id, signature: signatureText });
      await ledger.append(trx, records);
      await setReceipt(trx, bundle.id, text, signatureText, now);
      await markDelivered(trx, database, peer.party, bundle.id, objects.map((o) => o.objectId), now);
      await updatePeer(trx, peer.party, { failures: 0, lastError: null, nextAttemptUs: 0, lastContactUs: now });
    });
    await audit.record({ actor: 'system', action: 'federation.delivered', targetType: 'bundle', targetId: bundle.id, detail: { party: peer.party, objects: objects.length } });
    events.publish({ type: 'federation.receipt', at: new Date(now / 1000).toISOString(), data: { party: peer.party, bundleId: bundle.id, objects: receipt.results } });
  }

  /** Verifies a detached JWS from a peer with one of its known keys of the purpose. */
  async verifyFromPeer(party: string, payload: string, encoded: string, purpose: 'node' | 'authority'): Promise<boolean> {
    return (await this.signedBy(party, payload, encoded)).has(purpose);
  }

  /**
   * The purposes of the peer's known keys whose signatures in the detached JWS are valid. The keys
   * are kept for a few seconds: a key's kid, purpose and public key never change, a kid not kept (a
   * rotation) reads them again, and a replaced peer's old keys are gone from the store (and from
   * here once kept keys expire). So verifying a bundle mostly reads nothing while the bundle before
   * it is written (which holds the connection), and a bundle with two signatures reads them once.
   */
  async signedBy(party: string, payload: string, encoded: string): Promise<Set<'node' | 'authority'>> {
    const purposes = new Set<'node' | 'authority'>();
    const jws = decodeJws(encoded);
    if (!jws) return purposes;
    const headers = jws.signatures.map((signature) => decodeHeader(signature));
    const kept = this.peerKeys.get(party);
    let keys = kept && performance.now() - kept.readAt < KEYS_KEPT_MS ? kept.byKid : undefined;
    if (!keys || headers.some((h) => typeof h.kid === 'string' && !keys?.has(h.kid))) {
      keys = new Map((await peerKeys(this.deps.database.db, party)).map((k) => [k.kid, k]));
      this.peerKeys.set(party, { byKid: keys, readAt: performance.now() });
    }
    const signed = new SignedPayload(payload);
    for (const [i, signature] of jws.signatures.entries()) {
      const header = headers[i];
      const key = typeof header?.kid === 'string' ? keys.get(header.kid) : undefined;
      if (key && !purposes.has(key.purpose) && header?.party === party && (await verifyDetached(signed, signature, JSON.parse(key.publicJwk) as Parameters<typeof verifyDetached>[2])))
        purposes.add(key.purpose);
    }
    return purposes;
  }
}
