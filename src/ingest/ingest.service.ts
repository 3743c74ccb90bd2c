import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import { formatMicros } from '../clock/timestamp.js';
import type { Message } from '../i18n/messages.js';
import { prepareObject, type StixObject } from '../objects/object-row.js';
import type { ObjectWriter, WriteItem, WriteResult, WriteStatus } from '../objects/objects.writer.js';
import type { BundleElement, ElementSource } from './bundle-reader.js';
import { ingestMessage } from './ingest.messages.js';

/** One problem the validator found in an object. */
export interface ValidationIssue {
  readonly path: string;
  /** Said in the language of whoever reads the outcome. */
  readonly message: Message;
  /** 0-based offset into the property's text, when the problem has one (pattern syntax). */
  readonly position?: number;
  readonly rule?: string;
  readonly severity?: 'error' | 'warning';
}

export type ValidateObject = (value: unknown) => { valid: boolean; issues: readonly ValidationIssue[] };

/** What search and the release policy need from an object, derived by the STIX domain. */
export type DescribeObject = (object: StixObject) => { tlp: string | null; name: string | null; description: string | null };

/**
 * A gate objects must pass before they are stored (the accreditation ceiling, the release policy
 * for outboxes): given a batch of valid objects, says for each why it is refused, or undefined.
 */
export type AdmissionCheck = (objects: readonly StixObject[], target: IngestTarget) => Promise<ReadonlyArray<Message | undefined>> | ReadonlyArray<Message | undefined>;

export interface IngestTarget {
  readonly collectionId: string;
  /** The Party whose node sent the objects; null for this node's own users. */
  readonly originParty: string | null;
  /** Who is writing, for the audit of refusals. */
  readonly actor?: Principal | 'system';
}

export type OutcomeStatus = Exclude<WriteStatus, 'conflict' | 'not-originator'> | 'rejected';

/** The fate of one input element, reported per object to the user or peer who sent it. */
export interface ObjectOutcome {
  readonly index: number;
  readonly id: string | null;
  readonly version: string | null;
  readonly status: OutcomeStatus;
  /** TAXII date_added, when this call added the version to the collection. */
  readonly dateAdded?: string;
  readonly seq?: number;
  readonly reason?: Message;
  readonly issues?: readonly ValidationIssue[];
  /** The stored object, for listeners that publish or ledger what arrived. */
  readonly object?: StixObject;
  /** SHA-256 of the object's canonical form, as stored (so that the ledger need not hash it again). */
  readonly hash?: string;
}

export interface IngestSummary {
  total: number;
  new: number;
  updated: number;
  duplicate: number;
  rejected: number;
}

/** Told of each stored batch after it commits: events, metrics, correlation, federation. */
export type IngestListener = (outcomes: readonly ObjectOutcome[], target: IngestTarget) => void | Promise<void>;

export interface IngestDeps {
  readonly writer: ObjectWriter;
  readonly listeners: IngestListener[];
  readonly validate: ValidateObject;
  readonly describe: DescribeObject;
  readonly admission: readonly AdmissionCheck[];
  readonly clock: Clock;
}

interface CheckedBatch {
  readonly elements: BundleElement[];
  readonly outcomes: Array<ObjectOutcome | undefined>;
  readonly objects: StixObject[];
  /** The stored rows of `objects`, derived with them (canonical form, hash, search text). */
  readonly items: WriteItem[];
  readonly positions: number[];
  /** Characters of the canonical bodies in `items`. */
  bodyChars: number;
}

/**
 * Elements validated and turned into rows ahead of storing (CPU only, nothing read or stored):
 * a peer's bundle is checked while the bundle before it is written, and stored in its turn.
 */
export interface CheckedElements {
  readonly elements: readonly BundleElement[];
  readonly checked: CheckedBatch;
}

/**
 * A checked batch of at least this many objects is written off the main thread (on SQLite), so
 * that the next peer bundle is checked meanwhile; a smaller one (an early warning) is written
 * inline, where the hop to the thread and back would only add to its latency.
 */
const OFF_THREAD_OBJECTS = 256;

/** A batch after its transaction: the objects admission kept, their rows and what the writer said of each. */
interface WrittenBatch {
  readonly batch: CheckedBatch;
  readonly objects: readonly StixObject[];
  readonly items: readonly WriteItem[];
  readonly positions: readonly number[];
  readonly results: readonly WriteResult[];
}

function emptyBatch(): CheckedBatch {
  return { elements: [], outcomes: [], objects: [], items: [], positions: [], bodyChars: 0 };
}

/** The promise itself, awaited later: a failure meanwhile does not count as unhandled. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function pick<T>(values: readonly T[], indexes: readonly number[]): T[] {
  return indexes.map((i) => values[i] as T);
}

/**
 * A batch also ends at this many characters of canonical JSON. It bounds a batch's memory when
 * objects are large (4,000 objects of 100 kB each were 400 MB at once), and it cuts a bundle of
 * large objects into batches that overlap on the write thread (ATT&CK files are under 4,000
 * objects, so each was one batch, validated and then written, with nothing alongside): ATT&CK
 * Mobile 7.6–9.7 MB/s against 6.1–8.1 without (alternating runs). Batches of indicators (~370
 * characters each) now end at ~2,700 objects: no change measured (12.7–13.8k against 12.6–13.0k/s).
 */
