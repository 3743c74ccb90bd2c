import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { PartyRecordHeldTable, PartyRecordKind, PartyRecordTable } from './party-records.tables.js';

export type PartyRecordRow = Selectable<PartyRecordTable>;

export function findPartyRecord(db: Executor, id: string): Promise<PartyRecordRow | undefined> {
  return db.selectFrom('partyRecord').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stores a record's newest version (insert, or replace the older one). */
export async function savePartyRecord(db: Executor, row: Insertable<PartyRecordTable>): Promise<void> {
  const { id: _id, ...changes } = row;
  await db.insertInto('partyRecord').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
}

export interface PartyRecordFilter {
  readonly kind: PartyRecordKind;
  readonly party?: string | undefined;
  readonly status?: readonly string[] | undefined;
  /** Lower-cased words that must all occur in the record's titles or summaries. */
  readonly words?: readonly string[] | undefined;
  readonly limit: number;
}

/** Records of one kind, oldest first (the order in which they happened). */
export function listPartyRecords(db: Executor, f: PartyRecordFilter): Promise<PartyRecordRow[]> {
  let query = db.selectFrom('partyRecord').selectAll().where('kind', '=', f.kind);
  if (f.party) query = query.where('authorParty', '=', f.party);
  if (f.status?.length) query = query.where('status', 'in', [...f.status]);
  // Wildcards in a search word are dropped rather than escaped: the two dialects escape differently.
  for (const word of f.words ?? []) query = query.where('searchText', 'like', `%${word.replace(/[\\%_]/g, '')}%`);
  return query.orderBy('createdUs', 'asc').orderBy('id').limit(f.limit).execute();
}

/** The authors of existing records among these ids (the admission check of peers' new versions). */
export async function authorsOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('partyRecord').select(['id', 'authorParty']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.authorParty]));
}

export type HeldRecordRow = Selectable<PartyRecordHeldTable>;

/** Holds back a peer's record, or replaces a held older version of it. */
export async function holdPartyRecord(db: Executor, row: HeldRecordRow): Promise<void> {
  const { id: _id, ...changes } = row;
  await db
    .insertInto('partyRecordHeld')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes).where('partyRecordHeld.versionUs', '<', row.versionUs))
    .execute();
}

/** Held-back records of one kind, oldest first. */
export function heldPartyRecords(db: Executor, kind: PartyRecordKind): Promise<HeldRecordRow[]> {
  return db.selectFrom('partyRecordHeld').selectAll().where('kind', '=', kind).orderBy('heldUs', 'asc').orderBy('id').execute();
}

export async function releaseHeldRecord(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('partyRecordHeld').where('id', '=', id).execute();
}
