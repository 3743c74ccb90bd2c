import { randomUUID } from 'node:crypto';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import { formatMicros } from '../clock/timestamp.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { Locale } from '../i18n/locale.js';
import type { BundleElement } from '../ingest/bundle-reader.js';
import { addToSummary, emptySummary, idOf, type CheckedElements, type IngestPipeline, type IngestSummary, type ObjectOutcome } from '../ingest/ingest.service.js';
import { refusalLine } from '../ingest/outcome-text.js';
import { deleteFromCollection, pageCollection, type CollectionEntry } from '../objects/objects.repository.js';
import { audienceOf, type ReleaseService } from '../protection/release.service.js';
import type { ReleaseFacts } from '../protection/release-policy.js';
import { collectionTitle, type CollectionAccess, type CollectionsService } from './collections.service.js';
import type { CollectionRow } from './collections.repository.js';
import { encodeNext, MAX_PAGE, type TaxiiQuery } from './taxii-query.js';
import { taxiiMessage } from './taxii.messages.js';
import { findStatus, insertStatus, type StatusRow } from './status.repository.js';

export const TAXII_MEDIA = 'application/taxii+json;version=2.1';
export const STIX_MEDIA = 'application/stix+json;version=2.1';

export interface TaxiiSettings {
  /** What the server's title and description are made of, said in each reader's language. */
  readonly node: NodeNames;
  readonly contact: string;
  readonly apiRoot: string;
  readonly maxContentLength: number;
}

/** Whose server this is: the node's Party and the agreement profile its API root serves. */
export interface NodeNames {
  readonly party: string;
  readonly profile: string;
}

/** A page of results with the TAXII date headers; `json` is the response body, already serialised. */
export interface TaxiiPage {
  readonly json: string;
  readonly first: string | undefined;
  readonly last: string | undefined;
}

export function factsOfEntry(entry: Pick<CollectionEntry, 'id' | 'type' | 'tlp' | 'originParty' | 'markingRefs' | 'hasGranular'>): ReleaseFacts {
  return {
    id: entry.id,
    type: entry.type,
    tlp: entry.tlp,
    originParty: entry.originParty,
    markingRefs: entry.markingRefs ? (JSON.parse(entry.markingRefs) as string[]) : [],
    hasGranular: entry.hasGranular === 1,
  };
}

export interface TaxiiDeps {
  readonly database: Database;
  readonly collections: CollectionsService;
  readonly ingest: IngestPipeline;
  readonly release: ReleaseService;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly settings: TaxiiSettings;
}

/** TAXII 2.1 server logic, free of HTTP: the routes only translate. */
export class TaxiiService {
  constructor(private readonly deps: TaxiiDeps) {}

  discovery(locale: Locale): Record<string, unknown> {
    const s = this.deps.settings;
    return { ...this.described(locale), contact: s.contact, default: s.apiRoot, api_roots: [s.apiRoot] };
  }

  apiRoot(locale: Locale): Record<string, unknown> {
    const s = this.deps.settings;
    return { ...this.described(locale), versions: [TAXII_MEDIA], max_content_length: s.maxContentLength };
  }

  /** The server's title and description in the reader's language. */
  private described(locale: Locale): { title: string; description: string } {
    const { party, profile } = this.deps.settings.node;
    return {
      title: taxiiMessage('nodeTitle', { party }).text(locale),
      description: taxiiMessage('nodeDescription', { party, profile }).text(locale),
    };
  }

  async collections(principal: Principal, locale: Locale): Promise<Record<string, unknown>> {
    const rows = await this.deps.collections.visibleTo(principal);
    return { collections: rows.map((row) => collectionResource(row, locale)) };
  }

  async collection(idOrAlias: string, principal: Principal, locale: Locale): Promise<Record<string, unknown>> {
    return collectionResource(await this.permitted(idOrAlias, principal, 'collection'), locale);
  }

