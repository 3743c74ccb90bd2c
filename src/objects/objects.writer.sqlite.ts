import type { Database } from '../db/database.js';
import type { ObjectWriter, WriteResult, BatchWrite } from './objects.writer.js';
import { sqliteBatchWriter } from './sqlite-batch.js';
import { SqliteWriteThread } from './sqlite-write-thread.js';

type Store = Pick<Database, 'db' | 'sqlite' | 'sqlitePath' | 'atClose'>;

/**
 * The SQLite writer runs each batch as one transaction of prepared statements (sqlite-batch.js).
 * A store in a file writes on a thread of its own, so ingest validates the next batch meanwhile;
 * a store in memory has no second connection and writes on the main one. Either way it holds
 * Kysely's single connection while a batch is written, so no other query interleaves with it.
 */
export function createSqliteObjectWriter(database: Store): ObjectWriter {
  const writeBatch = database.sqlitePath ? onThread(database, database.sqlitePath) : onMainConnection(database);
  return {
    // Search text is written in the batch's own transaction.
    indexed: () => Promise.resolve(),
    recover: () => Promise.resolve(0),
    write: writeBatch,
  };
}

function onMainConnection({ db, sqlite }: Store): (batch: BatchWrite) => Promise<WriteResult[]> {
  if (!sqlite) throw new Error('the SQLite object writer needs a SQLite store');
  const writeSync = sqliteBatchWriter(sqlite);
  return (batch) => db.connection().execute(() => Promise.resolve(writeSync(batch)));
}

function onThread({ db, sqlite, atClose }: Store, path: string): (batch: BatchWrite) => Promise<WriteResult[]> {
  if (!sqlite) throw new Error('the SQLite object writer needs a SQLite store');
  const thread = SqliteWriteThread.for(sqlite, path);
  const writing = new Set<Promise<unknown>>();
  // Batches handed over before the store closes, some still waiting for the connection, are written first.
  atClose(async () => {
    await Promise.allSettled([...writing]);
    await thread.close();
  });
  return (batch) => {
    const written = db.connection().execute(() => thread.write(batch));
    writing.add(written);
    void written.then(
      () => writing.delete(written),
      () => writing.delete(written),
    );
    return written;
  };
}
