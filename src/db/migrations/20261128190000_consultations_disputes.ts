import type { Kysely } from 'kysely';
import { bigint } from '../migration-kit.js';

// Consultations (Art. 5(4)) and disputes, each kept in sync between the Parties by signed steps.
export async function up(db: Kysely<unknown>): Promise<void> {
  const big = bigint(db);
  await db.schema
    .createTable('consultation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposer_party', 'text', (c) => c.notNull())
    .addColumn('host_party', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_us', big, (c) => c.notNull())
    .addColumn('ends_us', big, (c) => c.notNull())
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('updated_us', big, (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_starts').on('consultation').columns(['starts_us']).execute();
  await db.schema
    .createTable('dispute')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('raising_party', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('updated_us', big, (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dispute').execute();
  await db.schema.dropTable('consultation').execute();
}
