import { Type } from 'typebox';
import { AddresseeSchema } from '../warnings/warnings.schema.js';
import { LANGUAGE_TAG } from '../i18n/language-tag.js';

const Urgency = Type.Union([Type.Literal('urgent'), Type.Literal('priority'), Type.Literal('routine')]);
const StixRef = Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$' });
const StepKind = Type.Union(['acceptance', 'declination', 'interim-response', 'clarification-request', 'clarification-answer', 'answer', 'closure'].map((k) => Type.Literal(k)));

export const SubmitRequestBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 500 }),
  lang: Type.Optional(Type.String({ pattern: LANGUAGE_TAG })),
  legalBasis: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 50, description: 'provision ids of the agreement profile, e.g. art-3.5' }),
  threatCategory: Type.String({ description: 'a threat code of the agreement profile (Art. 2)' }),
  facts: Type.String({ minLength: 1, maxLength: 100_000 }),
  assistance: Type.Array(Type.Object({
    kind: Type.Union(['preserve-logs', 'analyse-sample', 'identify-infrastructure', 'block-c2', 'other'].map((k) => Type.Literal(k))),
    details: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000, description: 'required for "other"' })),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
  relatedRefs: Type.Optional(Type.Array(StixRef, { maxItems: 1000 })),
  urgency: Urgency,
  respondBy: Type.Optional(Type.String({ description: 'requested response date: YYYY-MM-DD (end of that day at the requested Party) or an RFC 3339 UTC instant' })),
  addressee: AddresseeSchema,
  tlp: Type.Optional(Type.Union([Type.Literal('clear'), Type.Literal('green'), Type.Literal('amber'), Type.Literal('amber+strict'), Type.Literal('red')])),
}, { additionalProperties: false });

export const StepBody = Type.Object({
  kind: StepKind,
  content: Type.Optional(Type.String({ maxLength: 100_000, description: 'the text of a response, answer or clarification' })),
  reasons: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 10_000 }), { maxItems: 50, description: 'required for a declination' })),
  inReplyTo: Type.Optional(Type.String({ pattern: '^accord-request-step--[0-9a-fA-F-]{36}$' })),
  relatedRefs: Type.Optional(Type.Array(StixRef, { maxItems: 1000 })),
  lang: Type.Optional(Type.String({ pattern: LANGUAGE_TAG })),
}, { additionalProperties: false });

export const RequestIdParams = Type.Object({ id: Type.String({ pattern: '^accord-assistance-request--[0-9a-fA-F-]{36}$' }) });

export const RequestListQuery = Type.Object({
  state: Type.Optional(Type.Array(Type.Union(['submitted', 'received', 'accepted', 'declined', 'in-progress', 'answered', 'closed'].map((s) => Type.Literal(s))))),
  direction: Type.Optional(Type.Union([Type.Literal('sent'), Type.Literal('received')])),
  urgency: Type.Optional(Type.Array(Urgency)),
  party: Type.Optional(Type.String({ pattern: '^[A-Z]{2,3}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,17}$' })),
});
