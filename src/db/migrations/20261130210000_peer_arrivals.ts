import type { Kysely } from 'kysely';
import { sql } from '../migration-kit.js';

// Every start (and every deadline sweep) asks for the versions peers sent after the exchange
// cursor. Without an index that read every version stored after the cursor, the node's own
// included: 200 ms a call on a node that had just imported 100,000 objects to share, twice
// before it answered. Only versions a peer sent are indexed; a node's own never are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index stix_object_arrivals on stix_object (seq) where origin_party is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('stix_object_arrivals').execute();
}
