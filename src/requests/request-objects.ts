import { AccordError, type ErrorDetail } from '../errors/errors.js';
import { ASSISTANCE_REQUEST_TYPE, REQUEST_STEP_TYPE } from '../exchange/exchange-ids.js';
import { assistanceKinds, stepKinds, type AssistanceKind, type StepKind } from '../exchange/exchange-kinds.js';
import { newExchangeObject, stixTime, stringList, stringProp, tlpMarking } from '../exchange/exchange-objects.js';
import type { GoverningStamp } from '../exchange/exchange-sender.js';
import { parseTimestampMicros } from '../clock/timestamp.js';
import type { StixObject } from '../objects/object-row.js';
import { findParty, findProvision } from '../profile/profile.lookup.js';
import { shiftDate, startOfLegalDay } from '../profile/legal-time.js';
import { urgencies, type Profile, type Urgency } from '../profile/profile.schema.js';
import { tlpOf, type TlpLevel } from '../stix/tlp.js';
import { checkAddressees, checkRefs, checkThreat, type Addressee } from '../warnings/warning-objects.js';
import { requestsMessage } from './requests.messages.js';

export interface AssistanceItem {
  readonly kind: AssistanceKind;
  readonly details?: string | undefined;
}

/** What a requester writes. */
export interface RequestInput {
  readonly title: string;
  readonly lang?: string | undefined;
  readonly legalBasis: readonly string[];
  readonly threatCategory: string;
  readonly facts: string;
  readonly assistance: readonly AssistanceItem[];
  readonly relatedRefs?: readonly string[] | undefined;
  readonly urgency: Urgency;
  /** The date (YYYY-MM-DD, end of that day at the requested Party) or instant by which an answer is asked. */
  readonly respondBy?: string | undefined;
  readonly addressee: string | Addressee;
  readonly tlp?: TlpLevel | undefined;
}

/** One step as its author writes it. */
export interface StepInput {
  readonly kind: StepKind;
  readonly content?: string | undefined;
  readonly reasons?: readonly string[] | undefined;
  readonly inReplyTo?: string | undefined;
  readonly relatedRefs?: readonly string[] | undefined;
  readonly lang?: string | undefined;
}

export interface CheckedRequest extends Omit<RequestInput, 'addressee' | 'respondBy' | 'lang' | 'tlp'> {
  readonly addressee: Addressee;
  readonly respondByUs: number | undefined;
  readonly lang: string;
  readonly tlp: TlpLevel;
}

/** The instant a requested response date stands for: a date ends at midnight at the requested Party. */
function respondByMicros(profile: Profile, value: string, party: string): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const zone = findParty(profile, party)?.timeZone ?? 'UTC';
    try {
      return startOfLegalDay(shiftDate(value, 1), zone).getTime() * 1000;
    } catch {
      return undefined;
    }
  }
  return parseTimestampMicros(value);
}

const message = (key: Parameters<typeof requestsMessage>[0], params: Record<string, string | number> = {}) => requestsMessage(key, params);

/** Validates a request against the profile; throws validation-failed listing every problem. */
export function checkRequestInput(profile: Profile, ownParty: string, input: RequestInput, defaultLang: string, nowUs: number): CheckedRequest {
  const details: ErrorDetail[] = [];
  if (!input.title?.trim()) details.push({ path: '/title', message: message('missing', { field: 'title' }) });
  if (!input.facts?.trim()) details.push({ path: '/facts', message: message('missing', { field: 'facts' }) });
  if (!input.legalBasis?.length) details.push({ path: '/legalBasis', message: message('missing', { field: 'legalBasis' }) });
  (input.legalBasis ?? []).forEach((id, i) => {
    if (!findProvision(profile, id)) details.push({ path: `/legalBasis/${i}`, message: message('unknownProvision', { id, profile: profile.id }) });
  });
  checkThreat(profile, input.threatCategory, details);
  if (!input.assistance?.length) details.push({ path: '/assistance', message: message('missing', { field: 'assistance' }) });
  (input.assistance ?? []).forEach((a, i) => {
    if (!(assistanceKinds as readonly string[]).includes(a.kind)) details.push({ path: `/assistance/${i}/kind`, message: message('badAssistance', { known: assistanceKinds.join(', ') }) });
    else if (a.kind === 'other' && !a.details?.trim()) details.push({ path: `/assistance/${i}/details`, message: message('otherNeedsDetails') });
  });
  if (!(urgencies as readonly string[]).includes(input.urgency)) details.push({ path: '/urgency', message: message('badUrgency', { known: urgencies.join(', ') }) });
  const addressee = typeof input.addressee === 'string' ? { party: input.addressee.trim() } : { party: String(input.addressee?.party ?? '').trim(), ...(input.addressee?.authorityRef ? { authorityRef: input.addressee.authorityRef } : {}) };
  checkAddressees(profile, ownParty, [addressee], details, '/addressee');
  checkRefs(input.relatedRefs, details, '/relatedRefs');
  let respondByUs: number | undefined;
  if (input.respondBy !== undefined) {
    respondByUs = respondByMicros(profile, input.respondBy, addressee.party);
    if (respondByUs === undefined) details.push({ path: '/respondBy', message: message('badDate', { value: input.respondBy }) });
    else if (respondByUs <= nowUs) details.push({ path: '/respondBy', message: message('pastDate', { value: input.respondBy }) });
  }
  if (details.length) throw new AccordError('validation-failed', requestsMessage('invalid', { count: details.length }), { details: details.map((d) => (d.path.startsWith('/addressee/0') ? { ...d, path: d.path.replace('/addressee/0', '/addressee') } : d)) });
  return { ...input, title: input.title.trim(), addressee, respondByUs, lang: input.lang ?? defaultLang, tlp: input.tlp ?? 'amber' };
}

