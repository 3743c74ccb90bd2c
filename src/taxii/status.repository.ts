import type { Executor } from '../db/database.js';
import type { TaxiiStatusTable } from './taxii.tables.js';

export type StatusRow = TaxiiStatusTable;

export async function insertStatus(db: Executor, row: StatusRow): Promise<void> {
  await db.insertInto('taxiiStatus').values(row).execute();
}

export function findStatus(db: Executor, id: string): Promise<StatusRow | undefined> {
  return db.selectFrom('taxiiStatus').selectAll().where('id', '=', id).executeTakeFirst();
}
