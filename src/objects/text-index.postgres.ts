import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { copyOrFallback, copyRows } from '../db/pg-copy.js';
import { inPgTransaction } from '../db/pg-transaction.js';
import type { StixObject } from './object-row.js';

/** The search text of one stored object version. */
export interface TextRow {
  readonly seq: number;
  readonly name: string | null;
  readonly description: string | null;
}

export type DescribeText = (object: StixObject) => { readonly name: string | null; readonly description: string | null };

/** PostgreSQL text cannot hold NUL, which JSON strings may: search text goes without it. */
function storable(text: string | null): string | null {
  return text !== null && text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

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
    private readonly pool: pg.Pool,
    private readonly describe: DescribeText,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Inside the objects' transaction: notes the versions whose text is still to be written. */
  async note(client: pg.ClientBase, rows: readonly TextRow[], nowUs: number): Promise<string | undefined> {
    if (rows.length === 0) return undefined;
    const id = randomUUID();
    await client.query('insert into stix_text_backlog (id, seqs, noted_us) values ($1, $2, $3)', [id, JSON.stringify(rows.map((r) => r.seq)), nowUs]);
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
    const notes = (await this.pool.query<{ id: string; seqs: string }>('select id, seqs from stix_text_backlog order by noted_us')).rows;
    for (const note of notes) {
      const seqs = JSON.parse(note.seqs) as number[];
      const stored = (await this.pool.query<{ seq: number; body: string }>('select seq, body from stix_object where seq = any($1::bigint[])', [seqs])).rows;
      const rows = stored.map((o) => ({ seq: o.seq, ...this.describe(JSON.parse(o.body) as StixObject) })).filter((r) => r.name !== null || r.description !== null);
      await this.insert(note.id, rows);
    }
    return notes.length;
  }

  /**
   * The text of one backlog note, and the note gone, in one transaction. By COPY (it cannot skip
   * rows): a note that another process's `recover` wrote meanwhile fails on the key and is written
   * again skipping what is there.
   */
  private insert(backlogId: string, rows: readonly TextRow[]): Promise<void> {
    return copyOrFallback(
      () => this.inTransaction(backlogId, (client) => copyRows(client, 'stix_text', ['seq', 'name', 'description'], rows.map((r) => [r.seq, storable(r.name), storable(r.description)]))),
      () =>
        this.inTransaction(backlogId, async (client) => {
          await client.query(
            `insert into stix_text (seq, name, description) select * from unnest($1::bigint[], $2::text[], $3::text[]) on conflict do nothing`,
            [rows.map((r) => r.seq), rows.map((r) => storable(r.name)), rows.map((r) => storable(r.description))],
          );
        }),
    );
  }

  private inTransaction(backlogId: string, write: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    return inPgTransaction(this.pool, async (client) => {
      await client.query('delete from stix_text_backlog where id = $1', [backlogId]);
      await write(client);
    });
  }
}
