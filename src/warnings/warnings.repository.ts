import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { WarningAssessmentTable, WarningPartyTable, WarningTable } from './warnings.tables.js';

export type WarningRow = Selectable<WarningTable>;
export type WarningPartyRow = Selectable<WarningPartyTable>;
export type WarningAssessmentRow = Selectable<WarningAssessmentTable>;

export function findWarning(db: Executor, id: string): Promise<WarningRow | undefined> {
  return db.selectFrom('warning').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The warning row, locked for the rest of the transaction on PostgreSQL (state changes read-modify-write it). */
export function lockWarning(db: Executor, id: string, postgres: boolean): Promise<WarningRow | undefined> {
  const query = db.selectFrom('warning').selectAll().where('id', '=', id);
  return (postgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertWarning(db: Executor, row: Insertable<WarningTable>, parties: readonly Insertable<WarningPartyTable>[]): Promise<void> {
  await db.insertInto('warning').values(row).execute();
  if (parties.length) await db.insertInto('warningParty').values([...parties]).execute();
}

export async function updateWarning(db: Executor, id: string, changes: Updateable<WarningTable>): Promise<void> {
  await db.updateTable('warning').set(changes).where('id', '=', id).execute();
}

export function partiesOf(db: Executor, warningIds: readonly string[]): Promise<WarningPartyRow[]> {
  if (warningIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('warningParty').selectAll().where('warningId', 'in', [...warningIds]).orderBy('party').execute();
}

export async function updateWarningParty(db: Executor, warningId: string, party: string, changes: Updateable<WarningPartyTable>): Promise<void> {
  await db.updateTable('warningParty').set(changes).where('warningId', '=', warningId).where('party', '=', party).execute();
}

export async function replaceWarningParties(db: Executor, warningId: string, parties: readonly Insertable<WarningPartyTable>[]): Promise<void> {
  await db.deleteFrom('warningParty').where('warningId', '=', warningId).execute();
  if (parties.length) await db.insertInto('warningParty').values([...parties]).execute();
}

export function assessmentsOf(db: Executor, warningId: string): Promise<WarningAssessmentRow[]> {
  return db.selectFrom('warningAssessment').selectAll().where('warningId', '=', warningId).orderBy('party').execute();
}

export async function upsertAssessment(db: Executor, row: Insertable<WarningAssessmentTable>): Promise<void> {
  await db.insertInto('warningAssessment').values(row)
    .onConflict((oc) => oc.columns(['warningId', 'party']).doUpdateSet({
      opinionId: row.opinionId, noteId: row.noteId, agreement: row.agreement, confidence: row.confidence, assessedUs: row.assessedUs, assessedBy: row.assessedBy,
    }))
    .execute();
}

export interface WarningFilter {
  readonly state?: readonly string[] | undefined;
  readonly direction?: string | undefined;
  readonly severity?: readonly string[] | undefined;
  readonly party?: string | undefined;
  readonly beforeUs?: number | undefined;
  readonly limit: number;
}

/** Warnings most recently changed first, filtered. */
export function listWarnings(db: Executor, f: WarningFilter): Promise<WarningRow[]> {
  let query = db.selectFrom('warning').selectAll();
  if (f.state?.length) query = query.where('state', 'in', [...f.state] as WarningRow['state'][]);
  if (f.direction) query = query.where('direction', '=', f.direction as WarningRow['direction']);
  if (f.severity?.length) query = query.where('severity', 'in', [...f.severity]);
  if (f.party) {
    const party = f.party;
    query = query.where((eb) => eb.or([eb('senderParty', '=', party), eb.exists(eb.selectFrom('warningParty').select('warningParty.party').whereRef('warningParty.warningId', '=', 'warning.id').where('warningParty.party', '=', party))]));
  }
  if (f.beforeUs !== undefined) query = query.where('updatedUs', '<', f.beforeUs);
  return query.orderBy('updatedUs', 'desc').orderBy('id').limit(f.limit).execute();
}

export interface ActionQuery {
  readonly party: string;
  readonly actions: readonly string[];
  readonly authority: string | null;
  readonly limit: number;
}

/** Warnings waiting for an act of this Party (of the given kinds), soonest deadline first. */
export function warningsAwaiting(db: Executor, q: ActionQuery): Promise<WarningRow[]> {
  if (q.actions.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('warning').selectAll().where('actionParty', '=', q.party).where('nextAction', 'is not', null).where('nextAction', 'in', [...q.actions]);
  if (q.authority) {
    const authority = q.authority;
    query = query.where((eb) => eb.or([eb('actionAuthority', 'is', null), eb('actionAuthority', '=', authority)]));
  }
  return query.orderBy('actionDueUs', 'asc').limit(q.limit).execute();
}

/** Warnings other Parties owe an act on whose deadline has passed (to follow up), oldest first. */
export function warningsOverdueElsewhere(db: Executor, otherParties: readonly string[], nowUs: number, limit: number): Promise<WarningRow[]> {
  if (otherParties.length === 0) return Promise.resolve([]);
  return db.selectFrom('warning').selectAll().where('actionParty', 'in', [...otherParties]).where('nextAction', 'is not', null).where('actionDueUs', '<=', nowUs)
    .orderBy('actionDueUs', 'asc').limit(limit).execute();
}
