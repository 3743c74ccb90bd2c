import type { Kysely } from 'kysely';
import { bigint } from '../migration-kit.js';

// Governance records kept in sync between the Parties: agreement lifecycle, competent authorities, joint activities, legislation.
export async function up(db: Kysely<unknown>): Promise<void> {
  const big = bigint(db);
  await db.schema
    .createTable('party_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_party', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('governing_version', 'text', (c) => c.notNull())
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('version_us', big, (c) => c.notNull())
    .addColumn('recorded_us', big, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_record_kind').on('party_record').columns(['kind', 'created_us']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('party_record').execute();
}
