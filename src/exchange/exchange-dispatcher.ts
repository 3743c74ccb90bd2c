import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { NodeEvent } from '../events/event-bus.js';
import type { IngestListener, ObjectOutcome } from '../ingest/ingest.service.js';
import type { StixObject } from '../objects/object-row.js';
import { identifierType } from '../stix/stix-identifier.js';
import { advanceCursorOver, arrivalsAfter, newestStored, readCursor, writeCursor } from './exchange.repository.js';

/** What a domain does with an exchange object a peer sent (must be idempotent: objects may come twice). */
export type ArrivalHandler = (object: StixObject, from: string) => Promise<void>;

/** One object of a signed delivery receipt, as federation reports it. */
export interface ReceiptItem {
  readonly id: string;
  readonly version: string | null;
  readonly status: string;
}

/** What a domain does when a peer's node confirms it stored objects this node sent. */
export type ReceiptHandler = (party: string, items: readonly ReceiptItem[], atUs: number) => Promise<void>;

const CATCH_UP_BATCH = 500;
/** Objects stored longer ago than this have had their listeners run, or never will (the process died). */
const SETTLED_US = 60_000_000;

function receiptOf(event: NodeEvent): { party: string; items: ReceiptItem[] } | undefined {
  const { party, objects } = event.data;
  if (typeof party !== 'string' || !Array.isArray(objects)) return undefined;
  const items = objects.filter((o): o is ReceiptItem => typeof o === 'object' && o !== null && typeof (o as ReceiptItem).id === 'string');
  return { party, items };
}

/**
 * Routes exchange objects that peers send to the domains that own their kinds, and delivery
 * receipts to the domains that sent them. Arrivals are handled after they are stored; a cursor
 * over the store lets a restarted node handle what arrived while a handler was not running.
 */
export class ExchangeDispatcher {
  private readonly arrivals = new Map<string, ArrivalHandler[]>();
  private readonly receipts: Array<{ types: ReadonlySet<string>; handler: ReceiptHandler }> = [];
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { database: Database; logger: Logger; now: () => number }) {}

  /** Routes arrivals of these STIX types to the handler (several domains may handle one type). */
  onArrival(types: readonly string[], handler: ArrivalHandler): void {
    for (const type of types) this.arrivals.set(type, [...(this.arrivals.get(type) ?? []), handler]);
  }

  /**
   * Routes the receipted objects of these STIX types to the handler. A receipt lists every object
   * of a bundle, mostly of kinds no domain tracks; handing those over cost a lookup per object.
   */
  onReceipt(types: readonly string[], handler: ReceiptHandler): void {
    this.receipts.push({ types: new Set(types), handler });
  }

  /** The ingest listener: hands what a peer sent to its domain, in arrival order. */
  readonly ingestListener: IngestListener = async (outcomes, target) => {
    const from = target.originParty;
    if (!from) return this.passOwnVersions(outcomes);
    let last = 0;
    for (const outcome of outcomes) {
      if ((outcome.status !== 'new' && outcome.status !== 'updated') || !outcome.object) continue;
      await this.handle(outcome.object, from);
      last = Math.max(last, outcome.seq ?? 0);
    }
    if (last > 0) await writeCursor(this.deps.database.db, last);
  };

  /**
   * Moves the cursor over a batch of this node's own versions that directly follows it, so that the
   * next start's catch-up does not read them: after 100,000 objects were imported into a stopped
   * node, its catch-up read them all before the node answered (~300 ms). SQLite only: there a
   * batch's versions are one transaction's, numbered in a row with nothing between them. PostgreSQL
   * draws seqs for concurrent transactions; there the catch-up passes versions once they are settled.
   */
  private async passOwnVersions(outcomes: readonly ObjectOutcome[]): Promise<void> {
    const { database } = this.deps;
    if (database.dialect !== 'sqlite') return;
    let first = Infinity;
    let last = 0;
    for (const { status, seq } of outcomes) {
      if ((status !== 'new' && status !== 'updated') || seq === undefined) continue;
      first = Math.min(first, seq);
      last = Math.max(last, seq);
    }
    if (last === 0) return;
    // A store's first versions: there is no cursor to follow yet, so it starts here.
    if (first <= 1) await writeCursor(database.db, last);
    else await advanceCursorOver(database.db, first, last);
  }

  /** The event listener for federation's delivery receipts. */
  readonly eventListener = (event: NodeEvent): void => {
    if (event.type !== 'federation.receipt') return;
    const receipt = receiptOf(event);
    if (!receipt) return;
    const at = this.deps.now();
    this.pending = this.pending.then(async () => {
      for (const { types, handler } of this.receipts) {
        const items = receipt.items.filter((i) => types.has(identifierType(i.id) ?? ''));
        if (items.length === 0) continue;
        try {
          await handler(receipt.party, items, at);
        } catch (error) {
          this.deps.logger.error({ err: error, party: receipt.party }, 'handling a delivery receipt failed');
        }
      }
    });
  };

  /** Resolves when every receipt received so far has been handled (tests, orderly shutdown). */
  async settled(): Promise<void> {
    await this.pending;
  }

  /** Handles arrivals stored after the cursor (after a restart); returns how many it handled. */
  async catchUp(): Promise<number> {
    const types = [...this.arrivals.keys()];
    if (types.length === 0) return 0;
    const { database } = this.deps;
    // Read before the scan, so that on SQLite every version up to it is one the scan sees.
    const newest = await newestStored(database.db);
    let handled = 0;
    for (;;) {
      const cursor = await readCursor(database.db);
      const rows = await arrivalsAfter(database.db, cursor, types, CATCH_UP_BATCH);
      for (const row of rows) {
        await this.handle(JSON.parse(row.body) as StixObject, row.originParty);
        handled++;
      }
      const last = rows.at(-1);
      if (last) await writeCursor(database.db, last.seq);
      if (rows.length < CATCH_UP_BATCH) break;
    }
    // Nothing up to `newest` is left to handle: move the cursor past the node's own versions too,
    // so that the next catch-up does not read them again (~200 ms after importing 100,000 objects).
    // SQLite stores versions one writer at a time, in seq order, so none below `newest` can appear
    // later. PostgreSQL draws seqs before it commits: a version below `newest` may still be on its
    // way, so the cursor moves only past versions stored long enough ago to be settled.
    if (newest && (database.dialect === 'sqlite' || newest.storedUs < this.deps.now() - SETTLED_US)) await writeCursor(database.db, newest.seq);
    return handled;
  }

  private async handle(object: StixObject, from: string): Promise<void> {
    for (const handler of this.arrivals.get(object.type) ?? []) {
      try {
        await handler(object, from);
      } catch (error) {
        // A peer's object this node cannot place must not fail the peer's delivery: log it.
        this.deps.logger.error({ err: error, id: object.id, from }, 'handling an exchange object failed');
      }
    }
  }
}
