import { describe, expect, it } from 'vitest';
import { readCorpusJson } from '../../test/support/corpora.js';
import { AccordError } from '../errors/errors.js';
import { checkPattern, parsePattern, PatternSyntaxError, printPattern } from './patterning.js';

interface FailCase {
  readonly pattern: string;
  readonly expected_error_prefix: string;
}

interface CorpusVersion {
  readonly valid_spec_examples: string[];
  readonly pass_cases: string[];
  readonly timestamp_pass_cases: string[];
  readonly valid_from_inspector_tests: string[];
  readonly fail_cases: FailCase[];
  readonly timestamp_fail_cases: FailCase[];
}

const corpus = readCorpusJson<{ v21: CorpusVersion }>(
  'stix-patterns',
  'stix-patterns-from-cti-pattern-validator.json',
).v21;

function syntaxError(text: string): PatternSyntaxError {
  try {
    parsePattern(text);
  } catch (error) {
    if (error instanceof PatternSyntaxError) return error;
    throw error;
  }
  throw new Error(`pattern was accepted: ${text}`);
}

describe('STIX 2.1 pattern corpus (cti-pattern-validator)', () => {
  const valid = [
    ...corpus.valid_spec_examples,
    ...corpus.pass_cases,
    ...corpus.timestamp_pass_cases,
    ...corpus.valid_from_inspector_tests,
  ];
  const invalid = [...corpus.fail_cases, ...corpus.timestamp_fail_cases];

  it('has the cases this suite was written against', () => {
    expect(valid.length).toBe(79);
    expect(invalid.length).toBe(27);
  });

  it.each(valid)('accepts %s', (text) => {
    expect(checkPattern(text)).toBeUndefined();
    // Printing is canonical: the printed form parses back to the same print.
    const printed = printPattern(parsePattern(text));
    expect(printPattern(parsePattern(printed))).toBe(printed);
  });

  it.each(invalid.map((c) => [c.pattern, c.expected_error_prefix]))('rejects %s', (text) => {
    const problem = checkPattern(text);
    expect(problem).toBeDefined();
    expect(problem?.position).toBeGreaterThanOrEqual(0);
    expect(problem?.position).toBeLessThanOrEqual(text.length);
  });
});

describe('syntax errors say where and what was expected', () => {
  it('points at a token that cannot follow a comparison', () => {
    const error = syntaxError("[file:name = 'a' FOO]");
    expect(error.position).toBe(17);
    expect(error.expected).toEqual(['AND', 'OR', "']'"]);
    expect(error.found).toBe("'FOO'");
    expect(error.message).toBe("at 17: expected AND, OR or ']', found 'FOO'");
  });

  it('gives line and column on multi-line patterns', () => {
    const error = syntaxError("[file:name = 'a']\n  AND\n  [file:size >]");
    expect(error.position).toBe(38);
    expect(error.line).toBe(3);
    expect(error.column).toBe(15);
    expect(error.expected).toEqual(['an orderable literal']);
  });

  it('reports a missing bracket at the start', () => {
    const error = syntaxError('file:size = 1280');
    expect(error.position).toBe(0);
    expect(error.expected).toEqual(["'['", "'('"]);
  });

  it('lists qualifiers and operators after an observation expression', () => {
    const error = syntaxError('[foo:bar=1] within 2 seconds');
    expect(error.position).toBe(12);
    expect(error.expected).toEqual([
      'WITHIN',
      'REPEATS',
      'START',
      'AND',
      'OR',
      'FOLLOWEDBY',
      'end of pattern',
    ]);
  });

  it('expects a closing parenthesis inside a group', () => {
    const error = syntaxError('([a:b = 1] AND [c:d = 2]');
    expect(error.position).toBe(24);
    expect(error.expected).toContain("')'");
    expect(error.found).toBe('end of pattern');
  });

  it('lists the comparison operators after an object path', () => {
    const error = syntaxError("[file:name ~ 'x']");
    expect(error.position).toBe(11);
    expect(error.kind).toBe('bad-character');
    const second = syntaxError("[file:name CONTAINS 'x']");
    expect(second.position).toBe(11);
    expect(second.expected).toEqual(
      expect.arrayContaining(["'.'", "'['", 'NOT', "'='", 'IN', 'LIKE', 'MATCHES', 'ISSUBSET']),
    );
  });

  it('refuses bool constants for ordering operators and non-sets for IN', () => {
    expect(syntaxError('[a:b > true]').expected).toEqual(['an orderable literal']);
    expect(syntaxError("[a:b IN 'x']").expected).toEqual(["'('"]);
    expect(syntaxError('[a:b LIKE 5]').expected).toEqual(['a string literal']);
  });

  it('points into string and typed literals', () => {
    expect(syntaxError("[a:b = 'abc]").kind).toBe('unterminated-string');
    expect(syntaxError("[a:b = 'abc]").position).toBe(7);
    expect(syntaxError("[a:b = 'a\\nb']").position).toBe(9);
    expect(syntaxError("[a:b = 'a\\nb']").kind).toBe('bad-escape');
    expect(syntaxError("[a:b = h'abc']").kind).toBe('bad-hex');
    expect(syntaxError("[a:b = b'abc']").kind).toBe('bad-binary');
    expect(syntaxError("[a:b = t'2024-01-01']").kind).toBe('bad-timestamp');
    expect(syntaxError('[a:b = 007]').kind).toBe('bad-number');
  });

  it('requires quotes around property names with hyphens', () => {
    const error = syntaxError("[file:hashes.SHA-256 = 'x']");
    expect(error.kind).toBe('hyphen-property');
    expect(error.position).toBe(13);
  });

  it('is an AccordError with code validation-failed and translated text', () => {
    const error = syntaxError('[a:b = ]');
    expect(error).toBeInstanceOf(AccordError);
    expect(error.code).toBe('validation-failed');
    expect(error.details[0]).toMatchObject({ path: 'pattern', index: 7 });
    expect(error.description.text('zh')).toContain('位置 7');
    expect(error.description.text('ru')).toContain('позиция 7');
  });
});

