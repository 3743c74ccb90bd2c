import type { Kysely } from 'kysely';
import { sql } from '../migration-kit.js';

// Open deadlines of one rule, by Party and due time: the inbox asks for consultations' action items
// this way at every load. Without an index it read every deadline (116,667 in the deadlines
// benchmark): 15 ms on SQLite and 143 ms on PostgreSQL of each inbox query, past the 50 ms target.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index deadline_open_rule on deadline (rule, party, due_us) where closed_us is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index deadline_open_rule`.execute(db);
}