/** Checks a step's own content (who may take it, and when, is the lifecycle's business). */
export function checkStepInput(input: StepInput): void {
  const details: ErrorDetail[] = [];
  if (!(stepKinds as readonly string[]).includes(input.kind)) throw new AccordError('bad-request', requestsMessage('stepUnknown', { step: String(input.kind) }));
  if (input.kind === 'declination' && !input.reasons?.some((r) => r.trim())) details.push({ path: '/reasons', message: message('reasonsRequired') });
  const needsText: readonly StepKind[] = ['interim-response', 'clarification-request', 'clarification-answer', 'answer'];
  if (needsText.includes(input.kind) && !input.content?.trim()) details.push({ path: '/content', message: message('contentRequired', { step: input.kind }) });
  checkRefs(input.relatedRefs, details, '/relatedRefs');
  if (details.length) throw new AccordError('validation-failed', requestsMessage('invalid', { count: details.length }), { details });
}

const nonEmpty = <T>(list: readonly T[] | undefined): T[] | undefined => (list && list.length ? [...list] : undefined);

/** The STIX object of a request, as it is sent. */
export function requestObject(request: CheckedRequest, agreement: string, requestingParty: string, authorityRef: string, atUs: number, stamp: GoverningStamp = {}): StixObject {
  const props: Record<string, unknown> = {
    ...stamp,
    agreement, name: request.title, lang: request.lang, legal_basis: [...request.legalBasis], threat_category: request.threatCategory, facts: request.facts,
    assistance: request.assistance.map((a) => ({ kind: a.kind, ...(a.details ? { details: a.details } : {}) })),
    related_refs: nonEmpty(request.relatedRefs), urgency: request.urgency,
    response_requested_by: request.respondByUs === undefined ? undefined : stixTime(request.respondByUs),
    requesting_party: requestingParty,
    addressee: { party: request.addressee.party, ...(request.addressee.authorityRef ? { authority_ref: request.addressee.authorityRef } : {}) },
    object_marking_refs: tlpMarking(request.tlp),
  };
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return newExchangeObject(ASSISTANCE_REQUEST_TYPE, atUs, authorityRef, props);
}

/** The STIX object of one step. */
export function stepObject(requestId: string, step: StepInput, actingParty: string, actedBy: string, authorityRef: string, atUs: number, markings: readonly string[]): StixObject {
  const props: Record<string, unknown> = {
    request_ref: requestId, step_kind: step.kind, acting_party: actingParty, acted_by: actedBy, lang: step.lang,
    content: step.content?.trim() || undefined, reasons: nonEmpty(step.reasons?.map((r) => r.trim()).filter(Boolean)), in_reply_to_ref: step.inReplyTo,
    related_refs: nonEmpty(step.relatedRefs), object_marking_refs: markings.length ? [...markings] : undefined,
  };
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return newExchangeObject(REQUEST_STEP_TYPE, atUs, authorityRef, props);
}

/** The fields of the local record that a request object carries. */
export function requestFacts(object: StixObject) {
  const addressee = (object.addressee ?? {}) as { party?: unknown; authority_ref?: unknown };
  return {
    title: stringProp(object, 'name') ?? '',
    lang: stringProp(object, 'lang') ?? 'en',
    urgency: (stringProp(object, 'urgency') ?? 'routine') as Urgency,
    threatCategory: stringProp(object, 'threat_category') ?? '',
    legalBasis: stringList(object.legal_basis),
    requesterParty: stringProp(object, 'requesting_party') ?? '',
    addresseeParty: typeof addressee.party === 'string' ? addressee.party : '',
    addresseeAuthority: typeof addressee.authority_ref === 'string' ? addressee.authority_ref : null,
    respondByUs: typeof object.response_requested_by === 'string' ? (parseTimestampMicros(object.response_requested_by) ?? null) : null,
    tlp: tlpOf(stringList(object.object_marking_refs)) ?? null,
  };
}
