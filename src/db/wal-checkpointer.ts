import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background thread copies the write-ahead log back into the database file. */
const INTERVAL_MS = 200;

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
  private readonly worker: Worker;
  private stopped: Promise<void> | undefined;
  private exited = false;

  constructor(path: string, onError: (message: string) => void = () => undefined) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(THREAD, { eval: true, workerData: { path, driver, intervalMs: INTERVAL_MS } });
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) onError(message.error);
    });
    this.worker.on('error', (error) => onError(error.message));
    this.worker.once('exit', () => (this.exited = true));
    // The thread must never keep a finished process alive.
    this.worker.unref();
  }

  /** Stops the thread after its current checkpoint; the database stays consistent either way. */
  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    this.stopped ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      // Held open again until the thread has closed its connection.
      this.worker.ref();
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }
}
