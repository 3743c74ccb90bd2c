import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { Locale } from '../i18n/locale.js';
import type { ObjectOutcome } from '../ingest/ingest.service.js';
import type { KeyRing } from '../keys/key-ring.js';
import { crossed } from '../ledger/ledger.repository.js';
import type { LedgerRecord, LedgerService } from '../ledger/ledger.service.js';
import { canonicalJson, sha256Hex } from '../objects/object-row.js';
import { parseTimestampMicros } from '../clock/timestamp.js';
import { setTimeout as delay } from 'node:timers/promises';
import type { TaxiiService } from '../taxii/taxii.service.js';
import { findBundle, insertBundle } from './bundles.repository.js';
import type { DeliveryService } from './delivery.service.js';
import { federationMessage } from './federation.messages.js';
import { BUNDLE_TYPE, RECEIPT_TYPE, receiptText, type Receipt } from './receipt.js';
import { canonicalBundle, encodeJws, payloadHash, signDetached } from './signing.js';
import { updatePeer } from './peers.repository.js';

export interface ReceiveDeps {
  readonly database: Database;
  readonly keys: KeyRing;
  readonly ledger: LedgerService;
  readonly taxii: TaxiiService;
  readonly delivery: DeliveryService;
  readonly audit: AuditService;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly party: string;
}

type PeerPrincipal = Extract<Principal, { kind: 'peer' }>;

/** What a peer's push says of itself in its headers. */
export interface PushHeaders {
  /** X-Accord-Bundle-Id. */
  readonly bundleId: string | undefined;
  /** X-Accord-Signature: the detached JWS over the bundle's canonical form. */
  readonly signature: string | undefined;
  /** X-Accord-After: the bundle the sender put on the wire just before this one, unanswered at the time. */
  readonly after: string | undefined;
}

/**
 * How long a bundle that follows another waits for that one to arrive (a second process of this
 * node may be taking it in, or its request may still be on its way) before it is refused.
 */
const TURN_WAIT_MS = 5_000;
const TURN_POLL_MS = 20;

const BUNDLE_ID = /^bundle--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function versionMicros(object: unknown): number {
  const o = object as { modified?: unknown; created?: unknown };
  const v = typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : undefined;
  return v ? (parseTimestampMicros(v) ?? 0) : 0;
}

/**
 * The receiving end of a peer's push: verifies the bundle's node and authority signatures, ingests
 * through the one pipeline into inbox-<PEER>, ledgers what arrived and answers with a signed
 * receipt. A bundle seen before is answered with its original receipt and not ingested again.
 */
export class ReceiveService {
  constructor(private readonly deps: ReceiveDeps) {}

  /**
   * Bundles this process is taking in, by id. A sender keeps several bundles in flight, so that the
   * next ones are here, checked, when this node finishes one: each names the one before it
   * (X-Accord-After) and waits for it, so that both nodes ledger a channel's bundles in one order.
   */
  private readonly arriving = new Map<string, Promise<unknown>>();

  async receive(collection: string, principal: PeerPrincipal, push: PushHeaders, objects: readonly unknown[], locale: Locale): Promise<Record<string, unknown>> {
    const { audit, party } = this.deps;
    const { bundleId, signature, after } = push;
    const refuse = async (reason: string): Promise<never> => {
      await audit.record({ actor: principal, action: 'federation.bundle', outcome: 'denied', targetType: 'bundle', targetId: bundleId ?? 'unknown', detail: { reason, objects: objects.length } });
      throw new AccordError('signature-invalid', federationMessage('badSignature', { reason }));
    };
    if (collection !== `inbox-${principal.party}`) throw new AccordError('forbidden', federationMessage('notForMe', { audience: collection, party }));
    if (!bundleId || !BUNDLE_ID.test(bundleId)) return refuse('missing or malformed X-Accord-Bundle-Id');
    if (!signature) return refuse('missing X-Accord-Signature');
    if (after !== undefined && (!BUNDLE_ID.test(after) || after === bundleId)) return refuse('malformed X-Accord-After');

    // A resend of a bundle still being taken in (its sender gave up waiting) waits for that one and gets its receipt.
    for (let taking = this.arriving.get(bundleId); taking; taking = this.arriving.get(bundleId)) await taking.catch(() => undefined);
    const work = this.take(collection, principal, { bundleId, signature, after }, objects, locale, refuse);
    this.arriving.set(bundleId, work);
    try {
      return await work;
    } finally {
      this.arriving.delete(bundleId);
    }
  }

  /**
   * Resolves once the bundle this one follows is in: at once if it is stored, when this process has
   * taken it in, or when another process has (polled). One that failed or never came refuses this
   * one: its sender sends them again, in order.
   */
  private async inTurn(peer: string, bundleId: string, after: string | undefined): Promise<void> {
    if (after === undefined) return;
    const deadline = Date.now() + TURN_WAIT_MS;
    for (;;) {
      const before = this.arriving.get(after);
      if (before) await before.catch(() => undefined);
      const stored = await findBundle(this.deps.database.db, after);
      if (stored?.direction === 'received' && stored.party === peer) return;
      if (before || stored || Date.now() >= deadline) throw new AccordError('conflict', federationMessage('outOfTurn', { bundle: bundleId, after }));
      await delay(TURN_POLL_MS);
    }
  }

