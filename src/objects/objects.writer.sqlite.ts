import type SQLite from 'better-sqlite3';
import type { Database } from '../db/database.js';
import type { ObjectWriter, WriteResult, BatchWrite } from './objects.writer.js';
import { sqliteBatchWriter } from './sqlite-batch.js';
import { SqliteWriteThread } from './sqlite-write-thread.js';
import { textIndexMerger } from './text-index-merge.js';
import { TextIndexUpkeep } from './text-index-upkeep.js';

type Store = Pick<Database, 'db' | 'sqlite' | 'sqlitePath' | 'atClose'>;

export interface SqliteWriterOptions {
  /** How long no batch must have been written before the search index is merged (ms). */
  readonly quietMs?: number;
  /** Told when merging the search index fails (it is tried again at the next quiet period). */
  readonly onUpkeepError?: (error: unknown) => void;
}

/** A second of no writes: an import's batches follow each other far closer than that. */
const QUIET_MS = 1000;

/** One way to the store: writing a batch, and one step of merging the search index. */
interface Channel {
  /** A stream of batches begins. */
  ready(): void;
  write(batch: BatchWrite): Promise<WriteResult[]>;
  mergeTextStep(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The SQLite writer runs each batch as one transaction of prepared statements (sqlite-batch.js).
 * A batch followed by more of its stream (an import, a large TAXII add) is written on a thread of
 * its own, so that ingest validates the next batch meanwhile. A lone batch (an early warning, a
 * peer's bundle) is written on the main connection: nothing would run meanwhile, and the hop to the
 * thread and back cost the federation benchmark about a tenth of its rate. A store in memory has no
 * second connection and writes everything on the main one. Either way the writer holds Kysely's
 * single connection while a batch is written, so no other query interleaves with it. Once writes
 * stop, the search index is merged (text-index-upkeep.ts), on the thread where there is one.
 */
export function createSqliteObjectWriter(database: Store, options: SqliteWriterOptions = {}): ObjectWriter {
  const { sqlite, sqlitePath } = database;
  if (!sqlite) throw new Error('the SQLite object writer needs a SQLite store');
  const inline = onMainConnection(database, sqlite);
  const threaded = sqlitePath ? onThread(database, sqlite, sqlitePath) : inline;
  const upkeep = new TextIndexUpkeep(() => threaded.mergeTextStep(), options.quietMs ?? QUIET_MS, options.onUpkeepError ?? (() => undefined));
  database.atClose(async () => {
    await upkeep.stop();
    await threaded.close();
  });
  upkeep.start();
  return {
    // One connection: every batch waits for it in turn, wherever it is written.
    ordered: true,
    // A stream's batches go to the thread, which starts while the first of them is checked.
    streamStarts: () => threaded.ready(),
    // Search text is written in the batch's own transaction.
    indexed: () => Promise.resolve(),
    recover: () => Promise.resolve(0),
    write: (batch) => {
      upkeep.wrote();
      return batch.followed ? threaded.write(batch) : inline.write(batch);
    },
  };
}

function onMainConnection({ db }: Store, sqlite: SQLite.Database): Channel {
  const writeSync = sqliteBatchWriter(sqlite);
  const mergeSync = textIndexMerger(sqlite);
  return {
    ready: () => undefined,
    write: (batch) => db.connection().execute(() => Promise.resolve(writeSync(batch))),
    mergeTextStep: () => db.connection().execute(() => Promise.resolve(mergeSync())),
    close: () => Promise.resolve(),
  };
}

function onThread({ db }: Store, sqlite: SQLite.Database, path: string): Channel {
  const thread = SqliteWriteThread.for(sqlite, path);
  const writing = new Set<Promise<unknown>>();
  return {
    ready: () => thread.start(),
    write: (batch) => {
      const writeOnThread = thread.handOver(batch);
      const written = db.connection().execute(writeOnThread);
      writing.add(written);
      void written.then(
        () => writing.delete(written),
        () => writing.delete(written),
      );
      return written;
    },
    mergeTextStep: () => db.connection().execute(() => thread.mergeTextStep()),
    // Batches handed over before the store closes, some still waiting for the connection, are written first.
    close: async () => {
      await Promise.allSettled([...writing]);
      await thread.close();
    },
  };
}
