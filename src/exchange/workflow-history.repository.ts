import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { WorkflowEventTable } from './exchange.tables.js';

export type WorkflowEventRow = Selectable<WorkflowEventTable>;
export type NewWorkflowEvent = Omit<Insertable<WorkflowEventTable>, 'seq'>;

/** Appends steps to the history of their subjects. */
export async function insertWorkflowEvents(db: Executor, events: readonly NewWorkflowEvent[]): Promise<void> {
  if (events.length) await db.insertInto('workflowEvent').values([...events]).execute();
}

/** The history of one subject, oldest first. */
export function historyOf(db: Executor, subjectId: string): Promise<WorkflowEventRow[]> {
  return db.selectFrom('workflowEvent').selectAll().where('subjectId', '=', subjectId).orderBy('seq', 'asc').execute();
}

/** True when this object version is already recorded in the subject's history (arrivals are idempotent). */
export async function hasObjectEvent(db: Executor, subjectId: string, objectId: string, versionUs: number): Promise<boolean> {
  const row = await db.selectFrom('workflowEvent').select('seq')
    .where('subjectId', '=', subjectId).where('objectId', '=', objectId).where('objectVersionUs', '=', versionUs)
    .executeTakeFirst();
  return row !== undefined;
}
