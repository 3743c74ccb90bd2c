import type { Kysely } from 'kysely';
import { bigint, isPostgres, sql, withSerialKey } from '../migration-kit.js';

// The node core: STIX object versions, their search text, TAXII collections and membership,
// users, API tokens, sessions, sign-in throttling, the audit log and TAXII status resources.
export async function up(db: Kysely<unknown>): Promise<void> {
  const big = bigint(db);
  const pg = isPostgres(db);

  await withSerialKey(db, db.schema.createTable('stix_object'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('version_us', big, (c) => c.notNull())
    .addColumn('created_us', big)
    .addColumn('modified_us', big)
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_latest', 'integer', (c) => c.notNull())
    .addColumn('created_by_ref', 'text')
    .addColumn('origin_party', 'text')
    .addColumn('tlp', 'text')
    .addColumn('marking_refs', 'text')
    .addColumn('has_granular', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('stored_us', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stix_object_version').on('stix_object').columns(['id', 'version_us']).unique().execute();
  // Only what queries need: every extra index costs each ingested object a B-tree insert.
  await sql`create index stix_object_latest on stix_object (type, seq) where is_latest = 1`.execute(db);

  if (pg) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create table stix_text (seq bigint primary key references stix_object(seq) on delete cascade, name text, description text)`.execute(db);
    await sql`create index stix_text_trgm on stix_text using gin ((coalesce(name, '') || ' ' || coalesce(description, '')) gin_trgm_ops)`.execute(db);
  } else {
    // Trigram tokens index Chinese and Russian text as well as English without a word segmenter.
    await sql`create virtual table stix_text using fts5(name, description, tokenize = 'trigram')`.execute(db);
  }

  await db.schema
    .createTable('collection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alias', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('party', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('last_added_us', big, (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('collection_object')
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collection.id').onDelete('cascade'))
    .addColumn('date_added_us', big, (c) => c.notNull())
    .addColumn('seq', big, (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('version_us', big, (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('is_latest', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_object_pk', ['collection_id', 'date_added_us'])
    .execute();
  await db.schema
    .createIndex('collection_object_version')
    .on('collection_object')
    .columns(['collection_id', 'object_id', 'version_us'])
    .unique()
    .execute();

  await db.schema
    .createTable('taxii_status')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('request_us', big, (c) => c.notNull())
    .addColumn('total_count', 'integer', (c) => c.notNull())
    .addColumn('success_count', 'integer', (c) => c.notNull())
    .addColumn('failure_count', 'integer', (c) => c.notNull())
    .addColumn('pending_count', 'integer', (c) => c.notNull())
    .addColumn('successes', 'text', (c) => c.notNull())
    .addColumn('failures', 'text', (c) => c.notNull())
    .addColumn('pendings', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('node_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('authority_ref', 'text')
    .addColumn('locale', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('updated_us', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('node_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('expires_us', big)
    .addColumn('last_used_us', big)
    .addColumn('revoked_us', big)
    .execute();
  await db.schema.createIndex('api_token_user').on('api_token').column('user_id').execute();

  await db.schema
    .createTable('sign_in_attempt')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start_us', big, (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();

  await withSerialKey(db, db.schema.createTable('audit_event'), 'seq')
    .addColumn('at_us', big, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('request_id', 'text')
    .addColumn('address', 'text')
    .execute();
  await db.schema.createIndex('audit_event_time').on('audit_event').column('at_us').execute();
  await db.schema.createIndex('audit_event_target').on('audit_event').columns(['target_type', 'target_id']).execute();
  await db.schema.createIndex('audit_event_action').on('audit_event').columns(['action', 'at_us']).execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['setting', 'audit_event', 'sign_in_attempt', 'api_token', 'node_user', 'taxii_status', 'collection_object', 'collection', 'stix_text', 'stix_object'])
    await db.schema.dropTable(table).ifExists().execute();
}
