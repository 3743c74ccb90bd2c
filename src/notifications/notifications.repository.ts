import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { NotificationTable } from './notifications.tables.js';

export type NotificationRow = Selectable<NotificationTable>;
export type NotificationListRow = NotificationRow & { readUs: number | null };

export async function insertNotifications(db: Executor, rows: readonly Insertable<NotificationTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('notification').values([...rows]).execute();
}

export interface NotificationQuery {
  readonly userId: string;
  readonly permissions: readonly string[];
  readonly unreadOnly: boolean;
  readonly beforeUs?: number | undefined;
  readonly limit: number;
}

/** Notifications addressed to a user, directly or through a permission of their role, newest first. */
export function listNotifications(db: Executor, q: NotificationQuery): Promise<NotificationListRow[]> {
  let query = db.selectFrom('notification as n')
    .leftJoin('notificationRead as r', (join) => join.onRef('r.notificationId', '=', 'n.id').on('r.userId', '=', q.userId))
    .selectAll('n').select('r.readUs')
    .where((eb) => eb.or([eb('n.userId', '=', q.userId), ...(q.permissions.length ? [eb.and([eb('n.userId', 'is', null), eb('n.permission', 'in', [...q.permissions])])] : [])]));
  if (q.unreadOnly) query = query.where('r.readUs', 'is', null);
  if (q.beforeUs !== undefined) query = query.where('n.atUs', '<', q.beforeUs);
  return query.orderBy('n.atUs', 'desc').orderBy('n.id', 'desc').limit(q.limit).execute();
}

/** How many notifications for the user are unread. */
export async function countUnread(db: Executor, userId: string, permissions: readonly string[]): Promise<number> {
  const row = await db.selectFrom('notification as n')
    .leftJoin('notificationRead as r', (join) => join.onRef('r.notificationId', '=', 'n.id').on('r.userId', '=', userId))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where((eb) => eb.or([eb('n.userId', '=', userId), ...(permissions.length ? [eb.and([eb('n.userId', 'is', null), eb('n.permission', 'in', [...permissions])])] : [])]))
    .where('r.readUs', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export function findNotification(db: Executor, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markRead(db: Executor, ids: readonly string[], userId: string, atUs: number): Promise<void> {
  if (ids.length === 0) return;
  await db.insertInto('notificationRead').values(ids.map((notificationId) => ({ notificationId, userId, readUs: atUs })))
    .onConflict((oc) => oc.columns(['notificationId', 'userId']).doNothing()).execute();
}

export async function markEmailed(db: Executor, ids: readonly string[], atUs: number): Promise<void> {
  if (ids.length) await db.updateTable('notification').set({ emailedUs: atUs }).where('id', 'in', [...ids]).execute();
}
