import { describe, expect, it } from 'vitest';
import { displayText } from './display-text.js';
import { objectVersion } from './object-version.js';
import { stixCategory } from './stix-category.js';
import { allFixtures, fixture } from './stix-fixtures.testkit.js';
import { identifierType, identifierUuidVersion, isIdentifier, isTypeName } from './stix-identifier.js';
import { compareStixTimestamps, hasMillisecondPrecision, isStixTimestamp } from './stix-timestamp.js';

describe('stixCategory', () => {
  it.each([
    ['indicator', 'sdo'],
    ['malware-analysis', 'sdo'],
    ['relationship', 'sro'],
    ['sighting', 'sro'],
    ['x509-certificate', 'sco'],
    ['network-traffic', 'sco'],
    ['marking-definition', 'meta'],
    ['extension-definition', 'meta'],
    ['language-content', 'meta'],
    ['bundle', 'meta'],
    ['x-mitre-tactic', 'custom'],
    ['early-warning', 'custom'],
  ])('%s is %s', (type, category) => {
    expect(stixCategory(type)).toBe(category);
  });

  it('counts 19 SDOs, 2 SROs and 18 SCOs among the fixtures', () => {
    const count = (c: string) => allFixtures.filter((f) => stixCategory(f.type) === c).length;
    expect([count('sdo'), count('sro'), count('sco')]).toEqual([19, 2, 18]);
  });
});

describe('objectVersion', () => {
  it('is modified, else created, else undefined', () => {
    expect(objectVersion({ created: 'a', modified: 'b' })).toBe('b');
    expect(objectVersion({ created: 'a' })).toBe('a');
    expect(objectVersion(fixture('ipv4-addr'))).toBeUndefined();
  });
});

describe('displayText', () => {
  it('picks name and description per type', () => {
    expect(displayText(fixture('indicator'))).toEqual({
      name: 'C2 address',
      description: "[ipv4-addr:value = '198.51.100.3']",
    });
    expect(displayText(fixture('note'))).toEqual({ name: 'Triage', description: 'Seen twice this week.' });
    expect(displayText(fixture('ipv4-addr'))).toEqual({ name: '198.51.100.3', description: null });
    expect(displayText(fixture('file')).description).toContain('aec070645fe53ee3');
    expect(displayText(fixture('language-content'))).toEqual({
      name: null,
      description: 'Адрес C2\nC2 地址',
    });
    expect(displayText(fixture('marking-definition'))).toEqual({
      name: null,
      description: 'Copyright 2024, National CERT',
    });
    expect(displayText(fixture('x-mitre-tactic'))).toEqual({ name: 'Initial Access', description: null });
    expect(displayText(fixture('autonomous-system')).name).toBe('Slime Industries');
    expect(displayText({ type: 'autonomous-system', number: 15139 }).name).toBe('AS15139');
  });

  it('never throws on odd input', () => {
    expect(displayText({ type: 'language-content', contents: 5 })).toEqual({ name: null, description: null });
    expect(displayText({ name: '   ', description: 7 })).toEqual({ name: null, description: null });
    expect(displayText({ type: 'constructor', name: 'n' })).toEqual({ name: 'n', description: null });
  });
});

describe('identifiers and timestamps', () => {
  it('parses identifiers', () => {
    expect(isIdentifier('x-mitre-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a')).toBe(true);
    expect(isIdentifier('indicator--69da72d2-f550-61c5-ab9e-e8255707f28a')).toBe(false); // version 6
    expect(isIdentifier('indicator--69da72d2-f550-41c5-cb9e-e8255707f28a')).toBe(false); // variant c
    expect(isIdentifier('Indicator--69da72d2-f550-41c5-ab9e-e8255707f28a')).toBe(false);
    expect(identifierType('ipv4-addr--69da72d2-f550-51c5-ab9e-e8255707f28a')).toBe('ipv4-addr');
    expect(identifierUuidVersion('ipv4-addr--69da72d2-f550-51c5-ab9e-e8255707f28a')).toBe(5);
    expect(isTypeName('ab')).toBe(false);
    expect(isTypeName('x--y')).toBe(false);
  });

  it('checks calendars, precision and order', () => {
    expect(isStixTimestamp('2024-02-29T23:59:60.5Z')).toBe(true);
    expect(isStixTimestamp('2023-02-29T00:00:00Z')).toBe(false);
    expect(isStixTimestamp('2100-02-29T00:00:00Z')).toBe(false);
    expect(isStixTimestamp('2024-01-01T00:00:00+00:00')).toBe(false);
    expect(isStixTimestamp('2024-01-01T24:00:00Z')).toBe(false);
    expect(hasMillisecondPrecision('2024-01-01T00:00:00.12Z')).toBe(false);
    expect(hasMillisecondPrecision('2024-01-01T00:00:00.123456Z')).toBe(true);
    expect(compareStixTimestamps('2024-01-01T00:00:00.1Z', '2024-01-01T00:00:00.100Z')).toBe(0);
    expect(compareStixTimestamps('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.001Z')).toBe(-1);
    expect(compareStixTimestamps('2024-01-02T00:00:00Z', '2024-01-01T23:59:59.999Z')).toBe(1);
  });
});
