import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import type { StixObjectTable } from './objects.tables.js';
import type { Executor } from '../db/database.js';
import { FOLDED_CONTAINS } from '../db/sql-functions.js';
import { objectIdIn, objectIdIs, objectIdIsColumn } from './object-id-key.js';

/** match[version] of TAXII: any combination of first, last, all and exact versions. */
export interface VersionMatch {
  readonly first: boolean;
  readonly last: boolean;
  readonly all: boolean;
  readonly exact: readonly number[];
}

export const LATEST_ONLY: VersionMatch = { first: false, last: true, all: false, exact: [] };

export interface CollectionPageQuery {
  readonly collectionId: string;
  /** Only entries added strictly after this (TAXII added_after, or the page cursor). */
  readonly addedAfterUs?: number | undefined;
  readonly ids?: readonly string[] | undefined;
  readonly types?: readonly string[] | undefined;
  readonly specVersions?: readonly string[] | undefined;
  readonly versions: VersionMatch;
  readonly limit: number;
  readonly withBody: boolean;
}

/** One version in a collection, with the facts the release policy needs. */
export interface CollectionEntry {
  readonly dateAddedUs: number;
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly versionUs: number;
  readonly specVersion: string;
  readonly tlp: string | null;
  readonly originParty: string | null;
  readonly markingRefs: string | null;
  readonly hasGranular: number;
  readonly createdUs: number | null;
  readonly modifiedUs: number | null;
  readonly body?: string;
}

/** A page of a collection in date_added order; asks for one row more than `limit` to know if there are more. */
export async function pageCollection(db: Executor, q: CollectionPageQuery): Promise<{ entries: CollectionEntry[]; more: boolean }> {
  let query = db
    .selectFrom('collectionObject as co')
    .innerJoin('stixObject as o', 'o.seq', 'co.seq')
    .select([
      'co.dateAddedUs', 'co.seq', 'co.objectId as id', 'co.type', 'co.versionUs', 'co.specVersion', 'o.tlp', 'o.originParty', 'o.markingRefs',
      'o.hasGranular', 'o.createdUs', 'o.modifiedUs',
    ])
    .where('co.collectionId', '=', q.collectionId);
  if (q.withBody) query = query.select('o.body');
  if (q.addedAfterUs !== undefined) query = query.where('co.dateAddedUs', '>', q.addedAfterUs);
  // Membership is indexed by seq: ids lead there through stix_object's id-key index.
  if (q.ids?.length) query = query.where('co.seq', 'in', (eb) => eb.selectFrom('stixObject as v').select('v.seq').where(objectIdIn('v', q.ids ?? [])));
  if (q.types?.length) query = query.where('co.type', 'in', q.types);
  if (q.specVersions?.length) query = query.where('co.specVersion', 'in', q.specVersions);
  const v = q.versions;
  if (!v.all) {
    query = query.where((eb) => {
      const alternatives: Expression<SqlBool>[] = [];
      if (v.last) alternatives.push(eb('co.isLatest', '=', 1));
      if (v.first)
        alternatives.push(
          eb(
            'co.versionUs',
            '=',
            eb.selectFrom('collectionObject as m').select((m) => m.fn.min('m.versionUs').as('first')).whereRef('m.collectionId', '=', 'co.collectionId')
              .where('m.seq', 'in', (inner) => inner.selectFrom('stixObject as v').select('v.seq').where(objectIdIsColumn('v', 'co.objectId'))),
          ),
        );
      if (v.exact.length) alternatives.push(eb('co.versionUs', 'in', v.exact));
      return alternatives.length ? eb.or(alternatives) : sql<SqlBool>`1 = 0`;
    });
  }
  const rows = (await query.orderBy('co.dateAddedUs').limit(q.limit + 1).execute()) as CollectionEntry[];
  const more = rows.length > q.limit;
  return { entries: more ? rows.slice(0, q.limit) : rows, more };
}

/** Deletes versions of an object from a collection (TAXII DELETE); returns how many went. */
export async function deleteFromCollection(db: Executor, collectionId: string, id: string, versionUs: readonly number[] | undefined): Promise<number> {
  const versions = (eb: ExpressionBuilder<DB, 'collectionObject'>) => eb.selectFrom('stixObject as v').select('v.seq').where(objectIdIs('v', id));
  let query = db.deleteFrom('collectionObject').where('collectionId', '=', collectionId).where('seq', 'in', versions);
  if (versionUs) query = query.where('versionUs', 'in', versionUs);
  const result = await query.executeTakeFirst();
  await sql`update collection_object set is_latest = case when version_us = (select max(m.version_us) from collection_object m
      where m.collection_id = collection_object.collection_id and m.seq in (select v.seq from stix_object v where ${objectIdIs('v', id)})) then 1 else 0 end
    where collection_id = ${collectionId} and seq in (select v.seq from stix_object v where ${objectIdIs('v', id)})`.execute(db);
  return Number(result.numDeletedRows);
}

