import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../api/client';

/** Consultations (Art. 5(4)) as GET /api/v1/consultations, /schedule and /:id describe them. */
export const consultationStates = ['proposed', 'agreed', 'held', 'concluded', 'cancelled'] as const;
export type ConsultationState = (typeof consultationStates)[number];
export type ConsultationKind = 'regular' | 'extraordinary';
export const stepKinds = [
  'counter-proposal',
  'acceptance',
  'minutes',
  'minutes-approval',
  'action-completed',
  'cancellation',
] as const;
export type StepKind = (typeof stepKinds)[number];

export interface AgendaItem {
  readonly title: string;
  readonly relatedRefs: readonly string[];
}

export interface Terms {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly place: string;
  readonly agenda: readonly AgendaItem[];
  readonly ref: string;
  readonly party: string;
}

export interface Minutes {
  readonly ref: string;
  readonly party: string;
  readonly attendance: ReadonlyArray<{ party: string; name: string; role: string | null }>;
  readonly texts: Readonly<Record<string, string>>;
  readonly decisions: ReadonlyArray<Readonly<Record<string, string>>>;
}

export interface ActionDeadline {
  readonly id: string;
  readonly party: string;
  readonly state: string;
  readonly due: string;
  readonly legalDate: string;
  readonly timeZone: string;
  readonly met: string | null;
  readonly metLate: boolean | null;
}

export interface ActionItemView {
  readonly code: string;
  readonly title: string;
  readonly ownerParty: string;
  readonly owner: string | null;
  readonly dueOn: string;
  readonly done: { at: string; by: string } | null;
  readonly deadline: ActionDeadline | null;
}

export interface AppliedStep {
  readonly id: string;
  readonly kind: StepKind;
  readonly party: string;
  readonly actor: string;
  readonly at: string;
  readonly comment: string | null;
}

export interface Consultation {
  readonly id: string;
  readonly kind: ConsultationKind;
  readonly title: string;
  readonly proposer: string;
  readonly host: string;
  readonly parties: readonly string[];
  readonly state: ConsultationState;
  readonly terms: Terms;
  readonly acceptedBy: readonly string[];
  readonly minutes: Minutes | null;
  readonly approvedBy: readonly string[];
  readonly steps: readonly AppliedStep[];
  readonly localDates: { start: string; end: string };
  readonly actionItems: readonly ActionItemView[];
}

export interface ScheduleWindow {
  readonly index: number;
  readonly start: string;
  readonly end: string;
  readonly host: string;
  readonly provision: string;
  readonly consultation: {
    readonly id: string;
    readonly title: string;
    readonly state: string;
    readonly host: string;
    readonly startsAt: string;
    readonly timeZone: string;
  } | null;
}

export interface Schedule {
  readonly provision: string;
  readonly perYear: number;
  readonly rotation: readonly string[];
  readonly windows: readonly ScheduleWindow[];
}

export const consultationKeys = {
  all: ['consultations'] as const,
  list: ['consultations', 'list'] as const,
  schedule: (years: number) => ['consultations', 'schedule', years] as const,
  one: (id: string) => ['consultations', 'one', id] as const,
};

export const ICS_ALL = '/api/v1/consultations.ics';
export const icsOf = (id: string) => `/api/v1/consultations/${encodeURIComponent(id)}/calendar.ics`;

export function useConsultations() {
  return useQuery({
    queryKey: consultationKeys.list,
    queryFn: ({ signal }) =>
      api<{ items: Consultation[] }>(`/api/v1/consultations${query({ limit: 1000 })}`, { signal }),
  });
}

export function useSchedule(years = 2) {
  return useQuery({
    queryKey: consultationKeys.schedule(years),
    queryFn: ({ signal }) => api<Schedule>(`/api/v1/consultations/schedule${query({ years })}`, { signal }),
  });
}

export function useConsultation(id: string) {
  return useQuery({
    queryKey: consultationKeys.one(id),
    queryFn: ({ signal }) => api<Consultation>(`/api/v1/consultations/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

/** POST /api/v1/consultations/:id/steps; resolves to the consultation after the step. */
export function consultationStep(id: string, body: { kind: StepKind } & Record<string, unknown>) {
  return api<Consultation>(`/api/v1/consultations/${encodeURIComponent(id)}/steps`, { method: 'POST', body });
}

export interface ProposeBody {
  readonly kind: ConsultationKind;
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly place: string;
  readonly host?: string;
  readonly timeZone?: string;
  readonly agenda: ReadonlyArray<{ title: string; relatedRefs?: string[] }>;
  readonly lang?: string;
}

export function proposeConsultation(body: ProposeBody) {
  return api<Consultation>('/api/v1/consultations', { method: 'POST', body });
}

/** The steps this node's Party may take now on a consultation, as the procedure allows them. */
export function possibleSteps(
  c: Consultation,
  me: string,
  mayWrite: boolean,
  now = Date.now(),
): Set<StepKind> {
  const out = new Set<StepKind>();
  if (!mayWrite || !c.parties.includes(me)) return out;
  if (c.state === 'proposed' && c.terms.party !== me) {
    out.add('counter-proposal');
    if (!c.acceptedBy.includes(me)) out.add('acceptance');
  }
  // Minutes record what happened: not before the consultation has begun.
  if ((c.state === 'agreed' || c.state === 'held') && Date.parse(c.terms.startsAt) <= now) out.add('minutes');
  if (c.state === 'held' && c.minutes && c.minutes.party !== me && !c.approvedBy.includes(me))
    out.add('minutes-approval');
  if (
    (c.state === 'held' || c.state === 'concluded') &&
    c.actionItems.some((a) => a.ownerParty === me && !a.done)
  )
    out.add('action-completed');
  if (c.state === 'proposed' || c.state === 'agreed') out.add('cancellation');
  return out;
}

/** A `datetime-local` value (the browser's zone) as a UTC instant without milliseconds, or '' if empty. */
export function localInputToUtc(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A UTC instant as a `datetime-local` value in the browser's zone. */
export function utcToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The agreement's authentic languages always (zh, ru), then en and any other language a text has. */
export function orderedLanguages(
  texts: ReadonlyArray<Readonly<Record<string, string>>>,
  authentic: readonly string[],
): string[] {
  const present = new Set(texts.flatMap((t) => Object.keys(t).filter((k) => (t[k] ?? '').trim())));
  const first = [...authentic, ...(present.has('en') && !authentic.includes('en') ? ['en'] : [])];
  return [...first, ...[...present].filter((l) => !first.includes(l)).sort()];
}
