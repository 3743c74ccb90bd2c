import type { Kysely } from 'kysely';
import { isPostgres, sql } from '../migration-kit.js';

// PostgreSQL checks a foreign key with a trigger per row: each membership row and each search-text
// row that ingest COPYs ran a lookup of its own. Without them the server spent 5–29 % less CPU on
// the ingest benchmark in each of six alternating pairs (5.2–7.4 s against 6.0–8.1 s), and ingest
// ran at 16,178–17,521 against 14,659–16,234 objects/s in the three on a quiet machine.
// Both tables hold rows the one writer derives in the transaction or batch that stores what they
// refer to: membership of the collection the batch is for (whose row the writer locks first,
// refusing a batch for a collection that does not exist), and text of versions just committed.
// Nothing deletes collections or object versions (a TAXII DELETE removes membership), so the
// cascades never ran either. SQLite checks keys in the same B-tree step as the insert, and its
// search text is an FTS5 table without a key: unchanged.
const DERIVED = [
  { table: 'stix_text', column: 'seq', references: 'stix_object(seq)' },
  { table: 'collection_object', column: 'collection_id', references: 'collection(id)' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const { table } of DERIVED) {
    const keys = await sql<{ name: string }>`select conname as name from pg_constraint where contype = 'f' and conrelid = ${table}::regclass`.execute(db);
    for (const { name } of keys.rows) await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(name)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const { table, column, references } of DERIVED)
    await sql`alter table ${sql.table(table)} add foreign key (${sql.ref(column)}) references ${sql.raw(references)} on delete cascade`.execute(db);
}
