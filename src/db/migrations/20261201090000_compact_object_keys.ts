import type { Kysely } from 'kysely';
import { isPostgres, sql } from '../migration-kit.js';

// What each SQLite commit writes, made smaller (see docs/benchmarks.md, seventeenth session).
//
// Object ids are random UUIDs, so every batch put its keys all over the (id, version_us) index
// and each commit wrote most of its leaf pages out again: ~66 bytes an entry, 3,558 pages at
// 200,000 objects. On SQLite, versions are now found by `id_key`, the id's last 12 characters
// (48 random bits of a UUID), indexed with the version (~30 bytes an entry), and then compared
// by the full id. `id_key` is a virtual generated column, computed only into the index. The
// key is not unique; the one writer keeps (id, version) unique, as it always has: it reads the
// stored versions of a batch's ids inside the batch's write transaction.
//
// The trigram search index keeps no token positions any more (detail=none): they were 32 of its
// 40 MB at 200,000 indicators. Searches match every trigram of the text and then check the text
// itself (see objects.repository.ts).
//
// PostgreSQL keeps its unique (id, version_us) index (its log holds each index entry, not whole
// pages at every commit); it gets the same column, stored, so that one set of queries serves both.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table stix_object add column id_key text generated always as (substr(id, length(id) - 11)) stored`.execute(db);
    return;
  }
  await sql`alter table stix_object add column id_key text generated always as (substr(id, length(id) - 11)) virtual`.execute(db);
  await sql`drop index stix_object_version`.execute(db);
  await sql`create index stix_object_id_key on stix_object (id_key, version_us)`.execute(db);
  await rebuildText(db, 'none');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table stix_object drop column id_key`.execute(db);
    return;
  }
  await rebuildText(db, 'full');
  await sql`drop index stix_object_id_key`.execute(db);
  await sql`create unique index stix_object_version on stix_object (id, version_us)`.execute(db);
  await sql`alter table stix_object drop column id_key`.execute(db);
}

async function rebuildText(db: Kysely<unknown>, detail: 'none' | 'full'): Promise<void> {
  await sql.raw(`create virtual table stix_text_rebuilt using fts5(name, description, tokenize = 'trigram', detail = ${detail})`).execute(db);
  await sql`insert into stix_text_rebuilt (rowid, name, description) select rowid, name, description from stix_text`.execute(db);
  await sql`drop table stix_text`.execute(db);
  await sql`alter table stix_text_rebuilt rename to stix_text`.execute(db);
}