  /**
   * The collection, if the principal may do this with it. A refusal is audited once per request:
   * a refused read is a denied release, a refused write a refused mutation. A collection the
   * principal may not even see stays a 404, audited all the same.
   */
  private async permitted(idOrAlias: string, principal: Principal, operation: TaxiiOperation): Promise<CollectionRow & CollectionAccess> {
    const collection = await this.deps.collections.find(idOrAlias, principal);
    if (!collection) throw new AccordError('not-found', taxiiMessage('noCollection', { id: idOrAlias }));
    if (allows(collection, principal, operation)) return collection;
    await this.deps.audit.record({
      actor: principal, action: auditActions[operation], outcome: 'denied', targetType: 'collection', targetId: collection.alias, detail: { operation },
    });
    if (!collection.canRead && !collection.canWrite) throw new AccordError('not-found', taxiiMessage('noCollection', { id: idOrAlias })).markAudited();
    throw new AccordError('forbidden', taxiiMessage(refusals[operation])).markAudited();
  }

  /** Pages through a collection, releasing only what the policy allows this principal. */
  private async page(idOrAlias: string, operation: ReadOperation, query: TaxiiQuery, principal: Principal, withBody: boolean, onlyId?: string) {
    const collection = await this.permitted(idOrAlias, principal, operation);
    const after = Math.max(query.addedAfterUs ?? -1, query.nextUs ?? -1);
    const { entries, more } = await pageCollection(this.deps.database.db, {
      collectionId: collection.id,
      addedAfterUs: after >= 0 ? after : undefined,
      ids: onlyId ? [onlyId] : query.ids,
      types: query.types,
      specVersions: query.specVersions,
      versions: query.versions,
      limit: query.limit,
      withBody,
    });
    const audience = audienceOf(principal);
    const released = await this.deps.release.filter(entries, factsOfEntry, audience, principal.kind === 'peer' ? 'sync' : 'read', principal);
    const scannedLast = entries.at(-1)?.dateAddedUs;
    return {
      released,
      more,
      next: more && scannedLast !== undefined ? encodeNext(scannedLast) : undefined,
      first: released[0] ? formatMicros(released[0].dateAddedUs) : undefined,
      last: released.at(-1) ? formatMicros(released.at(-1)?.dateAddedUs ?? 0) : undefined,
    };
  }

  async objects(idOrAlias: string, query: TaxiiQuery, principal: Principal): Promise<TaxiiPage> {
    const page = await this.page(idOrAlias, 'objects', query, principal, true);
    return { json: envelope(page.more, page.next, await this.bodies(page.released, principal)), first: page.first, last: page.last };
  }

  /** The bodies a principal receives: granular markings honoured for peers (a user here reads the whole object). */
  private async bodies(entries: ReadonlyArray<Parameters<typeof factsOfEntry>[0] & { body?: string | null }>, principal: Principal): Promise<string[]> {
    const audience = audienceOf(principal);
    const bodies: string[] = [];
    for (const entry of entries) {
      const body = await this.deps.release.bodyFor(entry.body ?? 'null', factsOfEntry(entry), audience, principal.kind === 'peer' ? 'sync' : 'read', principal);
      if (body !== undefined) bodies.push(body);
    }
    return bodies;
  }

  async object(idOrAlias: string, id: string, query: TaxiiQuery, principal: Principal): Promise<TaxiiPage> {
    const page = await this.page(idOrAlias, 'object', query, principal, true, id);
    if (page.released.length === 0 && query.nextUs === undefined) {
      throw new AccordError('not-found', taxiiMessage('noObject', { id }));
    }
    return { json: envelope(page.more, page.next, await this.bodies(page.released, principal)), first: page.first, last: page.last };
  }

  async versions(idOrAlias: string, id: string, query: TaxiiQuery, principal: Principal): Promise<TaxiiPage> {
    const page = await this.page(idOrAlias, 'versions', { ...query, versions: { first: false, last: false, all: true, exact: [] } }, principal, false, id);
    if (page.released.length === 0 && query.nextUs === undefined) throw new AccordError('not-found', taxiiMessage('noObject', { id }));
    const versions = page.released.map((e) => formatMicros(e.versionUs)).sort();
    return { json: JSON.stringify({ more: page.more, ...(page.next ? { next: page.next } : {}), versions }), first: page.first, last: page.last };
  }

