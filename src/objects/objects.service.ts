import { recipientsOfBody } from '../protection/recipients.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { formatMicros } from '../clock/timestamp.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { ElementSource } from '../ingest/bundle-reader.js';
import type { IngestPipeline, ObjectOutcome } from '../ingest/ingest.service.js';
import type { Metrics } from '../ops/metrics.js';
import type { Audience, ReleaseFacts } from '../protection/release-policy.js';
import { applyGranularMarkings } from '../protection/granular.js';
import { audienceOf, type ReleaseService } from '../protection/release.service.js';
import type { CollectionsService } from '../taxii/collections.service.js';
import type { CollectionRow } from '../taxii/collections.repository.js';
import type { ExportFilter } from './export-filter.js';
import { objectsMessage } from './objects.messages.js';
import { countObjects, searchObjects, versionsOf, type ObjectSearch } from './objects.repository.js';
import type { StixObject } from './object-row.js';
import { randomUUID } from 'node:crypto';
import { stixToMisp } from '../misp/misp-export.js';

export interface ObjectSummary {
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly tlp: string | null;
  readonly origin: string | null;
  readonly revoked: boolean;
  readonly stored: string;
  readonly object: StixObject;
}

/** The release policy's answer for one object version, per audience outside the node. */
export interface ReleasePreview {
  readonly id: string;
  readonly version: string;
  readonly tlp: string | null;
  readonly origin: string | null;
  readonly decisions: ReadonlyArray<{ audience: string; allow: boolean; rule: string; consentId?: string; withheld: string[] }>;
}

export interface ObjectsDeps {
  readonly database: Database;
  readonly release: ReleaseService;
  readonly ingest: IngestPipeline;
  readonly collections: CollectionsService;
  readonly audit: AuditService;
  readonly events: EventBus;
  readonly metrics: Metrics;
}

type Row = Awaited<ReturnType<typeof searchObjects>>[number];

export function factsOfRow(row: Pick<Row, 'id' | 'type' | 'tlp' | 'originParty' | 'markingRefs' | 'hasGranular'> & { body?: string }): ReleaseFacts {
  return {
    recipients: recipientsOfBody(row.tlp, row.body),
    id: row.id,
    type: row.type,
    tlp: row.tlp,
    originParty: row.originParty,
    markingRefs: row.markingRefs ? (JSON.parse(row.markingRefs) as string[]) : [],
    hasGranular: row.hasGranular === 1,
  };
}

function summary(row: Row): ObjectSummary {
  return {
    id: row.id, type: row.type, version: formatMicros(row.versionUs), tlp: row.tlp, origin: row.originParty, revoked: row.revoked === 1,
    stored: formatMicros(row.storedUs), object: JSON.parse(row.body) as StixObject,
  };
}

/** Threat information as the REST API, imports and exports see it: search, read, write, export. */
export class ObjectsService {
  constructor(private readonly deps: ObjectsDeps) {}

  /** Searches the latest versions; results and the total hold only what the caller may see. */
  async search(principal: Principal, q: Omit<ObjectSearch, 'includeRevoked'> & { includeRevoked?: boolean }): Promise<{ total: number; items: ObjectSummary[]; next: string | undefined }> {
    const { database, release } = this.deps;
    const search: ObjectSearch = { ...q, includeRevoked: q.includeRevoked ?? false };
    await this.deps.ingest.indexed();
    const rows = await searchObjects(database.db, database.dialect, search);
    const released = await release.filter(rows, factsOfRow, audienceOf(principal), 'search', principal);
    const hidden = rows.length - released.length;
    // The total must not betray hidden objects: count only what this audience may see.
    const total = hidden === 0 && search.beforeSeq === undefined && rows.length < q.limit ? rows.length : await this.releasableCount(principal, search);
    const last = rows.at(-1);
    return { total, items: released.map(summary), next: rows.length === q.limit && last ? String(last.seq) : undefined };
  }

