import { Type } from 'typebox';
import { LANGUAGE_TAG, LANGUAGE_CODE } from '../i18n/language-tag.js';

const PartyCode = Type.String({ pattern: '^[A-Z]{2,3}$' });
const StixRef = Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$' });
const Instant = Type.String({ maxLength: 40, description: 'RFC 3339 UTC timestamp, e.g. 2027-02-17T06:00:00Z' });
const TextByLanguage = Type.Record(Type.String({ pattern: LANGUAGE_CODE }), Type.String({ maxLength: 200_000 }), { description: 'text per language, e.g. { "zh": "…", "ru": "…" }' });
const Agenda = Type.Array(Type.Object({ title: Type.String({ minLength: 1, maxLength: 1000 }), relatedRefs: Type.Optional(Type.Array(StixRef, { maxItems: 1000, description: 'warnings, requests, disputes, activities' })) }, { additionalProperties: false }), { maxItems: 200 });

export const ProposeBody = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('regular'), Type.Literal('extraordinary')], { default: 'extraordinary' })),
  title: Type.String({ minLength: 1, maxLength: 500 }),
  startsAt: Instant,
  endsAt: Instant,
  timeZone: Type.Optional(Type.String({ maxLength: 100, description: 'IANA zone of the venue (default: the host Party\'s)' })),
  place: Type.String({ minLength: 1, maxLength: 500 }),
  host: Type.Optional(PartyCode),
  parties: Type.Optional(Type.Array(PartyCode, { minItems: 2, maxItems: 50, uniqueItems: true })),
  agenda: Agenda,
  lang: Type.Optional(Type.String({ pattern: LANGUAGE_TAG })),
}, { additionalProperties: false });

export const ConsultationStepBody = Type.Object({
  kind: Type.Union(['counter-proposal', 'acceptance', 'minutes', 'minutes-approval', 'action-completed', 'cancellation'].map((k) => Type.Literal(k))),
  acceptsRef: Type.Optional(StixRef),
  startsAt: Type.Optional(Instant),
  endsAt: Type.Optional(Instant),
  timeZone: Type.Optional(Type.String({ maxLength: 100 })),
  place: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  agenda: Type.Optional(Agenda),
  attendance: Type.Optional(Type.Array(Type.Object({ party: PartyCode, name: Type.String({ minLength: 1, maxLength: 500 }), role: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }), { maxItems: 500 })),
  minutes: Type.Optional(TextByLanguage),
  decisions: Type.Optional(Type.Array(TextByLanguage, { maxItems: 200 })),
  actionItems: Type.Optional(Type.Array(Type.Object({
    code: Type.String({ pattern: '^[a-z0-9]+(?:[-.][a-z0-9]+)*$', maxLength: 100 }),
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    ownerParty: PartyCode,
    owner: Type.Optional(Type.String({ maxLength: 500 })),
    dueOn: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
    dueInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'legal days after the last day of the consultation, under the profile\'s day counting' })),
  }, { additionalProperties: false }), { maxItems: 500 })),
  actionCode: Type.Optional(Type.String({ maxLength: 100 })),
  comment: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
}, { additionalProperties: false });

export const ConsultationIdParams = Type.Object({ id: Type.String({ pattern: '^accord-consultation--[0-9a-fA-F-]{36}$' }) });

export const ConsultationListQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('regular'), Type.Literal('extraordinary')])),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'RFC 3339: consultations ending after' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'RFC 3339: consultations starting before' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

export const ScheduleQuery = Type.Object({
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'first day (YYYY-MM-DD); default today' })),
  years: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 2 })),
});

export const RaiseDisputeBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 500 }),
  provisions: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 50, description: 'provision ids of the agreement profile, e.g. art-5.4' }),
  parties: Type.Optional(Type.Array(PartyCode, { minItems: 2, maxItems: 50, uniqueItems: true })),
  subject: TextByLanguage,
}, { additionalProperties: false });

export const DisputeStepBody = Type.Object({
  kind: Type.Union(['position', 'consultation', 'negotiation', 'diplomatic-channels', 'evidence', 'outcome'].map((k) => Type.Literal(k))),
  content: TextByLanguage,
  heldOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  evidence: Type.Optional(Type.Array(Type.Object({ objectId: StixRef, description: Type.Optional(Type.String({ maxLength: 10_000 })) }, { additionalProperties: false }), { maxItems: 100 })),
}, { additionalProperties: false });

export const DisputeIdParams = Type.Object({ id: Type.String({ pattern: '^accord-dispute--[0-9a-fA-F-]{36}$' }) });
