import { describe, expect, it, vi } from 'vitest';
import { literal } from '../i18n/messages.js';
import { fixture, scoId, sdoId } from './stix-fixtures.testkit.js';
import { createStixValidator } from './stix-validator.js';
import { TLP2_MARKING_IDS } from './tlp.js';
import type { StixIssue } from './stix-issue.js';

const validator = createStixValidator();
const summary = (issues: StixIssue[]) => issues.map((i) => `${i.severity} ${i.rule} ${i.path}`);
const bundleOf = (...objects: unknown[]) => ({ type: 'bundle', id: sdoId('bundle'), objects });

describe('input shape', () => {
  it.each([null, 42, 'indicator', [fixture('indicator')]])('refuses %j as an object', (value) => {
    expect(validator.validateObject(value)).toEqual({
      valid: false,
      issues: [expect.objectContaining({ rule: 'not-an-object', path: '' })],
    });
  });

  it('requires a well-formed type', () => {
    expect(summary(validator.validateObject({ id: sdoId('tool') }).issues)).toEqual([
      'error required-property /type',
    ]);
    expect(summary(validator.validateObject({ type: 'Tool', id: sdoId('tool') }).issues)).toEqual([
      'error type-format /type',
    ]);
  });

  it('refuses an unknown non-custom type (usually a typo) and a bundle given as an object', () => {
    const typo = { ...fixture('indicator'), type: 'indicatr' };
    expect(summary(validator.validateObject(typo).issues)).toEqual(['error type-unknown /type']);
    expect(summary(validator.validateObject(bundleOf()).issues)).toEqual(['error unexpected-bundle /type']);
  });

  it('refuses a bundle inside a bundle and a non-bundle given as a bundle', () => {
    expect(summary(validator.validateBundle(bundleOf(bundleOf(fixture('tool')))).issues)).toEqual([
      'error unexpected-bundle /objects/0/type',
    ]);
    expect(summary(validator.validateBundle(fixture('tool')).issues)).toEqual(['error not-a-bundle /type']);
  });

  it('checks the bundle envelope', () => {
    expect(
      summary(validator.validateBundle({ type: 'bundle', id: sdoId('report'), objects: [] }).issues),
    ).toEqual(['error empty-list /objects', 'error id-type-mismatch /id']);
    const noId = validator.validateBundle({ type: 'bundle', objects: [fixture('tool')] });
    expect(summary(noId.issues)).toEqual(['error required-property /id']);
  });

  it('reports a non-object bundle entry once', () => {
    expect(summary(validator.validateBundle(bundleOf(fixture('tool'), 'tool')).issues)).toEqual([
      'error not-an-object /objects/1',
    ]);
    expect(
      summary(validator.validateBundle({ type: 'bundle', id: sdoId('bundle'), objects: {} }).issues),
    ).toEqual(['error property-type /objects']);
  });

  it('warns about a STIX 2.0 bundle spec_version and keeps the bundle', () => {
    const result = validator.validateBundle({ ...bundleOf(fixture('tool')), spec_version: '2.0' });
    expect(result.valid).toBe(true);
    expect(summary(result.issues)).toEqual(['warning bundle-spec-version /spec_version']);
  });
});

describe('custom objects', () => {
  it('validates x- objects by the common properties only', () => {
    const tactic = { ...fixture('x-mitre-tactic'), tactic_refs: [sdoId('x-mitre-tactic', 2)] };
    expect(validator.validateObject(tactic)).toEqual({ valid: true, issues: [] });
    const bad = { ...tactic, created: 'yesterday' };
    expect(summary(validator.validateObject(bad).issues)).toEqual(['error timestamp-format /created']);
  });

  it('requires SDO common properties of SDO-like custom objects', () => {
    const obj = fixture('x-mitre-tactic');
    delete obj.spec_version;
    delete obj.modified;
    expect(summary(validator.validateObject(obj).issues)).toEqual([
      'error required-property /modified',
      'error spec-version /spec_version',
    ]);
  });

  it('accepts SCO-like custom objects with type and id only', () => {
    expect(
      validator.validateObject({
        type: 'x-acme-widget',
        id: 'x-acme-widget--0c8f3e1a-7b2d-5e4f-9a1b-000000000001',
      }).valid,
    ).toBe(true);
  });

  it('accepts a non-x- type declared through a new-sdo extension', () => {
    const ext = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
    const obj = {
      ...fixture('x-mitre-tactic'),
      type: 'early-warning',
      id: sdoId('early-warning'),
      extensions: { [ext]: { extension_type: 'new-sdo' } },
    };
    expect(validator.validateObject(obj)).toEqual({ valid: true, issues: [] });
  });
});

