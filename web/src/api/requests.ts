import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { Deadline, HistoryEntry, NextAction } from './warnings';

/** Requests for assistance as GET /api/v1/requests and /requests/:id describe them. */
export type Urgency = 'urgent' | 'priority' | 'routine';
export const urgencies: readonly Urgency[] = ['urgent', 'priority', 'routine'];
export const assistanceKinds = [
  'preserve-logs',
  'analyse-sample',
  'identify-infrastructure',
  'block-c2',
  'other',
] as const;

export interface RequestSummary {
  readonly id: string;
  readonly direction: 'sent' | 'received';
  readonly state: string;
  readonly requesterParty: string;
  readonly addresseeParty: string;
  readonly urgency: Urgency;
  readonly threatCategory: string;
  readonly title: string;
  readonly lang: string;
  readonly tlp: string | null;
  readonly legalBasis: readonly string[];
  readonly submitted: string;
  readonly respondBy: string | null;
  readonly updated: string;
  readonly openClarification: { readonly owedBy: string; readonly stepId: string | null } | null;
  readonly nextAction: NextAction | null;
}

export interface RequestStep {
  readonly id: string;
  readonly kind: string;
  readonly party: string | null;
  readonly actor: string | null;
  readonly at: string;
  readonly content: string | null;
  readonly reasons: readonly string[];
}

export interface RequestDetail extends RequestSummary {
  readonly facts: string | null;
  readonly assistance: ReadonlyArray<{ readonly kind: string; readonly details?: string }>;
  readonly relatedRefs: readonly string[];
  readonly deadlines: readonly Deadline[];
  readonly steps: readonly RequestStep[];
  readonly history: readonly HistoryEntry[];
}

export const requestKeys = {
  all: ['requests'] as const,
  list: (filters: Record<string, unknown>) => ['requests', 'list', filters] as const,
  one: (id: string) => ['requests', 'one', id] as const,
};

export function useRequests(filters: { direction?: string; state?: readonly string[] }, enabled = true) {
  return useQuery({
    queryKey: requestKeys.list(filters),
    queryFn: ({ signal }) =>
      api<{ items: RequestSummary[] }>(`/api/v1/requests${query({ ...filters, limit: 200 })}`, { signal }),
    enabled,
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: requestKeys.one(id),
    queryFn: ({ signal }) => api<RequestDetail>(`/api/v1/requests/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

/** Takes a step on a request: acceptance, declination, interim response, clarification, answer, closure. */
export function requestStep(
  id: string,
  body: { kind: string; content?: string; reasons?: string[]; inReplyTo?: string },
): Promise<RequestDetail> {
  return api<RequestDetail>(`/api/v1/requests/${encodeURIComponent(id)}/steps`, { method: 'POST', body });
}
