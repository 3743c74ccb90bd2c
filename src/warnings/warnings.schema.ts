import { Type, type Static } from 'typebox';
import { LANGUAGE_TAG } from '../i18n/language-tag.js';

const Severity = Type.Union([Type.Literal('critical'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]);
const Tlp = Type.Union([Type.Literal('clear'), Type.Literal('green'), Type.Literal('amber'), Type.Literal('amber+strict'), Type.Literal('red')]);
const Lang = Type.String({ pattern: LANGUAGE_TAG, description: 'BCP 47 language tag, e.g. zh, ru, en' });
const Texts = (max: number) => Type.Array(Type.String({ minLength: 1, maxLength: max }), { maxItems: 1000 });
const StixRef = Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$' });

export const AddresseeSchema = Type.Union([
  Type.String({ pattern: '^[A-Z]{2,3}$', description: 'a Party code' }),
  Type.Object({
    party: Type.String({ pattern: '^[A-Z]{2,3}$' }),
    authorityRef: Type.Optional(Type.String({ description: 'STIX identity id of the competent authority addressed' })),
  }, { additionalProperties: false }),
]);

export const TranslationSchema = Type.Object({
  lang: Lang,
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
}, { additionalProperties: false });

const WarningFields = {
  title: Type.String({ minLength: 1, maxLength: 500, description: 'in the author\'s language' }),
  description: Type.Optional(Type.String({ maxLength: 100_000 })),
  lang: Type.Optional(Lang),
  severity: Severity,
  threatCategory: Type.String({ description: 'a threat code of the agreement profile (Art. 2)' }),
  affectedSectors: Type.Optional(Texts(200)),
  affectedProducts: Type.Optional(Texts(500)),
  relatedRefs: Type.Optional(Type.Array(StixRef, { maxItems: 1000, description: 'related indicators, vulnerabilities, malware, incidents…' })),
  recommendedActions: Type.Optional(Texts(5000)),
  tlp: Type.Optional(Tlp),
  addressees: Type.Array(AddresseeSchema, { minItems: 1, maxItems: 50 }),
  translations: Type.Optional(Type.Array(TranslationSchema, { maxItems: 10 })),
};

export const CreateWarningBody = Type.Object({ ...WarningFields, send: Type.Optional(Type.Boolean({ description: 'send at once instead of keeping a draft' })) }, { additionalProperties: false });
export const UpdateWarningBody = Type.Partial(Type.Object(WarningFields, { additionalProperties: false }));
export const AcknowledgeBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 10_000 })) }, { additionalProperties: false });
export const AssessBody = Type.Object({
  agreement: Type.Union([Type.Literal('strongly-disagree'), Type.Literal('disagree'), Type.Literal('neutral'), Type.Literal('agree'), Type.Literal('strongly-agree')], { description: 'agreement with the warning (STIX opinion)' }),
  confidence: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  explanation: Type.Optional(Type.String({ maxLength: 10_000 })),
  actionsTaken: Type.Optional(Texts(5000)),
  note: Type.Optional(Type.String({ maxLength: 100_000, description: 'a STIX note shared with the assessment' })),
}, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 10_000 }) }, { additionalProperties: false });
export const OptionalReasonBody = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })) }, { additionalProperties: false });

export const WarningIdParams = Type.Object({ id: Type.String({ pattern: '^accord-early-warning--[0-9a-fA-F-]{36}$' }) });

export const WarningListQuery = Type.Object({
  state: Type.Optional(Type.Array(Type.Union(['draft', 'sent', 'delivered', 'acknowledged', 'assessed', 'closed', 'withdrawn'].map((s) => Type.Literal(s))))),
  direction: Type.Optional(Type.Union([Type.Literal('sent'), Type.Literal('received')])),
  severity: Type.Optional(Type.Array(Severity)),
  party: Type.Optional(Type.String({ pattern: '^[A-Z]{2,3}$', description: 'sender or addressee' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,17}$' })),
});

export type CreateWarning = Static<typeof CreateWarningBody>;