describe('warnings keep the object', () => {
  it('warns on SCO ids that are not UUIDv5', () => {
    const ip = { ...fixture('ipv4-addr'), id: 'ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956' };
    const result = validator.validateObject(ip);
    expect(result.valid).toBe(true);
    expect(summary(result.issues)).toEqual(['warning id-uuid-version /id']);
  });

  it('does not warn on custom properties when a toplevel-property extension is declared', () => {
    const ext = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
    const tool = {
      ...fixture('tool'),
      rank: 3,
      extensions: { [ext]: { extension_type: 'toplevel-property-extension' } },
    };
    expect(validator.validateObject(tool).issues).toEqual([]);
    expect(summary(validator.validateObject({ ...fixture('tool'), rank: 3 }).issues)).toEqual([
      'warning custom-property-prefix /rank',
    ]);
  });

  it('warns on an indicator pattern_type outside the vocabulary', () => {
    const result = validator.validateObject({ ...fixture('indicator'), pattern_type: 'kql', pattern: 'x' });
    expect(result.valid).toBe(true);
    expect(summary(result.issues)).toEqual(['warning pattern-type /pattern_type']);
  });

  it('warns on deprecated observed-data objects, duplicates in a bundle and custom -ext extensions', () => {
    const od = {
      ...fixture('observed-data'),
      object_refs: undefined,
      objects: { '0': { type: 'ipv4-addr', value: '198.51.100.3' } },
    };
    expect(summary(validator.validateObject(JSON.parse(JSON.stringify(od))).issues)).toEqual([
      'warning deprecated-property /objects',
    ]);
    const tool = fixture('tool');
    expect(summary(validator.validateBundle(bundleOf(tool, tool)).issues)).toEqual([
      'warning duplicate-object /objects/1/id',
    ]);
    const file = { ...fixture('file'), extensions: { 'x-acme-ext': { foo: 'bar' } } };
    expect(summary(validator.validateObject(file).issues)).toEqual([
      'warning extension-deprecated /extensions/x-acme-ext',
    ]);
  });
});

describe('indicator patterns', () => {
  it('only checks that the pattern is non-empty without a checker', () => {
    expect(validator.validateObject({ ...fixture('indicator'), pattern: '[broken' }).valid).toBe(true);
  });

  it('calls the injected checker and reports its error at /pattern', () => {
    const checkPattern = vi.fn((pattern: string) =>
      pattern.startsWith('[') && pattern.endsWith(']') ? undefined : { message: literal('expected ]'), position: 7 },
    );
    const checked = createStixValidator({ checkPattern });
    const result = checked.validateObject({
      ...fixture('indicator'),
      pattern: '[broken',
      pattern_version: '2.1',
    });
    expect(checkPattern).toHaveBeenCalledWith('[broken', 'stix', '2.1');
    expect(result.issues.map((i) => ({ ...i, message: i.message.text('en') }))).toEqual([
      { path: '/pattern', rule: 'pattern-syntax', severity: 'error', message: 'expected ]', position: 7 },
    ]);
    expect(checked.validateObject(fixture('indicator')).valid).toBe(true);
  });
});