  /**
   * Verifies and validates a bundle at once, then, in its turn, answers a resend with its receipt
   * or ingests, ledgers and receipts it. The checks read nothing but the peer's keys (kept), so they
   * run while the bundle before this one is written.
   */
  private async take(
    collection: string, principal: PeerPrincipal, push: PushHeaders & { bundleId: string; signature: string }, objects: readonly unknown[], locale: Locale, refuse: (reason: string) => Promise<never>,
  ): Promise<Record<string, unknown>> {
    const { database, clock, party } = this.deps;
    const { bundleId, signature } = push;
    const canonical = objects.map((o) => canonicalJson(o));
    const payload = canonicalBundle(bundleId, canonical);
    const signedBy = await this.deps.delivery.signedBy(principal.party, payload, signature);
    if (!signedBy.has('node')) return refuse('no valid node signature');
    if (!signedBy.has('authority')) return refuse('no valid authority signature');
    // Canonicalised once, for the signature: ingest stores that text and hashes it once for the ledger too.
    const checked = this.deps.taxii.check(objects.map((value, index) => ({ index, value, canonical: canonical[index] })));

    await this.inTurn(principal.party, bundleId, push.after);
    const seen = await findBundle(database.db, bundleId);
    if (seen) {
      if (seen.direction !== 'received' || seen.party !== principal.party || !seen.receipt || !seen.receiptSignature) return refuse('bundle id already used');
      return { ...replayStatus(seen.receipt), x_accord_receipt: { payload: JSON.parse(seen.receipt) as unknown, signature: seen.receiptSignature } };
    }
    const outcomes: ObjectOutcome[] = [];
    const status = await this.deps.taxii.add(collection, checked, principal, locale, async (batch) => {
      outcomes.push(...batch);
    });
    outcomes.sort((a, b) => a.index - b.index);

    const now = clock.nowMicros();
    // Members in canonical order, so that its canonical text is a plain stringify.
    const receipt: Receipt = {
      bundle_id: bundleId, bundle_sha256: payloadHash(payload), from: principal.party, received: new Date(now / 1000).toISOString(),
      results: outcomes.map((o) => ({ id: o.id ?? `(element ${o.index})`, status: o.status, version: o.version })), to: party, type: 'accord-receipt',
    };
    const text = receiptText(receipt);
    const receiptJws = encodeJws(await signDetached(text, [{ key: await this.deps.keys.active('node'), party }], RECEIPT_TYPE));
    // Each element's version and content hash, worked out once for the ledger and the bundle record.
    const versions = outcomes.map((o) => versionMicros(objects[o.index]));
    const hashes = outcomes.map((o) => o.hash ?? sha256Hex(canonical[o.index] ?? ''));
    await database.db.transaction().execute(async (trx) => {
      const keys = outcomes.flatMap((o, i) => (o.status !== 'rejected' && o.id ? [{ objectId: o.id, versionUs: versions[i] ?? 0, hash: hashes[i] ?? '', objectSeq: o.seq ?? null }] : []));
      const already = await crossed(trx, database, principal.party, 'received', keys.flatMap((k) => (k.objectSeq === null ? [] : [k.objectSeq])));
      await insertBundle(trx, database, {
        id: bundleId, direction: 'received', party: principal.party, createdUs: now, objectCount: objects.length, sha256: receipt.bundle_sha256, signature,
        receipt: text, receiptSignature: receiptJws, receiptUs: now,
      }, outcomes.map((o, i) => ({
        bundleId, idx: o.index, objectId: o.id ?? `(element ${o.index})`, versionUs: versions[i] ?? 0, hash: hashes[i] ?? '',
        refusedBody: o.status === 'rejected' ? (canonical[o.index] ?? null) : null, objectSeq: o.status === 'rejected' ? null : (o.seq ?? null),
      })));
      const records: LedgerRecord[] = keys
        .filter((k) => k.objectSeq === null || !already.has(k.objectSeq))
        .map((k) => ({ kind: 'received', party: principal.party, objectId: k.objectId, versionUs: k.versionUs, contentHash: k.hash, bundleId, objectSeq: k.objectSeq }));
      records.push({ kind: 'receipt-sent', party: principal.party, contentHash: payloadHash(text), bundleId, signature: receiptJws });
      await this.deps.ledger.append(trx, records);
      await updatePeer(trx, principal.party, { lastContactUs: now });
    });
    this.deps.events.publish({ type: 'federation.bundle-received', at: new Date(now / 1000).toISOString(), data: { party: principal.party, bundleId, objects: receipt.results } });
    return { ...status, x_accord_receipt: { payload: receipt, signature: receiptJws } };
  }
}

/** A TAXII status resource rebuilt from a stored receipt (the answer to a resent bundle). */
function replayStatus(receiptText: string): Record<string, unknown> {
  const receipt = JSON.parse(receiptText) as Receipt;
  const ok = receipt.results.filter((r) => r.status !== 'rejected');
  const failed = receipt.results.filter((r) => r.status === 'rejected');
  return {
    id: receipt.bundle_id.replace('bundle--', ''), status: 'complete', request_timestamp: receipt.received, total_count: receipt.results.length,
    success_count: ok.length, successes: ok.map((r) => ({ id: r.id, version: r.version, message: r.status })),
    failure_count: failed.length, failures: failed.map((r) => ({ id: r.id, version: r.version, message: r.status })), pending_count: 0, pendings: [],
  };
}

export { BUNDLE_TYPE };
