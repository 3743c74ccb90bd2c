import { AccordError } from '../errors/errors.js';
import { ASSISTANCE_REQUEST_TYPE, CONSULTATION_STEP_TYPE, CONSULTATION_TYPE, DISPUTE_TYPE, EARLY_WARNING_TYPE, JOINT_ACTIVITY_TYPE } from '../exchange/exchange-ids.js';
import type { ConsultationStepKind } from '../exchange/exchange-kinds.js';
import { newExchangeObject, tlpMarking } from '../exchange/exchange-objects.js';
import type { GoverningStamp } from '../exchange/exchange-sender.js';
import type { StixObject } from '../objects/object-row.js';
import { addLegalDays, isLegalDate } from '../profile/legal-time.js';
import { identifierType } from '../stix/stix-identifier.js';
import { findParty } from '../profile/profile.lookup.js';
import type { Profile } from '../profile/profile.schema.js';
import { venueDate } from './consultation-plan.js';
import type { Terms } from './consultation-record.js';
import { consultationsMessage } from './consultations.messages.js';

export interface AgendaInput {
  readonly title: string;
  readonly relatedRefs?: string[] | undefined;
}

export interface TermsInput {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone?: string | undefined;
  readonly place: string;
  readonly agenda: AgendaInput[];
}

export interface ProposeInput extends TermsInput {
  readonly kind?: 'regular' | 'extraordinary' | undefined;
  readonly title: string;
  readonly host?: string | undefined;
  readonly parties?: string[] | undefined;
  readonly lang?: string | undefined;
}

export interface ActionItemInput {
  readonly code: string;
  readonly title: string;
  readonly ownerParty: string;
  readonly owner?: string | undefined;
  /** The due date, or a number of days counted from the last day of the consultation under the profile's day counting. */
  readonly dueOn?: string | undefined;
  readonly dueInDays?: number | undefined;
}

export interface ConsultationStepInput extends Partial<TermsInput> {
  readonly kind: ConsultationStepKind;
  readonly acceptsRef?: string | undefined;
  readonly attendance?: Array<{ party: string; name: string; role?: string | undefined }> | undefined;
  readonly minutes?: Record<string, string> | undefined;
  readonly decisions?: Array<Record<string, string>> | undefined;
  readonly actionItems?: ActionItemInput[] | undefined;
  readonly actionCode?: string | undefined;
  readonly comment?: string | undefined;
}

/** Consultations are shared with every Party taking part: TLP:GREEN. */
export const CONSULTATION_TLP = 'green' as const;

/** What an agenda item may be about (Art. 5(4) consultations review the cooperation's own records). */
const AGENDA_LINK_TYPES: ReadonlySet<string> = new Set([EARLY_WARNING_TYPE, ASSISTANCE_REQUEST_TYPE, DISPUTE_TYPE, JOINT_ACTIVITY_TYPE]);

/** Throws unless every agenda link is a warning, request, dispute or joint activity. */
export function checkAgendaLinks(agenda: readonly AgendaInput[]): void {
  agenda.forEach((item, i) => {
    const wrong = item.relatedRefs?.find((ref) => !AGENDA_LINK_TYPES.has(identifierType(ref) ?? ''));
    if (wrong) throw new AccordError('bad-request', consultationsMessage('agendaLink', { item: i + 1, ref: wrong }));
  });
}

/** Throws unless every code is a Party of the agreement. */
export function checkParties(profile: Profile, parties: readonly string[]): void {
  for (const party of parties) if (!findParty(profile, party)) throw new AccordError('bad-request', consultationsMessage('notParty', { party, profile: profile.id }));
}

const termsProperties = (t: TermsInput, timeZone: string): Record<string, unknown> => ({
  starts_at: new Date(t.startsAt).toISOString(), ends_at: new Date(t.endsAt).toISOString(), time_zone: timeZone, place: t.place,
  agenda: t.agenda.map((a) => ({ title: a.title, ...(a.relatedRefs?.length ? { related_refs: a.relatedRefs } : {}) })),
});

export function proposalObject(profile: Profile, input: ProposeInput & { kind: 'regular' | 'extraordinary'; host: string; parties: string[]; timeZone: string }, party: string, createdByRef: string, atUs: number, stamp: GoverningStamp = {}): StixObject {
  return newExchangeObject(CONSULTATION_TYPE, atUs, createdByRef, {
    ...stamp, agreement: profile.id, name: input.title, consultation_kind: input.kind, proposing_party: party, host_party: input.host, parties: input.parties,
    ...termsProperties(input, input.timeZone), ...(input.lang ? { lang: input.lang } : {}), object_marking_refs: tlpMarking(CONSULTATION_TLP),
  });
}

/** The due date of an action item: given, or counted in legal days from the consultation's last day at the venue. */
export function actionDueOn(profile: Profile, item: ActionItemInput, terms: Terms): string {
  if (item.dueOn !== undefined) {
    if (!isLegalDate(item.dueOn)) throw new AccordError('bad-request', consultationsMessage('badDate', { value: item.dueOn }));
    return item.dueOn;
  }
  if (item.dueInDays === undefined) throw new AccordError('bad-request', consultationsMessage('actionDue', { code: item.code }));
  return addLegalDays(venueDate(terms.endsAt, terms.timeZone), item.dueInDays, profile.dayCounting.convention);
}

export function stepObject(profile: Profile, consultationId: string, input: ConsultationStepInput, terms: Terms, party: string, actor: string, createdByRef: string, atUs: number): StixObject {
  const properties: Record<string, unknown> = { consultation_ref: consultationId, step_kind: input.kind, acting_party: party, acted_by: actor, object_marking_refs: tlpMarking(CONSULTATION_TLP) };
  if (input.comment) properties.comment = input.comment;
  if (input.acceptsRef) properties.accepts_ref = input.acceptsRef;
  if (input.kind === 'counter-proposal' && input.startsAt && input.endsAt && input.place && input.agenda)
    Object.assign(properties, termsProperties({ startsAt: input.startsAt, endsAt: input.endsAt, place: input.place, agenda: input.agenda }, input.timeZone ?? terms.timeZone));
  if (input.kind === 'minutes') {
    properties.attendance = (input.attendance ?? []).map((a) => ({ party: a.party, name: a.name, ...(a.role ? { role: a.role } : {}) }));
    properties.minutes = input.minutes ?? {};
    if (input.decisions?.length) properties.decisions = input.decisions;
    if (input.actionItems?.length) {
      properties.action_items = input.actionItems.map((i) => ({
        code: i.code, title: i.title, owner_party: i.ownerParty, ...(i.owner ? { owner: i.owner } : {}), due_on: actionDueOn(profile, i, terms),
      }));
    }
  }
  if (input.actionCode) properties.action_code = input.actionCode;
  return newExchangeObject(CONSULTATION_STEP_TYPE, atUs, createdByRef, properties);
}
