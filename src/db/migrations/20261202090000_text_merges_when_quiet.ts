import type { Kysely } from 'kysely';
import { isPostgres, sql } from '../migration-kit.js';

// SQLite's search index no longer merges its segments as batches are written (FTS5 "automerge"):
// the writer merges them once writes stop (objects/text-index-upkeep.ts). Merging as it wrote, the
// write thread spent about a third of its time on ATT&CK Mobile after 200,000 indicators on the
// segments earlier imports had left (see docs/benchmarks.md, twenty-second session). The setting
// lives in the index itself: a migration that rebuilds stix_text must set it again.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`insert into stix_text (stix_text, rank) values ('automerge', 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`insert into stix_text (stix_text, rank) values ('automerge', 4)`.execute(db);
}
