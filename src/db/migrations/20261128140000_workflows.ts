import type { Kysely } from 'kysely';
import { bigint, sql, withSerialKey } from '../migration-kit.js';

// Workflows between Parties: the history index of exchanges, deadlines and notifications, early
// warnings (with addressees and assessments) and requests for assistance.
export async function up(db: Kysely<unknown>): Promise<void> {
  const big = bigint(db);

  await withSerialKey(db, db.schema.createTable('workflow_event'), 'seq')
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('at_us', big, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('party', 'text')
    .addColumn('actor', 'text')
    .addColumn('object_id', 'text')
    .addColumn('object_version_us', big)
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('workflow_event_subject').on('workflow_event').columns(['subject_id', 'seq']).execute();

  await db.schema
    .createTable('deadline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_tlp', 'text')
    .addColumn('subject_origin', 'text')
    .addColumn('subject_title', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('provision', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('start_us', big, (c) => c.notNull())
    .addColumn('due_us', big, (c) => c.notNull())
    .addColumn('remind_at_us', big, (c) => c.notNull())
    .addColumn('escalate_at_us', big, (c) => c.notNull())
    .addColumn('legal_date', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reminded_us', big)
    .addColumn('overdue_us', big)
    .addColumn('escalated_us', big)
    .addColumn('met_us', big)
    .addColumn('cancelled_us', big)
    .addColumn('closed_us', big)
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('updated_us', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deadline_subject').on('deadline').column('subject_id').execute();
  // The watch claims due transitions through these partial indexes: with 100,000 open deadlines
  // a check that fires nothing reads no more than the index entries that are due.
  await sql`create index deadline_remind on deadline (remind_at_us) where closed_us is null and reminded_us is null`.execute(db);
  await sql`create index deadline_overdue on deadline (due_us) where closed_us is null and overdue_us is null`.execute(db);
  await sql`create index deadline_escalate on deadline (escalate_at_us) where closed_us is null and escalated_us is null`.execute(db);

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at_us', big, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('permission', 'text')
    .addColumn('user_id', 'text')
    .addColumn('emailed_us', big)
    .execute();
  await db.schema.createIndex('notification_time').on('notification').column('at_us').execute();
  await db.schema
    .createTable('notification_read')
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notification.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('read_us', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_read_pk', ['notification_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('warning')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('sender_party', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('threat_category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('tlp', 'text')
    .addColumn('addressees', 'text', (c) => c.notNull())
    .addColumn('draft', 'text')
    .addColumn('version_us', big)
    .addColumn('sent_us', big)
    .addColumn('delivered_us', big)
    .addColumn('acknowledged_us', big)
    .addColumn('assessed_us', big)
    .addColumn('closed_us', big)
    .addColumn('withdrawn_us', big)
    .addColumn('created_by', 'text')
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('updated_us', big, (c) => c.notNull())
    .addColumn('next_action', 'text')
    .addColumn('action_party', 'text')
    .addColumn('action_authority', 'text')
    .addColumn('action_due_us', big)
    .execute();
  await db.schema.createIndex('warning_list').on('warning').columns(['updated_us']).execute();
  await sql`create index warning_action on warning (action_party, action_due_us) where next_action is not null`.execute(db);

  await db.schema
    .createTable('warning_party')
    .addColumn('warning_id', 'text', (c) => c.notNull().references('warning.id').onDelete('cascade'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('authority_ref', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('delivered_us', big)
    .addColumn('acknowledged_us', big)
    .addColumn('ack_object_id', 'text')
    .addColumn('acknowledged_by', 'text')
    .addPrimaryKeyConstraint('warning_party_pk', ['warning_id', 'party'])
    .execute();

  await db.schema
    .createTable('warning_assessment')
    .addColumn('warning_id', 'text', (c) => c.notNull().references('warning.id').onDelete('cascade'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('opinion_id', 'text', (c) => c.notNull())
    .addColumn('note_id', 'text')
    .addColumn('agreement', 'text', (c) => c.notNull())
    .addColumn('confidence', 'integer')
    .addColumn('assessed_us', big, (c) => c.notNull())
    .addColumn('assessed_by', 'text')
    .addPrimaryKeyConstraint('warning_assessment_pk', ['warning_id', 'party'])
    .execute();

  await db.schema
    .createTable('assistance_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('requester_party', 'text', (c) => c.notNull())
    .addColumn('addressee_party', 'text', (c) => c.notNull())
    .addColumn('addressee_authority', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('threat_category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('tlp', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('version_us', big, (c) => c.notNull())
    .addColumn('submitted_us', big, (c) => c.notNull())
    .addColumn('received_us', big)
    .addColumn('decided_us', big)
    .addColumn('answered_us', big)
    .addColumn('closed_us', big)
    .addColumn('respond_by_us', big)
    .addColumn('clarification_party', 'text')
    .addColumn('clarification_step', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_us', big, (c) => c.notNull())
    .addColumn('updated_us', big, (c) => c.notNull())
    .addColumn('next_action', 'text')
    .addColumn('action_party', 'text')
    .addColumn('action_authority', 'text')
    .addColumn('action_due_us', big)
    .execute();
  await db.schema.createIndex('assistance_request_list').on('assistance_request').columns(['updated_us']).execute();
  await sql`create index assistance_request_action on assistance_request (action_party, action_due_us) where next_action is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['assistance_request', 'warning_assessment', 'warning_party', 'warning', 'notification_read', 'notification', 'deadline', 'workflow_event'])
    await db.schema.dropTable(table).ifExists().execute();
}