  async manifest(idOrAlias: string, query: TaxiiQuery, principal: Principal): Promise<TaxiiPage> {
    const page = await this.page(idOrAlias, 'manifest', query, principal, false);
    const objects = page.released.map((e) => ({ id: e.id, date_added: formatMicros(e.dateAddedUs), version: formatMicros(e.versionUs), media_type: STIX_MEDIA }));
    return { json: JSON.stringify({ more: page.more, ...(page.next ? { next: page.next } : {}), ...(objects.length ? { objects } : {}) }), first: page.first, last: page.last };
  }

  /**
   * Adds the objects of an envelope to a collection through the one ingest pipeline; returns the
   * status resource. If storing fails part-way, what was stored stays, the status resource still
   * ends complete with the objects not stored counted as failures, and the error names it.
   */
  async add(
    idOrAlias: string, input: readonly BundleElement[] | CheckedElements, principal: Principal, locale: Locale, onOutcomes?: (o: ObjectOutcome[]) => Promise<void>,
  ): Promise<Record<string, unknown>> {
    const collection = await this.permitted(idOrAlias, principal, 'add');
    const progress: AddProgress = { requestUs: this.deps.clock.nowMicros(), successes: [], failures: [], summary: emptySummary(), seen: new Set() };
    const originParty = principal.kind === 'peer' ? principal.party : null;
    const elements = 'checked' in input ? input.elements : input;
    try {
      for await (const outcomes of this.deps.ingest.ingest('checked' in input ? input : [input], { collectionId: collection.id, originParty, actor: principal })) {
        recordOutcomes(progress, outcomes, locale);
        await onOutcomes?.(outcomes);
      }
    } catch (error) {
      const unstored = elements.filter((e) => !progress.seen.has(e.index));
      progress.failures.push(...unstored.map((e) => ({ id: idOf(e.value) ?? `(element ${e.index})`, message: taxiiMessage('notStored').text(locale) })));
      // When even the status cannot be written (the store is gone), the cause is what must reach the log.
      const row = await this.finish(collection, principal, progress, elements.length, 'failed').catch(() => Promise.reject(error as Error));
      throw new AccordError('internal', taxiiMessage('stoppedPartWay', { processed: progress.seen.size, total: elements.length, status: row.id }), { cause: error });
    }
    return statusResource(await this.finish(collection, principal, progress, elements.length, 'ok'));
  }

  /** Validates elements for a later `add` (a peer's bundle, while the one before it is stored). */
  check(elements: readonly BundleElement[]): CheckedElements {
    return this.deps.ingest.check(elements);
  }

  /** Stores the (complete) status resource of an add and audits the add. */
  private async finish(collection: Pick<CollectionRow, 'id' | 'alias'>, principal: Principal, progress: AddProgress, total: number, outcome: 'ok' | 'failed'): Promise<StatusRow> {
    const { successes, failures, summary } = progress;
    const row: StatusRow = {
      id: randomUUID(), collectionId: collection.id, owner: principal.kind === 'user' ? principal.name : `peer:${principal.party}`, status: 'complete',
      requestUs: progress.requestUs, totalCount: total, successCount: successes.length, failureCount: failures.length, pendingCount: 0,
      successes: JSON.stringify(successes), failures: JSON.stringify(failures), pendings: '[]',
    };
    await insertStatus(this.deps.database.db, row);
    const notStored = total - progress.seen.size;
    await this.deps.audit.record({
      actor: principal, action: 'taxii.add', outcome, targetType: 'collection', targetId: collection.alias, detail: { ...summary, ...(notStored ? { notStored } : {}), status: row.id },
    });
    return row;
  }

  async status(id: string, principal: Principal): Promise<Record<string, unknown>> {
    const row = await findStatus(this.deps.database.db, id);
    const owner = principal.kind === 'user' ? principal.name : `peer:${principal.party}`;
    if (!row || (row.owner !== owner && !(principal.kind === 'user' && principal.role === 'admin')))
      throw new AccordError('not-found', taxiiMessage('noStatus', { id }));
    return statusResource(row);
  }

  async remove(idOrAlias: string, id: string, query: TaxiiQuery, principal: Principal): Promise<void> {
    const collection = await this.permitted(idOrAlias, principal, 'delete');
    const exact = await this.versionsToDelete(collection.id, id, query);
    const removed = exact?.length === 0 ? 0 : await deleteFromCollection(this.deps.database.db, collection.id, id, exact);
    if (removed === 0) throw new AccordError('not-found', taxiiMessage('noObject', { id }));
    await this.deps.audit.record({ actor: principal, action: 'taxii.delete', targetType: 'object', targetId: id, detail: { collection: collection.alias, versions: removed } });
  }

