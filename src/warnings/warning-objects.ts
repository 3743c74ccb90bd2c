import { AccordError, type ErrorDetail } from '../errors/errors.js';
import { EARLY_WARNING_TYPE } from '../exchange/exchange-ids.js';
import type { WarningStatus } from '../exchange/exchange-kinds.js';
import { newExchangeObject, stringList, stringProp, tlpMarking } from '../exchange/exchange-objects.js';
import type { GoverningStamp } from '../exchange/exchange-sender.js';
import type { StixObject } from '../objects/object-row.js';
import { findParty } from '../profile/profile.lookup.js';
import { severities, type Profile, type Severity } from '../profile/profile.schema.js';
import { isIdentifier } from '../stix/stix-identifier.js';
import { tlpOf } from '../stix/tlp.js';
import type { TlpLevel } from '../stix/tlp.js';
import { warningsMessage } from './warnings.messages.js';

/** An addressee: a Party, and optionally one of its competent authorities (a STIX identity id). */
export interface Addressee {
  readonly party: string;
  readonly authorityRef?: string | undefined;
}

export interface Translation {
  readonly lang: string;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
}

/** What an author writes: the draft form of an early warning. */
export interface WarningInput {
  readonly title: string;
  readonly description?: string | undefined;
  readonly lang?: string | undefined;
  readonly severity: Severity;
  readonly threatCategory: string;
  readonly affectedSectors?: readonly string[] | undefined;
  readonly affectedProducts?: readonly string[] | undefined;
  readonly relatedRefs?: readonly string[] | undefined;
  readonly recommendedActions?: readonly string[] | undefined;
  readonly tlp?: TlpLevel | undefined;
  readonly addressees: ReadonlyArray<string | Addressee>;
  readonly translations?: readonly Translation[] | undefined;
}

/** A checked draft: addressees normalised, language and TLP decided. */
export interface WarningDraft extends Omit<WarningInput, 'addressees' | 'lang' | 'tlp'> {
  readonly lang: string;
  readonly tlp: TlpLevel;
  readonly addressees: readonly Addressee[];
}

const IDENTITY = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function normaliseAddressee(value: string | Addressee): Addressee {
  if (typeof value === 'string') return { party: value.trim() };
  return { party: value.party.trim(), ...(value.authorityRef ? { authorityRef: value.authorityRef.trim() } : {}) };
}

/** Checks addressees against the profile: Parties of the agreement, not this node's own, each once. */
export function checkAddressees(profile: Profile, ownParty: string, addressees: readonly Addressee[], details: ErrorDetail[], path = '/addressees'): void {
  if (addressees.length === 0) details.push({ path, message: warningsMessage('missing', { field: 'addressees' }) });
  const seen = new Set<string>();
  addressees.forEach((a, i) => {
    const at = `${path}/${i}`;
    if (!findParty(profile, a.party)) details.push({ path: `${at}/party`, message: warningsMessage('unknownParty', { party: a.party, profile: profile.id }) });
    else if (a.party === ownParty) details.push({ path: `${at}/party`, message: warningsMessage('selfAddressed', { party: a.party }) });
    else if (seen.has(a.party)) details.push({ path: `${at}/party`, message: warningsMessage('duplicateAddressee', { party: a.party }) });
    seen.add(a.party);
    if (a.authorityRef !== undefined && !IDENTITY.test(a.authorityRef))
      details.push({ path: `${at}/authorityRef`, message: warningsMessage('badAuthority', { ref: a.authorityRef }) });
  });
}

/** Checks a threat category code against the profile's taxonomy. */
export function checkThreat(profile: Profile, code: string, details: ErrorDetail[], path = '/threatCategory'): void {
  if (!profile.threats.some((t) => t.code === code))
    details.push({ path, message: warningsMessage('unknownThreat', { code, profile: profile.id, known: profile.threats.map((t) => t.code).join(', ') }) });
}

/** Checks STIX references given by a user. */
export function checkRefs(refs: readonly string[] | undefined, details: ErrorDetail[], path: string): void {
  (refs ?? []).forEach((ref, i) => {
    if (!isIdentifier(ref)) details.push({ path: `${path}/${i}`, message: warningsMessage('badRef', { ref }) });
  });
}

