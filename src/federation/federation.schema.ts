import { Type } from 'typebox';
import { CardKeySchema } from './peer-card.js';

export const CheckpointBody = Type.Object({
  payload: Type.Object({
    type: Type.Literal('accord-checkpoint'),
    from: Type.String(),
    to: Type.String(),
    at: Type.String(),
    sent: Type.Object({ count: Type.Integer({ minimum: 0 }), head: Type.String() }),
    received: Type.Object({ count: Type.Integer({ minimum: 0 }), head: Type.String() }),
  }),
  signature: Type.String({ maxLength: 10_000 }),
});

export const RedeliverBody = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String({ maxLength: 300 }), version: Type.String({ maxLength: 40 }) }), { maxItems: 10_000 }),
});

export const ChannelQuery = Type.Object({
  direction: Type.Union([Type.Literal('sent'), Type.Literal('received')]),
  from: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
});

export const AddPeerBody = Type.Object({
  card: Type.Unknown({ description: 'the peer card, as `accord peer card` prints it on the other node' }),
  fingerprint: Type.String({ minLength: 16, maxLength: 200, description: 'the fingerprint confirmed out of band' }),
});

export const PartyParams = Type.Object({ party: Type.String({ pattern: '^[A-Z]{2,3}$' }) });

export const KeyAnnouncementBody = Type.Object({
  payload: Type.Object({ type: Type.Literal('accord-keys'), party: Type.String(), at: Type.String(), keys: Type.Array(CardKeySchema, { minItems: 1, maxItems: 100 }) }),
  signature: Type.String({ maxLength: 20_000 }),
});
