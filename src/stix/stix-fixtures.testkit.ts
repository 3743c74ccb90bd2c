/** Test-only: one small valid object of every STIX 2.1 type, with ids that reference each other. */
import { TLP2_EXTENSION_ID, TLP2_MARKING_IDS } from './tlp.js';

export type Fixture = Record<string, unknown> & { type: string; id: string };

const hex12 = (n: number): string => n.toString(16).padStart(12, '0');
/** A UUIDv4-style id for SDOs/SROs/meta objects. */
export const sdoId = (type: string, n = 1): string => `${type}--6b0c1a3e-1d2f-4a5b-8c6d-${hex12(n)}`;
/** A UUIDv5-style id for SCOs (deterministic ids are what the spec recommends). */
export const scoId = (type: string, n = 1): string => `${type}--0c8f3e1a-7b2d-5e4f-9a1b-${hex12(n)}`;

const CREATED = '2024-03-01T10:00:00.000Z';
const MODIFIED = '2024-03-02T11:30:00.123Z';
const AUTHOR = sdoId('identity');

const sdo = (type: string, props: Record<string, unknown>): Fixture => ({
  type,
  spec_version: '2.1',
  id: sdoId(type),
  created: CREATED,
  modified: MODIFIED,
  created_by_ref: AUTHOR,
  ...props,
});
const sco = (type: string, props: Record<string, unknown>): Fixture => ({
  type,
  spec_version: '2.1',
  id: scoId(type),
  ...props,
});

const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';

/** Domain objects, all nineteen. */
export const sdoFixtures: readonly Fixture[] = [
  sdo('attack-pattern', {
    name: 'Spear phishing',
    kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
  }),
  sdo('campaign', {
    name: 'Operation Winter',
    first_seen: '2024-01-01T00:00:00Z',
    last_seen: '2024-02-01T00:00:00Z',
  }),
  sdo('course-of-action', { name: 'Block the C2 address', description: 'Block at the perimeter.' }),
  sdo('grouping', {
    name: 'Triage set',
    context: 'suspicious-activity',
    object_refs: [sdoId('indicator'), scoId('ipv4-addr')],
  }),
  {
    type: 'identity',
    spec_version: '2.1',
    id: AUTHOR,
    created: CREATED,
    modified: MODIFIED,
    name: 'National CERT',
    identity_class: 'organization',
    sectors: ['government-national'],
  },
  sdo('incident', { name: 'Intrusion at a water utility' }),
  sdo('indicator', {
    name: 'C2 address',
    indicator_types: ['malicious-activity'],
    pattern: "[ipv4-addr:value = '198.51.100.3']",
    pattern_type: 'stix',
    valid_from: '2024-03-01T00:00:00Z',
    valid_until: '2024-06-01T00:00:00Z',
    object_marking_refs: [TLP2_MARKING_IDS.amber],
  }),
  sdo('infrastructure', { name: 'Botnet C2', infrastructure_types: ['command-and-control'] }),
  sdo('intrusion-set', { name: 'Group X', aliases: ['GX'], first_seen: '2020-01-01T00:00:00Z' }),
  sdo('location', {
    name: 'Beijing',
    latitude: 39.9042,
    longitude: 116.4074,
    precision: 1000,
    country: 'CN',
  }),
  sdo('malware', {
    name: 'Poison Ivy',
    is_family: true,
    malware_types: ['remote-access-trojan'],
    operating_system_refs: [scoId('software')],
  }),
  sdo('malware-analysis', { product: 'example-av', result: 'malicious', sample_ref: scoId('file') }),
  sdo('note', { abstract: 'Triage', content: 'Seen twice this week.', object_refs: [sdoId('indicator')] }),
  sdo('observed-data', {
    first_observed: '2024-03-01T00:00:00Z',
    last_observed: '2024-03-01T01:00:00Z',
    number_observed: 3,
    object_refs: [scoId('ipv4-addr')],
  }),
  sdo('opinion', { opinion: 'agree', explanation: 'Confirmed.', object_refs: [sdoId('indicator')] }),
  sdo('report', {
    name: 'Weekly report',
    report_types: ['threat-report'],
    published: '2024-03-03T00:00:00Z',
    object_refs: [sdoId('indicator'), sdoId('malware')],
  }),
  sdo('threat-actor', { name: 'Actor X', threat_actor_types: ['crime-syndicate'] }),
  sdo('tool', { name: 'VNC', tool_types: ['remote-access'] }),
  sdo('vulnerability', {
    name: 'CVE-2021-44228',
    external_references: [{ source_name: 'cve', external_id: 'CVE-2021-44228' }],
  }),
];