/** Validates an author's input against the profile; throws validation-failed listing every problem. */
export function checkWarningInput(profile: Profile, ownParty: string, input: WarningInput, defaultLang: string): WarningDraft {
  const details: ErrorDetail[] = [];
  if (!input.title?.trim()) details.push({ path: '/title', message: warningsMessage('missing', { field: 'title' }) });
  if (!(severities as readonly string[]).includes(input.severity)) details.push({ path: '/severity', message: warningsMessage('badSeverity', { known: severities.join(', ') }) });
  checkThreat(profile, input.threatCategory, details);
  const addressees = (input.addressees ?? []).map(normaliseAddressee);
  checkAddressees(profile, ownParty, addressees, details);
  checkRefs(input.relatedRefs, details, '/relatedRefs');
  const lang = input.lang ?? defaultLang;
  (input.translations ?? []).forEach((t, i) => {
    if (!t.title && !t.description) details.push({ path: `/translations/${i}`, message: warningsMessage('noTranslation') });
    if (t.lang === lang) details.push({ path: `/translations/${i}/lang`, message: warningsMessage('sameLanguage', { lang }) });
  });
  if (details.length) throw new AccordError('validation-failed', warningsMessage('invalid', { count: details.length }), { details });
  return { ...input, title: input.title.trim(), lang, tlp: input.tlp ?? 'amber', addressees };
}

const nonEmpty = (list: readonly string[] | undefined): string[] | undefined => (list && list.length ? [...list] : undefined);

/** The STIX properties of a draft (for a new object or a new version). */
export function warningProperties(draft: WarningDraft, agreement: string, sendingParty: string, status: WarningStatus, reason?: string): Record<string, unknown> {
  const props: Record<string, unknown> = {
    agreement,
    name: draft.title,
    description: draft.description || undefined,
    lang: draft.lang,
    warning_severity: draft.severity,
    threat_category: draft.threatCategory,
    sending_party: sendingParty,
    addressees: draft.addressees.map((a) => ({ party: a.party, ...(a.authorityRef ? { authority_ref: a.authorityRef } : {}) })),
    affected_sectors: nonEmpty(draft.affectedSectors),
    affected_products: nonEmpty(draft.affectedProducts),
    related_refs: nonEmpty(draft.relatedRefs),
    recommended_actions: nonEmpty(draft.recommendedActions),
    warning_status: status,
    status_reason: reason,
    object_marking_refs: tlpMarking(draft.tlp),
  };
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return props;
}

/** The first STIX version of a warning, as it is sent. */
export function warningObject(id: string, draft: WarningDraft, agreement: string, sendingParty: string, authorityRef: string, atUs: number, stamp: GoverningStamp = {}): StixObject {
  return newExchangeObject(EARLY_WARNING_TYPE, atUs, authorityRef, { ...warningProperties(draft, agreement, sendingParty, 'active'), ...stamp }, id);
}

/** The fields of the local record that a warning object carries. */
export interface WarningFacts {
  readonly title: string;
  readonly severity: Severity;
  readonly threatCategory: string;
  readonly lang: string;
  readonly tlp: string | null;
  readonly senderParty: string;
  readonly status: WarningStatus;
  readonly addressees: Addressee[];
}

/** Reads what the local record needs from a (validated) warning object. */
export function warningFacts(object: StixObject): WarningFacts {
  const addressees = Array.isArray(object.addressees)
    ? (object.addressees as Array<{ party?: unknown; authority_ref?: unknown }>).map((a) => ({
      party: String(a.party), ...(typeof a.authority_ref === 'string' ? { authorityRef: a.authority_ref } : {}),
    }))
    : [];
  return {
    title: stringProp(object, 'name') ?? '',
    severity: (stringProp(object, 'warning_severity') ?? 'medium') as Severity,
    threatCategory: stringProp(object, 'threat_category') ?? '',
    lang: stringProp(object, 'lang') ?? 'en',
    tlp: tlpOf(stringList(object.object_marking_refs)) ?? null,
    senderParty: stringProp(object, 'sending_party') ?? '',
    status: (stringProp(object, 'warning_status') ?? 'active') as WarningStatus,
    addressees,
  };
}

/** The draft form of a sent warning object (to build its next version from). */
export function draftOfObject(object: StixObject): WarningDraft {
  const facts = warningFacts(object);
  return {
    title: facts.title,
    description: stringProp(object, 'description'),
    lang: facts.lang,
    severity: facts.severity,
    threatCategory: facts.threatCategory,
    affectedSectors: stringList(object.affected_sectors),
    affectedProducts: stringList(object.affected_products),
    relatedRefs: stringList(object.related_refs),
    recommendedActions: stringList(object.recommended_actions),
    tlp: (facts.tlp ?? 'amber') as TlpLevel,
    addressees: facts.addressees,
  };
}
