import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { StixObject } from './object-row.js';

/** The search text of one stored object version. */
export interface TextRow {
  readonly seq: number;
  readonly name: string | null;
  readonly description: string | null;
}

export type DescribeText = (object: StixObject) => { readonly name: string | null; readonly description: string | null };

/** Batches whose text may wait at once; more and the writer waits (bounds memory and lag). */
const MAX_WAITING = 2;

/**
 * Search text on PostgreSQL is written after its objects' transaction, on another connection:
 * the trigram index costs as much as the rest of a batch, and this way the server builds it
 * while the next batch is stored (+20–27 % ingest in alternating runs). A backlog row written
 * in the objects' transaction names the versions whose text is still to come, so a process that
 * dies in between leaves a note that `recover` works off.
 *
 * Search in this process waits for `indexed()`; another process serving the same node sees the
 * text once this one has written it, a batch later at most.
 */
export class DeferredTextIndex {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly describe: DescribeText,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Inside the objects' transaction: notes the versions whose text is still to be written. */
  async note(trx: Transaction<DB>, rows: readonly TextRow[], nowUs: number): Promise<string | undefined> {
    if (rows.length === 0) return undefined;
    const id = randomUUID();
    await sql`insert into stix_text_backlog (id, seqs, noted_us) values (${id}, ${JSON.stringify(rows.map((r) => r.seq))}, ${nowUs})`.execute(trx);
    return id;
  }

  /** After that transaction committed: queues the text; waits only when the queue is full. */
  async write(backlogId: string, rows: readonly TextRow[]): Promise<void> {
    this.waiting++;
    this.tail = this.tail
      .then(() => this.insert(backlogId, rows))
      // A failed write leaves its backlog row for `recover`; the queue goes on.
      .catch(this.onError)
      .finally(() => void this.waiting--);
    if (this.waiting > MAX_WAITING) await this.tail;
  }

  /** Resolves once every queued text is written. */
  indexed(): Promise<void> {
    return this.tail;
  }

  /** Writes the text a stopped process left noted in the backlog; returns how many batches. */
  async recover(): Promise<number> {
    const notes = (await sql<{ id: string; seqs: string }>`select id, seqs from stix_text_backlog order by noted_us`.execute(this.db)).rows;
    for (const note of notes) {
      const seqs = JSON.parse(note.seqs) as number[];
      const stored = (await sql<{ seq: number; body: string }>`select seq, body from stix_object where seq = any(${seqs}::bigint[])`.execute(this.db)).rows;
      const rows = stored.map((o) => ({ seq: o.seq, ...this.describe(JSON.parse(o.body) as StixObject) })).filter((r) => r.name !== null || r.description !== null);
      await this.insert(note.id, rows);
    }
    return notes.length;
  }

  private async insert(backlogId: string, rows: readonly TextRow[]): Promise<void> {
    await sql`with done as (delete from stix_text_backlog where id = ${backlogId})
      insert into stix_text (seq, name, description)
      select * from unnest(${rows.map((r) => r.seq)}::bigint[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.description)}::text[])
      on conflict do nothing`.execute(this.db);
  }
}
