import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import type { ObjectOutcome } from '../ingest/ingest.service.js';
import type { StixObject } from '../objects/object-row.js';
import { factsOfRow } from '../objects/objects.service.js';
import type { Audience } from '../protection/release-policy.js';
import type { ReleaseService } from '../protection/release.service.js';
import type { WarninglistHit, Warninglists } from '../warninglists/warninglist.js';
import { correlationMessage } from './correlation.messages.js';
import * as repo from './correlation.repository.js';
import { compileExclusion, ExclusionSet, type ExclusionRule } from './exclusions.js';
import { objectObservables, referencedIds } from './observables/extract.js';
import { formatIpv4 } from './observables/ip.js';
import {
  detectObservable,
  normaliseObservable,
  observableKey,
  type Observable,
  type ObservableKind,
} from './observables/observable.js';
import { blockKeyRange, enclosingBlocks, valueKey } from './observables/value-key.js';

type Json = Readonly<Record<string, unknown>>;

export interface CorrelationOptions {
  /** Over-correlation limit: a value stops correlating once this many objects carry it. */
  readonly limit: number;
  /** The most related objects one answer lists. */
  readonly maxRelated: number;
}

export const defaultCorrelationOptions: CorrelationOptions = { limit: 100, maxRelated: 500 };

export interface CorrelationDeps {
  readonly database: Database;
  readonly release: ReleaseService;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly warninglists: Warninglists;
  readonly logger?: Logger;
  readonly options?: Partial<CorrelationOptions>;
}

/** How one related object relates through one value. */
export interface SharedValue {
  readonly kind: ObservableKind;
  readonly value: string;
  /** same: equal values; within: the other names a block holding this address; contains: this block holds the other's address. */
  readonly relation: 'same' | 'within' | 'contains';
  /** The other object's value when it differs (the block, or the address). */
  readonly other?: string;
}

export interface RelatedObject {
  readonly id: string;
  readonly type: string;
  readonly name: string | null;
  readonly tlp: string | null;
  readonly origin: string | null;
  readonly markings: string[];
  readonly shared: SharedValue[];
}

/** One value of the object (or the query) and what became of it. */
export interface ValueReport {
  readonly kind: ObservableKind;
  readonly value: string;
  /** Related objects through this value that the caller may see. */
  readonly related: number;
  /** The caller sees at least the over-correlation limit of objects with it: listed no further. */
  readonly tooCommon: boolean;
  readonly excludedBy?: { readonly id: string; readonly pattern: string };
  readonly warninglists: readonly WarninglistHit[];
}

export interface CorrelationReport {
  readonly values: ValueReport[];
  readonly related: RelatedObject[];
  /** More related objects exist than maxRelated. */
  readonly truncated: boolean;
}

type Actor = Principal | 'system';

const LIMIT_SETTING = 'correlation.limit';

interface Probe {
  readonly index: number;
  readonly relation: SharedValue['relation'];
  readonly other?: string;
}

/**
 * The correlation index: kept current by the ingest listener, read through the release policy.
 * Queries start from values in hand (an object's, re-extracted from its body, or the caller's),
 * so exclusions and warninglists added later apply at once, before any rebuild.
 */
