import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePattern, printPattern } from './patterning.js';
import type {
  Comparison,
  ComparisonExpression,
  Literal,
  ObservationExpression,
  PathStep,
  Pattern,
  Qualifier,
  ScalarLiteral,
} from './pattern.types.js';

const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/).filter((s) => s !== 'true' && s !== 'false');
const objectType = fc
  .stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5})?$/)
  .filter((s) => s !== 'true' && s !== 'false');
// Property names may be anything once quoted; "hashes" is left out so digest checks stay quiet.
const key = fc.oneof(identifier, fc.string({ unit: 'grapheme', maxLength: 8 })).filter((k) => k !== 'hashes');
const step: fc.Arbitrary<PathStep> = fc.oneof(
  key.map((k) => ({ kind: 'key' as const, key: k })),
  fc
    .oneof(fc.integer({ min: -3, max: 40 }), fc.constant('*' as const))
    .map((index) => ({ kind: 'index' as const, index })),
);

const digits = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
const timestamp = fc
  .tuple(
    fc.integer({ min: 1000, max: 9999 }),
    digits(1, 12),
    digits(1, 28),
    digits(0, 23),
    digits(0, 59),
    digits(0, 59),
  )
  .chain(([y, mo, d, h, mi, s]) =>
    fc
      .option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined })
      .map((fraction) => `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? `.${fraction}` : ''}Z`),
  );

const scalar: fc.Arbitrary<ScalarLiteral> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((value) => ({ kind: 'string' as const, value })),
  fc
    .integer({ min: -1_000_000, max: 1_000_000 })
    .map((n) => ({ kind: 'int' as const, value: n, text: String(n) })),
  fc
    .tuple(fc.integer({ min: -999, max: 999 }), fc.stringMatching(/^[0-9]{1,4}$/))
    .map(([whole, fraction]) => {
      const text = `${whole}.${fraction}`;
      return { kind: 'float' as const, value: Number(text), text };
    }),
  fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
  timestamp.map((value) => ({ kind: 'timestamp' as const, value })),
  fc
    .uint8Array({ maxLength: 6 })
    .map((bytes) => ({ kind: 'hex' as const, value: Buffer.from(bytes).toString('hex') })),
  fc
    .uint8Array({ minLength: 1, maxLength: 6 })
    .map((bytes) => ({ kind: 'binary' as const, value: Buffer.from(bytes).toString('base64') })),
);

const path = fc.record({
  objectType,
  steps: fc
    .tuple(key, fc.array(step, { maxLength: 3 }))
    .map(([first, rest]) => [{ kind: 'key' as const, key: first }, ...rest]),
});

const comparison: fc.Arbitrary<Comparison> = fc
  .oneof(
    fc.record({
      path,
      operator: fc.constantFrom('=' as const, '!=' as const),
      negated: fc.boolean(),
      value: scalar,
    }),
    fc.record({
      path,
      operator: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const),
      negated: fc.boolean(),
      value: scalar.filter((l) => l.kind !== 'bool'),
    }),
    fc.record({
      path,
      operator: fc.constant('IN' as const),
      negated: fc.boolean(),
      value: fc.array(scalar, { maxLength: 4 }).map((values): Literal => ({ kind: 'set', values })),
    }),
    fc.record({
      path,
      operator: fc.constantFrom('LIKE' as const, 'ISSUBSET' as const, 'ISSUPERSET' as const),
      negated: fc.boolean(),
      value: fc
        .string({ unit: 'grapheme', maxLength: 10 })
        .map((value): Literal => ({ kind: 'string', value })),
    }),
    fc.record({
      path,
      operator: fc.constant('MATCHES' as const),
      negated: fc.boolean(),
      value: fc
        .constantFrom('^a+$', '\\d{2,}', "it's", '(?i)evil', '[\\\\/]x')
        .map((value): Literal => ({ kind: 'string', value })),
    }),
    path.map((p) => ({ path: p, operator: 'EXISTS' as const, negated: false })),
  )
  .map((c) => ({ kind: 'comparison' as const, start: 0, ...c }));