const BATCH_CHARS = 1_000_000;

export function emptySummary(): IngestSummary {
  return { total: 0, new: 0, updated: 0, duplicate: 0, rejected: 0 };
}

export function addToSummary(summary: IngestSummary, outcomes: readonly ObjectOutcome[]): IngestSummary {
  for (const o of outcomes) {
    summary.total++;
    summary[o.status]++;
  }
  return summary;
}

/** The id of a bundle element, if it has a string one. */
export function idOf(value: unknown): string | null {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;
}

function versionOf(object: StixObject): string | null {
  const v = object.modified ?? object.created;
  return typeof v === 'string' ? v : null;
}

/**
 * The one ingest pipeline every path in uses (TAXII writes, peer pushes, imports, API writes):
 * validate, admit, store with collection membership, in batches that are each one transaction.
 */
export class IngestPipeline {
  constructor(private readonly deps: IngestDeps) {}

  /** Adds a gate for objects before storage (wired at start-up by protection and federation). */
  addAdmissionCheck(check: AdmissionCheck): void {
    (this.deps.admission as AdmissionCheck[]).push(check);
  }

  /** Adds a listener for stored batches (wired at start-up by the domains that react to arrivals). */
  addListener(listener: IngestListener): void {
    this.deps.listeners.push(listener);
  }

  /**
   * Ingests a stream of bundle elements, yielding the outcomes of each stored batch. A batch is one
   * transaction: on SQLite, larger ones rewrite the same index pages less often (4,000 was ~13 %
   * faster than 2,000), while three batches in memory at once keep a 1,000,000-object import under
   * 400 MB (361 MB measured; 10,000 went past it).
   */
  async *ingest(source: ElementSource | CheckedElements, target: IngestTarget, batchSize = 4000): AsyncGenerator<ObjectOutcome[]> {
    if ('checked' in source) {
      yield await this.storeBatch(source.checked, target, source.checked.items.length >= OFF_THREAD_OBJECTS);
      await this.deps.writer.indexed();
      return;
    }
    this.deps.writer.streamStarts?.();
    // One batch is stored while the next is read and validated: on PostgreSQL the database works on
    // another core meanwhile. Each element is validated as it is read, not all at the batch's end:
    // a long stretch of validation would hold up the stored batch's next statement, and the two
    // processes would take turns instead of working at once. Batches are still admitted and
    // stored strictly one after another, and their listeners told in the same order.
    let batch = emptyBatch();
    let writing: Promise<WrittenBatch> | undefined;
    let telling: Promise<ObjectOutcome[]> | undefined;
    for await (const run of source) {
      for (const element of run) {
        this.checkInto(batch, element);
        if (batch.elements.length < batchSize && batch.bodyChars < BATCH_CHARS) continue;
        // An ordered writer (SQLite's) takes the next batch at once and reads it while it writes the
        // last; any other gets it once the last is written. Either way it goes before the batch just
        // written has its outcomes made and its listeners told: done first, they kept the SQLite
        // write thread idle ~9 ms a batch.
        const next = this.deps.writer.ordered ? settledLater(this.writeBatch(batch, target, true)) : undefined;
        const written = writing ? await writing : undefined;
        if (telling) yield await telling;
        writing = next ?? settledLater(this.writeBatch(batch, target, true));
        if (written) telling = settledLater(this.tell(this.outcomesOf(written), target));
        batch = emptyBatch();
      }
    }
    // The last batch of several goes to an ordered writer at once too, so that the batch before has
    // its listeners told while it is written; a lone batch is written as it always is.
    const last = batch.elements.length && writing && this.deps.writer.ordered ? settledLater(this.writeBatch(batch, target, true)) : undefined;
    const written = writing ? await writing : undefined;
    if (telling) yield await telling;
    if (written) yield await this.tell(this.outcomesOf(written), target);
    if (last) yield await this.tell(this.outcomesOf(await last), target);
    else if (batch.elements.length) yield await this.storeBatch(batch, target);
    await this.deps.writer.indexed();
  }

  /** Resolves once everything stored so far is searchable. */
  indexed(): Promise<void> {
    return this.deps.writer.indexed();
  }

  /** Makes searchable what a stopped process stored but did not index (run at start-up). */
  recoverIndex(): Promise<number> {
    return this.deps.writer.recover();
  }

  /**
   * Validates elements and derives their rows now, to be stored later by `ingest` (in one batch,
   * so at most one batch's worth of elements).
   */
  check(elements: readonly BundleElement[]): CheckedElements {
    const checked = emptyBatch();
    for (const element of elements) this.checkInto(checked, element);
    return { elements, checked };
  }

  /** Ingests already-parsed objects (API writes, tests, peers' bundles). */
  async ingestObjects(values: readonly unknown[], target: IngestTarget): Promise<ObjectOutcome[]> {
    return this.ingestBatch(values.map((value, index) => ({ index, value })), target);
  }

