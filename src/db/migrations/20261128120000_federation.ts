import type { Kysely } from 'kysely';
import { bigint, withSerialKey } from '../migration-kit.js';

// Federation: this node's keys, peers and their keys, replay nonces, the durable outbox, signed
// bundles with receipts, the hash-chained ledger, checkpoints and leases for background work.
export async function up(db: Kysely<unknown>): Promise<void> {
  const big = bigint(db);

  await db.schema
    .createTable('node_key')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('authority_ref', 'text')
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('retired_us', big)
    .execute();

  await db.schema
    .createTable('peer')
    .addColumn('party', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('card', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('added_us', big, (c) => c.notNull())
    .addColumn('revoked_us', big)
    .addColumn('last_contact_us', big)
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_us', big, (c) => c.notNull().defaultTo(0))
    .addColumn('pull_cursor_us', big, (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('peer_key')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('party', 'text', (c) => c.notNull().references('peer.party').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('authority_ref', 'text')
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('added_us', big, (c) => c.notNull())
    .addColumn('retired_us', big)
    .execute();

  await db.schema
    .createTable('peer_nonce')
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('jti', 'text', (c) => c.notNull())
    .addColumn('expires_us', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('peer_nonce_pk', ['party', 'jti'])
    .execute();
  await db.schema.createIndex('peer_nonce_expiry').on('peer_nonce').column('expires_us').execute();

  await withSerialKey(db, db.schema.createTable('outbox_item'), 'seq')
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('object_seq', big, (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('version_us', big, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('enqueued_us', big, (c) => c.notNull())
    .addColumn('bundle_id', 'text')
    .addColumn('delivered_us', big)
    .execute();
  await db.schema.createIndex('outbox_item_pending').on('outbox_item').columns(['party', 'state', 'seq']).execute();
  await db.schema.createIndex('outbox_item_version').on('outbox_item').columns(['party', 'object_id', 'version_us']).unique().execute();

  await db.schema
    .createTable('bundle')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('object_count', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('receipt', 'text')
    .addColumn('receipt_signature', 'text')
    .addColumn('receipt_us', big)
    .execute();

  await db.schema
    .createTable('bundle_object')
    .addColumn('bundle_id', 'text', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('version_us', big, (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    // Only for elements the receiver refused (they are not in the store): keeps the signed bundle verifiable.
    .addColumn('refused_body', 'text')
    .addPrimaryKeyConstraint('bundle_object_pk', ['bundle_id', 'idx'])
    .execute();
  await db.schema.createIndex('bundle_object_object').on('bundle_object').columns(['object_id', 'version_us']).execute();

  await withSerialKey(db, db.schema.createTable('ledger_entry'), 'seq')
    .addColumn('at_us', big, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('version_us', big)
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('bundle_id', 'text')
    .addColumn('signature', 'text')
    .addColumn('channel_index', big)
    .addColumn('channel_head', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entry_object').on('ledger_entry').columns(['object_id', 'version_us']).execute();
  await db.schema.createIndex('ledger_entry_channel').on('ledger_entry').columns(['party', 'kind', 'channel_index']).execute();

  await db.schema
    .createTable('ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', big, (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('channel_head')
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('count', big, (c) => c.notNull())
    .addColumn('head', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_head_pk', ['party', 'direction'])
    .execute();

  await withSerialKey(db, db.schema.createTable('checkpoint'), 'seq')
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('at_us', big, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .execute();

  await db.schema
    .createTable('lease')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('until_us', big, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['lease', 'checkpoint', 'channel_head', 'ledger_head', 'ledger_entry', 'bundle_object', 'bundle', 'outbox_item', 'peer_nonce', 'peer_key', 'peer', 'node_key'])
    await db.schema.dropTable(table).ifExists().execute();
}