  private async releasableCount(principal: Principal, search: ObjectSearch): Promise<number> {
    const { database, release } = this.deps;
    const audience = audienceOf(principal);
    const all = await countObjects(database.db, database.dialect, { ...search, beforeSeq: undefined });
    if (audience.kind === 'user') return all; // node users see every object today; protection rules narrow this
    const decide = await release.decider();
    let hidden = 0;
    let before: number | undefined;
    for (;;) {
      const rows = await searchObjects(database.db, database.dialect, { ...search, beforeSeq: before, limit: 5000 });
      hidden += rows.filter((r) => !decide(factsOfRow(r), audience).allow).length;
      if (rows.length < 5000) return all - hidden;
      before = rows.at(-1)?.seq;
    }
  }

  /** One object: its latest version released to the caller, and the list of its versions. */
  async get(principal: Principal, id: string): Promise<{ object: StixObject; versions: string[]; tlp: string | null; origin: string | null }> {
    const rows = await versionsOf(this.deps.database.db, id);
    const released = await this.deps.release.filter(rows, factsOfRow, audienceOf(principal), 'read', principal);
    const latest = released[0];
    if (!latest) throw new AccordError('not-found', objectsMessage('notFound', { id }));
    return {
      object: JSON.parse(latest.body) as StixObject,
      versions: released.map((r) => formatMicros(r.versionUs)),
      tlp: latest.tlp,
      origin: latest.originParty,
    };
  }

  /**
   * What the release policy would do with the latest version I may see, for each audience outside
   * this node: each other Party, a named third party, the public. A preview releases nothing, so
   * it is not audited as a release; the properties granular markings would withhold are listed.
   */
  async releasePreview(principal: Principal, id: string, otherParties: readonly string[]): Promise<ReleasePreview> {
    const rows = await versionsOf(this.deps.database.db, id);
    const [latest] = await this.deps.release.filter(rows, factsOfRow, audienceOf(principal), 'read', principal);
    if (!latest) throw new AccordError('not-found', objectsMessage('notFound', { id }));
    const facts = factsOfRow(latest);
    const body = facts.hasGranular ? (JSON.parse(latest.body) as Record<string, unknown>) : undefined;
    const audiences: Array<[string, Audience]> = [
      ...otherParties.map((party): [string, Audience] => [party, { kind: 'peer', party }]),
      ['third-party', { kind: 'third-party', name: 'preview' }],
      ['public', { kind: 'public' }],
    ];
    const decide = await this.deps.release.decider();
    const decisions = audiences.map(([label, audience]): ReleasePreview['decisions'][number] => {
      const decision = decide(facts, audience);
      const granular = decision.allow && body ? applyGranularMarkings(body, facts, audience, decide) : undefined;
      if (granular?.kind === 'withheld') return { audience: label, allow: false, rule: granular.rule, withheld: [] };
      return { audience: label, allow: decision.allow, rule: decision.rule, ...(decision.consentId ? { consentId: decision.consentId } : {}), withheld: granular?.withheld ? [...granular.withheld] : [] };
    });
    return { id, version: formatMicros(latest.versionUs), tlp: latest.tlp, origin: latest.originParty, decisions };
  }

  /** Writes objects through the one ingest pipeline into a collection the caller may write. */
  async create(principal: Principal, objects: readonly unknown[], collectionAlias = 'intel'): Promise<ObjectOutcome[]> {
    const collection = await this.writableCollection(principal, collectionAlias);
    const outcomes = await this.deps.ingest.ingestObjects(objects, { collectionId: collection.id, originParty: null, actor: principal });
    await this.deps.audit.record({
      actor: principal, action: 'objects.write', targetType: 'collection', targetId: collection.alias,
      detail: { ids: outcomes.slice(0, 50).map((o) => `${o.id ?? '?'}:${o.status}`) },
    });
    return outcomes;
  }

