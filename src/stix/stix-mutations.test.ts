/**
 * Invalid variants of valid objects. Each must be rejected by Accord with the expected rule at the
 * expected path. Where a JSON Schema can express the rule, the OASIS schemas must reject it too;
 * where it cannot (comparisons, reference targets, TLP identities …) the OASIS schemas accept it
 * and the test records that as the value Accord's semantic rules add.
 */
import { describe, expect, it } from 'vitest';
import { oasisOracle } from './oasis-oracle.testkit.js';
import { fixture, scoId, sdoId, type Fixture } from './stix-fixtures.testkit.js';
import { createStixValidator } from './stix-validator.js';
import { TLP1_MARKING_IDS, TLP2_EXTENSION_ID, TLP2_MARKING_IDS } from './tlp.js';
import type { StixIssue, StixRule } from './stix-issue.js';

interface Mutation {
  readonly name: string;
  readonly type: string;
  readonly mutate: (obj: Fixture) => void;
  readonly rule: StixRule;
  readonly path: string;
  /** Whether the OASIS schemas can see the problem. */
  readonly oracle: 'rejects' | 'accepts';
}

const m = (
  name: string,
  type: string,
  mutate: (obj: Fixture) => void,
  rule: StixRule,
  path: string,
  oracle: Mutation['oracle'],
): Mutation => ({
  name,
  type,
  mutate,
  rule,
  path,
  oracle,
});
const tlp2 = (obj: Fixture): Record<string, unknown> =>
  (obj.extensions as Record<string, Record<string, unknown>>)[TLP2_EXTENSION_ID] ?? {};

