import type SQLite from 'better-sqlite3';
import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Database, Executor } from './database.js';
import type { DB } from './schema.js';

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function cached(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let map = statements.get(sqlite);
  if (!map) statements.set(sqlite, (map = new Map<string, SQLite.Statement>()));
  let statement = map.get(text);
  if (!statement) map.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

/**
 * Inserts many rows of one table. SQLite re-parses a multi-row INSERT every time, which costs more
 * than the inserts themselves, so there one cached single-row statement runs per row — inside the
 * caller's transaction when there is one, else holding the connection so nothing interleaves.
 * PostgreSQL gets multi-row statements. `ignoreConflicts` skips rows that hit a unique key.
 */
export async function insertMany<T extends keyof DB>(db: Executor, database: Database, table: T, rows: ReadonlyArray<Insertable<DB[T]>>, options: { ignoreConflicts?: boolean } = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0] as object);
  const sqlite = database.sqlite;
  if (sqlite) {
    const text = `insert ${options.ignoreConflicts ? 'or ignore ' : ''}into ${snake(table)} (${columns.map(snake).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    const run = () => {
      const statement = cached(sqlite, text);
      let inserted = 0;
      for (const row of rows) inserted += statement.run(...columns.map((c) => (row as Record<string, unknown>)[c] ?? null)).changes;
      return inserted;
    };
    return db.isTransaction ? run() : database.db.connection().execute(() => Promise.resolve(sqlite.transaction(run)()));
  }
  let inserted = 0;
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    let query = db.insertInto(table).values(rows.slice(i, i + perStatement));
    if (options.ignoreConflicts) query = query.onConflict((oc) => oc.doNothing());
    const result = await query.executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
}

/** `column IN (values)` for large lists without a statement per list size (json_each on SQLite, ANY on PostgreSQL). */
export function inList<T extends string | number>(database: Database, values: readonly T[]): RawBuilder<T> {
  if (database.dialect === 'sqlite') return sql<T>`(select value from json_each(${JSON.stringify(values)}))`;
  return typeof values[0] === 'number' ? sql<T>`(select unnest(${values}::bigint[]))` : sql<T>`(select unnest(${values}::text[]))`;
}
