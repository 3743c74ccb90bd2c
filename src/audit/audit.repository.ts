import type { Executor } from '../db/database.js';
import type { AuditEventTable } from './audit.tables.js';
import type { Insertable, Selectable } from 'kysely';

export type AuditRow = Selectable<AuditEventTable>;

export async function insertAuditEvent(db: Executor, event: Insertable<AuditEventTable>): Promise<void> {
  await db.insertInto('auditEvent').values(event).execute();
}

export interface AuditQuery {
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
  readonly action?: string | undefined;
  readonly actor?: string | undefined;
  readonly outcome?: string | undefined;
  readonly targetId?: string | undefined;
}

export function listAuditEvents(db: Executor, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('auditEvent').selectAll();
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  if (q.action) query = query.where('action', 'like', `${q.action.replace(/[%_]/g, '')}%`);
  if (q.actor) query = query.where('actor', '=', q.actor);
  if (q.outcome) query = query.where('outcome', '=', q.outcome as AuditRow['outcome']);
  if (q.targetId) query = query.where('targetId', '=', q.targetId);
  return query.orderBy('seq', 'desc').limit(q.limit).execute();
}
