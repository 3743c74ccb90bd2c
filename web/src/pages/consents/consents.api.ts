import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';

/** Originator consent (Art. 6(2)) as GET /api/v1/consents and /consents/:id describe it. */
export const consentStates = ['pending', 'granted', 'refused', 'revoked', 'expired'] as const;
export type ConsentState = (typeof consentStates)[number];

export interface ConsentDecision {
  readonly id: string;
  readonly objects: readonly string[];
  readonly expires: string | null;
  readonly reasons: readonly string[];
  readonly decided: string;
}

export interface Consent {
  readonly id: string;
  readonly direction: 'sent' | 'received';
  readonly requestingParty: string;
  readonly originatingParty: string;
  readonly objects: readonly string[];
  /** "public", "third-party:NAME" or a Party code. */
  readonly recipient: string;
  readonly purpose: string;
  readonly requestedUntil: string | null;
  readonly requested: string;
  readonly state: ConsentState;
  readonly decision: ConsentDecision | null;
}

export interface ConsentFilter {
  readonly direction?: 'sent' | 'received' | undefined;
  readonly state?: ConsentState | undefined;
  readonly object?: string | undefined;
}

export const consentKeys = {
  all: ['consents'] as const,
  list: (filter: ConsentFilter) => ['consents', 'list', filter] as const,
  one: (id: string) => ['consents', 'one', id] as const,
};

/** Pending first (they wait for someone), then newest first. */
export function sortConsents(items: readonly Consent[]): Consent[] {
  return [...items].sort(
    (a, b) =>
      Number(b.state === 'pending') - Number(a.state === 'pending') || b.requested.localeCompare(a.requested),
  );
}

export function useConsents(filter: ConsentFilter, enabled = true) {
  return useQuery({
    queryKey: consentKeys.list(filter),
    queryFn: ({ signal }) =>
      api<{ items: Consent[] }>(`/api/v1/consents${query({ ...filter })}`, { signal }).then((r) =>
        sortConsents(r.items),
      ),
    enabled,
  });
}

export function useConsent(id: string) {
  return useQuery({
    queryKey: consentKeys.one(id),
    queryFn: ({ signal }) => api<Consent>(`/api/v1/consents/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

export function requestConsent(body: {
  objects: string[];
  recipient: string;
  purpose: string;
  until?: string;
  lang?: string;
}): Promise<Consent> {
  return api<Consent>('/api/v1/consents', { method: 'POST', body });
}

export function grantConsent(id: string, body: { objects?: string[]; expires?: string }): Promise<Consent> {
  return api<Consent>(`/api/v1/consents/${encodeURIComponent(id)}/grant`, { method: 'POST', body });
}

export function refuseConsent(id: string, reasons: string[]): Promise<Consent> {
  return api<Consent>(`/api/v1/consents/${encodeURIComponent(id)}/refuse`, {
    method: 'POST',
    body: { reasons },
  });
}

export function revokeConsent(id: string, reason: string | undefined): Promise<Consent> {
  return api<Consent>(`/api/v1/consents/${encodeURIComponent(id)}/revoke`, {
    method: 'POST',
    body: reason ? { reason } : {},
  });
}