describe('rules beyond the grammar', () => {
  it.each([
    ['[a:b = 1] REPEATS 0 TIMES', 'repeats-positive', 18],
    ['[a:b = 1] WITHIN 0 SECONDS', 'within-positive', 17],
    ['[a:b = 1] WITHIN 0.0 SECONDS', 'within-positive', 17],
    ["[a:b = 1] START t'2024-01-02T00:00:00Z' STOP t'2024-01-01T00:00:00Z'", 'stop-before-start', 45],
    ["[a:b = 1] START t'2024-01-01T00:00:00Z' STOP t'2024-01-01T00:00:00Z'", 'stop-before-start', 45],
    ["[a:b MATCHES '(unclosed']", 'bad-regex', 13],
    ["[a:b MATCHES '(?x)a b']", 'bad-regex', 13],
    ["[file:hashes.MD5 IN ('cead3f77f6cda6ec00f57d76c9a6879f', 'nope')]", 'bad-hash', 20],
    ["[file:hashes.sha256 = 'abc']", 'bad-hash', 22],
    ['[a:b = 1] REPEATS 2 TIMES WITHIN 5 SECONDS REPEATS 3 TIMES', 'duplicate-qualifier', 43],
  ])('%s → %s', (text, kind, position) => {
    const error = syntaxError(text);
    expect(error.kind).toBe(kind);
    expect(error.position).toBe(position);
  });

  it('accepts what the rules allow', () => {
    for (const text of [
      "[a:b MATCHES '(?i)^evil']",
      "[file:hashes.'SHA-256' LIKE 'abc%'] OR [a:b = 1]",
      "[file:hashes.'X-CUSTOM' = 'whatever']",
      '[a:b = 1] REPEATS 2 TIMES WITHIN 5 SECONDS',
      '([a:b = 1] REPEATS 2 TIMES) REPEATS 3 TIMES',
      "[EXISTS file:hashes.MD5 AND file:name = 'x']",
      "[a:b = 'x'] /* a comment */ AND [c:d = 'y'] // trailing",
      '[a:b[-1] = -5 AND a:c = -0.5 AND a:d = +3]',
    ]) {
      expect(checkPattern(text), text).toBeUndefined();
    }
  });
});

describe('syntax tree', () => {
  it('binds AND tighter than OR tighter than FOLLOWEDBY, qualifiers tightest', () => {
    const tree = parsePattern('[a:x = 1] FOLLOWEDBY [a:x = 2] OR [a:x = 3] AND [a:x = 4] WITHIN 5 SECONDS');
    expect(tree.expression).toMatchObject({
      kind: 'observation-op',
      operator: 'FOLLOWEDBY',
      operands: [
        { kind: 'observation' },
        {
          kind: 'observation-op',
          operator: 'OR',
          operands: [
            { kind: 'observation' },
            {
              kind: 'observation-op',
              operator: 'AND',
              operands: [
                { kind: 'observation' },
                { kind: 'qualified', qualifier: { kind: 'within', seconds: 5 } },
              ],
            },
          ],
        },
      ],
    });
  });

  it('reads object paths with quoted keys, indexes and references', () => {
    const tree = parsePattern(
      `[email-message:body_multipart[*].body_raw_ref.hashes.'SHA-256' = '${'ab'.repeat(32)}' OR a:b[3] = 1]`,
    );
    const expression = tree.expression;
    if (expression.kind !== 'observation' || expression.comparison.kind !== 'logical')
      throw new Error('shape');
    expect(expression.comparison.operands[0]).toMatchObject({
      path: {
        objectType: 'email-message',
        steps: [
          { kind: 'key', key: 'body_multipart' },
          { kind: 'index', index: '*' },
          { kind: 'key', key: 'body_raw_ref' },
          { kind: 'key', key: 'hashes' },
          { kind: 'key', key: 'SHA-256' },
        ],
      },
    });
    expect(expression.comparison.operands[1]).toMatchObject({
      path: { steps: [{ key: 'b' }, { index: 3 }] },
    });
  });

  it('decodes string escapes and keeps typed literals', () => {
    const tree = parsePattern(
      "[a:b = 'it\\'s C:\\\\x' AND a:c = h'ff00' AND a:d = b'AAE=' AND a:e = t'2020-01-01T00:00:00.5Z' AND a:f NOT IN (1, 2.5, true)]",
    );
    const expression = tree.expression;
    if (expression.kind !== 'observation' || expression.comparison.kind !== 'logical')
      throw new Error('shape');
    expect(
      expression.comparison.operands.map((c) => (c.kind === 'comparison' ? c.value : undefined)),
    ).toEqual([
      { kind: 'string', value: "it's C:\\x" },
      { kind: 'hex', value: 'ff00' },
      { kind: 'binary', value: 'AAE=' },
      { kind: 'timestamp', value: '2020-01-01T00:00:00.5Z' },
      {
        kind: 'set',
        values: [
          { kind: 'int', value: 1, text: '1' },
          { kind: 'float', value: 2.5, text: '2.5' },
          { kind: 'bool', value: true },
        ],
      },
    ]);
  });
});
