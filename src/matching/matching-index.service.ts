import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { planPattern } from './indicator-plan.js';
import { MatchIndex } from './match-index.js';
import { objectIdIn } from '../objects/object-id-key.js';

const PAGE = 10_000;
/**
 * PostgreSQL can commit a lower seq after a higher one is visible, so catch-up looks this many
 * seqs back — but only at rows stored in the last few minutes, so a match does not re-read them.
 */
const PG_LOOKBACK = 2_000;
const PG_LOOKBACK_US = 5 * 60 * 1_000_000;

interface IndicatorRow {
  seq: number;
  id: string;
  revoked: number;
  pattern: string | null;
  patternType: string | null;
}

/**
 * Holds the node's in-memory matching index: built from the store on first use, brought up to
 * date from the store (by seq) before each match — which also covers indicators other processes
 * of a PostgreSQL node stored — and nudged by the ingest listener so it stays warm.
 */
export class MatchingIndexService {
  private index: MatchIndex | undefined;
  private lastSeq = 0;
  private work: Promise<unknown> = Promise.resolve();
  private stale = true;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly logger?: Logger,
  ) {}

  /** The index, current with the store. */
  async current(): Promise<MatchIndex> {
    const run = this.work.then(() => this.refresh());
    this.work = run.catch(() => undefined);
    return run;
  }

  /** Ingest listener: indicators arrived; refresh in the background if the index exists. */
  notify(types: readonly string[]): void {
    if (!types.includes('indicator')) return;
    this.stale = true;
    if (this.index)
      void this.current().catch((error: unknown) =>
        this.logger?.warn({ err: error }, 'matching index refresh failed'),
      );
  }

  private async refresh(): Promise<MatchIndex> {
    let index = this.index;
    if (!index || index.dead > Math.max(10_000, index.live)) {
      index = await this.build();
      this.index = index;
      this.stale = false;
      return index;
    }
    // One cheap indexed query even when no listener fired: other processes may have written.
    await this.catchUp(index);
    this.stale = false;
    return index;
  }

  private async build(): Promise<MatchIndex> {
    const index = new MatchIndex(1024);
    this.lastSeq = 0;
    await this.catchUp(index);
    this.logger?.debug({ indicators: index.live, slow: [...index.slow].length }, 'matching index built');
    return index;
  }

  private async catchUp(index: MatchIndex): Promise<void> {
    const lookback = this.database.dialect === 'postgres' ? PG_LOOKBACK : 0;
    const recent = { seq: this.lastSeq, sinceUs: this.clock.nowMicros() - PG_LOOKBACK_US };
    for (let after = Math.max(0, this.lastSeq - lookback); ;) {
      const rows = await this.page(after, recent);
      if (rows.length === 0) return;
      const fresh = rows.filter((r) => !index.has(r.seq));
      for (const row of fresh) {
        if (row.revoked === 0 && row.patternType === 'stix' && row.pattern)
          index.add(row.seq, planPattern(row.pattern));
      }
      await this.retireOlderVersions(index, fresh);
      after = rows.at(-1)?.seq ?? after;
      this.lastSeq = Math.max(this.lastSeq, after);
      if (rows.length < PAGE) return;
    }
  }

  /** Versions the new rows superseded (or revoked) leave the index. */
  private async retireOlderVersions(index: MatchIndex, rows: readonly IndicatorRow[]): Promise<void> {
    if (index.slots === 0 || rows.length === 0) return;
    const ids = [...new Set(rows.map((r) => r.id))];
    for (let i = 0; i < ids.length; i += 2000) {
      const older = await this.database.db
        .selectFrom('stixObject')
        .select('seq')
        .where(objectIdIn('stixObject', ids.slice(i, i + 2000)))
        .where('isLatest', '=', 0)
        .execute();
      for (const o of older) index.remove(Number(o.seq));
    }
  }

  private async page(after: number, recent: { seq: number; sinceUs: number }): Promise<IndicatorRow[]> {
    const { db, dialect } = this.database;
    const pattern =
      dialect === 'postgres'
        ? sql<string>`(body::jsonb ->> 'pattern')`
        : sql<string>`json_extract(body, '$.pattern')`;
    const patternType =
      dialect === 'postgres'
        ? sql<string>`(body::jsonb ->> 'pattern_type')`
        : sql<string>`json_extract(body, '$.pattern_type')`;
    // The partial index (type, seq) where is_latest = 1 serves this: superseded versions never come back.
    const rows = await db
      .selectFrom('stixObject')
      .select(['seq', 'id', 'revoked', pattern.as('pattern'), patternType.as('patternType')])
      .where('type', '=', 'indicator')
      .where('isLatest', '=', 1)
      .where('seq', '>', after)
      .where((eb) => eb.or([eb('seq', '>', recent.seq), eb('storedUs', '>', recent.sinceUs)]))
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      id: r.id,
      revoked: Number(r.revoked),
      pattern: r.pattern,
      patternType: r.patternType,
    }));
  }

  get isStale(): boolean {
    return this.stale;
  }
}