const mutations: readonly Mutation[] = [
  // required properties
  m(
    'indicator without pattern',
    'indicator',
    (o) => delete o.pattern,
    'required-property',
    '/pattern',
    'rejects',
  ),
  m(
    'indicator without valid_from',
    'indicator',
    (o) => delete o.valid_from,
    'required-property',
    '/valid_from',
    'rejects',
  ),
  m('identity without name', 'identity', (o) => delete o.name, 'required-property', '/name', 'rejects'),
  m(
    'relationship without source_ref',
    'relationship',
    (o) => delete o.source_ref,
    'required-property',
    '/source_ref',
    'rejects',
  ),
  m(
    'sighting without modified',
    'sighting',
    (o) => delete o.modified,
    'required-property',
    '/modified',
    'rejects',
  ),
  m(
    'domain-name without value',
    'domain-name',
    (o) => delete o.value,
    'required-property',
    '/value',
    'rejects',
  ),
  m(
    'extension-definition without created_by_ref',
    'extension-definition',
    (o) => delete o.created_by_ref,
    'required-property',
    '/created_by_ref',
    'accepts',
  ),
  m(
    'indicator without spec_version',
    'indicator',
    (o) => delete o.spec_version,
    'spec-version',
    '/spec_version',
    'rejects',
  ),
  m(
    'indicator with spec_version 2.0',
    'indicator',
    (o) => (o.spec_version = '2.0'),
    'spec-version',
    '/spec_version',
    'accepts',
  ),
  // identifiers
  m(
    'indicator with a malware id',
    'indicator',
    (o) => (o.id = sdoId('malware')),
    'id-type-mismatch',
    '/id',
    'rejects',
  ),
  m(
    'file with a directory id',
    'file',
    (o) => (o.id = scoId('directory')),
    'id-type-mismatch',
    '/id',
    'rejects',
  ),
  m(
    'identity with a non-UUID id',
    'identity',
    (o) => (o.id = 'identity--not-a-uuid'),
    'identifier-format',
    '/id',
    'rejects',
  ),
  // timestamps
  m(
    'created in month 13',
    'tool',
    (o) => (o.created = '2016-13-01T00:00:00.000Z'),
    'timestamp-format',
    '/created',
    'rejects',
  ),
  m(
    'created on 30 February',
    'tool',
    (o) => (o.created = '2016-02-30T00:00:00.000Z'),
    'timestamp-format',
    '/created',
    'accepts',
  ),
  m(
    'created without milliseconds',
    'tool',
    (o) => (o.created = '2024-03-01T10:00:00Z'),
    'timestamp-precision',
    '/created',
    'rejects',
  ),
  m(
    'modified before created',
    'tool',
    (o) => (o.modified = '2024-02-29T23:59:59.999Z'),
    'modified-before-created',
    '/modified',
    'accepts',
  ),
  m(
    'valid_until before valid_from',
    'indicator',
    (o) => (o.valid_until = '2024-02-01T00:00:00Z'),
    'time-order',
    '/valid_until',
    'accepts',
  ),
  m(
    'valid_until equal to valid_from',
    'indicator',
    (o) => (o.valid_until = '2024-03-01T00:00:00.000Z'),
    'time-order',
    '/valid_until',
    'accepts',
  ),
  m(
    'campaign last_seen before first_seen',
    'campaign',
    (o) => (o.last_seen = '2023-12-31T00:00:00Z'),
    'time-order',
    '/last_seen',
    'accepts',
  ),
  m(
    'relationship stop_time equal to start_time',
    'relationship',
    (o) => Object.assign(o, { start_time: '2024-01-01T00:00:00Z', stop_time: '2024-01-01T00:00:00Z' }),
    'time-order',
    '/stop_time',
    'accepts',
  ),
  m(
    'observed-data last before first',
    'observed-data',
    (o) => (o.last_observed = '2023-01-01T00:00:00Z'),
    'time-order',
    '/last_observed',
    'accepts',
  ),
  // reference targets
  m(
    'created_by_ref to malware',
    'indicator',
    (o) => (o.created_by_ref = sdoId('malware')),
    'ref-target-type',
    '/created_by_ref',
    'accepts',
  ),
  m(
    'object_marking_refs to identity',
    'indicator',
    (o) => (o.object_marking_refs = [sdoId('identity')]),
    'ref-target-type',
    '/object_marking_refs/0',
    'accepts',
  ),
  m(
    'where_sighted_refs to malware',
    'sighting',
    (o) => (o.where_sighted_refs = [sdoId('malware')]),
    'ref-target-type',
    '/where_sighted_refs/0',
    'rejects',
  ),
  m(
    'sighting_of_ref to an SCO',
    'sighting',
    (o) => (o.sighting_of_ref = scoId('ipv4-addr')),
    'ref-target-type',
    '/sighting_of_ref',
    'accepts',
  ),
  m(
    'observed_data_refs to indicator',
    'sighting',
    (o) => (o.observed_data_refs = [sdoId('indicator')]),
    'ref-target-type',
    '/observed_data_refs/0',
    'rejects',
  ),
  m(
    'relationship target a marking-definition',
    'relationship',
    (o) => (o.target_ref = TLP1_MARKING_IDS.red),
    'ref-target-type',
    '/target_ref',
    'rejects',
  ),
  m(
    'relationship source a sighting',
    'relationship',
    (o) => (o.source_ref = sdoId('sighting')),
    'ref-target-type',
    '/source_ref',
    'rejects',
  ),
  m(
    'malware operating_system_refs to file',
    'malware',
    (o) => (o.operating_system_refs = [scoId('file')]),
    'ref-target-type',
    '/operating_system_refs/0',
    'rejects',
  ),
  m(
    'email-message from_ref to url',
    'email-message',
    (o) => (o.from_ref = scoId('url')),
    'ref-target-type',
    '/from_ref',
    'accepts',
  ),
  m(
    'file parent_directory_ref to file',
    'file',
    (o) => (o.parent_directory_ref = scoId('file')),
    'ref-target-type',
    '/parent_directory_ref',
    'accepts',
  ),
  m(
    'network-traffic src_ref to url',
    'network-traffic',
    (o) => (o.src_ref = scoId('url')),
    'ref-target-type',
    '/src_ref',
    'accepts',
  ),
  m(
    'language-content about a bundle',
    'language-content',
    (o) => (o.object_ref = sdoId('bundle')),
    'ref-target-type',
    '/object_ref',
    'rejects',
  ),
  // markings
  m(
    'TLP 2.0 level purple',
    'tlp2-amber',
    (o) => (tlp2(o).tlp_2_0 = 'purple'),
    'tlp-marking',
    `/extensions/${TLP2_EXTENSION_ID}/tlp_2_0`,
    'accepts',
  ),
  m(
    'TLP 2.0 amber with the green id',
    'tlp2-amber',
    (o) => (o.id = TLP2_MARKING_IDS.green),
    'tlp-marking',
    '/id',
    'accepts',
  ),
  m(
    'marking-definition marking itself',
    'marking-definition',
    (o) => (o.object_marking_refs = [o.id]),
    'marking-circular',
    '/object_marking_refs/0',
    'accepts',
  ),
  m(
    'TLP 2.0 extension as a new-sdo',
    'tlp2-amber',
    (o) => (tlp2(o).extension_type = 'new-sdo'),
    'tlp-marking',
    `/extensions/${TLP2_EXTENSION_ID}/extension_type`,
    'accepts',
  ),
  m(
    'TLP 1.0 level purple',
    'marking-definition',
    (o) =>
      Object.assign(o, {
        id: TLP1_MARKING_IDS.red,
        created: '2017-01-20T00:00:00.000Z',
        name: 'TLP:RED',
        definition_type: 'tlp',
        definition: { tlp: 'purple' },
      }),
    'tlp-marking',
    '/definition/tlp',
    'rejects',
  ),
  m(
    'statement marking without a statement',
    'marking-definition',
    (o) => (o.definition = { text: 'x' }),
    'marking-definition',
    '/definition/statement',
    'rejects',
  ),
  m(
    'granular selector that selects nothing',
    'indicator',
    (o) => (o.granular_markings = [{ selectors: ['description'], marking_ref: TLP2_MARKING_IDS.red }]),
    'granular-selector',
    '/granular_markings/0/selectors/0',
    'accepts',
  ),
  m(
    'granular selector with bad syntax',
    'indicator',
    (o) => (o.granular_markings = [{ selectors: ['Bad Selector'], marking_ref: TLP2_MARKING_IDS.red }]),
    'granular-selector',
    '/granular_markings/0/selectors/0',
    'rejects',
  ),
  // extensions and custom properties
  m(
    'extension key that is neither id nor -ext',
    'indicator',
    (o) => (o.extensions = { foo: { bar: 1 } }),
    'extension-key',
    '/extensions/foo',
    'rejects',
  ),
  m(
    'file extension on an indicator',
    'indicator',
    (o) => (o.extensions = { 'ntfs-ext': { sid: 'S-1-5' } }),
    'extension-key',
    '/extensions/ntfs-ext',
    'accepts',
  ),
  m(
    'custom property with capitals',
    'indicator',
    (o) => (o.X_Bad = 1),
    'custom-property-name',
    '/X_Bad',
    'rejects',
  ),
  m(
    'reserved property severity',
    'indicator',
    (o) => (o.severity = 'high'),
    'reserved-property',
    '/severity',
    'rejects',
  ),
  m(
    'custom _hex property that is not hex',
    'indicator',
    (o) => (o.x_acme_hex = 'zz'),
    'encoding',
    '/x_acme_hex',
    'rejects',
  ),
  m(
    'language-content key that is no language tag',
    'language-content',
    (o) => (o.contents = { e: { name: 'x' } }),
    'language-tag',
    '/contents/e',
    'accepts',
  ),
  // co-constraints and values
  m(
    'location latitude without longitude',
    'location',
    (o) => delete o.longitude,
    'property-combination',
    '/longitude',
    'rejects',
  ),
  m(
    'malware family without name',
    'malware',
    (o) => delete o.name,
    'property-combination',
    '/name',
    'rejects',
  ),
  m(
    'file without name and hashes',
    'file',
    (o) => (delete o.name, delete o.hashes),
    'property-combination',
    '',
    'rejects',
  ),
  m(
    'active network-traffic with end',
    'network-traffic',
    (o) => Object.assign(o, { is_active: true, end: '2024-01-01T00:00:00Z' }),
    'property-combination',
    '/end',
    'rejects',
  ),
  m('confidence 101', 'indicator', (o) => (o.confidence = 101), 'value-range', '/confidence', 'rejects'),
  m('opinion maybe', 'opinion', (o) => (o.opinion = 'maybe'), 'property-value', '/opinion', 'rejects'),
  m('ipv4 300.1.1.1', 'ipv4-addr', (o) => (o.value = '300.1.1.1'), 'ip-format', '/value', 'rejects'),
  m('url that is no URI', 'url', (o) => (o.value = 'not a url'), 'url-format', '/value', 'rejects'),
  m(
    'email-addr that is no address',
    'email-addr',
    (o) => (o.value = 'john at example'),
    'email-format',
    '/value',
    'rejects',
  ),
  m('empty hashes', 'file', (o) => (o.hashes = {}), 'empty-object', '/hashes', 'rejects'),
  m(
    'SHA-256 of the wrong length',
    'file',
    (o) => (o.hashes = { 'SHA-256': 'abc' }),
    'property-pattern',
    '/hashes/SHA-256',
    'rejects',
  ),
  m('empty pattern', 'indicator', (o) => (o.pattern = ' '), 'pattern-syntax', '/pattern', 'accepts'),
  m(
    'cve reference with a bad id',
    'vulnerability',
    (o) => (o.external_references = [{ source_name: 'cve', external_id: 'CVE-16' }]),
    'external-reference',
    '/external_references/0/external_id',
    'rejects',
  ),
  m(
    'external reference with source_name only',
    'tool',
    (o) => (o.external_references = [{ source_name: 'acme' }]),
    'external-reference',
    '/external_references/0',
    'rejects',
  ),
];