  private ingestBatch(elements: readonly BundleElement[], target: IngestTarget): Promise<ObjectOutcome[]> {
    const batch = emptyBatch();
    for (const element of elements) this.checkInto(batch, element);
    return this.storeBatch(batch, target);
  }

  /**
   * Validates one element and derives the row of a valid object (CPU only, nothing stored), so
   * that this work overlaps the storing of the batch before.
   */
  private checkInto(batch: CheckedBatch, element: BundleElement): void {
    const position = batch.elements.push(element) - 1;
    const checked = this.checkElement(element);
    if ('status' in checked) batch.outcomes[position] = checked;
    else {
      batch.objects.push(checked.object);
      const item = prepareObject(checked.object, this.deps.describe(checked.object), element.canonical);
      batch.items.push(item);
      batch.bodyChars += item.body.length;
      batch.positions.push(position);
    }
  }

  /** Admits and stores a checked batch in one transaction, then tells the listeners. */
  private async storeBatch(batch: CheckedBatch, target: IngestTarget, followed = false): Promise<ObjectOutcome[]> {
    return this.tell(this.outcomesOf(await this.writeBatch(batch, target, followed)), target);
  }

  /**
   * Admits and stores a checked batch in one transaction; resolves to what the writer said of each
   * object kept (`outcomesOf` makes the outcomes). `followed`: more of the stream is being validated
   * while this batch is written.
   */
  private async writeBatch(batch: CheckedBatch, target: IngestTarget, followed: boolean): Promise<WrittenBatch> {
    const { elements, outcomes } = batch;
    let { objects, items, positions } = batch;
    for (const admit of this.deps.admission) {
      if (objects.length === 0) break;
      const refusals = await admit(objects, target);
      if (refusals.every((r) => r === undefined)) continue;
      const kept = objects.map((_, i) => i).filter((i) => refusals[i] === undefined);
      refusals.forEach((refusal, i) => {
        const position = positions[i] ?? 0;
        const object = objects[i];
        if (refusal && object) outcomes[position] = { index: elements[position]?.index ?? position, id: object.id, version: versionOf(object), status: 'rejected', reason: refusal };
      });
      objects = pick(objects, kept);
      items = pick(items, kept);
      positions = pick(positions, kept);
    }
    const results = items.length ? await this.deps.writer.write({ collectionId: target.collectionId, originParty: target.originParty, nowUs: this.deps.clock.nowMicros(), items, followed }) : [];
    return { batch, objects, items, positions, results };
  }

  /** The outcome of every element of a written batch, in order. */
  private outcomesOf({ batch, objects, items, positions, results }: WrittenBatch): ObjectOutcome[] {
    const { elements, outcomes } = batch;
    results.forEach((result, i) => {
      const position = positions[i] ?? 0;
      const object = objects[i];
      const element = elements[position];
      const item = items[i];
      if (!object || !element || !item) return;
      outcomes[position] = this.outcomeOf(element.index, object, item.hash, result.status, result.seq, result.dateAddedUs);
    });
    return outcomes.filter((o): o is ObjectOutcome => o !== undefined);
  }

  /** Tells the listeners of a stored batch, one after another; resolves to the batch's outcomes. */
  private async tell(outcomes: ObjectOutcome[], target: IngestTarget): Promise<ObjectOutcome[]> {
    for (const listener of this.deps.listeners) await listener(outcomes, target);
    return outcomes;
  }

  private checkElement(element: BundleElement): ObjectOutcome | { object: StixObject } {
    const { index } = element;
    if (element.error !== undefined)
      return { index, id: null, version: null, status: 'rejected', reason: ingestMessage('notJson', { index, reason: element.error }) };
    const value = element.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { index, id: null, version: null, status: 'rejected', reason: ingestMessage('notAnObject', { index }) };
    const validation = this.deps.validate(value);
    const id = idOf(value);
    if (!validation.valid) {
      const issues = validation.issues.filter((i) => i.severity !== 'warning');
      return {
        index, id, version: null, status: 'rejected', issues,
        reason: ingestMessage('invalidObject', { index, id: id ?? '?', count: issues.length }),
      };
    }
    return { object: value as StixObject };
  }

  private outcomeOf(index: number, object: StixObject, hash: string, status: WriteStatus, seq: number | undefined, dateAddedUs: number | undefined): ObjectOutcome {
    const base = { index, id: object.id, version: versionOf(object) };
    if (status === 'conflict')
      return { ...base, status: 'rejected', reason: ingestMessage('conflict', { id: object.id, version: base.version ?? '' }) };
    if (status === 'not-originator') return { ...base, status: 'rejected', reason: ingestMessage('notOriginator', { id: object.id }) };
    // One literal per stored object (this runs for every object ingested); absent values stay absent.
    const outcome: { -readonly [K in keyof ObjectOutcome]: ObjectOutcome[K] } = { index, id: base.id, version: base.version, status, object, hash };
    if (seq !== undefined) outcome.seq = seq;
    if (dateAddedUs !== undefined) outcome.dateAdded = formatMicros(dateAddedUs);
    return outcome;
  }
}
