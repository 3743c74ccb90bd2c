import type { Kysely } from 'kysely';
import { bigint, sql } from '../migration-kit.js';

// Ledger entries and bundle elements indexed by the stored version's seq rather than by (object id,
// version), as collection membership already is (20261129100000_ingest_indexes). Object ids are
// random UUIDs: each replicated bundle put 2,000 keys at random places in both indexes, dirtying
// most of their leaf pages, and both sides wrote those pages out at every commit. Seqs only grow,
// so a bundle's entries land on the indexes' last pages. Lookups by object id go through
// stix_object's (id, version_us) index to the seqs. A refused element has no stored version: the
// few of them stay findable by object id through a partial index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ledger_entry').addColumn('object_seq', bigint(db)).execute();
  await db.schema.alterTable('bundle_object').addColumn('object_seq', bigint(db)).execute();
  await sql`update ledger_entry set object_seq = (select s.seq from stix_object s where s.id = ledger_entry.object_id and s.version_us = ledger_entry.version_us)
    where object_id is not null`.execute(db);
  await sql`update bundle_object set object_seq = (select s.seq from stix_object s where s.id = bundle_object.object_id and s.version_us = bundle_object.version_us)
    where refused_body is null`.execute(db);
  await db.schema.dropIndex('ledger_entry_object').execute();
  await db.schema.dropIndex('bundle_object_object').execute();
  await db.schema.createIndex('ledger_entry_object_seq').on('ledger_entry').column('object_seq').execute();
  await db.schema.createIndex('bundle_object_seq').on('bundle_object').column('object_seq').execute();
  await sql`create index bundle_object_refused on bundle_object (object_id) where refused_body is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bundle_object_refused').execute();
  await db.schema.dropIndex('bundle_object_seq').execute();
  await db.schema.dropIndex('ledger_entry_object_seq').execute();
  await db.schema.createIndex('bundle_object_object').on('bundle_object').columns(['object_id', 'version_us']).execute();
  await db.schema.createIndex('ledger_entry_object').on('ledger_entry').columns(['object_id', 'version_us']).execute();
  await db.schema.alterTable('bundle_object').dropColumn('object_seq').execute();
  await db.schema.alterTable('ledger_entry').dropColumn('object_seq').execute();
}
