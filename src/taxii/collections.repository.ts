import type { Executor } from '../db/database.js';
import type { CollectionTable } from './taxii.tables.js';

export type CollectionRow = CollectionTable;

export function listCollectionRows(db: Executor): Promise<CollectionRow[]> {
  return db.selectFrom('collection').selectAll().orderBy('createdUs').orderBy('alias').execute();
}

export function findCollection(db: Executor, idOrAlias: string): Promise<CollectionRow | undefined> {
  return db
    .selectFrom('collection')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrAlias), eb('alias', '=', idOrAlias)]))
    .executeTakeFirst();
}

export async function insertCollection(db: Executor, row: CollectionRow): Promise<void> {
  await db.insertInto('collection').values(row).onConflict((oc) => oc.column('alias').doNothing()).execute();
}
