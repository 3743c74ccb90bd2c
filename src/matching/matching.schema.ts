import { Type } from 'typebox';
import { WarninglistHitSchema } from '../correlation/correlation.schema.js';
import { inputFormats } from './observable-input.js';

export const FormatSchema = Type.Union(
  inputFormats.map((f) => Type.Literal(f)),
  { default: 'auto' },
);

export const MatchQuery = Type.Object({
  format: Type.Optional(FormatSchema),
  record: Type.Optional(Type.Boolean({ description: 'record each hit as a STIX sighting in intel' })),
  share: Type.Optional(
    Type.Boolean({
      description: 'also share each sighting with the indicator’s originating Party (needs record)',
    }),
  ),
});

const ObservableCount = Type.Object({ kind: Type.String(), value: Type.String(), count: Type.Integer() });

export const MatchReportSchema = Type.Object({
  format: Type.String(),
  observations: Type.Integer({ description: 'lines, CSV rows, observed-data and lone SCOs read' }),
  observables: Type.Integer({ description: 'distinct values read' }),
  skipped: Type.Object({
    count: Type.Integer(),
    examples: Type.Array(Type.Object({ position: Type.Integer(), text: Type.String() })),
  }),
  matches: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      pattern: Type.String(),
      tlp: Type.Union([Type.String(), Type.Null()]),
      markings: Type.Array(Type.String()),
      origin: Type.Union([Type.String(), Type.Null()]),
      validFrom: Type.Union([Type.String(), Type.Null()]),
      validUntil: Type.Union([Type.String(), Type.Null()]),
      observables: Type.Array(ObservableCount),
      observations: Type.Integer(),
      firstSeen: Type.Union([Type.String(), Type.Null()]),
      lastSeen: Type.Union([Type.String(), Type.Null()]),
      sighting: Type.Optional(
        Type.Object({
          id: Type.String(),
          status: Type.String(),
          reason: Type.Optional(Type.String()),
          sharedWith: Type.Optional(Type.String()),
        }),
      ),
    }),
  ),
  truncated: Type.Boolean(),
  warninglisted: Type.Array(
    Type.Object({
      kind: Type.String(),
      value: Type.String(),
      count: Type.Integer(),
      warninglists: Type.Array(WarninglistHitSchema),
    }),
  ),
  complexPatterns: Type.Object({ evaluated: Type.Integer(), skipped: Type.Integer() }),
});