describe('markings', () => {
  it('finds circular markings across marking-definitions of a bundle', () => {
    const a = {
      ...fixture('marking-definition'),
      id: sdoId('marking-definition', 10),
      object_marking_refs: [sdoId('marking-definition', 11)],
    };
    const b = {
      ...fixture('marking-definition'),
      id: sdoId('marking-definition', 11),
      object_marking_refs: [sdoId('marking-definition', 10)],
    };
    const result = validator.validateBundle(bundleOf(a, b));
    expect(result.valid).toBe(false);
    expect(summary(result.issues)).toEqual(['error marking-circular /objects/1']);
    expect(
      validator.validateBundle(bundleOf(a, { ...b, object_marking_refs: [TLP2_MARKING_IDS.green] })).valid,
    ).toBe(true);
  });

  it('resolves granular selectors through lists and dictionaries', () => {
    const file = {
      ...fixture('file'),
      granular_markings: [
        { selectors: ['hashes.SHA-256', 'name'], marking_ref: TLP2_MARKING_IDS.red },
        { selectors: ['name'], lang: 'ru' },
      ],
    };
    expect(validator.validateObject(file).issues).toEqual([]);
    const indicator = {
      ...fixture('indicator'),
      granular_markings: [
        { selectors: ['indicator_types.[0]', 'indicator_types.[1]'], marking_ref: TLP2_MARKING_IDS.red },
      ],
    };
    expect(summary(validator.validateObject(indicator).issues)).toEqual([
      'error granular-selector /granular_markings/0/selectors/1',
    ]);
  });

  it('needs exactly one of marking_ref and lang in a granular marking', () => {
    const both = {
      ...fixture('tool'),
      granular_markings: [{ selectors: ['name'], lang: 'en', marking_ref: TLP2_MARKING_IDS.red }],
    };
    expect(summary(validator.validateObject(both).issues)).toEqual([
      'error property-combination /granular_markings/0',
    ]);
  });
});

describe('details', () => {
  it('collects every schema error of an object, not only the first', () => {
    const bad = { ...fixture('indicator'), confidence: 300, labels: [], name: 5 };
    expect(summary(validator.validateObject(bad).issues).sort()).toEqual([
      'error empty-list /labels',
      'error property-type /name',
      'error value-range /confidence',
    ]);
  });

  it('compares timestamps exactly at any precision', () => {
    const tool = {
      ...fixture('tool'),
      created: '2024-01-01T00:00:00.1000001Z',
      modified: '2024-01-01T00:00:00.100Z',
    };
    expect(summary(validator.validateObject(tool).issues)).toEqual([
      'error modified-before-created /modified',
    ]);
    expect(validator.validateObject({ ...tool, modified: '2024-01-01T00:00:00.1000001Z' }).valid).toBe(true);
  });

  it('escapes JSON pointer segments', () => {
    const file = { ...fixture('file'), hashes: { 'a/b~c': 'x' } };
    expect(summary(validator.validateObject(file).issues)).toEqual(['error dictionary-key /hashes/a~1b~0c']);
  });

  it('checks references nested in extensions and lists', () => {
    const file = { ...fixture('file'), extensions: { 'archive-ext': { contains_refs: [scoId('url')] } } };
    expect(summary(validator.validateObject(file).issues)).toEqual([
      'error ref-target-type /extensions/archive-ext/contains_refs/0',
    ]);
    const mail = {
      ...fixture('email-message'),
      is_multipart: true,
      body: undefined,
      body_multipart: [{ body_raw_ref: scoId('ipv4-addr') }],
    };
    expect(summary(validator.validateObject(JSON.parse(JSON.stringify(mail))).issues)).toEqual([
      'error ref-target-type /body_multipart/0/body_raw_ref',
    ]);
  });

  it('accepts SCOs without spec_version and IPv6 with a prefix', () => {
    const ip = fixture('ipv6-addr');
    delete ip.spec_version;
    expect(validator.validateObject({ ...ip, value: '2001:db8::/32' }).issues).toEqual([]);
    expect(summary(validator.validateObject({ ...ip, value: '2001:db8::/129' }).issues)).toEqual([
      'error ip-format /value',
    ]);
  });

  it('never resolves selectors, extension names or types through the prototype', () => {
    const tool = {
      ...fixture('tool'),
      granular_markings: [{ selectors: ['constructor'], marking_ref: TLP2_MARKING_IDS.red }],
    };
    expect(summary(validator.validateObject(tool).issues)).toEqual([
      'error granular-selector /granular_markings/0/selectors/0',
    ]);
    const file = { ...fixture('file'), extensions: { constructor: { a: 1 } } };
    expect(summary(validator.validateObject(file).issues)).toEqual([
      'error extension-key /extensions/constructor',
    ]);
    const proto = JSON.parse(
      '{"type":"x-acme-thing","id":"x-acme-thing--0c8f3e1a-7b2d-5e4f-9a1b-000000000001","__proto__":{"polluted":1}}',
    ) as unknown;
    expect(validator.validateObject(proto).valid).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
