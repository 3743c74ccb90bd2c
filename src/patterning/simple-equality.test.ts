import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpusJson } from '../../test/support/corpora.js';
import { isOnePropertyEquality } from './simple-equality.js';
import {
  checkPattern,
  parsePattern,
  PatternSyntaxError,
  simpleEquality,
  type Pattern,
} from './patterning.js';

interface CorpusVersion {
  readonly valid_spec_examples: string[];
  readonly pass_cases: string[];
  readonly valid_from_inspector_tests: string[];
  readonly fail_cases: Array<{ readonly pattern: string }>;
}

const corpus = readCorpusJson<{ v21: CorpusVersion }>(
  'stix-patterns',
  'stix-patterns-from-cti-pattern-validator.json',
).v21;

/** The parser's verdict on a pattern: what it reads when it is one `=` on a string, the error's kind, or 'other'. */
function parsed(
  text: string,
): { objectType: string; steps: unknown; value: string } | { error: string } | 'other' {
  let pattern: Pattern;
  try {
    pattern = parsePattern(text);
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { error: error.kind };
    throw error;
  }
  const e = pattern.expression;
  if (e.kind !== 'observation' || e.comparison.kind !== 'comparison') return 'other';
  const { path, operator, negated, value } = e.comparison;
  if (operator !== '=' || negated || value?.kind !== 'string') return 'other';
  return { objectType: path.objectType, steps: path.steps, value: value.value };
}

/**
 * Where simpleEquality reads a pattern, the parser reads the same, or refuses it only for a digest
 * of the wrong form (a rule checkPattern applies to what simpleEquality reads).
 */
function expectAgreement(text: string): boolean {
  const simple = simpleEquality(text);
  expect(isOnePropertyEquality(text)).toBe(simple?.steps.length === 1);
  if (simple === undefined) return false;
  const verdict = parsed(text);
  if (typeof verdict === 'object' && 'error' in verdict) expect(verdict.error).toBe('bad-hash');
  else expect(verdict).toEqual(simple);
  return true;
}

/** Picks one of `common` four times in five, else one of `odd`. */
const mostly = (common: string[], odd: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...common), weight: 4 },
    { arbitrary: fc.constantFrom(...odd), weight: 1 },
  );

/** Pattern texts near the simple shape: names that are literals or keywords, hyphens, other operators, escapes, blanks. */
const nearlySimple = fc
  .tuple(
    mostly(['[', '[ '], ['[  ', '[\t', ' [', '(']),
    mostly(
      ['ipv4-addr', 'domain-name', 'file', 'x-mitre-asset', 'a'],
      ['true', 'false', 'a-', '-a', '_a', 'A', '1a', 'AND'],
    ),
    mostly([':'], [' :', ': ']),
    mostly(['value', 'name', 'hashes', '_x', 'x_1'], ['true', 'false', 'a-b', 'AND', 'Value', '1x']),
    mostly(
      ['', '.MD5', ".'SHA-256'", '.SHA256', '.x_y'],
      ['.IN', '.true', '.sha-1', ".''", ".'a\\'b'", '[0]', '.*'],
    ),
    mostly([' = ', '=', ' =', '= '], ['  =  ', ' == ', ' != ', ' LIKE ', ' =\t']),
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '198.51.100.1',
        'd41d8cd98f00b204e9800998ecf8427e',
        "it\\'s",
        'a\\\\b',
        "a'b",
        'a\\b',
        '中国',
        'Россия',
      ),
    ),
    mostly(["'"], ['"', '']),
    mostly([']', ' ]'], ['  ]', '] ', ']]', '] WITHIN 5 SECONDS']),
  )
  .map(
    ([open, type, colon, property, step, operator, value, quote, close]) =>
      `${open}${type}${colon}${property}${step}${operator}${quote}${value}${quote}${close}`,
  );

describe('simpleEquality', () => {
  it('reads the common indicator shapes', () => {
    expect(simpleEquality("[ipv4-addr:value = '198.51.100.1']")).toEqual({
      objectType: 'ipv4-addr',
      steps: [{ kind: 'key', key: 'value' }],
      value: '198.51.100.1',
    });
    expect(simpleEquality("[file:hashes.'SHA-256' = 'aa']")?.steps).toEqual([
      { kind: 'key', key: 'hashes' },
      { kind: 'key', key: 'SHA-256' },
    ]);
    expect(simpleEquality("[domain-name:value='it\\'s.example']")?.value).toBe("it's.example");
    expect(
      simpleEquality("[ipv4-addr:value = '198.51.100.1'] AND [ipv4-addr:value = '198.51.100.2']"),
    ).toBeUndefined();
  });

  it('agrees with the parser wherever it reads a pattern, on generated texts near the shape', () => {
    let read = 0;
    fc.assert(
      fc.property(nearlySimple, (text) => {
        if (expectAgreement(text)) read++;
        // The fast path never changes checkPattern's verdict.
        const verdict = parsed(text);
        expect(checkPattern(text) === undefined).toBe(!(typeof verdict === 'object' && 'error' in verdict));
      }),
      { numRuns: 5000 },
    );
    // The generator reaches the shape often enough for the agreement to mean something.
    expect(read).toBeGreaterThan(500);
  });

  it('agrees with the parser on every pattern of the reference validator corpus', () => {
    const texts = [
      ...corpus.valid_spec_examples,
      ...corpus.pass_cases,
      ...corpus.valid_from_inspector_tests,
      ...corpus.fail_cases.map((c) => c.pattern),
    ];
    expect(texts.filter(expectAgreement).length).toBeGreaterThan(0);
  });

  it('leaves a digest of the wrong form to the parser, which says where it is', () => {
    const text = "[file:hashes.MD5 = 'not-a-digest']";
    expect(simpleEquality(text)).toBeDefined();
    expect(checkPattern(text)?.position).toBe(text.indexOf("'not"));
    expect(checkPattern("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']")).toBeUndefined();
  });
});