export class CorrelationService {
  readonly options: CorrelationOptions;
  private exclusions: { set: ExclusionSet; at: number } | undefined;
  private limitSetting: { value: number; at: number } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CorrelationDeps) {
    this.options = { ...defaultCorrelationOptions, ...deps.options };
  }

  /** Ingest listener: indexes the latest versions just stored; never fails the ingest it follows. */
  async indexOutcomes(outcomes: readonly ObjectOutcome[]): Promise<void> {
    const stored = outcomes.filter(
      (o) => (o.status === 'new' || o.status === 'updated') && o.object && o.seq !== undefined,
    );
    if (stored.length === 0) return;
    const run = this.queue.then(() => this.indexStored(stored));
    this.queue = run.catch(() => undefined);
    try {
      await run;
    } catch (error) {
      this.deps.logger?.error(
        { err: error },
        'correlation indexing failed; run `accord correlation rebuild`',
      );
    }
  }

  private async indexStored(stored: readonly ObjectOutcome[]): Promise<void> {
    const { db } = this.deps.database;
    const updated = [...new Set(stored.filter((o) => o.status === 'updated').map((o) => o.id ?? ''))];
    const versions = await repo.versionsOfIds(db, updated);
    const latest = new Set(
      versions.filter((v) => v.isLatest === 1 && v.revoked === 0).map((v) => Number(v.seq)),
    );
    const updatedIds = new Set(updated);
    const items = stored
      .filter((o) => (updatedIds.has(o.id ?? '') ? latest.has(o.seq ?? -1) : true))
      .map((o) => ({ seq: o.seq ?? 0, object: o.object as StixObject }));
    const resolve = await this.resolver(items.map((i) => i.object));
    const stale = versions.filter((v) => !latest.has(Number(v.seq)));
    const usable = await this.usableFilter();
    for (const v of stale) {
      const keys = usable(objectObservables(JSON.parse(v.body) as Json, resolve)).map(valueKey);
      if (keys.length) await repo.deleteEntries(db, Number(v.seq), keys);
    }
    await this.indexItems(items, resolve, usable);
  }

  private async indexItems(
    items: ReadonlyArray<{ seq: number; object: Json }>,
    resolve: (id: string) => Json | undefined,
    usable: (list: readonly Observable[]) => Observable[],
  ): Promise<number> {
    const { db } = this.deps.database;
    const rows: Array<{ valueKey: number; seq: number; o: Observable }> = [];
    for (const { seq, object } of items) {
      if (object.revoked === true) continue;
      const values = usable(objectObservables(object, resolve));
      // Most objects carry one value (an indicator's); a set only when there is something to repeat.
      const seen = values.length > 1 ? new Set<number>() : undefined;
      for (const o of values) {
        const key = valueKey(o);
        if (!seen?.has(key)) rows.push({ valueKey: key, seq, o });
        seen?.add(key);
      }
    }
    if (rows.length === 0) return 0;
    const kept = await repo.addBounded(
      this.deps.database,
      rows.map((r) => ({ valueKey: r.valueKey, seq: r.seq })),
      await this.limit(),
    );
    const keptKeys = new Set(kept.map((k) => `${k.valueKey}:${k.seq}`));
    const common = new Map<number, { valueKey: number; kind: string; value: string; sinceUs: number }>();
    for (const row of rows)
      if (!keptKeys.has(`${row.valueKey}:${row.seq}`))
        common.set(row.valueKey, {
          valueKey: row.valueKey,
          kind: row.o.kind,
          value: row.o.value,
          sinceUs: this.deps.clock.nowMicros(),
        });
    if (common.size) await repo.markCommon(db, [...common.values()]);
    return kept.length;
  }

  /** Finds referenced objects (SCOs of observed-data, members of reports) in the batch, else in the store. */
  private async resolver(
    objects: readonly Json[],
    audience?: Audience,
    actor?: Actor,
  ): Promise<(id: string) => Json | undefined> {
    const known = new Map<string, Json>();
    for (const o of objects) if (typeof o.id === 'string') known.set(o.id, o);
    const wanted = [...new Set(objects.flatMap(referencedIds))].filter((id) => !known.has(id));
    let rows = await repo.latestByIds(this.deps.database.db, wanted);
    // Members the caller may not see must not lend their values to what the caller is shown.
    if (audience) rows = await this.deps.release.filter(rows, factsOfRow, audience, 'read', actor);
    for (const row of rows) known.set(row.id, JSON.parse(row.body) as Json);
    return (id) => known.get(id);
  }

  /** Values that may correlate: neither excluded by an admin nor on a warninglist. */
  private async usableFilter(): Promise<(list: readonly Observable[]) => Observable[]> {
    // Read once for a whole batch: awaiting the rules for each object cost the ingest listener
    // two promise turns an object, on the thread that validates the next batch.
    const exclusions = await this.exclusionSet();
    return (list) => list.filter((o) => !exclusions.match(o) && this.deps.warninglists.check(o).length === 0);
  }

  /** The objects related to one object through its values, as the audience may see them. */
  async objectCorrelations(
    actor: Actor,
    audience: Audience,
    id: string,
  ): Promise<CorrelationReport & { id: string }> {
    const { db } = this.deps.database;
    const rows = await repo.latestByIds(db, [id]);
    const [row] = await this.deps.release.filter(rows, factsOfRow, audience, 'read', actor);
    if (!row) throw new AccordError('not-found', correlationMessage('notFound', { id }));
    const object = JSON.parse(row.body) as Json;
    const resolve = await this.resolver([object], audience, actor);
    const report = await this.correlate(actor, audience, objectObservables(object, resolve), id);
    return { id, ...report };
  }

  /** The objects carrying one value (kind detected unless given), as the audience may see them. */
  async valueCorrelations(
    actor: Actor,
    audience: Audience,
    text: string,
    kind?: ObservableKind,
  ): Promise<CorrelationReport> {
    const o = kind ? normaliseObservable(kind, text) : detectObservable(text);
    if (!o)
      throw new AccordError('bad-request', correlationMessage('notAValue', { value: text.slice(0, 200) }));
    return this.correlate(actor, audience, [o], undefined);
  }

  /** Warninglist findings for an object's values (for import and review screens). */
  warningsFor(
    object: Json,
    resolve: (id: string) => Json | undefined = () => undefined,
  ): Array<{ kind: ObservableKind; value: string; warninglists: WarninglistHit[] }> {
    return objectObservables(object, resolve).flatMap((o) => {
      const hits = this.deps.warninglists.check(o);
      return hits.length ? [{ kind: o.kind, value: o.value, warninglists: hits }] : [];
    });
  }

  private async correlate(
    actor: Actor,
    audience: Audience,
    observables: readonly Observable[],
    selfId: string | undefined,
  ): Promise<CorrelationReport> {
    const { db } = this.deps.database;
    const exclusions = await this.exclusionSet();
    const limit = await this.limit();
    const probes = new Map<number, Probe[]>();
    const rangeRows: Array<{ index: number; rows: repo.RelatedRow[] }> = [];
    const base = observables.map((o, index) => {
      const rule = exclusions.match(o);
      const warninglists = this.deps.warninglists.check(o);
      return { o, index, rule, warninglists, usable: !rule && warninglists.length === 0 };
    });
    const addProbe = (key: number, probe: Probe) => probes.set(key, [...(probes.get(key) ?? []), probe]);
    for (const b of base.filter((x) => x.usable)) {
      addProbe(valueKey(b.o), { index: b.index, relation: 'same' });
      for (const { key, block } of enclosingBlocks(b.o))
        addProbe(key, { index: b.index, relation: 'within', other: block });
      const range = blockKeyRange(b.o);
      if (range)
        rangeRows.push({
          index: b.index,
          rows: await repo.relatedInRange(db, range[0], range[1], limit + 1),
        });
    }
    const found = await repo.relatedByKeys(db, [...probes.keys()]);
    const hits: Array<{ row: repo.RelatedRow; probe: Probe }> = [];
    for (const row of found) for (const probe of probes.get(row.valueKey) ?? []) hits.push({ row, probe });
    for (const { index, rows } of rangeRows)
      for (const row of rows)
        if (row.valueKey < 2 ** 32)
          hits.push({ row, probe: { index, relation: 'contains', other: formatIpv4(row.valueKey) } });
    const candidates = hits.filter((h) => h.row.id !== selfId);
    const uniqueRows = [...new Map(candidates.map((h) => [h.row.seq, h.row])).values()];
    const released = new Set(
      (await this.deps.release.filter(uniqueRows, factsOfRow, audience, 'read', actor)).map((r) => r.seq),
    );
    const visible = candidates.filter((h) => released.has(h.row.seq));

    const perValue = base.map(() => new Set<number>());
    for (const h of visible) perValue[h.probe.index]?.add(h.row.seq);
    const tooCommon = perValue.map((seqs) => seqs.size >= limit);
    const related = new Map<number, { row: repo.RelatedRow; shared: Map<string, SharedValue> }>();
    for (const h of visible) {
      if (tooCommon[h.probe.index]) continue;
      const o = observables[h.probe.index];
      if (!o) continue;
      const entry = related.get(h.row.seq) ?? { row: h.row, shared: new Map<string, SharedValue>() };
      entry.shared.set(`${observableKey(o)}|${h.probe.relation}|${h.probe.other ?? ''}`, {
        kind: o.kind,
        value: o.value,
        relation: h.probe.relation,
        ...(h.probe.other ? { other: h.probe.other } : {}),
      });
      related.set(h.row.seq, entry);
    }
    const ranked = [...related.values()].sort(
      (a, b) => b.shared.size - a.shared.size || b.row.seq - a.row.seq,
    );
    return {
      values: base.map((b, i) => ({
        kind: b.o.kind,
        value: b.o.value,
        related: perValue[i]?.size ?? 0,
        tooCommon: tooCommon[i] ?? false,
        ...(b.rule ? { excludedBy: { id: b.rule.id, pattern: b.rule.pattern } } : {}),
        warninglists: b.warninglists,
      })),
      related: ranked
        .slice(0, this.options.maxRelated)
        .map(({ row, shared }) => summarise(row, [...shared.values()])),
      truncated: ranked.length > this.options.maxRelated,
    };
  }

  private async exclusionSet(): Promise<ExclusionSet> {
    const now = Date.now();
    // Other processes of a PostgreSQL node may change the rules: re-read them every few seconds.
    if (!this.exclusions || now - this.exclusions.at > 10_000) {
      const rows = await repo.listExclusions(this.deps.database.db);
      this.exclusions = {
        set: new ExclusionSet(
          rows.map((r) => ({
            id: r.id,
            kind: (r.kind as ObservableKind | null) ?? null,
            pattern: r.pattern,
          })),
        ),
        at: now,
      };
    }
    return this.exclusions.set;
  }

  /** The over-correlation limit: fixed by the service's options, else the admins' setting, else the default. */
  async limit(): Promise<number> {
    if (this.deps.options?.limit !== undefined) return this.deps.options.limit;
    const now = Date.now();
    if (!this.limitSetting || now - this.limitSetting.at > 10_000) {
      const stored = Number(await repo.readSetting(this.deps.database.db, LIMIT_SETTING));
      this.limitSetting = {
        value: Number.isInteger(stored) && stored > 0 ? stored : this.options.limit,
        at: now,
      };
    }
    return this.limitSetting.value;
  }

  /** Sets the over-correlation limit (2–100,000); values already over a lower limit keep their rows until a rebuild. */
  async setLimit(actor: Actor, limit: number): Promise<void> {
    if (!Number.isInteger(limit) || limit < 2 || limit > 100_000)
      throw new AccordError('bad-request', correlationMessage('badLimit', { limit: String(limit) }));
    await repo.writeSetting(this.deps.database.db, LIMIT_SETTING, String(limit));
    this.limitSetting = undefined;
    await this.deps.audit.record({
      actor,
      action: 'correlation.limit',
      targetType: 'correlation-index',
      targetId: 'limit',
      detail: { limit },
    });
  }

  listExclusions() {
    return repo.listExclusions(this.deps.database.db);
  }

  /** Adds a rule (checked first); an exact value's rows leave the index at once. */
  async addExclusion(
    actor: Actor,
    input: { kind: ObservableKind | null; pattern: string; note?: string | undefined },
  ): Promise<ExclusionRule> {
    const test = compileExclusion(input);
    const rule: ExclusionRule = { id: randomUUID(), kind: input.kind, pattern: input.pattern };
    await repo.insertExclusion(this.deps.database.db, {
      id: rule.id,
      kind: rule.kind,
      pattern: rule.pattern,
      note: input.note ?? null,
      createdBy: actor === 'system' ? 'system' : actor.kind === 'user' ? actor.name : `peer:${actor.party}`,
      createdUs: this.deps.clock.nowMicros(),
    });
    const exact = input.kind
      ? normaliseObservable(input.kind, input.pattern)
      : detectObservable(input.pattern);
    if (exact && test(exact)) await repo.deleteKeys(this.deps.database.db, [valueKey(exact)]);
    this.exclusions = undefined;
    await this.deps.audit.record({
      actor,
      action: 'correlation.exclusion.add',
      targetType: 'correlation-exclusion',
      targetId: rule.id,
      detail: { kind: rule.kind, pattern: rule.pattern },
    });
    return rule;
  }

  async removeExclusion(actor: Actor, id: string): Promise<void> {
    if (!(await repo.deleteExclusion(this.deps.database.db, id)))
      throw new AccordError('not-found', correlationMessage('exclusionNotFound', { id }));
    this.exclusions = undefined;
    await this.deps.audit.record({
      actor,
      action: 'correlation.exclusion.remove',
      targetType: 'correlation-exclusion',
      targetId: id,
    });
  }

  listCommon(limit = 500) {
    return repo.listCommon(this.deps.database.db, limit);
  }

  /** Rebuilds the index from the latest versions in the store (after a crash, a limit change or new rules). */
  async rebuild(
    actor: Actor,
    progress?: (objects: number) => void,
  ): Promise<{ objects: number; entries: number }> {
    const { db } = this.deps.database;
    this.exclusions = undefined;
    let objects = 0;
    let entries = 0;
    await this.queue;
    await repo.clearEntries(db);
    const usable = await this.usableFilter();
    for (let after = 0; ;) {
      const page = await repo.latestPage(db, after, 2000);
      if (page.length === 0) break;
      const items = page.map((r) => ({ seq: Number(r.seq), object: JSON.parse(r.body) as Json }));
      entries += await this.indexItems(items, await this.resolver(items.map((i) => i.object)), usable);
      objects += page.length;
      after = Number(page.at(-1)?.seq ?? after);
      progress?.(objects);
    }
    await this.deps.audit.record({
      actor,
      action: 'correlation.rebuild',
      targetType: 'correlation-index',
      targetId: 'all',
      detail: { objects, entries },
    });
    return { objects, entries };
  }

  /** Bytes of the index in the store. */
  indexBytes(): Promise<number> {
    return repo.indexBytes(this.deps.database.db, this.deps.database.dialect);
  }
}

function summarise(row: repo.RelatedRow, shared: SharedValue[]): RelatedObject {
  let name: string | null = null;
  try {
    const body = JSON.parse(row.body) as { name?: unknown; value?: unknown };
    name = typeof body.name === 'string' ? body.name : typeof body.value === 'string' ? body.value : null;
  } catch {
    name = null;
  }
  return {
    id: row.id,
    type: row.type,
    name,
    tlp: row.tlp,
    origin: row.originParty,
    markings: row.markingRefs ? (JSON.parse(row.markingRefs) as string[]) : [],
    shared,
  };
}
