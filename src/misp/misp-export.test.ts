import { describe, expect, it } from 'vitest';
import { generatedEvent } from '../../bench/misp-import.bench.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { isMispEvent, mispToStix, stixToMisp } from './misp.js';
import { stixErrors } from './misp-test-helpers.testkit.js';
import type { JsonRecord } from './observable-terms.js';

const T = '2024-06-10T09:30:00.000Z';
const author = 'identity--3c0f8e2a-6b7d-4e1f-9a2b-5c4d3e2f1a0b';
const common = { spec_version: '2.1', created: T, modified: T, created_by_ref: author };
const ids = {
  report: 'report--4d1a9f3b-7c8e-4f2a-8b3c-6d5e4f3a2b1c',
  indicator: 'indicator--5e2b0a4c-8d9f-4a3b-9c4d-7e6f5a4b3c2d',
  observed: 'observed-data--6f3c1b5d-9e0a-4b4c-8d5e-8f7a6b5c4d3e',
  malware: 'malware--7a4d2c6e-0f1b-4c5d-9e6f-9a8b7c6d5e4f',
  sighting: 'sighting--8b5e3d7f-1a2c-4d6e-8f7a-0b9c8d7e6f5a',
  vulnerability: 'vulnerability--9c6f4e8a-2b3d-4e7f-9a8b-1c0d9e8f7a6b',
  location: 'location--0d7a5f9b-3c4e-4f8a-8b9c-2d1e0f9a8b7c',
  file: 'file--1e8b6a0c-4d5f-5a9b-9c0d-3e2f1a0b9c8d',
  ip: 'ipv4-addr--2f9c7b1d-5e6a-5b0c-8d1e-4f3a2b1c0d9e',
  traffic: 'network-traffic--3a0d8c2e-6f7b-5c1d-9e2f-5a4b3c2d1e0f',
};

const foreign: JsonRecord[] = [
  { type: 'identity', ...common, id: author, name: 'RU-CERT duty officer', identity_class: 'organization' },
  {
    type: 'report',
    ...common,
    id: ids.report,
    name: 'Warning: wiper targeting water utilities',
    published: T,
    object_refs: Object.values(ids).filter((id) => !id.startsWith('report--')),
    object_marking_refs: [TLP2_MARKING_IDS.green],
    labels: ['critical-infrastructure'],
    external_references: [{ source_name: 'advisory', url: 'https://cert.example/advisories/2024-031' }],
  },
  {
    type: 'indicator',
    ...common,
    id: ids.indicator,
    name: 'Wiper dropper',
    description: 'Dropped by the phishing lure',
    pattern: `[file:hashes.'SHA-256' = '${'cd'.repeat(32)}']`,
    pattern_type: 'stix',
    valid_from: T,
    valid_until: '2024-09-10T09:30:00.000Z',
    object_marking_refs: [TLP2_MARKING_IDS.green],
  },
  {
    type: 'file',
    spec_version: '2.1',
    id: ids.file,
    name: 'svchost32.exe',
    hashes: { MD5: '0123456789abcdef0123456789abcdef' },
  },
  { type: 'ipv4-addr', spec_version: '2.1', id: ids.ip, value: '192.0.2.200' },
  {
    type: 'network-traffic',
    spec_version: '2.1',
    id: ids.traffic,
    dst_ref: ids.ip,
    dst_port: 8080,
    protocols: ['tcp'],
  },
  {
    type: 'observed-data',
    ...common,
    id: ids.observed,
    first_observed: T,
    last_observed: T,
    number_observed: 3,
    object_refs: [ids.file, ids.traffic, ids.ip],
    object_marking_refs: [TLP2_MARKING_IDS.green],
  },
  {
    type: 'malware',
    ...common,
    id: ids.malware,
    name: 'AquaWipe',
    is_family: true,
    malware_types: ['wiper'],
  },
  {
    type: 'relationship',
    ...common,
    id: 'relationship--4b1e9d3f-7a8b-4c2d-8e3f-6a5b4c3d2e1f',
    relationship_type: 'indicates',
    source_ref: ids.indicator,
    target_ref: ids.malware,
  },
  {
    type: 'sighting',
    ...common,
    id: ids.sighting,
    sighting_of_ref: ids.indicator,
    count: 4,
    last_seen: '2024-06-11T00:00:00.000Z',
    where_sighted_refs: [author],
  },
  {
    type: 'vulnerability',
    ...common,
    id: ids.vulnerability,
    name: 'CVE-2024-1234',
    external_references: [{ source_name: 'cve', external_id: 'CVE-2024-1234' }],
  },
  { type: 'location', ...common, id: ids.location, name: 'Plant 7', country: 'XX' },
];