  /** The collection with this alias if the principal may write it: 404 if they cannot see it, 403 if they may only read it. */
  async writableCollection(principal: Principal, alias: string): Promise<CollectionRow> {
    const collection = await this.deps.collections.get(alias, principal);
    if (!collection.canWrite) {
      await this.refused(principal, 'objects.write', { type: 'collection', id: collection.alias });
      throw new AccordError('forbidden', objectsMessage('cannotWrite', { collection: alias })).markAudited();
    }
    return collection;
  }

  /** Audits a request refused for the caller's role, once: a refused read is a denied release. */
  async refused(principal: Principal | undefined, action: string, target?: { type: string; id: string }): Promise<void> {
    await this.deps.audit.record({ actor: principal, action, outcome: 'denied', ...(target ? { targetType: target.type, targetId: target.id } : {}) });
  }

  /**
   * Streams an import into a collection; yields outcome batches as they are stored. `source` names
   * where the objects came from (a file, a TAXII collection's URL) for the audit record.
   */
  async *import(actor: Principal | 'system', elements: ElementSource, collectionAlias = 'intel', source?: string): AsyncGenerator<ObjectOutcome[]> {
    const collection = actor === 'system' ? await this.deps.collections.byAlias(collectionAlias) : await this.writableCollection(actor, collectionAlias);
    const counts = { new: 0, updated: 0, duplicate: 0, rejected: 0 };
    let finished = false;
    try {
      for await (const batch of this.deps.ingest.ingest(elements, { collectionId: collection.id, originParty: null, actor })) {
        for (const o of batch) counts[o.status]++;
        yield batch;
      }
      finished = true;
    } finally {
      // Batches before a failure stay stored, so the record must say the import did not complete.
      await this.deps.audit.record({ actor, action: 'objects.import', outcome: finished ? 'ok' : 'failed', targetType: 'collection', targetId: collection.alias, detail: source ? { ...counts, source } : counts });
    }
  }

  /** A MISP event of the latest versions the audience may receive; what MISP cannot hold is listed. */
  async exportMisp(audience: Audience, actor: Principal | 'system', filter: ExportFilter = {}): Promise<{ event: unknown; unmapped: unknown[] }> {
    const objects: StixObject[] = [];
    const pieces: string[] = [];
    for await (const piece of this.exportBundle(audience, actor, `bundle--${randomUUID()}`, filter)) pieces.push(piece);
    const bundle = JSON.parse(pieces.join('')) as { objects: StixObject[] };
    objects.push(...bundle.objects);
    const { event, unmapped } = stixToMisp(objects, { now: new Date() });
    return { event, unmapped };
  }

  /**
   * Streams a STIX bundle of the latest versions the audience may receive, in pieces of text.
   * Every object passes the release policy; denials are audited.
   */
  async *exportBundle(audience: Audience, actor: Principal | 'system', bundleId: string, filter: ExportFilter = {}): AsyncGenerator<string> {
    const { database, release } = this.deps;
    // As search does: text this process wrote is in the (deferred) index before it is searched.
    if (filter.text) await this.deps.ingest.indexed();
    yield `{"type":"bundle","id":"${bundleId}","objects":[`;
    let before: number | undefined;
    let first = true;
    let exported = 0;
    for (;;) {
      const rows = await searchObjects(database.db, database.dialect, { ...filter, includeRevoked: true, beforeSeq: before, limit: 2000 });
      const released = await release.filter(rows, factsOfRow, audience, 'export', actor);
      const bodies: string[] = [];
      for (const row of released) {
        const body = await release.bodyFor(row.body, factsOfRow(row), audience, 'export', actor);
        if (body !== undefined) bodies.push(body);
      }
      if (bodies.length) {
        yield `${first ? '' : ','}${bodies.join(',')}`;
        first = false;
        exported += bodies.length;
      }
      if (rows.length < 2000) break;
      before = rows.at(-1)?.seq;
    }
    yield ']}\n';
    await this.deps.audit.record({ actor, action: 'objects.export', targetType: 'bundle', targetId: bundleId, detail: { audience: audience.kind === 'peer' ? audience.party : audience.kind, exported, ...(Object.keys(filter).length ? { filter } : {}) } });
  }
}
