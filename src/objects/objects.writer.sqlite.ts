import type SQLite from 'better-sqlite3';
import type { Database } from '../db/database.js';
import type { ObjectWriter, WriteResult, BatchWrite } from './objects.writer.js';
import { sqliteBatchWriter } from './sqlite-batch.js';
import { SqliteWriteThread } from './sqlite-write-thread.js';

type Store = Pick<Database, 'db' | 'sqlite' | 'sqlitePath' | 'atClose'>;

/**
 * The SQLite writer runs each batch as one transaction of prepared statements (sqlite-batch.js).
 * A batch followed by more of its stream (an import, a large TAXII add) is written on a thread of
 * its own, so that ingest validates the next batch meanwhile. A lone batch (an early warning, a
 * peer's bundle) is written on the main connection: nothing would run meanwhile, and the hop to the
 * thread and back cost the federation benchmark about a tenth of its rate. A store in memory has no
 * second connection and writes everything on the main one. Either way the writer holds Kysely's
 * single connection while a batch is written, so no other query interleaves with it.
 */
export function createSqliteObjectWriter(database: Store): ObjectWriter {
  const { sqlite, sqlitePath } = database;
  if (!sqlite) throw new Error('the SQLite object writer needs a SQLite store');
  const inline = onMainConnection(database, sqlite);
  const threaded = sqlitePath ? onThread(database, sqlite, sqlitePath) : inline;
  const writeBatch = (batch: BatchWrite) => (batch.followed ? threaded(batch) : inline(batch));
  return {
    // One connection: every batch waits for it in turn, wherever it is written.
    ordered: true,
    // Search text is written in the batch's own transaction.
    indexed: () => Promise.resolve(),
    recover: () => Promise.resolve(0),
    write: writeBatch,
  };
}

function onMainConnection({ db }: Store, sqlite: SQLite.Database): (batch: BatchWrite) => Promise<WriteResult[]> {
  const writeSync = sqliteBatchWriter(sqlite);
  return (batch) => db.connection().execute(() => Promise.resolve(writeSync(batch)));
}

function onThread({ db, atClose }: Store, sqlite: SQLite.Database, path: string): (batch: BatchWrite) => Promise<WriteResult[]> {
  const thread = SqliteWriteThread.for(sqlite, path);
  const writing = new Set<Promise<unknown>>();
  // Batches handed over before the store closes, some still waiting for the connection, are written first.
  atClose(async () => {
    await Promise.allSettled([...writing]);
    await thread.close();
  });
  return (batch) => {
    const writeOnThread = thread.handOver(batch);
    const written = db.connection().execute(writeOnThread);
    writing.add(written);
    void written.then(
      () => writing.delete(written),
      () => writing.delete(written),
    );
    return written;
  };
}
