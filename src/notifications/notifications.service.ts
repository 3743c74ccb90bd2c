import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import type { UserPrincipal } from '../auth/principal.js';
import { permissions as permissionTable, type Permission } from '../auth/roles.js';
import type { Clock } from '../clock/clock.js';
import type { Database, Executor } from '../db/database.js';
import { AccordError } from '../errors/errors.js';
import { isLocale, type Locale } from '../i18n/locale.js';
import type { Mailer } from './mailer.js';
import { notificationMessage, type NotificationKey } from './notifications.messages.js';
import {
  countUnread, findNotification, insertNotifications, listNotifications, markEmailed, markRead, type NotificationListRow, type NotificationRow,
} from './notifications.repository.js';

/** A notification to record: to the holders of a permission on this node, or to one user. */
export interface NewNotification {
  readonly kind: NotificationKey;
  readonly subjectKind?: string;
  readonly subjectId?: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly permission?: Permission;
  readonly userId?: string;
}

/** A notification as a user sees it, in their language. */
export interface NotificationView {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly subjectKind: string | null;
  readonly subjectId: string | null;
  readonly text: string;
  readonly read: boolean;
}

/** Parameters that name other messages (subject kind, deadline rule) are rendered in the reader's language first. */
function renderParams(params: Record<string, string | number>, locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  if (typeof params.subjectKind === 'string') out.subject = tryText(`subject.${params.subjectKind}`, locale) ?? params.subjectKind;
  if (typeof params.rule === 'string') out.action = tryText(`action.${params.rule}`, locale) ?? params.rule;
  return out;
}

function tryText(key: string, locale: Locale): string | undefined {
  const text = notificationMessage(key as NotificationKey).text(locale);
  return text === key ? undefined : text;
}

function permissionsOf(user: UserPrincipal): string[] {
  return Object.entries(permissionTable).filter(([, roles]) => (roles as readonly string[]).includes(user.role)).map(([name]) => name);
}

/** In-app notifications (and e-mail to the node's duty address when SMTP is configured). */
export class NotificationsService {
  constructor(private readonly deps: { database: Database; clock: Clock; logger: Logger; mailer: Mailer | undefined; locale: Locale; nodeName: string }) {}

  /** Records notifications inside the caller's transaction; deliver() them after it commits. */
  async add(trx: Executor, items: readonly NewNotification[]): Promise<NotificationRow[]> {
    const atUs = this.deps.clock.nowMicros();
    const rows: NotificationRow[] = items.map((n) => ({
      // Time-ordered ids keep notifications of the same instant in the order they were made.
      id: uuidv7(), atUs, kind: n.kind, subjectKind: n.subjectKind ?? null, subjectId: n.subjectId ?? null, params: JSON.stringify(n.params),
      permission: n.permission ?? null, userId: n.userId ?? null, emailedUs: null,
    }));
    await insertNotifications(trx, rows);
    return rows;
  }

  /** Sends recorded notifications by e-mail when a mailer is set; failures are logged, never thrown. */
  async deliver(rows: readonly NotificationRow[]): Promise<void> {
    const { mailer, locale, nodeName, logger, database, clock } = this.deps;
    if (!mailer || rows.length === 0) return;
    const sent: string[] = [];
    for (const row of rows) {
      const text = this.render(row, locale);
      try {
        await mailer.send(notificationMessage('mailSubject', { node: nodeName, text: text.slice(0, 120) }).text(locale), text);
        sent.push(row.id);
      } catch (error) {
        logger.warn({ err: error, notification: row.id }, 'e-mail notification failed');
      }
    }
    await markEmailed(database.db, sent, clock.nowMicros());
  }

  /** Records and delivers notifications in one go (outside any other transaction). */
  async notify(items: readonly NewNotification[]): Promise<void> {
    const rows = await this.add(this.deps.database.db, items);
    await this.deliver(rows);
  }

  render(row: Pick<NotificationRow, 'kind' | 'params'>, locale: Locale): string {
    const params = JSON.parse(row.params) as Record<string, string | number>;
    return notificationMessage(row.kind as NotificationKey, renderParams(params, locale)).text(locale);
  }

  /** The user's notifications, newest first, with the unread count. */
  async list(user: UserPrincipal, q: { unreadOnly?: boolean; before?: string | undefined; limit?: number }, locale: Locale): Promise<{ items: NotificationView[]; unread: number; next?: string }> {
    const db = this.deps.database.db;
    const permissions = permissionsOf(user);
    const limit = q.limit ?? 50;
    const beforeUs = q.before ? Date.parse(q.before) * 1000 : undefined;
    const rows = await listNotifications(db, { userId: user.userId, permissions, unreadOnly: q.unreadOnly ?? false, beforeUs, limit });
    const unread = await countUnread(db, user.userId, permissions);
    const last = rows.at(-1);
    return { items: rows.map((r) => this.view(r, locale)), unread, ...(rows.length === limit && last ? { next: new Date(last.atUs / 1000).toISOString() } : {}) };
  }

  /** Marks notifications read for the user; one the user cannot see is not found. */
  async markRead(user: UserPrincipal, ids: readonly string[]): Promise<void> {
    const permissions = permissionsOf(user);
    for (const id of ids) {
      const row = await findNotification(this.deps.database.db, id);
      const visible = row && (row.userId === user.userId || (row.userId === null && row.permission !== null && permissions.includes(row.permission)));
      if (!visible) throw new AccordError('not-found', notificationMessage('notFound', { id }));
    }
    await markRead(this.deps.database.db, ids, user.userId, this.deps.clock.nowMicros());
  }

  /** Marks every notification of the user read; returns how many were unread. */
  async markAllRead(user: UserPrincipal): Promise<number> {
    const permissions = permissionsOf(user);
    let count = 0;
    for (;;) {
      const rows = await listNotifications(this.deps.database.db, { userId: user.userId, permissions, unreadOnly: true, limit: 1000 });
      if (rows.length === 0) return count;
      await markRead(this.deps.database.db, rows.map((r) => r.id), user.userId, this.deps.clock.nowMicros());
      count += rows.length;
    }
  }

  private view(row: NotificationListRow, locale: Locale): NotificationView {
    return {
      id: row.id, at: new Date(row.atUs / 1000).toISOString(), kind: row.kind, subjectKind: row.subjectKind, subjectId: row.subjectId,
      text: this.render(row, isLocale(locale) ? locale : 'en'), read: row.readUs !== null,
    };
  }
}
