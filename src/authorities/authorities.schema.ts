import { Type } from 'typebox';

export const AuthorityBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 500 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
  roles: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50, description: 'e.g. coordination, cert, law-enforcement' }),
  areas: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 50, description: 'directions of cooperation of the profile (Art. 3) it handles' }),
  contacts: Type.Optional(Type.Array(Type.Object({
    channel: Type.Union(['phone', 'email', 'fax', 'post', 'other'].map((c) => Type.Literal(c))),
    value: Type.String({ minLength: 1, maxLength: 500 }),
    alwaysAvailable: Type.Optional(Type.Boolean({ description: 'a round-the-clock (24/7) contact' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  }, { additionalProperties: false }), { maxItems: 50 })),
  keys: Type.Optional(Type.Array(Type.Object({
    kid: Type.String({ minLength: 1, maxLength: 200 }), purpose: Type.Optional(Type.String({ maxLength: 50 })), jwk: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }, { additionalProperties: false }), { maxItems: 20, description: 'default: this node\'s authority signing keys' })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('withdrawn')])),
}, { additionalProperties: false });

export const AuthorityIdParams = Type.Object({ id: Type.String({ pattern: '^identity--[0-9a-fA-F-]{36}$' }) });
export const PartyQuery = Type.Object({ party: Type.Optional(Type.String({ pattern: '^[A-Z]{2,3}$' })) });
