import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ConsultationTable, DisputeTable } from './consultations.tables.js';

export type ConsultationRow = Selectable<ConsultationTable>;
export type DisputeRow = Selectable<DisputeTable>;

export function findConsultation(db: Executor, id: string): Promise<ConsultationRow | undefined> {
  return db.selectFrom('consultation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The consultation row, locked for the rest of the transaction on PostgreSQL. */
export function lockConsultation(db: Executor, id: string, postgres: boolean): Promise<ConsultationRow | undefined> {
  const query = db.selectFrom('consultation').selectAll().where('id', '=', id);
  return (postgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function saveConsultation(db: Executor, row: ConsultationRow): Promise<void> {
  const { id: _id, ...changes } = row;
  await db.insertInto('consultation').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
}

/** Consultations not cancelled whose dates meet [startUs, endUs), except one. */
export function overlapping(db: Executor, startUs: number, endUs: number, exceptId: string | null): Promise<ConsultationRow[]> {
  let query = db.selectFrom('consultation').selectAll().where('state', '!=', 'cancelled').where('startsUs', '<', endUs).where('endsUs', '>', startUs);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.execute();
}

export interface ConsultationFilter {
  readonly kind?: 'regular' | 'extraordinary' | undefined;
  readonly fromUs?: number | undefined;
  readonly toUs?: number | undefined;
  readonly limit: number;
}

/** Consultations in these states, soonest first (what may wait for a Party's acceptance or approval). */
export function consultationsIn(db: Executor, states: readonly ConsultationRow['state'][], limit: number): Promise<ConsultationRow[]> {
  return db.selectFrom('consultation').selectAll().where('state', 'in', [...states]).orderBy('startsUs', 'asc').orderBy('id').limit(limit).execute();
}

/** Consultations in date order. */
export function listConsultations(db: Executor, f: ConsultationFilter): Promise<ConsultationRow[]> {
  let query = db.selectFrom('consultation').selectAll();
  if (f.kind) query = query.where('kind', '=', f.kind);
  if (f.fromUs !== undefined) query = query.where('endsUs', '>=', f.fromUs);
  if (f.toUs !== undefined) query = query.where('startsUs', '<', f.toUs);
  return query.orderBy('startsUs', 'asc').orderBy('id').limit(f.limit).execute();
}

export function findDispute(db: Executor, id: string): Promise<DisputeRow | undefined> {
  return db.selectFrom('dispute').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function saveDispute(db: Executor, row: DisputeRow): Promise<void> {
  const { id: _id, ...changes } = row;
  await db.insertInto('dispute').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
}

export function listDisputes(db: Executor, limit: number): Promise<DisputeRow[]> {
  return db.selectFrom('dispute').selectAll().orderBy('createdUs', 'desc').orderBy('id').limit(limit).execute();
}
