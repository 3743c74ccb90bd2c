import type { Kysely } from 'kysely';
import { bigint } from '../migration-kit.js';

// Collection membership indexed by the stored version's seq rather than by (object id, version).
// Object ids are random UUIDs: every batch of an import dirtied most leaf pages of that index and
// wrote them all out again at commit. Seqs only grow, so new members land on the index's last
// pages. Lookups by object id go through stix_object's (id, version_us) index to the seqs.
//
// The backlog of search text still to be written: PostgreSQL writes it after the objects'
// transaction (see DeferredTextIndex); each row names one batch's seqs until their text is in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('collection_object_version').execute();
  await db.schema.createIndex('collection_object_seq').on('collection_object').columns(['collection_id', 'seq']).unique().execute();
  await db.schema
    .createTable('stix_text_backlog')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seqs', 'text', (c) => c.notNull())
    .addColumn('noted_us', bigint(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('stix_text_backlog').execute();
  await db.schema.dropIndex('collection_object_seq').execute();
  await db.schema.createIndex('collection_object_version').on('collection_object').columns(['collection_id', 'object_id', 'version_us']).unique().execute();
}
