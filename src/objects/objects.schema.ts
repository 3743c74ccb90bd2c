import { Type } from 'typebox';

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 500, description: 'text searched in names and descriptions (any language)' })),
  type: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,250}$' }), { description: 'STIX types' })),
  tlp: Type.Optional(Type.Array(Type.Union([Type.Literal('clear'), Type.Literal('green'), Type.Literal('amber'), Type.Literal('amber+strict'), Type.Literal('red')]))),
  origin: Type.Optional(Type.String({ pattern: '^(local|[A-Z]{2,3})$', description: '"local" or the Party code that sent the objects' })),
  createdBy: Type.Optional(Type.String({ pattern: '^identity--' })),
  revoked: Type.Optional(Type.Boolean({ description: 'include revoked objects' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,16}$' })),
});

export const ObjectSummarySchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  version: Type.String(),
  tlp: Type.Union([Type.String(), Type.Null()]),
  origin: Type.Union([Type.String(), Type.Null()]),
  revoked: Type.Boolean(),
  stored: Type.String(),
  object: Type.Record(Type.String(), Type.Unknown()),
});

export const SearchResult = Type.Object({
  total: Type.Integer(),
  items: Type.Array(ObjectSummarySchema),
  next: Type.Optional(Type.String()),
});

export const ObjectIdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$' }) });

export const WriteQuery = Type.Object({ collection: Type.Optional(Type.String({ pattern: '^[a-z]+(-[A-Z]{2,3})?$', default: 'intel' })) });

export const OutcomeSchema = Type.Object({
  index: Type.Integer(),
  id: Type.Union([Type.String(), Type.Null()]),
  version: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('new'), Type.Literal('updated'), Type.Literal('duplicate'), Type.Literal('rejected')]),
  dateAdded: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  issues: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String(), rule: Type.Optional(Type.String()), position: Type.Optional(Type.Integer({ minimum: 0 })) }))),
});

export const ExportQuery = Type.Object({
  for: Type.Optional(Type.String({ pattern: '^([A-Z]{2,3}|public|third-party:.{1,100})$', description: 'a Party code, "third-party:NAME" or "public"; omitted: what I may see' })),
  format: Type.Optional(Type.Union([Type.Literal('stix'), Type.Literal('misp')], { default: 'stix' })),
  // The object list's filters, so that an export holds what the list shows.
  q: SearchQuery.properties.q,
  type: SearchQuery.properties.type,
  tlp: SearchQuery.properties.tlp,
  origin: SearchQuery.properties.origin,
  createdBy: SearchQuery.properties.createdBy,
  added_after: Type.Optional(Type.String({ maxLength: 40, description: 'only versions this node stored after this time (RFC 3339): what changed since an earlier export' })),
});
