import { Type } from 'typebox';

const Instant = Type.String({ description: 'RFC 3339 UTC timestamp', maxLength: 40 });
const LegalDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'calendar date YYYY-MM-DD' });
const Version = Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?$', description: 'agreement profile version' });

const LifecycleFields = {
  signedOn: Type.Optional(LegalDay),
  place: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  version: Type.Optional(Version),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'title of a protocol' })),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
  sentAt: Type.Optional(Instant),
  notification: Type.Optional(Type.String({ pattern: '^accord-lifecycle-record--[0-9a-fA-F-]{36}$', description: 'the notification or notice received (receipt)' })),
  receivedAt: Type.Optional(Instant),
};

export const LifecycleBody = Type.Object({
  kind: Type.Union(['signature', 'notification', 'receipt', 'protocol', 'termination-notice'].map((k) => Type.Literal(k))),
  ...LifecycleFields,
}, { additionalProperties: false });

export const LifecycleRevision = Type.Object(LifecycleFields, { additionalProperties: false });

export const RecordIdParams = Type.Object({ id: Type.String({ pattern: '^accord-lifecycle-record--[0-9a-fA-F-]{36}$' }) });

export const StateQuery = Type.Object({ at: Type.Optional(Type.String({ format: 'date-time', description: 'the instant the state is computed for (default now)' })) });