/** Relationship objects. */
export const sroFixtures: readonly Fixture[] = [
  sdo('relationship', {
    relationship_type: 'indicates',
    source_ref: sdoId('indicator'),
    target_ref: sdoId('malware'),
  }),
  sdo('sighting', {
    sighting_of_ref: sdoId('indicator'),
    first_seen: '2024-03-01T00:00:00Z',
    last_seen: '2024-03-01T00:00:00Z',
    count: 2,
    observed_data_refs: [sdoId('observed-data')],
    where_sighted_refs: [AUTHOR, sdoId('location')],
  }),
];

/** Cyber-observables, all eighteen. */
export const scoFixtures: readonly Fixture[] = [
  sco('artifact', { mime_type: 'application/zip', payload_bin: 'UEsDBBQAAAAIAA==' }),
  sco('autonomous-system', { number: 15139, name: 'Slime Industries', rir: 'ARIN' }),
  sco('directory', { path: 'C:\\Windows\\System32', contains_refs: [scoId('file')] }),
  sco('domain-name', { value: 'example.com', resolves_to_refs: [scoId('ipv4-addr')] }),
  sco('email-addr', { value: 'john@example.com', display_name: 'John Doe' }),
  sco('email-message', {
    is_multipart: false,
    from_ref: scoId('email-addr'),
    to_refs: [scoId('email-addr', 2)],
    subject: 'Invoice',
    body: 'See attached.',
  }),
  sco('file', {
    name: 'qwerty.dll',
    hashes: { 'SHA-256': SHA256 },
    size: 25536,
    parent_directory_ref: scoId('directory'),
  }),
  sco('ipv4-addr', { value: '198.51.100.3' }),
  sco('ipv6-addr', { value: '2001:0db8:85a3:0000:0000:8a2e:0370:7334' }),
  sco('mac-addr', { value: 'd2:fb:49:24:37:18' }),
  sco('mutex', { name: '__CLEANSWEEP__' }),
  sco('network-traffic', {
    src_ref: scoId('ipv4-addr'),
    dst_ref: scoId('domain-name'),
    protocols: ['ipv4', 'tcp'],
    src_port: 24678,
    dst_port: 80,
  }),
  sco('process', { pid: 1221, command_line: './gedit-bin --new-window', image_ref: scoId('file') }),
  sco('software', { name: 'Word', vendor: 'Microsoft', version: '2002', languages: ['en'] }),
  sco('url', { value: 'https://example.com/research/index.html' }),
  sco('user-account', { user_id: '1001', account_login: 'jdoe', account_type: 'unix', is_privileged: false }),
  sco('windows-registry-key', {
    key: 'HKEY_LOCAL_MACHINE\\System\\Foo\\Bar',
    values: [{ name: 'Foo', data: 'qwerty', data_type: 'REG_SZ' }],
  }),
  sco('x509-certificate', {
    issuer: 'C=ZA, O=Thawte',
    subject: 'CN=www.example.com',
    serial_number: '02:08:87',
    validity_not_before: '2016-03-12T12:00:00Z',
    validity_not_after: '2026-08-21T12:00:00Z',
  }),
];

/** marking-definitions (statement and TLP 2.0), extension-definition, language-content. */
export const metaFixtures: readonly Fixture[] = [
  {
    type: 'marking-definition',
    spec_version: '2.1',
    id: sdoId('marking-definition'),
    created: CREATED,
    created_by_ref: AUTHOR,
    definition_type: 'statement',
    definition: { statement: 'Copyright 2024, National CERT' },
  },
  {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS.amber,
    created: '2022-10-01T00:00:00.000Z',
    name: 'TLP:AMBER',
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'amber' } },
  },
  sdo('extension-definition', {
    name: 'Early warning',
    schema: 'https://accord.example/schemas/early-warning',
    version: '1.0.0',
    extension_types: ['new-sdo'],
  }),
  sdo('language-content', {
    object_ref: sdoId('indicator'),
    object_modified: MODIFIED,
    contents: { ru: { name: 'Адрес C2' }, 'zh-Hans': { name: 'C2 地址' } },
  }),
];

/** A custom object in the style of MITRE ATT&CK. */
export const customFixture: Fixture = sdo('x-mitre-tactic', {
  name: 'Initial Access',
  x_mitre_shortname: 'initial-access',
  x_mitre_domains: ['ics-attack'],
});

/** Every fixture, keyed by type (the custom one under its own type). */
export const allFixtures: readonly Fixture[] = [
  ...sdoFixtures,
  ...sroFixtures,
  ...scoFixtures,
  ...metaFixtures,
  customFixture,
];

/** A deep copy of the fixture of a type (the first one when there are several; `tlp2-amber` for
 * the TLP 2.0 marking). */
export function fixture(type: string): Fixture {
  const found = type === 'tlp2-amber' ? metaFixtures[1] : allFixtures.find((f) => f.type === type);
  if (!found) throw new Error(`no fixture for ${type}`);
  return structuredClone(found);
}