const comparisonExpression: fc.Arbitrary<ComparisonExpression> = fc.letrec<{ expr: ComparisonExpression }>(
  (tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      comparison,
      fc
        .record({
          kind: fc.constant('logical' as const),
          operator: fc.constantFrom('AND' as const, 'OR' as const),
          operands: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }),
        })
        .map((node) => ({
          ...node,
          // Same-operator nesting is flattened by the parser; generate it already flat.
          operands: node.operands.flatMap((o) =>
            o.kind === 'logical' && o.operator === node.operator ? o.operands : [o],
          ),
        })),
    ),
  }),
).expr;

const qualifier: fc.Arbitrary<Qualifier> = fc.oneof(
  fc
    .integer({ min: 1, max: 10_000 })
    .map((n) => ({ kind: 'within' as const, seconds: n, text: String(n), start: 0 })),
  fc.integer({ min: 1, max: 50 }).map((times) => ({ kind: 'repeats' as const, times, start: 0 })),
  fc
    .tuple(timestamp, timestamp)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => {
      const [startTime, stopTime] = [a, b].sort((x, y) => Date.parse(x) - Date.parse(y) || (x < y ? -1 : 1));
      return { kind: 'start-stop' as const, startTime: startTime ?? a, stopTime: stopTime ?? b, start: 0 };
    })
    .filter((q) => Date.parse(q.stopTime) > Date.parse(q.startTime)),
);

const observationExpression: fc.Arbitrary<ObservationExpression> = fc.letrec<{ obs: ObservationExpression }>(
  (tie) => ({
    obs: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      comparisonExpression.map((c) => ({ kind: 'observation' as const, comparison: c, start: 0 })),
      fc
        .record({
          kind: fc.constant('observation-op' as const),
          operator: fc.constantFrom('AND' as const, 'OR' as const, 'FOLLOWEDBY' as const),
          operands: fc.array(tie('obs'), { minLength: 2, maxLength: 3 }),
        })
        .map((node) => ({
          ...node,
          operands: node.operands.flatMap((o) =>
            o.kind === 'observation-op' && o.operator === node.operator ? o.operands : [o],
          ),
        })),
      // At most one qualifier per level: a second one of the same kind on `[ … ]` is an error.
      fc
        .record({ kind: fc.constant('qualified' as const), expression: tie('obs'), qualifier })
        .filter((q) => q.expression.kind !== 'qualified'),
      fc.record({ kind: fc.constant('group' as const), expression: tie('obs') }),
    ),
  }),
).obs;

const pattern: fc.Arbitrary<Pattern> = observationExpression.map((expression) => ({
  kind: 'pattern' as const,
  expression,
}));

/** Positions and the parentheses the printer adds for precedence are not part of the meaning. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record.kind === 'group') return normalize(record.expression);
  return Object.fromEntries(
    Object.entries(record)
      .filter(([k]) => k !== 'start')
      .map(([k, v]) => [k, normalize(v)]),
  );
}

describe('printer', () => {
  it('parse(print(tree)) gives back the tree', () => {
    fc.assert(
      fc.property(pattern, (tree) => {
        const printed = printPattern(tree);
        const reparsed = parsePattern(printed);
        expect(normalize(reparsed)).toEqual(normalize(tree));
        expect(printPattern(reparsed)).toBe(printed);
      }),
      { numRuns: 400 },
    );
  });

  it('quotes keys that are not plain identifiers and escapes strings', () => {
    const tree = parsePattern("[x-thing:'a b'.'SHA-256'.'AND'[*] = 'it\\'s \\\\ here']");
    expect(printPattern(tree)).toBe("[x-thing:'a b'.'SHA-256'.'AND'[*] = 'it\\'s \\\\ here']");
  });
});
