import type { Kysely } from 'kysely';
import { sql } from '../migration-kit.js';

// The sender's delivery asks for a peer's unacknowledged bundles at every turn (every early
// warning sent). Without an index that was a scan of every bundle ever sent or received, sorted:
// 0.4 ms a call after a thousand messages, and growing with the channel's history. Only the
// bundles still waiting for a receipt are indexed, so the index stays a few rows long.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index bundle_unacknowledged on bundle (party, direction, created_us) where receipt_us is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bundle_unacknowledged').execute();
}
