import { Type } from 'typebox';
import { LANGUAGE_TAG } from '../i18n/language-tag.js';

const LegalDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'calendar date YYYY-MM-DD' });

export const ActivityBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 500 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
  lang: Type.Optional(Type.String({ pattern: LANGUAGE_TAG })),
  kind: Type.Union(['research', 'training', 'exchange', 'working-meeting', 'conference'].map((k) => Type.Literal(k))),
  directions: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 50, description: 'directions of cooperation of the profile (Art. 3)' }),
  participants: Type.Array(Type.Object({
    party: Type.String({ pattern: '^[A-Z]{2,3}$' }),
    authorityRef: Type.Optional(Type.String({ pattern: '^identity--[0-9a-fA-F-]{36}$' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    role: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
  startDate: LegalDay,
  endDate: Type.Optional(LegalDay),
  status: Type.Optional(Type.Union(['proposed', 'agreed', 'in-progress', 'completed', 'cancelled'].map((k) => Type.Literal(k)))),
  costBearer: Type.Optional(Type.Union(['own-party', 'host-party', 'shared', 'as-agreed'].map((k) => Type.Literal(k)), { description: 'default: the profile\'s rule (each Party bears its own costs)' })),
  costArrangement: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000, description: 'required when the cost bearer is not the profile\'s default' })),
}, { additionalProperties: false });

export const ActivityIdParams = Type.Object({ id: Type.String({ pattern: '^accord-joint-activity--[0-9a-fA-F-]{36}$' }) });
export const ActivityQuery = Type.Object({
  party: Type.Optional(Type.String({ pattern: '^[A-Z]{2,3}$' })),
  status: Type.Optional(Type.Array(Type.Union(['proposed', 'agreed', 'in-progress', 'completed', 'cancelled'].map((k) => Type.Literal(k))))),
});