/** Object versions stored under an id, newest first, with bodies. */
export function versionsOf(db: Executor, id: string) {
  return db
    .selectFrom('stixObject')
    .select(['seq', 'id', 'type', 'versionUs', 'specVersion', 'tlp', 'originParty', 'markingRefs', 'hasGranular', 'isLatest', 'body', 'storedUs', 'revoked'])
    .where(objectIdIs('stixObject', id))
    .orderBy('versionUs', 'desc')
    .execute();
}

/** The latest version of each id in a list. */
export function latestOf(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stixObject')
    .select(['seq', 'id', 'type', 'versionUs', 'specVersion', 'tlp', 'originParty', 'markingRefs', 'hasGranular', 'body'])
    .where(objectIdIn('stixObject', ids))
    .where('isLatest', '=', 1)
    .execute();
}

export interface ObjectSearch {
  readonly text?: string | undefined;
  readonly types?: readonly string[] | undefined;
  readonly tlp?: readonly string[] | undefined;
  /** 'local' for this node's own objects, or a Party code for what that Party sent. */
  readonly origin?: string | undefined;
  readonly createdByRef?: string | undefined;
  /** Only versions this node stored after this time (µs): what changed since an earlier export. */
  readonly storedAfterUs?: number | undefined;
  readonly includeRevoked: boolean;
  /** Keyset cursor: only rows with seq below this. */
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
}

/** Latest versions matching a search, newest first. */
export function searchObjects(db: Executor, dialect: 'sqlite' | 'postgres', q: ObjectSearch) {
  let query = db
    .selectFrom('stixObject as o')
    .select(['o.seq', 'o.id', 'o.type', 'o.versionUs', 'o.specVersion', 'o.tlp', 'o.originParty', 'o.markingRefs', 'o.hasGranular', 'o.revoked', 'o.createdByRef', 'o.storedUs', 'o.body'])
    .where('o.isLatest', '=', 1);
  query = applySearchFilters(query, dialect, q);
  if (q.beforeSeq !== undefined) query = query.where('o.seq', '<', q.beforeSeq);
  return query.orderBy('o.seq', 'desc').limit(q.limit).execute();
}

/** How many latest versions match a search (before release filtering; see ObjectsService). */
export async function countObjects(db: Executor, dialect: 'sqlite' | 'postgres', q: ObjectSearch): Promise<number> {
  let query = db.selectFrom('stixObject as o').select((eb) => eb.fn.countAll<number>().as('n')).where('o.isLatest', '=', 1);
  query = applySearchFilters(query, dialect, q);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

type ObjectQuery<O> = SelectQueryBuilder<DB & { o: StixObjectTable }, 'o', O>;

function applySearchFilters<O>(query: ObjectQuery<O>, dialect: 'sqlite' | 'postgres', q: ObjectSearch): ObjectQuery<O> {
  let out = query;
  if (q.types?.length) out = out.where('o.type', 'in', q.types);
  if (q.tlp?.length) out = out.where('o.tlp', 'in', q.tlp);
  if (q.origin === 'local') out = out.where('o.originParty', 'is', null);
  else if (q.origin) out = out.where('o.originParty', '=', q.origin);
  if (q.createdByRef) out = out.where('o.createdByRef', '=', q.createdByRef);
  if (q.storedAfterUs !== undefined) out = out.where('o.storedUs', '>', q.storedAfterUs);
  if (!q.includeRevoked) out = out.where('o.revoked', '=', 0);
  const text = q.text?.trim();
  if (text) {
    if (dialect === 'sqlite') {
      // The trigram index keeps no positions: it finds the rows holding every trigram of the text,
      // and the text itself is then looked for in those few, case folded as the index folds it.
      // Shorter terms (two-character Chinese words) have no trigram and fall back to LIKE.
      out = [...text].length >= 3
        ? out.where('o.seq', 'in', sql<number>`(select rowid from stix_text where stix_text match ${trigramsOf(text)}
            and (${sql.raw(FOLDED_CONTAINS)}(name, ${text}) or ${sql.raw(FOLDED_CONTAINS)}(description, ${text})))`)
        : out.where('o.seq', 'in', sql<number>`(select rowid from stix_text where name like ${`%${escapeLike(text)}%`} escape '\\' or description like ${`%${escapeLike(text)}%`} escape '\\')`);
    } else {
      out = out.where('o.seq', 'in', sql<number>`(select seq from stix_text where (coalesce(name, '') || ' ' || coalesce(description, '')) ilike ${`%${escapeLike(text)}%`})`);
    }
  }
  return out;
}

/** At most this many trigrams go to the index: past them, the text check alone decides. */
const MAX_TRIGRAMS = 32;

/** An FTS5 query for rows holding every trigram of `text` (each one quoted as a one-token phrase). */
function trigramsOf(text: string): string {
  const chars = [...text];
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length && trigrams.size < MAX_TRIGRAMS; i++) trigrams.add(chars.slice(i, i + 3).join(''));
  return [...trigrams].map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
