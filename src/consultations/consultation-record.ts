import type { ConsultationStepKind } from '../exchange/exchange-kinds.js';
import { stringList, stringProp } from '../exchange/exchange-objects.js';
import type { Message } from '../i18n/messages.js';
import type { StixObject } from '../objects/object-row.js';
import { consultationsMessage } from './consultations.messages.js';
import type { ConsultationState } from './consultations.tables.js';

export interface AgendaItem {
  readonly title: string;
  readonly relatedRefs: string[];
}

/** When, where, what: as proposed, or as a counter-proposal put it. */
export interface Terms {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly place: string;
  readonly agenda: AgendaItem[];
  /** The object that carries these terms (the proposal or a counter-proposal step). */
  readonly ref: string;
  readonly party: string;
}

export interface ActionItem {
  readonly code: string;
  readonly title: string;
  readonly ownerParty: string;
  readonly owner: string | null;
  readonly dueOn: string;
}

export interface Minutes {
  readonly ref: string;
  readonly party: string;
  readonly attendance: Array<{ party: string; name: string; role: string | null }>;
  /** Text per language, shown side by side. */
  readonly texts: Record<string, string>;
  readonly decisions: Array<Record<string, string>>;
  readonly actionItems: ActionItem[];
}

export interface AppliedStep {
  readonly id: string;
  readonly kind: ConsultationStepKind;
  readonly party: string;
  readonly actor: string;
  readonly at: string;
  readonly comment: string | null;
}

/** A consultation as its steps built it. */
export interface ConsultationRecord {
  readonly kind: 'regular' | 'extraordinary';
  readonly title: string;
  readonly proposer: string;
  /** The profile version (agreement or protocol) in force when the consultation was proposed. */
  readonly governingVersion?: string;
  readonly host: string;
  readonly parties: string[];
  readonly state: ConsultationState;
  readonly terms: Terms;
  /** Parties that accepted the current terms (their author excepted). */
  readonly acceptedBy: string[];
  readonly minutes: Minutes | null;
  readonly approvedBy: string[];
  /** Action items done: code → when and by whom. */
  readonly done: Record<string, { at: string; by: string }>;
  readonly steps: AppliedStep[];
}

const agendaOf = (value: unknown): AgendaItem[] =>
  Array.isArray(value) ? value.map((a: { title?: unknown; related_refs?: unknown }) => ({ title: typeof a.title === 'string' ? a.title : '', relatedRefs: stringList(a.related_refs) })) : [];

/** The terms an object carries (a proposal, or a counter-proposal step). */
export function termsOf(object: StixObject, party: string): Terms {
  return {
    startsAt: stringProp(object, 'starts_at') ?? '', endsAt: stringProp(object, 'ends_at') ?? '', timeZone: stringProp(object, 'time_zone') ?? 'UTC',
    place: stringProp(object, 'place') ?? '', agenda: agendaOf(object.agenda), ref: object.id, party,
  };
}

/** The record of a new proposal. */
export function proposalRecord(object: StixObject): ConsultationRecord {
  const proposer = stringProp(object, 'proposing_party') ?? '';
  return {
    kind: object.consultation_kind === 'regular' ? 'regular' : 'extraordinary', title: stringProp(object, 'name') ?? '', proposer,
    host: stringProp(object, 'host_party') ?? '', parties: stringList(object.parties), state: 'proposed', terms: termsOf(object, proposer),
    acceptedBy: [], minutes: null, approvedBy: [], done: {}, steps: [],
    ...(typeof object.profile_version === 'string' ? { governingVersion: object.profile_version } : {}),
  };
}

function minutesOf(object: StixObject, party: string): Minutes {
  const items = Array.isArray(object.action_items) ? (object.action_items as Array<Record<string, unknown>>) : [];
  const attendance = Array.isArray(object.attendance) ? (object.attendance as Array<Record<string, unknown>>) : [];
  return {
    ref: object.id, party,
    attendance: attendance.map((a) => ({ party: String(a.party), name: String(a.name), role: typeof a.role === 'string' ? a.role : null })),
    texts: (object.minutes ?? {}) as Record<string, string>,
    decisions: Array.isArray(object.decisions) ? (object.decisions as Array<Record<string, string>>) : [],
    actionItems: items.map((i) => ({ code: String(i.code), title: String(i.title), ownerParty: String(i.owner_party), owner: typeof i.owner === 'string' ? i.owner : null, dueOn: String(i.due_on) })),
  };
}

