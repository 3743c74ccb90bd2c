import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Provision, Texts } from '../../api/types';

/** Disputes as GET /api/v1/disputes and /disputes/:id describe them (src/disputes/disputes.service.ts). */
export const disputeStepKinds = [
  'position',
  'consultation',
  'negotiation',
  'diplomatic-channels',
  'evidence',
  'outcome',
] as const;
export type DisputeStepKind = (typeof disputeStepKinds)[number];

/** Steps that record a meeting or an exchange held on a given day. */
export const datedStepKinds: readonly DisputeStepKind[] = [
  'consultation',
  'negotiation',
  'diplomatic-channels',
];

export interface DisputeEvidence {
  readonly objectRef: string;
  readonly packageHash: string;
  readonly description: string | null;
}

export interface DisputeStep {
  readonly id: string;
  readonly kind: DisputeStepKind;
  readonly party: string;
  readonly actor: string;
  readonly at: string;
  readonly content: Texts;
  readonly heldOn: string | null;
  readonly evidence: readonly DisputeEvidence[];
}

export interface Dispute {
  readonly id: string;
  readonly created: string;
  readonly title: string;
  readonly provisions: readonly string[];
  readonly raisingParty: string;
  /** The profile version in force when the dispute was raised (nodes that record it). */
  readonly governingVersion?: string;
  readonly parties: readonly string[];
  readonly subject: Texts;
  readonly state: 'open' | 'settled';
  readonly outcome: Texts | null;
  readonly steps: readonly DisputeStep[];
}

export interface RaiseDisputeBody {
  readonly title: string;
  readonly provisions: readonly string[];
  readonly parties?: readonly string[];
  readonly subject: Texts;
}

export interface DisputeStepBody {
  readonly kind: DisputeStepKind;
  readonly content: Texts;
  readonly heldOn?: string;
  readonly evidence?: ReadonlyArray<{ readonly objectId: string; readonly description?: string }>;
}

export const disputeKeys = {
  all: ['disputes'] as const,
  list: ['disputes', 'list'] as const,
  one: (id: string) => ['disputes', 'one', id] as const,
};

export function useDisputes() {
  return useQuery({
    queryKey: disputeKeys.list,
    queryFn: ({ signal }) => api<{ items: Dispute[] }>('/api/v1/disputes', { signal }),
  });
}

export function useDispute(id: string) {
  return useQuery({
    queryKey: disputeKeys.one(id),
    queryFn: ({ signal }) => api<Dispute>(`/api/v1/disputes/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

export function raiseDispute(body: RaiseDisputeBody): Promise<Dispute> {
  return api<Dispute>('/api/v1/disputes', { method: 'POST', body });
}

export function takeDisputeStep(id: string, body: DisputeStepBody): Promise<Dispute> {
  return api<Dispute>(`/api/v1/disputes/${encodeURIComponent(id)}/steps`, { method: 'POST', body });
}

/** The ledger evidence package of an object, as the node builds it for download. */
export function evidenceUrl(objectRef: string): string {
  return `/api/v1/ledger/evidence/${encodeURIComponent(objectRef)}`;
}

/** The date of the latest step, else of the dispute itself. */
export function lastActivity(d: Pick<Dispute, 'created' | 'steps'>): string {
  return d.steps.reduce((latest, s) => (s.at > latest ? s.at : latest), d.created);
}

/** Keeps only languages with text, trimmed; an empty object when none. */
export function filledTexts(texts: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(texts)) if (text.trim()) out[lang] = text.trim();
  return out;
}

/** Provisions in the order of the agreement, looked up from the profile. */
export function provisionsOf(all: readonly Provision[], ids: readonly string[]): Provision[] {
  return all.filter((p) => ids.includes(p.id));
}
