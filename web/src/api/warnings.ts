import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { StixObject } from './types';

/** Early warnings as GET /api/v1/warnings and /warnings/:id describe them. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const severities: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const warningStates = [
  'draft',
  'sent',
  'delivered',
  'acknowledged',
  'assessed',
  'closed',
  'withdrawn',
] as const;
export const agreements = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;

export interface Addressee {
  readonly party: string;
  readonly authorityRef: string | null;
  readonly state: string;
  readonly delivered: string | null;
  readonly acknowledged: string | null;
  readonly acknowledgedBy: string | null;
}

export interface NextAction {
  readonly action: string;
  readonly party: string;
  readonly due: string | null;
}

export interface WarningSummary {
  readonly id: string;
  readonly direction: 'sent' | 'received';
  readonly state: string;
  readonly senderParty: string;
  readonly severity: Severity;
  readonly threatCategory: string;
  readonly title: string;
  readonly lang: string;
  readonly tlp: string | null;
  readonly addressees: readonly Addressee[];
  readonly sent: string | null;
  readonly updated: string;
  readonly nextAction: NextAction | null;
}

export interface Deadline {
  readonly id: string;
  readonly rule: string;
  readonly party: string;
  readonly state: string;
  readonly start: string | null;
  readonly due: string | null;
  readonly legalDate: string | null;
  readonly timeZone: string | null;
  readonly provision: string | null;
  readonly met: string | null;
  readonly metLate: boolean | null;
}

export interface Assessment {
  readonly party: string;
  readonly agreement: string;
  readonly confidence: number | null;
  readonly explanation: string | null;
  readonly actionsTaken: readonly string[];
  readonly note: string | null;
  readonly assessed: string;
  readonly assessedBy: string | null;
}

export interface Translation {
  readonly lang: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly objectId: string;
}

export interface HistoryEntry {
  readonly at: string;
  readonly kind: string;
  readonly party: string | null;
  readonly actor: string | null;
  readonly objectId: string | null;
  readonly detail: Record<string, unknown> | null;
}

export interface WarningDetail extends WarningSummary {
  readonly description: string | null;
  readonly affectedSectors: readonly string[];
  readonly affectedProducts: readonly string[];
  readonly relatedRefs: readonly string[];
  readonly recommendedActions: readonly string[];
  readonly statusReason: string | null;
  readonly createdBy: string | null;
  readonly deadlines: readonly Deadline[];
  readonly assessments: readonly Assessment[];
  readonly translations: readonly Translation[];
  readonly history: readonly HistoryEntry[];
  readonly object: StixObject | null;
}

export interface WarningFilters {
  readonly direction?: string;
  readonly state?: readonly string[];
  readonly severity?: readonly string[];
}

export const warningKeys = {
  all: ['warnings'] as const,
  list: (filters: WarningFilters) => ['warnings', 'list', filters] as const,
  one: (id: string) => ['warnings', 'one', id] as const,
};

export function useWarnings(filters: WarningFilters, enabled = true) {
  return useQuery({
    queryKey: warningKeys.list(filters),
    queryFn: ({ signal }) =>
      api<{ items: WarningSummary[]; next?: string }>(
        `/api/v1/warnings${query({ ...filters, limit: 200 })}`,
        { signal },
      ),
    enabled,
  });
}

export function useWarning(id: string) {
  return useQuery({
    queryKey: warningKeys.one(id),
    queryFn: ({ signal }) => api<WarningDetail>(`/api/v1/warnings/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

/** Runs one of the warning's acts (send, acknowledge, assess, close, withdraw, translations). */
export function warningAct(
  id: string,
  act: string,
  body: Record<string, unknown> = {},
): Promise<WarningDetail> {
  return api<WarningDetail>(`/api/v1/warnings/${encodeURIComponent(id)}/${act}`, { method: 'POST', body });
}
