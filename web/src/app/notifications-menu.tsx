import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { subjectPath, useNotifications } from '../api/inbox';
import { useSession } from '../auth/session';
import { When } from '../ui/when';

/** The bell in the top bar: unread notifications (in the user's language, from the node), marked read here. */
export function NotificationsMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const notifications = useNotifications(session.can('inbox:read'));
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const markAll = useMutation({
    mutationFn: () => api('/api/v1/notifications/read', { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node))
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  if (!session.can('inbox:read')) return null;
  const unread = notifications.data?.unread ?? 0;
  return (
    <div className="notifications" ref={box}>
      <button
        type="button"
        className="button button-small bell"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={t('notifications.count', { count: unread })}
        title={t('notifications.label')}
        onClick={() => setOpen(!open)}
        data-testid="notifications-button"
      >
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="notifications-unread">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="notifications-panel" role="dialog" aria-label={t('notifications.label')}>
          <div className="notifications-head">
            <strong>{t('notifications.label')}</strong>
            {unread > 0 && (
              <button type="button" className="link-button" onClick={() => markAll.mutate()}>
                {t('notifications.markAll')}
              </button>
            )}
          </div>
          {(notifications.data?.items.length ?? 0) === 0 && (
            <p className="muted">{t('notifications.none')}</p>
          )}
          <ul>
            {notifications.data?.items.map((n) => {
              const path = subjectPath(n.subjectKind, n.subjectId);
              return (
                <li key={n.id} className={n.read ? 'read' : 'unread'}>
                  {path ? (
                    <Link to={path} onClick={() => setOpen(false)}>
                      {n.text}
                    </Link>
                  ) : (
                    n.text
                  )}
                  <div className="small muted">
                    <When at={n.at} />
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
