import { Type } from 'typebox';
import { observableKinds } from './observables/observable.js';

export const KindSchema = Type.Union(observableKinds.map((k) => Type.Literal(k)));

export const WarninglistHitSchema = Type.Object({
  list: Type.String(),
  title: Type.String(),
  entry: Type.String(),
  via: Type.Optional(Type.String()),
});

export const ValueReportSchema = Type.Object({
  kind: Type.String(),
  value: Type.String(),
  related: Type.Integer({ description: 'related objects through this value that you may see' }),
  tooCommon: Type.Boolean({
    description:
      'you see at least the over-correlation limit of objects with this value; they are not listed',
  }),
  excludedBy: Type.Optional(Type.Object({ id: Type.String(), pattern: Type.String() })),
  warninglists: Type.Array(WarninglistHitSchema),
});

export const RelatedObjectSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  tlp: Type.Union([Type.String(), Type.Null()]),
  origin: Type.Union([Type.String(), Type.Null()], {
    description: 'the Party that sent it; null for this node’s own',
  }),
  markings: Type.Array(Type.String()),
  shared: Type.Array(
    Type.Object({
      kind: Type.String(),
      value: Type.String(),
      relation: Type.Union([Type.Literal('same'), Type.Literal('within'), Type.Literal('contains')]),
      other: Type.Optional(Type.String()),
    }),
  ),
});

export const CorrelationReportSchema = Type.Object({
  id: Type.Optional(Type.String()),
  values: Type.Array(ValueReportSchema),
  related: Type.Array(RelatedObjectSchema),
  truncated: Type.Boolean(),
});

export const ValueQuery = Type.Object({
  value: Type.String({
    minLength: 1,
    maxLength: 8192,
    description: 'an address, block, domain, URL, e-mail address, hash, …',
  }),
  kind: Type.Optional(KindSchema),
});

export const ExclusionSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.String(), Type.Null()]),
  pattern: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  created: Type.String(),
});

export const ExclusionInput = Type.Object({
  pattern: Type.String({
    minLength: 1,
    maxLength: 1000,
    description: 'an exact value, a CIDR block, *.domain or /regular expression/',
  }),
  kind: Type.Optional(KindSchema),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const ExclusionParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const LimitSchema = Type.Object({ limit: Type.Integer({ minimum: 2, maximum: 100_000 }) });