  /** The versions a DELETE's match[version] and match[spec_version] select; undefined for every version. */
  private async versionsToDelete(collectionId: string, id: string, query: TaxiiQuery): Promise<number[] | undefined> {
    if (query.versions.all && !query.specVersions) return undefined;
    // first and last are relative to the versions in this collection, so they are resolved as a read would.
    const versions: number[] = [];
    let after: number | undefined;
    for (;;) {
      const { entries, more } = await pageCollection(this.deps.database.db, {
        collectionId, addedAfterUs: after, ids: [id], specVersions: query.specVersions, versions: query.versions, limit: MAX_PAGE, withBody: false,
      });
      versions.push(...entries.map((e) => e.versionUs));
      if (!more) return versions;
      after = entries.at(-1)?.dateAddedUs;
    }
  }
}

interface AddProgress {
  readonly requestUs: number;
  readonly successes: Array<Record<string, unknown>>;
  readonly failures: Array<Record<string, unknown>>;
  readonly summary: IngestSummary;
  /** Indexes of the elements that have an outcome. */
  readonly seen: Set<number>;
}

function recordOutcomes(progress: AddProgress, outcomes: readonly ObjectOutcome[], locale: Locale): void {
  addToSummary(progress.summary, outcomes);
  for (const o of outcomes) {
    progress.seen.add(o.index);
    const entry = { id: o.id ?? `(element ${o.index})`, ...(o.version ? { version: o.version } : {}) };
    if (o.status === 'rejected') progress.failures.push({ ...entry, message: refusalLine(o, locale, 5) });
    else progress.successes.push({ ...entry, message: o.status });
  }
}

function envelope(more: boolean, next: string | undefined, bodies: string[]): string {
  const head = `{"more":${more}${next ? `,"next":${JSON.stringify(next)}` : ''}`;
  return bodies.length ? `${head},"objects":[${bodies.join(',')}]}` : `${head}}`;
}

type ReadOperation = 'objects' | 'object' | 'versions' | 'manifest';
type TaxiiOperation = 'collection' | ReadOperation | 'add' | 'delete';

const auditActions: Record<TaxiiOperation, string> = {
  collection: 'taxii.read', objects: 'taxii.read', object: 'taxii.read', versions: 'taxii.read', manifest: 'taxii.read', add: 'taxii.add', delete: 'taxii.delete',
};

const refusals = {
  collection: 'cannotRead', objects: 'cannotRead', object: 'cannotRead', versions: 'cannotRead', manifest: 'cannotRead', add: 'cannotWrite', delete: 'cannotDelete',
} as const satisfies Record<TaxiiOperation, string>;

function allows(collection: CollectionRow & CollectionAccess, principal: Principal, operation: TaxiiOperation): boolean {
  switch (operation) {
    case 'collection':
      return collection.canRead || collection.canWrite;
    case 'add':
      return collection.canWrite;
    case 'delete':
      return collection.canWrite && collection.kind === 'intel' && principal.kind === 'user' && principal.role === 'admin';
    case 'objects':
    case 'object':
    case 'versions':
    case 'manifest':
      return collection.canRead;
  }
}

function collectionResource(row: CollectionRow & CollectionAccess, locale: Locale) {
  return {
    id: row.id,
    title: collectionTitle(row, locale),
    ...(row.description ? { description: row.description } : {}),
    alias: row.alias,
    can_read: row.canRead,
    can_write: row.canWrite,
    media_types: [STIX_MEDIA],
  };
}

function statusResource(row: StatusRow): Record<string, unknown> {
  return {
    id: row.id,
    status: row.status,
    request_timestamp: formatMicros(row.requestUs),
    total_count: row.totalCount,
    success_count: row.successCount,
    successes: JSON.parse(row.successes) as unknown,
    failure_count: row.failureCount,
    failures: JSON.parse(row.failures) as unknown,
    pending_count: row.pendingCount,
    pendings: JSON.parse(row.pendings) as unknown,
  };
}
