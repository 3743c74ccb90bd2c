import type { Kysely } from 'kysely';
import { bigint } from '../migration-kit.js';

// Peers' governance records held back until the record they follow arrives; kept across restarts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('party_record_held')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_party', 'text', (c) => c.notNull())
    .addColumn('version_us', bigint(db), (c) => c.notNull())
    .addColumn('held_us', bigint(db), (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_record_held_kind').on('party_record_held').columns(['kind', 'held_us']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('party_record_held').execute();
}
