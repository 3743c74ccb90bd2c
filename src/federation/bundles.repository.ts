import type { Insertable, Selectable } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import { insertMany } from '../db/bulk.js';
import type { BundleObjectTable, BundleTable } from './federation.tables.js';
import { objectIdIs, objectIdIsColumn } from '../objects/object-id-key.js';

export type BundleRow = Selectable<BundleTable>;

export async function insertBundle(db: Executor, database: Database, bundle: Insertable<BundleTable>, objects: ReadonlyArray<Insertable<BundleObjectTable>>): Promise<void> {
  await db.insertInto('bundle').values(bundle).execute();
  await insertMany(db, database, 'bundleObject', objects);
}

export function findBundle(db: Executor, id: string): Promise<BundleRow | undefined> {
  return db.selectFrom('bundle').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setReceipt(db: Executor, id: string, receipt: string, signature: string, atUs: number): Promise<void> {
  await db.updateTable('bundle').set({ receipt, receiptSignature: signature, receiptUs: atUs }).where('id', '=', id).execute();
}

/** The objects of a bundle in bundle order, with their stored canonical bodies. */
export function bundleObjects(db: Executor, bundleId: string) {
  return db
    .selectFrom('bundleObject as b')
    .leftJoin('stixObject as o', (join) => join.on(objectIdIsColumn('o', 'b.objectId')).onRef('o.versionUs', '=', 'b.versionUs'))
    .select((eb) => ['b.idx', 'b.objectId', 'b.versionUs', 'b.hash', eb.fn.coalesce('b.refusedBody', 'o.body').as('body'), 'o.hash as storedHash', 'o.seq as objectSeq'])
    .where('b.bundleId', '=', bundleId)
    .orderBy('b.idx')
    .execute();
}

/** The bundles that carried any version of the object: stored ones through their seqs, refused ones by id. */
export function bundlesWithObject(db: Executor, objectId: string) {
  return db
    .selectFrom('bundleObject')
    .select(['bundleId', 'versionUs'])
    .where('objectSeq', 'in', (eb) => eb.selectFrom('stixObject').select('seq').where(objectIdIs('stixObject', objectId)))
    .unionAll((eb) => eb.selectFrom('bundleObject').select(['bundleId', 'versionUs']).where('objectId', '=', objectId).where('refusedBody', 'is not', null))
    .execute();
}