const others = (record: ConsultationRecord, party: string): string[] => record.parties.filter((p) => p !== party);

/** Why a Party may not take this step on the record now; undefined when it may. */
export function stepRefusal(id: string, record: ConsultationRecord, kind: ConsultationStepKind, party: string, step: { acceptsRef?: string; actionCode?: string }): Message | undefined {
  const state = record.state;
  if (!record.parties.includes(party)) return consultationsMessage('notParticipant', { party, id });
  const wrongState = consultationsMessage('wrongState', { id, state, step: kind });
  switch (kind) {
    case 'counter-proposal':
      if (state !== 'proposed') return wrongState;
      return record.terms.party === party ? consultationsMessage('ownTerms', { party, id }) : undefined;
    case 'acceptance':
      if (state !== 'proposed') return wrongState;
      if (record.terms.party === party) return consultationsMessage('ownTerms', { party, id });
      if (step.acceptsRef !== record.terms.ref) return consultationsMessage('staleTerms', { id, ref: record.terms.ref });
      return record.acceptedBy.includes(party) ? consultationsMessage('already', { party, id, step: kind }) : undefined;
    case 'minutes':
      if (state === 'concluded') return consultationsMessage('signed', { id });
      return state === 'agreed' || state === 'held' ? undefined : wrongState;
    case 'minutes-approval':
      if (state === 'concluded') return consultationsMessage('signed', { id });
      if (state !== 'held' || !record.minutes) return wrongState;
      if (record.minutes.party === party) return consultationsMessage('ownMinutes', { party });
      if (step.acceptsRef !== record.minutes.ref) return consultationsMessage('staleTerms', { id, ref: record.minutes.ref });
      return record.approvedBy.includes(party) ? consultationsMessage('already', { party, id, step: kind }) : undefined;
    case 'action-completed': {
      if (state !== 'held' && state !== 'concluded') return wrongState;
      const item = record.minutes?.actionItems.find((a) => a.code === step.actionCode);
      if (!item) return consultationsMessage('unknownAction', { id, code: step.actionCode ?? '' });
      if (item.ownerParty !== party) return consultationsMessage('notOwner', { code: item.code, owner: item.ownerParty, party });
      return record.done[item.code] ? consultationsMessage('already', { party, id, step: kind }) : undefined;
    }
    case 'cancellation':
      return state === 'proposed' || state === 'agreed' ? undefined : wrongState;
  }
}

/** The record after a step (already checked with stepRefusal). */
export function applyStep(record: ConsultationRecord, object: StixObject, party: string, actor: string, at: string): ConsultationRecord {
  const kind = object.step_kind as ConsultationStepKind;
  const steps = [...record.steps, { id: object.id, kind, party, actor, at, comment: stringProp(object, 'comment') ?? null }];
  const next = { ...record, steps };
  switch (kind) {
    case 'counter-proposal':
      return { ...next, terms: termsOf(object, party), acceptedBy: [] };
    case 'acceptance': {
      const acceptedBy = [...record.acceptedBy, party];
      const agreed = others(record, record.terms.party).every((p) => acceptedBy.includes(p));
      return { ...next, acceptedBy, state: agreed ? 'agreed' : 'proposed' };
    }
    case 'minutes':
      return { ...next, minutes: minutesOf(object, party), approvedBy: [], state: 'held' };
    case 'minutes-approval': {
      const approvedBy = [...record.approvedBy, party];
      const concluded = record.minutes ? others(record, record.minutes.party).every((p) => approvedBy.includes(p)) : false;
      return { ...next, approvedBy, state: concluded ? 'concluded' : 'held' };
    }
    case 'action-completed':
      return { ...next, done: { ...record.done, [String(object.action_code)]: { at, by: party } } };
    case 'cancellation':
      return { ...next, state: 'cancelled' };
  }
}
