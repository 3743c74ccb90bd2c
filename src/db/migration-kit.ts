import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL DDL differ, so one migration serves both.
 * Migrations detect the dialect from the adapter rather than from configuration.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/** An auto-incrementing 64-bit primary key column named `column`. */
export function withSerialKey<T extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, never>,
  column: string,
): CreateTableBuilder<T, never> {
  return isPostgres(db)
    ? table.addColumn(column, 'bigserial', (c) => c.primaryKey())
    : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
}

/** BIGINT in both dialects (SQLite INTEGER is 64-bit already). */
export const bigint = (db: Kysely<unknown>) => (isPostgres(db) ? 'bigint' : 'integer');

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

export { sql };
