import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../test/support/corpora.js';
import { oasisOracle } from './oasis-oracle.testkit.js';
import { allFixtures } from './stix-fixtures.testkit.js';
import { createStixValidator } from './stix-validator.js';
import { specTypeNames } from './type-registry.js';
import type { StixValidationResult } from './stix-issue.js';

const validator = createStixValidator();
const oracle = oasisOracle();

const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(corpusPath(...parts), 'utf8'));
const isBundle = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'bundle';
const accord = (value: unknown): StixValidationResult =>
  isBundle(value) ? validator.validateBundle(value) : validator.validateObject(value);
const oasis = (value: unknown): string[] =>
  isBundle(value) ? oracle.bundleErrors(value) : oracle.objectErrors(value);
const errorsOf = (r: StixValidationResult) => r.issues.filter((i) => i.severity === 'error');

const exampleFiles = [
  ...readdirSync(corpusPath('stix2-json-schemas', 'examples'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ['stix2-json-schemas', 'examples', f]),
  ['stix2-json-schemas', 'examples', 'threat-reports', 'apt1.json'],
  ['stix2-json-schemas', 'examples', 'threat-reports', 'poisonivy.json'],
];

describe('OASIS examples', () => {
  it('has the expected example files', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(8);
  });

  it.each(exampleFiles.map((parts) => [parts.at(-1), parts] as const))(
    '%s passes Accord and the OASIS schemas',
    (_name, parts) => {
      const value = readJson(...parts);
      expect(oasis(value)).toEqual([]);
      expect(errorsOf(accord(value))).toEqual([]);
    },
  );
});

describe('cti-stix-validator examples', () => {
  const valid = ['identity', 'identity_custom', 'identity_unicode', 'identity_warning', 'tlp-amber', 'tool'];

  it.each(valid)('%s is valid for both', (name) => {
    const value = readJson('stix2-validator-examples', `${name}.json`);
    expect(oasis(value)).toEqual([]);
    expect(errorsOf(accord(value))).toEqual([]);
  });

  it('keeps non-x_ custom properties with a warning (identity_custom, tool)', () => {
    const result = accord(readJson('stix2-validator-examples', 'tool.json'));
    expect(result.valid).toBe(true);
    expect(result.issues.map((i) => [i.path, i.rule, i.severity])).toEqual([
      ['/foo_value', 'custom-property-prefix', 'warning'],
      ['/bar_value', 'custom-property-prefix', 'warning'],
    ]);
  });

  it.each(['invalid_braces', 'invalid_comma'])(
    '%s is malformed JSON, refused before any validator',
    (name) => {
      const text = readFileSync(corpusPath('stix2-validator-examples', `${name}.json`), 'utf8');
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    },
  );

  it('invalid_identity (no modified) fails both', () => {
    const value = readJson('stix2-validator-examples', 'invalid_identity.json');
    expect(oasis(value)).not.toEqual([]);
    const result = accord(value);
    expect(result.valid).toBe(false);
    expect(errorsOf(result).map((i) => [i.path, i.rule])).toEqual([['/modified', 'required-property']]);
  });

  it('invalid_timestamp (modified before created) fails Accord; the schemas cannot see it', () => {
    const value = readJson('stix2-validator-examples', 'invalid_timestamp.json');
    // A JSON Schema cannot compare two properties: this is what Accord's semantic rules add.
    expect(oasis(value)).toEqual([]);
    const result = accord(value);
    expect(result.valid).toBe(false);
    expect(errorsOf(result).map((i) => [i.path, i.rule])).toEqual([['/modified', 'modified-before-created']]);
  });
});

describe('TLP marking bundles', () => {
  it.each(readdirSync(corpusPath('tlp')).filter((f) => f.endsWith('.json')))(
    '%s is valid for both, without warnings',
    (file) => {
      const value = readJson('tlp', file);
      expect(oasis(value)).toEqual([]);
      expect(accord(value).issues).toEqual([]);
    },
  );
});

describe('MITRE ATT&CK bundles', () => {
  it.each(readdirSync(corpusPath('attack')).filter((f) => f.endsWith('.json')))(
    'every object of %s passes',
    (file) => {
      const value = readJson('attack', file) as { objects: { type: string }[] };
      const result = validator.validateBundle(value);
      expect(errorsOf(result)).toEqual([]);
      expect(value.objects.some((o) => o.type.startsWith('x-mitre-'))).toBe(true);
      // Warnings are allowed (ATT&CK carries a few empty custom _ref values) but stay few.
      expect(result.issues.length).toBeLessThan(value.objects.length / 100);
      expect(oracle.bundleErrors(value)).toEqual([]);
    },
  );
});

describe('Accord fixtures (one of every STIX 2.1 type)', () => {
  it('cover every type the spec defines plus a custom one', () => {
    const covered = new Set(allFixtures.map((f) => f.type));
    expect(specTypeNames().filter((t) => !covered.has(t))).toEqual([]);
    expect(specTypeNames()).toHaveLength(19 + 2 + 18 + 3);
  });

  it.each(allFixtures.map((f) => [f.type, f] as const))(
    '%s passes Accord (no issues) and the OASIS schemas',
    (_type, obj) => {
      expect(oracle.objectErrors(obj)).toEqual([]);
      expect(validator.validateObject(obj).issues).toEqual([]);
    },
  );

  it('pass as one bundle', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--6b0c1a3e-1d2f-4a5b-8c6d-000000000099',
      objects: allFixtures,
    };
    expect(oracle.bundleErrors(bundle)).toEqual([]);
    expect(validator.validateBundle(bundle)).toEqual({ valid: true, issues: [] });
  });
});
