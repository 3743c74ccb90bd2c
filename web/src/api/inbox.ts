import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';

/** What needs my action (GET /api/v1/inbox) and my notifications (GET /api/v1/notifications). */
export interface InboxItem {
  /** For an action item, `id` is its consultation. */
  readonly kind: 'warning' | 'request' | 'consent' | 'consultation' | 'action-item';
  readonly id: string;
  readonly title: string;
  readonly action: string;
  readonly party: string;
  readonly peer: string;
  readonly state: string;
  readonly level: string;
  readonly due: string | null;
  readonly overdue: boolean;
  readonly followUp: boolean;
}

export interface Notification {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly subjectKind: string | null;
  readonly subjectId: string | null;
  readonly text: string;
  readonly read: boolean;
}

export function useInbox(enabled: boolean) {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: ({ signal }) => api<{ items: InboxItem[]; more: boolean }>('/api/v1/inbox?limit=50', { signal }),
    enabled,
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: ({ signal }) =>
      api<{ items: Notification[]; unread: number }>(`/api/v1/notifications${query({ limit: 30 })}`, {
        signal,
      }),
    enabled,
  });
}

/** Where a warning or request lives in the app. */
export function subjectPath(kind: string | null, id: string | null): string | undefined {
  if (!id) return undefined;
  if (kind === 'warning' || id.startsWith('accord-early-warning--')) return `/warnings/${id}`;
  if (kind === 'request' || id.startsWith('accord-assistance-request--')) return `/requests/${id}`;
  if (kind === 'consent' || id.startsWith('accord-consent-request--')) return `/consents/${id}`;
  if (kind === 'consultation' || id.startsWith('accord-consultation--'))
    return `/consultations/${id.split('#')[0]}`;
  if (kind === 'dispute' || id.startsWith('accord-dispute--')) return `/disputes/${id}`;
  return undefined;
}