const validator = createStixValidator();
const oracle = oasisOracle();

/**
 * An analyst reading in Chinese or Russian gets the problem in that language, with every
 * placeholder filled, and never Ajv's English text passed through (the `schema` fallback).
 */
function expectSaidInEveryLanguage(issue: StixIssue): void {
  expect(issue.message.key).not.toBe('stixIssue.schema');
  const said = { en: issue.message.text('en'), zh: issue.message.text('zh'), ru: issue.message.text('ru') };
  for (const text of Object.values(said)) expect(text).not.toMatch(/\{[a-zA-Z]+\}/);
  expect(said.zh).toMatch(/\p{Script=Han}/u);
  expect(said.ru).toMatch(/\p{Script=Cyrillic}/u);
}

describe('mutations of valid objects', () => {
  it.each(mutations.map((x) => [x.name, x] as const))('%s', (_name, mutation) => {
    const obj = fixture(mutation.type);
    expect(oracle.objectErrors(obj)).toEqual([]);
    mutation.mutate(obj);
    const result = validator.validateObject(obj);
    expect(result.valid).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ rule: mutation.rule, path: mutation.path, severity: 'error' }),
    );
    if (mutation.oracle === 'rejects') expect(oracle.objectErrors(obj)).not.toEqual([]);
    else expect(oracle.objectErrors(obj)).toEqual([]);
    for (const issue of result.issues) expectSaidInEveryLanguage(issue);
  });

  it('report errors at /objects/<i>/… inside a bundle', () => {
    const tool = fixture('tool');
    tool.modified = '2020-01-01T00:00:00.000Z';
    const bundle = { type: 'bundle', id: sdoId('bundle'), objects: [fixture('identity'), tool] };
    const result = validator.validateBundle(bundle);
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ path: '/objects/1/modified', rule: 'modified-before-created' }),
    ]);
  });
});
