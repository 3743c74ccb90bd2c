import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { packBatch, unpackResults, type PackedResults } from './batch-transfer.js';
import type { BatchWrite, WriteResult } from './objects.writer.js';

interface Pending {
  resolve(reply: Answer): void;
  reject(error: Error): void;
}

/** What the thread answers: a batch's results, or whether a merge step found more to merge. */
type Answer = { results: PackedResults } | { more: boolean };

type Reply = ({ id: number } & Answer) | { id: number; error: { message: string; code: string | undefined } };

/** The settings of the main connection a second connection must share to behave the same. */
const SHARED_PRAGMAS = ['busy_timeout', 'synchronous', 'foreign_keys', 'wal_autocheckpoint'] as const;

/**
 * The thread's own page cache (KiB). With the main connection's 64 MB besides it, a 1,000,000-object
 * import peaked at 425 MB RSS, past the 400 MB it must stay under; a batch's pages fit in far less.
 */
const THREAD_CACHE = 'cache_size = -16384';

/**
 * Writes object batches on a thread of its own, with its own connection to the node's SQLite file.
 * Run on the main thread, a batch's transaction stopped everything else: ingest read and validated
 * the next batch only after the last one was written. On this thread, the statements of one batch
 * run on the second core while the main thread prepares the next. The caller holds the main
 * connection meanwhile, so no transaction of the main thread ever interleaves with a batch.
 */
export class SqliteWriteThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly pragmas: readonly string[],
  ) {}

  /** A write thread for the file `main` is connected to, set up like `main`. */
  static for(main: SQLite.Database, path: string): SqliteWriteThread {
    return new SqliteWriteThread(path, [...SHARED_PRAGMAS.map((name) => `${name} = ${String(main.pragma(name, { simple: true }))}`), THREAD_CACHE]);
  }

  /**
   * Hands a batch to the thread at once, to be read there while earlier batches are written;
   * returns the call that writes it in one transaction, once the caller may let it (batches are
   * written in the order those calls are made). Copying a batch across took ~5 ms that the thread
   * otherwise spent idle between two batches.
   */
  handOver(batch: BatchWrite): () => Promise<WriteResult[]> {
    if (this.closed) return () => Promise.reject(new Error('the store is closed'));
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    worker.postMessage({ id, batch: packBatch(batch) });
    return async () => {
      // A thread that stopped took the batch with it.
      if (this.worker !== worker) throw new Error('the SQLite write thread stopped before writing the batch');
      const answer = await this.ask(worker, id, 'write');
      if (!('results' in answer)) throw new Error(`the SQLite write thread answered batch ${id} without results`);
      return unpackResults(answer.results);
    };
  }

  /**
   * Merges one step of the search index's segments on the thread; resolves to whether there may be
   * more. The caller holds the main connection meanwhile, as it does for a batch.
   */
  async mergeTextStep(): Promise<boolean> {
    if (this.closed) return false;
    const worker = (this.worker ??= this.spawn());
    const answer = await this.ask(worker, this.nextId++, 'merge');
    return 'more' in answer && answer.more;
  }

  private ask(worker: Worker, id: number, kind: 'write' | 'merge'): Promise<Answer> {
    // Held open while the thread works for a caller: a command awaiting its last write must not exit.
    if (this.pending.size === 0) worker.ref();
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(kind === 'write' ? { write: id } : { merge: id });
    });
  }

  /** Lets the batches on the thread finish, then closes its connection. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.ref();
      worker.postMessage('close');
    });
  }

  /**
   * Starts the thread now rather than at the first batch: a thread takes 30-50 ms to start, which
   * the first batch of an import otherwise waits out (ATT&CK ICS imported by a fresh process:
   * 8.4-9.9 MB/s against 7.5-8.3, six runs each).
   */
  start(): void {
    if (!this.closed) this.worker ??= this.spawn();
  }

  /** Whether a thread is running (or starting) now. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./sqlite-write-thread.worker.js', import.meta.url), { workerData: { path: this.path, pragmas: this.pragmas } });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply, worker));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`the SQLite write thread stopped (exit code ${code})`)));
    return worker;
  }

  private settle(reply: Reply, worker: Worker): void {
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (this.pending.size === 0) worker.unref();
    if (!pending) return;
    // The driver's own error type, so callers see the SQLite code (constraint, busy) as before.
    if ('error' in reply) pending.reject(new SQLite.SqliteError(reply.error.message, reply.error.code ?? 'SQLITE_ERROR'));
    else pending.resolve(reply);
  }

  /** A thread that failed or stopped takes its batches with it; the next write starts a new one. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
