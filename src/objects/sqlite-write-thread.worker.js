// @ts-check
// The SQLite write thread's entry (see sqlite-write-thread.ts): one connection of its own to the
// node's database, writing the batches the main thread posts, one after another, in order.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { packResults, unpackBatch } from './batch-transfer.js';
import { sqliteBatchWriter } from './sqlite-batch.js';

/** @typedef {import('./batch-transfer.js').PackedBatch} PackedBatch */
/** @type {{ path: string, pragmas: string[] }} */
const { path, pragmas } = workerData;
const port = parentPort;
if (!port) throw new Error('sqlite-write-thread.worker.js runs as a worker thread only');

const sqlite = new SQLite(path);
// The main connection's settings (busy timeout, sync level, cache, checkpoint threshold, foreign keys).
for (const pragma of pragmas) sqlite.pragma(pragma);
const write = sqliteBatchWriter(sqlite);

port.on('message', (/** @type {{ id: number, batch: PackedBatch } | 'close'} */ message) => {
  if (message === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  try {
    port.postMessage({ id: message.id, results: packResults(write(unpackBatch(message.batch))) });
  } catch (error) {
    const e = /** @type {{ message?: unknown, code?: unknown }} */ (error ?? {});
    port.postMessage({ id: message.id, error: { message: String(e.message ?? error), code: typeof e.code === 'string' ? e.code : undefined } });
  }
});
