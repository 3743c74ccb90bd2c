import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AssistanceRequestTable } from './requests.tables.js';

export type AssistanceRequestRow = Selectable<AssistanceRequestTable>;

export function findRequest(db: Executor, id: string): Promise<AssistanceRequestRow | undefined> {
  return db.selectFrom('assistanceRequest').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The request row, locked for the rest of the transaction on PostgreSQL. */
export function lockRequest(db: Executor, id: string, postgres: boolean): Promise<AssistanceRequestRow | undefined> {
  const query = db.selectFrom('assistanceRequest').selectAll().where('id', '=', id);
  return (postgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertRequest(db: Executor, row: Insertable<AssistanceRequestTable>): Promise<void> {
  await db.insertInto('assistanceRequest').values(row).execute();
}

export async function updateRequest(db: Executor, id: string, changes: Updateable<AssistanceRequestTable>): Promise<void> {
  await db.updateTable('assistanceRequest').set(changes).where('id', '=', id).execute();
}

export interface RequestFilter {
  readonly state?: readonly string[] | undefined;
  readonly direction?: string | undefined;
  readonly urgency?: readonly string[] | undefined;
  readonly party?: string | undefined;
  readonly beforeUs?: number | undefined;
  readonly limit: number;
}

/** Requests most recently changed first, filtered. */
export function listRequests(db: Executor, f: RequestFilter): Promise<AssistanceRequestRow[]> {
  let query = db.selectFrom('assistanceRequest').selectAll();
  if (f.state?.length) query = query.where('state', 'in', [...f.state] as AssistanceRequestRow['state'][]);
  if (f.direction) query = query.where('direction', '=', f.direction as AssistanceRequestRow['direction']);
  if (f.urgency?.length) query = query.where('urgency', 'in', [...f.urgency]);
  if (f.party) {
    const party = f.party;
    query = query.where((eb) => eb.or([eb('requesterParty', '=', party), eb('addresseeParty', '=', party)]));
  }
  if (f.beforeUs !== undefined) query = query.where('updatedUs', '<', f.beforeUs);
  return query.orderBy('updatedUs', 'desc').orderBy('id').limit(f.limit).execute();
}

/** Requests waiting for an act of this Party (of the given kinds), soonest deadline first. */
export function requestsAwaiting(db: Executor, q: { party: string; actions: readonly string[]; authority: string | null; limit: number }): Promise<AssistanceRequestRow[]> {
  if (q.actions.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('assistanceRequest').selectAll().where('actionParty', '=', q.party).where('nextAction', 'is not', null).where('nextAction', 'in', [...q.actions]);
  if (q.authority) {
    const authority = q.authority;
    query = query.where((eb) => eb.or([eb('actionAuthority', 'is', null), eb('actionAuthority', '=', authority)]));
  }
  return query.orderBy('actionDueUs', 'asc').limit(q.limit).execute();
}

/** Requests other Parties owe an act on whose deadline has passed (to follow up), oldest first. */
export function requestsOverdueElsewhere(db: Executor, otherParties: readonly string[], nowUs: number, limit: number): Promise<AssistanceRequestRow[]> {
  if (otherParties.length === 0) return Promise.resolve([]);
  return db.selectFrom('assistanceRequest').selectAll().where('actionParty', 'in', [...otherParties]).where('nextAction', 'is not', null).where('actionDueUs', '<=', nowUs)
    .orderBy('actionDueUs', 'asc').limit(limit).execute();
}
