import canonicalizeModule from 'canonicalize';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../test/support/corpora.js';
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

  it('writes members JavaScript would not list in string order, or not as data, as the reference does', () => {
    const withPrototypeMember = JSON.parse('{"b":1,"__proto__":{"y":1,"x":2},"a":[{"__proto__":3}]}') as unknown;
    expect(canonicalJson(withPrototypeMember)).toBe(reference(withPrototypeMember));
    expect(canonicalJson(withPrototypeMember)).toContain('"__proto__":{"x":2,"y":1}');
    expect(canonicalJson({ z: 1, '10': 'ten', a: { '9': 'nine', '10': 'ten' } })).toBe('{"10":"ten","a":{"10":"ten","9":"nine"},"z":1}');
    const dated = { b: new Date(Date.UTC(2026, 11, 1)), a: 1 };
    expect(canonicalJson(dated)).toBe(reference(dated));
  });

  it('orders each object by its own members when objects with the same number of members follow one another', () => {
    // The sorted order of one member list is remembered for the next object of that size.
    const shapes = [{ b: 1, a: 2 }, { b: 1, a: 2 }, { d: 1, c: 2 }, { b: 1, c: 2 }, { c: 1, b: 2 }, { b: 3, a: 4 }];
    expect(shapes.map(canonicalJson)).toEqual(shapes.map(reference));
  });

  it('is the reference canonicaliser\'s text for every object of the OASIS examples and the ATT&CK bundles', () => {
    const files = [
      ...readdirSync(corpusPath('stix2-json-schemas', 'examples')).filter((f) => f.endsWith('.json')).map((f) => corpusPath('stix2-json-schemas', 'examples', f)),
      ...readdirSync(corpusPath('attack')).filter((f) => f.endsWith('.json')).map((f) => corpusPath('attack', f)),
    ];
    let objects = 0;
    for (const file of files) {
      const bundle = JSON.parse(readFileSync(file, 'utf8')) as { objects?: unknown[] };
      for (const object of bundle.objects ?? [bundle]) {
        expect(canonicalJson(object)).toBe(reference(object));
        objects++;
      }
    }
    expect(objects).toBeGreaterThan(3000);
  });
});

describe('the canonical form of any JSON', () => {
  it('agrees with the reference canonicaliser, as parsed and once canonical', () => {
    fc.assert(fc.property(fc.jsonValue(), expectReferenceText), { numRuns: 500 });
  });
});
