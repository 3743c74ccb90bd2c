import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './object-row.js';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;
const reference = (value: unknown): string => canonicalize(value) ?? '';

/** As parsed from JSON and once canonical, the value has the reference canonicaliser's text. */
function expectReferenceText(value: unknown): void {
  const parsed = JSON.parse(JSON.stringify(value)) as unknown;
  const expected = reference(parsed);
  expect(canonicalJson(parsed)).toBe(expected);
  expect(canonicalJson(JSON.parse(expected))).toBe(expected);
}

describe('the canonical form', () => {
  it('is the RFC 8785 text of the reference canonicaliser whether members come in canonical order or not', () => {
    const values: unknown[] = [
      { a: 1, b: [true, null, { c: 'x', d: 0.1 }], e: 'Сервер 控制 "q" \\ \u2028 \ud83d\ude00' },
      { b: 1, a: 2 },
      { '10': 'ten', '9': 'nine' },
      { '1': 'one', '2': 'two' },
      { é: 1, e: 2, E: 3, ß: { z: [{ y: 1, x: 2 }] } },
      { n: [1e21, 1e-7, -0, 123456789012345680000, 5e-324, 2 ** 53] },
      [{ b: 1, a: 2 }, 'x'],
      'plain', 42, null,
    ];
    for (const value of values) expectReferenceText(value);
  });
});

describe('the canonical form of any JSON', () => {
  it('agrees with the reference canonicaliser, as parsed and once canonical', () => {
    fc.assert(fc.property(fc.jsonValue(), expectReferenceText), { numRuns: 500 });
  });
});
