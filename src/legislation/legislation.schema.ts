import { Type } from 'typebox';
import { LANGUAGE_CODE } from '../i18n/language-tag.js';

const LegalDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'calendar date YYYY-MM-DD' });
const ByLanguage = (max: number, description: string) => Type.Record(Type.String({ pattern: LANGUAGE_CODE }), Type.String({ minLength: 1, maxLength: max }), { description });

export const LegislationBody = Type.Object({
  titles: ByLanguage(1000, 'title per language code, e.g. {"zh": "…", "ru": "…"}'),
  summaries: Type.Optional(ByLanguage(100_000, 'summary per language code')),
  jurisdiction: Type.Optional(Type.String({ pattern: '^[A-Z]{2,3}$', description: 'whose law it is (default this Party)' })),
  kind: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(?:[-.][a-z0-9]+)*$', maxLength: 100, description: 'law, regulation, decree, standard…' })),
  adoptedOn: Type.Optional(LegalDay),
  inForceFrom: Type.Optional(LegalDay),
  inForceUntil: Type.Optional(LegalDay),
  status: Type.Union(['draft', 'in-force', 'amended', 'repealed'].map((k) => Type.Literal(k))),
  attachmentRefs: Type.Optional(Type.Array(Type.String({ pattern: '^artifact--[0-9a-fA-F-]{36}$' }), { maxItems: 100 })),
  urls: Type.Optional(Type.Array(Type.String({ format: 'uri', maxLength: 2000 }), { maxItems: 20 })),
}, { additionalProperties: false });

export const LegislationIdParams = Type.Object({ id: Type.String({ pattern: '^accord-legislation--[0-9a-fA-F-]{36}$' }) });
export const LegislationQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 500, description: 'words to find in titles and summaries, in any language' })),
  party: Type.Optional(Type.String({ pattern: '^[A-Z]{2,3}$' })),
  status: Type.Optional(Type.Array(Type.Union(['draft', 'in-force', 'amended', 'repealed'].map((k) => Type.Literal(k))))),
});
