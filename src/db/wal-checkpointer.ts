import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background thread copies the write-ahead log back into the database file. */
const INTERVAL_MS = 200;

/** How long after the store opens the thread starts. */
const START_AFTER_MS = 1000;

// The thread's code is plain CommonJS evaluated from a string, so the same module runs under the
// compiled node and under the test runner's TypeScript sources alike.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.path);
db.pragma('busy_timeout = 0');
let failures = 0;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failures = 0;
  } catch (error) {
    // A busy database is the normal case under load; anything else repeating is worth a word.
    if (++failures === 50) parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Checkpoints a SQLite database in WAL mode from a thread of its own. Left to the writing
 * connection, each commit that crosses the threshold copies the log back and syncs the file while
 * the writer waits: during an import that was a fifth of the time. A passive checkpoint on another
 * thread (its own connection) does that work on the other core and never blocks the writer; the
 * writer keeps a far higher threshold of its own in case this thread falls behind.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private readonly starting: NodeJS.Timeout;
  private stopped: Promise<void> | undefined;
  private exited = false;

  constructor(
    private readonly path: string,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    // A thread costs ~100 ms of CPU to start. Most commands that open a node are done before it would
    // checkpoint anything (the log is checkpointed when the last connection closes anyway); a node
    // that serves, or an import, runs long enough to need it.
    this.starting = setTimeout(() => this.start(), START_AFTER_MS);
    this.starting.unref();
  }

  /** Whether the thread has been started (and not yet stopped). */
  get running(): boolean {
    return this.worker !== undefined && !this.exited;
  }

  private start(): void {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(THREAD, { eval: true, workerData: { path: this.path, driver, intervalMs: INTERVAL_MS } });
    worker.on('message', (message: { error?: string }) => {
      if (message.error) this.onError(message.error);
    });
    worker.on('error', (error) => this.onError(error.message));
    worker.once('exit', () => (this.exited = true));
    // The thread must never keep a finished process alive.
    worker.unref();
    this.worker = worker;
  }

  /** Stops the thread after its current checkpoint (or before it starts); the database stays consistent either way. */
  stop(): Promise<void> {
    clearTimeout(this.starting);
    const worker = this.worker;
    if (!worker || this.exited) return Promise.resolve();
    this.stopped ??= new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      // Held open again until the thread has closed its connection.
      worker.ref();
      worker.postMessage('stop');
    });
    return this.stopped;
  }
}
