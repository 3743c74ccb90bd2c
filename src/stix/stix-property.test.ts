import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestampMicros } from '../clock/timestamp.js';
import { PATTERN_TYPES } from './content-rules.js';
import { oasisOracle } from './oasis-oracle.testkit.js';
import { createStixValidator } from './stix-validator.js';
import { isIdentifier } from './stix-identifier.js';
import { compareStixTimestamps, isStixTimestamp } from './stix-timestamp.js';
import { TLP1_MARKING_IDS, TLP2_MARKING_IDS } from './tlp.js';

const validator = createStixValidator();
const oracle = oasisOracle();

const instant = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2090-01-01T00:00:00Z'),
  noInvalidDate: true,
});
/** A timestamp with at least millisecond precision (sometimes micro or more). */
const millisTimestamp = fc
  .tuple(instant, fc.stringMatching(/^[0-9]{0,4}$/))
  .map(([d, extra]) => `${d.toISOString().slice(0, -1)}${extra}Z`);
/** A timestamp of any precision the spec allows. */
const anyTimestamp = fc.oneof(
  millisTimestamp,
  instant.map((d) => `${d.toISOString().slice(0, 19)}Z`),
);
const id = (type: string) => fc.uuid({ version: 4 }).map((u) => `${type}--${u}`);
const text = fc.string({ minLength: 1, maxLength: 40 });

const indicator = fc
  .record({
    id: id('indicator'),
    times: fc
      .tuple(millisTimestamp, millisTimestamp)
      .map(([a, b]) => (compareStixTimestamps(a, b) <= 0 ? [a, b] : [b, a])),
    validity: fc.tuple(anyTimestamp, fc.option(anyTimestamp, { nil: undefined })),
    name: fc.option(text, { nil: undefined }),
    description: fc.option(text, { nil: undefined }),
    pattern: text.filter((p) => p.trim() !== ''),
    pattern_type: fc.constantFrom(...PATTERN_TYPES),
    created_by_ref: fc.option(id('identity'), { nil: undefined }),
    object_marking_refs: fc.option(
      fc.uniqueArray(
        fc.constantFrom(...Object.values(TLP2_MARKING_IDS), ...Object.values(TLP1_MARKING_IDS)),
        { minLength: 1 },
      ),
      { nil: undefined },
    ),
    confidence: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    labels: fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    x_accord_score: fc.option(fc.integer(), { nil: undefined }),
  })
  .map(({ times: [created, modified], validity: [validFrom, until], ...rest }) => {
    const validUntil = until !== undefined && compareStixTimestamps(until, validFrom) > 0 ? until : undefined;
    const obj: Record<string, unknown> = {
      type: 'indicator',
      spec_version: '2.1',
      created,
      modified,
      valid_from: validFrom,
      valid_until: validUntil,
      ...rest,
    };
    for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
    return obj;
  });

describe('properties', () => {
  it('every well-formed indicator passes Accord without issues, and the OASIS schemas', () => {
    fc.assert(
      fc.property(indicator, (obj) => {
        expect(validator.validateObject(obj).issues).toEqual([]);
        expect(oracle.objectErrors(obj)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('an indicator modified before it was created is always rejected', () => {
    fc.assert(
      fc.property(indicator, (obj) => {
        fc.pre(compareStixTimestamps(String(obj.modified), String(obj.created)) > 0);
        const swapped = { ...obj, created: obj.modified, modified: obj.created };
        const result = validator.validateObject(swapped);
        expect(result.valid).toBe(false);
        expect(result.issues.map((i) => i.rule)).toContain('modified-before-created');
      }),
      { numRuns: 200 },
    );
  });

  it('timestamp comparison agrees with the clock at microsecond precision', () => {
    const micro = fc
      .tuple(instant, fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 3 }))
      .map(([d, us, trim]) => {
        const digits = `${d.toISOString().slice(20, 23)}${String(us).padStart(3, '0')}`.slice(0, 6 - trim);
        return `${d.toISOString().slice(0, 19)}${digits ? `.${digits}` : ''}Z`;
      });
    fc.assert(
      fc.property(micro, micro, (a, b) => {
        const ma = parseTimestampMicros(a) ?? Number.NaN;
        const mb = parseTimestampMicros(b) ?? Number.NaN;
        expect(compareStixTimestamps(a, b)).toBe(Math.sign(ma - mb));
      }),
    );
  });

  it('reads a leap second on the last day of a month as the first instant of the next', () => {
    // Found by the property below: the month's last minute must not roll the date over.
    expect(parseTimestampMicros('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1) * 1000);
    expect(isStixTimestamp('1000-01-01T23:59:60Z')).toBe(true);
    expect(parseTimestampMicros('1000-01-01T23:59:60Z')).toBeDefined();
  });

  it('the fast timestamp check agrees with the clock parser on near-valid text', () => {
    const near = fc
      .tuple(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.stringMatching(/^(\.[0-9]{0,7})?$/),
        fc.constantFrom('Z', 'z', '+00:00', ''),
      )
      .map(([y, mo, d, h, mi, s2, frac, zone]) => {
        const two = (n: number) => String(n).padStart(2, '0');
        return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s2)}${frac}${zone}`;
      });
    fc.assert(
      fc.property(near, (text) => {
        expect(isStixTimestamp(text)).toBe(parseTimestampMicros(text) !== undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('the fast identifier check agrees with the reference regular expression', () => {
    const reference =
      /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
    const alphabet = fc.constantFrom(...'abcxyz059-AF8B'.split(''));
    const typePart = fc.array(alphabet, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
    const uuid = fc
      .tuple(fc.uuid(), fc.nat(35), alphabet, fc.boolean())
      .map(([u, at, c, mutate]) => (mutate ? u.slice(0, at) + c + u.slice(at + 1) : u));
    const candidate = fc
      .tuple(typePart, fc.constantFrom('--', '-', '---'), uuid)
      .map(([t, sep, u]) => `${t}${sep}${u}`);
    fc.assert(
      fc.property(candidate, (text) => {
        const typeLength = text.length - 38;
        expect(isIdentifier(text)).toBe(reference.test(text) && typeLength >= 3);
      }),
      { numRuns: 3000 },
    );
  });
});
