import { describe, expect, it } from 'vitest';
import { buildObject, serverErrors, validateForm, valuesOf } from './stix-forms';

const TLP_AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const TLP_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
const uuid = () => '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';

describe('object forms', () => {
  it('asks for the required fields of each kind', () => {
    expect(Object.keys(validateForm('indicator', {}, 'en')).sort()).toEqual([
      'name',
      'pattern',
      'pattern_type',
      'tlp',
      'valid_from',
    ]);
    expect(Object.keys(validateForm('report', { name: 'r', tlp: 'amber' }, 'en')).sort()).toEqual([
      'object_refs',
      'published',
    ]);
    expect(validateForm('vulnerability', { name: 'v', tlp: 'red' }, 'en')).toEqual({});
  });

  it('places a STIX pattern error at its position, in the user language', () => {
    const values = {
      name: 'x',
      tlp: 'amber',
      pattern_type: 'stix',
      valid_from: '2026-01-01T10:00',
      pattern: "[ipv4-addr:value = '1.2.3.4' AND]",
    };
    const en = validateForm('indicator', values, 'en').pattern;
    const zh = validateForm('indicator', values, 'zh').pattern;
    expect(en && 'text' in en && en.text).toMatch(/expected/);
    expect(zh && 'text' in zh && zh.text).toMatch(/位置/);
    expect(values.pattern[en?.position ?? -1]).toBe(']');
    // Patterns of other languages are left to their own tools.
    expect(validateForm('indicator', { ...values, pattern_type: 'yara' }, 'en').pattern).toBeUndefined();
  });

  it('checks formats: CVE ids, confidence, STIX ids, time order', () => {
    expect(validateForm('vulnerability', { name: 'v', tlp: 'red', cve: 'cve 2024' }, 'en').cve).toEqual({
      key: 'editor.error.cve',
    });
    expect(validateForm('indicator', { confidence: '101' }, 'en').confidence).toEqual({
      key: 'editor.error.confidence',
    });
    expect(validateForm('report', { object_refs: 'indicator--x' }, 'en').object_refs).toMatchObject({
      key: 'editor.error.ref',
    });
    expect(
      validateForm('indicator', { valid_from: '2026-02-01T00:00', valid_until: '2026-01-01T00:00' }, 'en')
        .valid_until,
    ).toEqual({ key: 'editor.error.validUntil' });
  });

  it('builds a new indicator with TLP, lists and UTC times', () => {
    const o = buildObject(
      'indicator',
      {
        name: ' C2 ',
        tlp: 'amber',
        pattern_type: 'stix',
        pattern: "[domain-name:value = 'x.example']",
        valid_from: '2026-01-01T10:00',
        labels: 'a, b',
        indicator_types: 'malicious-activity',
      },
      TLP_AMBER,
      new Date('2026-03-01T00:00:00.000Z'),
      uuid,
    );
    expect(o).toMatchObject({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${uuid()}`,
      name: 'C2',
      labels: ['a', 'b'],
      indicator_types: ['malicious-activity'],
      object_marking_refs: [TLP_AMBER],
      created: '2026-03-01T00:00:00.000Z',
      modified: '2026-03-01T00:00:00.000Z',
    });
    expect(o.valid_from).toBe(new Date('2026-01-01T10:00').toISOString());
    expect(o).not.toHaveProperty('description');
  });

  it('makes a new version: same id and created, later modified, other properties kept, TLP replaced', () => {
    const previous = {
      type: 'vulnerability',
      id: 'vulnerability--1b4b2c8e-7a7c-4a38-a3a5-1d2f5c9d0a11',
      spec_version: '2.1',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-05-01T00:00:00.000Z',
      name: 'old',
      x_custom: 1,
      object_marking_refs: [TLP_AMBER, 'marking-definition--0c1fa7a4-94d4-4f4e-b5f5-2d2b9e3a4d11'],
      external_references: [
        { source_name: 'cve', external_id: 'CVE-2020-0001' },
        { source_name: 'vendor', url: 'https://example.org' },
      ],
    };
    const values = { ...valuesOf(previous, 'amber'), name: 'new', cve: 'CVE-2024-3094', tlp: 'red' };
    const o = buildObject(
      'vulnerability',
      values,
      TLP_RED,
      new Date('2026-04-01T00:00:00.000Z'),
      uuid,
      previous,
    );
    expect(o.id).toBe(previous.id);
    expect(o.created).toBe(previous.created);
    expect(o.modified).toBe('2026-05-01T00:00:00.001Z');
    expect(o.x_custom).toBe(1);
    expect(o.object_marking_refs).toEqual([
      TLP_RED,
      'marking-definition--0c1fa7a4-94d4-4f4e-b5f5-2d2b9e3a4d11',
    ]);
    expect(o.external_references).toEqual([
      { source_name: 'cve', external_id: 'CVE-2024-3094' },
      { source_name: 'vendor', url: 'https://example.org' },
    ]);
  });

  it('maps the node 422 issues to fields, with pattern positions', () => {
    const errors = serverErrors(
      [
        { path: '/pattern', message: '位置 5:应为 ],实际为 end', position: 5 },
        { path: '/object_refs/0', message: 'bad ref' },
        { path: '/x_foo', message: 'odd' },
      ],
      'fallback',
    );
    expect(errors.pattern).toEqual({ text: '位置 5:应为 ],实际为 end', position: 5 });
    expect(errors.object_refs).toEqual({ text: 'bad ref' });
    expect(errors._form).toEqual({ text: 'odd' });
    expect(serverErrors([], 'refused')).toEqual({ _form: { text: 'refused' } });
  });
});