describe('exporting Accord’s own STIX to MISP', () => {
  const { event, unmapped } = stixToMisp(foreign, { now: new Date(T) });
  const e = event.Event;

  it('writes an importable MISP event', () => {
    expect(isMispEvent(event)).toBe(true);
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    expect(e).toMatchObject({
      info: 'Warning: wiper targeting water utilities',
      date: '2024-06-10',
      distribution: '1',
      threat_level_id: '4',
      analysis: '0',
      published: false,
      Orgc: { name: 'RU-CERT duty officer' },
    });
    expect(e.Tag.map((t) => t.name)).toEqual(['critical-infrastructure', 'tlp:green']);
    for (const attribute of [...e.Attribute, ...e.Object.flatMap((o) => o.Attribute)]) {
      expect(attribute.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(attribute.category).not.toBe('');
      expect(Number(attribute.timestamp)).toBeGreaterThan(0);
    }
  });

  it('maps indicators, observed-data, vulnerabilities and links to attributes', () => {
    const simple = e.Attribute.map((a) => [a.type, a.value, a.to_ids]);
    expect(simple).toEqual(
      expect.arrayContaining([
        ['sha256', 'cd'.repeat(32), true],
        ['filename|md5', 'svchost32.exe|0123456789abcdef0123456789abcdef', false],
        ['ip-dst|port', '192.0.2.200|8080', false],
        ['vulnerability', 'CVE-2024-1234', false],
        ['link', 'https://cert.example/advisories/2024-031', false],
      ]),
    );
    expect(e.Attribute.find((a) => a.type === 'sha256')?.comment).toBe('Dropped by the phishing lure');
  });

  it('puts malware an indicator indicates on that attribute, with sightings and expiry', () => {
    const dropper = e.Attribute.find((a) => a.type === 'sha256');
    expect(dropper?.Galaxy?.[0]).toMatchObject({
      type: 'malpedia',
      GalaxyCluster: [{ value: 'AquaWipe', tag_name: 'misp-galaxy:malpedia="AquaWipe"' }],
    });
    expect(dropper?.Tag).toEqual([{ name: 'misp-galaxy:malpedia="AquaWipe"' }]);
    expect(dropper?.Sighting).toEqual([
      expect.objectContaining({
        type: '0',
        date_sighting: String(Date.parse('2024-06-11T00:00:00Z') / 1000),
        Organisation: { name: 'RU-CERT duty officer' },
      }),
      expect.objectContaining({
        type: '2',
        date_sighting: String(Date.parse('2024-09-10T09:30:00Z') / 1000),
      }),
    ]);
    expect(e.Galaxy).toEqual([]);
  });

  it('reports what MISP cannot hold', () => {
    expect(unmapped).toEqual([{ id: ids.location, reason: 'location has no MISP counterpart' }]);
  });

  it('refuses to guess a value from patterns that are not plain IOCs', () => {
    const tricky = {
      ...foreign[2],
      id: 'indicator--6c3f1e5a-9b0d-4e3f-8a4b-7c6d5e4f3a2b',
      pattern: "[file:name LIKE '%.scr']",
    } as JsonRecord;
    const broken = {
      ...tricky,
      id: 'indicator--7d4a2f6b-0c1e-4f4a-9b5c-8d7e6f5a4b3c',
      pattern: "[file:name = 'x'",
    } as JsonRecord;
    const out = stixToMisp([tricky, broken], { now: new Date(T) });
    expect(out.event.Event.Attribute.map((a) => [a.type, a.value])).toEqual([
      ['stix2-pattern', "[file:name LIKE '%.scr']"],
    ]);
    expect(out.unmapped).toEqual([
      { id: broken.id, reason: "invalid STIX pattern: at 16: expected AND, OR or ']', found end of pattern" },
    ]);
  });

  it('works without a report', () => {
    const out = stixToMisp([foreign[2] ?? {}], {
      now: new Date(T),
      info: 'Loose indicators',
      defaultDistribution: 0,
    });
    expect(out.event.Event).toMatchObject({
      info: 'Loose indicators',
      date: '2024-06-10',
      distribution: '0',
    });
    expect(out.event.Event.Attribute[0]?.Tag).toEqual([{ name: 'tlp:green' }]);
  });

  it('re-imports as valid STIX', () => {
    expect(stixErrors(mispToStix(event, { now: new Date(T) }).objects)).toEqual([]);
  });
});

describe('scale', () => {
  it('converts a 10,000-attribute event both ways', () => {
    const started = performance.now();
    const { objects, unmapped } = mispToStix(generatedEvent(10_000), { now: new Date(T) });
    const back = stixToMisp(objects).event.Event;
    // Timing is measured properly by bench/misp-import.bench.ts; this only catches blow-ups.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(unmapped).toEqual([]);
    expect(back.Attribute).toHaveLength(10_000);
  });
});
