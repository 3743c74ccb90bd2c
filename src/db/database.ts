import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { pgDriver } from './pg-driver.js';
import type { DB } from './schema.js';
import { addSqlFunctions } from './sql-functions.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';
import { withStatementCache } from './statement-cache.js';
import { WalCheckpointer } from './wal-checkpointer.js';

export type DialectName = 'sqlite' | 'postgres';

/** One node's store: a Kysely instance over SQLite (embedded default) or PostgreSQL (scale-out). */
export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** The raw SQLite handle, for the few hot paths that must skip query building (ingest, paging). */
  readonly sqlite: SQLite.Database | undefined;
  /** The SQLite file, for threads that open connections of their own; undefined in memory and on PostgreSQL. */
  readonly sqlitePath: string | undefined;
  /** The PostgreSQL pool, for LISTEN/NOTIFY and COPY-style bulk work. */
  readonly pool: pg.Pool | undefined;
  /** Runs `stop` when the store closes, before its connections do (threads with connections of their own). */
  atClose(stop: () => Promise<void>): void;
  close(): Promise<void>;
}

export type Executor = Kysely<DB> | Transaction<DB>;

export interface DatabaseOptions {
  readonly databaseUrl?: string | undefined;
  readonly sqlitePath?: string;
  readonly poolSize?: number;
  /**
   * SQLite: checkpoint the write-ahead log on a thread of its own (a serving or importing node);
   * short-lived stores (tests, init) leave it to the writer. Told when that thread keeps failing.
   */
  readonly backgroundCheckpoint?: { readonly onError: (message: string) => void };
}

/** What runs when a store closes, before its connections do. */
function closeHooks() {
  const stops: Array<() => Promise<void>> = [];
  return {
    add: (stop: () => Promise<void>) => void stops.push(stop),
    run: async () => void (await Promise.all(stops.splice(0).map((stop) => stop()))),
  };
}

/** Opens the store named by the options; PostgreSQL when a URL is given, SQLite otherwise. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  if (!options.sqlitePath) throw new Error('openDatabase needs a databaseUrl or a sqlitePath');
  return openSqlite(options.sqlitePath, options.backgroundCheckpoint);
}

/** The page size of a new SQLite store. */
export const PAGE_BYTES = 16_384;

/** Pages in the log before the writer checkpoints itself when a background thread does it (160 MB). */
const WRITER_CHECKPOINT_PAGES = 10_000;

function openSqlite(path: string, backgroundCheckpoint: DatabaseOptions['backgroundCheckpoint']): Database {
  const sqlite = new SQLite(path);
  // Set before the first table exists (a store created earlier keeps its size). Each commit writes
  // every page it changed as one frame of the log; with 16 kB pages a batch's new rows take a
  // quarter of the frames, and the random-keyed id index (whose pages a batch dirties almost all
  // of, whatever their size) costs no more. 200,000 indicators: 34,710 / 33,440 against 29,920 /
  // 30,275 objects/s with 4 kB pages (alternating runs); TAXII paging 54,158 against 51,112.
  sqlite.pragma(`page_size = ${PAGE_BYTES}`);
  // WAL lets TAXII readers run while an import writes; NORMAL sync is durable across process
  // crashes (the kill-mid-import case), losing at most the last commit on power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -65536');
  addSqlFunctions(sqlite);
  let checkpointer: WalCheckpointer | undefined;
  if (backgroundCheckpoint) {
    sqlite.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    checkpointer = new WalCheckpointer(path, backgroundCheckpoint.onError);
  }
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
  const stops = closeHooks();
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    sqlitePath: sqlite.memory ? undefined : path,
    pool: undefined,
    atClose: stops.add,
    close: async () => {
      await stops.run();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, max: number): Database {
  const pool = new (pgDriver().Pool)({ connectionString: url, max });
  // An idle client losing its connection must not crash the node; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  const stops = closeHooks();
  return {
    db,
    dialect: 'postgres',
    sqlite: undefined,
    sqlitePath: undefined,
    pool,
    atClose: stops.add,
    close: async () => {
      await stops.run();
      await db.destroy();
    },
  };
}
