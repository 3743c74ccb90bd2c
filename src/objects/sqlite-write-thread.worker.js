// @ts-check
// The SQLite write thread's entry (see sqlite-write-thread.ts): one connection of its own to the
// node's database, writing the batches the main thread posts, one after another, in order, and
// merging the search index's segments a step at a time when asked.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { packResults, unpackBatch } from './batch-transfer.js';
import { sqliteBatchWriter } from './sqlite-batch.js';
import { textIndexMerger } from './text-index-merge.js';

/** @typedef {import('./batch-transfer.js').PackedBatch} PackedBatch */
/** @type {{ path: string, pragmas: string[] }} */
const { path, pragmas } = workerData;
const port = parentPort;
if (!port) throw new Error('sqlite-write-thread.worker.js runs as a worker thread only');

const sqlite = new SQLite(path);
// The main connection's settings (busy timeout, sync level, cache, checkpoint threshold, foreign keys).
for (const pragma of pragmas) sqlite.pragma(pragma);
const write = sqliteBatchWriter(sqlite);
const mergeText = textIndexMerger(sqlite);

/** Batches the main thread has handed over and not yet told the thread to write, by id. */
const ready = new Map();

// A batch arrives in two messages: its rows, read here while the batch before is still being
// written, and the word to write it, sent once the main thread holds the connection for it.
port.on('message', (/** @type {{ id: number, batch: PackedBatch } | { write: number } | { merge: number } | 'close'} */ message) => {
  if (message === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  if ('batch' in message) {
    ready.set(message.id, unpackBatch(message.batch));
    return;
  }
  const id = 'merge' in message ? message.merge : message.write;
  try {
    if ('merge' in message) {
      port.postMessage({ id, more: mergeText() });
      return;
    }
    const batch = ready.get(id);
    ready.delete(id);
    if (!batch) throw new Error(`batch ${id} was never handed over`);
    port.postMessage({ id, results: packResults(write(batch)) });
  } catch (error) {
    const e = /** @type {{ message?: unknown, code?: unknown }} */ (error ?? {});
    port.postMessage({ id, error: { message: String(e.message ?? error), code: typeof e.code === 'string' ? e.code : undefined } });
  }
});
