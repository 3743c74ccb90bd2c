import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { DeadlineTable } from './deadlines.tables.js';

export type DeadlineRow = Selectable<DeadlineTable>;
export type FiredStage = 'due-soon' | 'overdue' | 'escalated';

export function findDeadline(db: Executor, id: string): Promise<DeadlineRow | undefined> {
  return db.selectFrom('deadline').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a deadline unless one with its id exists (scheduled meanwhile by another transaction); says whether it did. */
export async function insertDeadline(db: Executor, row: Insertable<DeadlineTable>): Promise<boolean> {
  const result = await db.insertInto('deadline').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function updateDeadline(db: Executor, id: string, changes: Updateable<DeadlineTable>): Promise<void> {
  await db.updateTable('deadline').set(changes).where('id', '=', id).execute();
}

/** Open deadlines of one rule owed by these Parties, soonest first; `dueBeforeUs` keeps only those already late. */
export function openDeadlinesOfRule(db: Executor, rule: string, parties: readonly string[], limit: number, dueBeforeUs?: number): Promise<DeadlineRow[]> {
  if (parties.length === 0) return Promise.resolve([]);
  return openDeadlinesOfRuleQuery(db, rule, parties, limit, dueBeforeUs).execute();
}

/** The query of openDeadlinesOfRule, for a test of its plan (parties not empty). */
export function openDeadlinesOfRuleQuery(db: Executor, rule: string, parties: readonly string[], limit: number, dueBeforeUs?: number) {
  let query = db.selectFrom('deadline').selectAll().where('rule', '=', rule).where('party', 'in', [...parties]).where('closedUs', 'is', null);
  if (dueBeforeUs !== undefined) query = query.where('dueUs', '<', dueBeforeUs);
  return query.orderBy('dueUs', 'asc').orderBy('id').limit(limit);
}

export function deadlinesOf(db: Executor, subjectIds: readonly string[]): Promise<DeadlineRow[]> {
  if (subjectIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('deadline').selectAll().where('subjectId', 'in', [...subjectIds]).orderBy('dueUs', 'asc').execute();
}

/** Ends the open deadlines of a subject (optionally of one rule and Party) as met or cancelled; returns them. */
export function closeDeadlines(db: Executor, subjectId: string, how: 'met' | 'cancelled', atUs: number, filter: { rule?: string; party?: string } = {}): Promise<DeadlineRow[]> {
  let query = db.updateTable('deadline')
    .set(how === 'met' ? { state: 'met', metUs: atUs, closedUs: atUs, updatedUs: atUs } : { state: 'cancelled', cancelledUs: atUs, closedUs: atUs, updatedUs: atUs })
    .where('subjectId', '=', subjectId).where('closedUs', 'is', null);
  if (filter.rule) query = query.where('rule', '=', filter.rule);
  if (filter.party) query = query.where('party', '=', filter.party);
  return query.returningAll().execute();
}

const stageColumns = {
  'escalated': { at: 'escalateAtUs', flag: 'escalatedUs', also: ['overdueUs', 'remindedUs'] },
  'overdue': { at: 'dueUs', flag: 'overdueUs', also: ['remindedUs'] },
  'due-soon': { at: 'remindAtUs', flag: 'remindedUs', also: [] },
} as const;

/**
 * Claims up to `limit` open deadlines that reached a stage and have not fired it, marking them
 * fired in the same statement (and earlier stages as passed, so a deadline that was missed
 * while the node was down fires only its latest stage). The outer WHERE repeats the "not fired"
 * test: on PostgreSQL a concurrent claimer waits for the row lock, re-checks it and skips the row.
 */
export function claimStage(db: Executor, stage: FiredStage, nowUs: number, limit: number): Promise<DeadlineRow[]> {
  const { at, flag, also } = stageColumns[stage];
  const changes: Updateable<DeadlineTable> = { state: stage, [flag]: nowUs, updatedUs: nowUs };
  for (const column of also) Object.assign(changes, { [column]: sql<number>`coalesce(${sql.ref(column)}, ${nowUs})` });
  return db.updateTable('deadline').set(changes)
    .where('id', 'in', (eb) => eb.selectFrom('deadline').select('id')
      .where('closedUs', 'is', null).where(flag, 'is', null).where(at, '<=', nowUs).orderBy(at).limit(limit))
    .where('closedUs', 'is', null).where(flag, 'is', null)
    .returningAll().execute();
}

/** Open deadlines a Party is responsible for that are due before `beforeUs`, soonest first. */
export function openDeadlinesDue(db: Executor, beforeUs: number, limit: number): Promise<DeadlineRow[]> {
  return db.selectFrom('deadline').selectAll().where('closedUs', 'is', null).where('overdueUs', 'is', null).where('dueUs', '<=', beforeUs)
    .orderBy('dueUs', 'asc').limit(limit).execute();
}

