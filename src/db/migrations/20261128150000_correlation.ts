import type { Kysely } from 'kysely';
import { bigint, isPostgres, sql } from '../migration-kit.js';

// Correlation: value keys → object versions, over-correlated values, admins' exclusions.
export async function up(db: Kysely<unknown>): Promise<void> {
  const big = bigint(db);
  // The primary key is the only index: lookups are by value key (or a key range for a block).
  // SQLite keeps the rows in that B-tree itself (WITHOUT ROWID), so a row costs its two integers.
  if (isPostgres(db))
    await sql`create table correlation_entry (value_key bigint not null, seq bigint not null, primary key (value_key, seq))`.execute(
      db,
    );
  else
    await sql`create table correlation_entry (value_key integer not null, seq integer not null, primary key (value_key, seq)) without rowid`.execute(
      db,
    );

  await db.schema
    .createTable('correlation_common')
    .addColumn('value_key', big, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('since_us', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('correlation_exclusion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text')
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_us', big, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('correlation_exclusion').execute();
  await db.schema.dropTable('correlation_common').execute();
  await db.schema.dropTable('correlation_entry').execute();
}
