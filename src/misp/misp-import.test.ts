import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matchPattern, observationFrom, parsePattern } from '../patterning/patterning.js';
import { TLP2_MARKING_IDS } from '../stix/tlp.js';
import { isMispEvent, mispToStix } from './misp.js';
import { byId, byType, loadFixture, stixErrors } from './misp-test-helpers.testkit.js';
import type { JsonRecord } from './observable-terms.js';

const now = new Date('2025-01-01T00:00:00Z');
const apt = loadFixture('apt-phishing-campaign.json');
const ransomware = loadFixture('ransomware-sharing-group.json');
const aptResult = mispToStix(apt, { now });
const objects = aptResult.objects;

function indicatorWith(pattern: string): JsonRecord {
  const found = byType(objects, 'indicator').find((i) => i.pattern === pattern);
  if (!found) throw new Error(`no indicator with ${pattern}`);
  return found;
}

function fromAttribute(uuidPrefix: string, list: readonly JsonRecord[] = objects): JsonRecord {
  const found = list.find(
    (o) =>
      Array.isArray(o.x_misp_attributes) &&
      (o.x_misp_attributes as JsonRecord[]).some((a) => String(a.uuid).startsWith(uuidPrefix)),
  );
  if (!found) throw new Error(`nothing made from attribute ${uuidPrefix}`);
  return found;
}

describe('recognising MISP files by content', () => {
  it.each([
    ['{"Event": …}', apt],
    ['{"response": [{"Event": …}]}', ransomware],
    ['a bare event', { info: 'x', uuid: '5f3c1d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f', Attribute: [] }],
    ['a list of events', [apt]],
  ])('accepts %s', (_label, value) => expect(isMispEvent(value)).toBe(true));

  it.each([
    ['a STIX bundle', { type: 'bundle', id: 'bundle--6ba7b810-9dad-41d1-80b4-00c04fd430c8', objects: [] }],
    [
      'a STIX object with "info"',
      { type: 'x-thing', id: 'x-thing--6ba7b810-9dad-41d1-80b4-00c04fd430c8', info: 'x', uuid: 'y' },
    ],
    ['an empty Event', { Event: {} }],
    ['null', null],
    ['a string', 'Event'],
    ['an unrelated object', { name: 'x', values: [1, 2] }],
  ])('refuses %s', (_label, value) => expect(isMispEvent(value)).toBe(false));

  it('says so instead of producing nothing when given something else', () => {
    const result = mispToStix({ hello: 'world' }, { now });
    expect(result.objects).toEqual([]);
    expect(result.unmapped).toEqual([{ path: '', reason: 'not MISP event JSON' }]);
  });
});

describe('every object produced is valid STIX 2.1', () => {
  it.each([
    ['APT phishing event', aptResult.objects],
    ['sharing-group event', mispToStix(ransomware, { now }).objects],
  ])('%s passes the OASIS schemas and Accord’s validator', (_label, produced) => {
    expect(produced.length).toBeGreaterThan(5);
    expect(stixErrors(produced)).toEqual([]);
  });

  it('builds STIX patterns that the patterning parser accepts', () => {
    const stix = byType(objects, 'indicator').filter((i) => i.pattern_type === 'stix');
    expect(stix.length).toBeGreaterThan(10);
    for (const indicator of stix) expect(() => parsePattern(String(indicator.pattern))).not.toThrow();
  });
});

describe('the event becomes a report', () => {
  const report = byType(objects, 'report')[0] ?? {};

  it('carries header, creator, markings and MISP metadata', () => {
    expect(report).toMatchObject({
      name: 'Spear-phishing campaign delivering GrimResolve loader to energy ministries',
      created: '2024-04-29T00:00:00.000Z',
      modified: '2024-05-01T10:00:00.000Z',
      published: '2024-05-01T10:10:00.000Z',
      report_types: ['threat-report'],
      x_misp_threat_level_id: '1',
      x_misp_analysis: '2',
      x_misp_distribution: 1,
      x_misp_published: true,
    });
    expect(byId(objects, report.created_by_ref)).toMatchObject({
      type: 'identity',
      name: 'CERT-Example',
      identity_class: 'organization',
    });
    expect(report.object_marking_refs).toContain(TLP2_MARKING_IDS.amber);
    const pap = objects.find(
      (o) => (report.object_marking_refs as string[]).includes(String(o.id)) && o.name === 'PAP:GREEN',
    );
    expect(pap).toMatchObject({ type: 'marking-definition', definition_type: 'statement' });
  });

  it('keeps tags as labels (galaxy tags only where no SDO stands for them)', () => {
    expect(report.labels).toEqual([
      'tlp:amber',
      'PAP:GREEN',
      'kill-chain:Delivery',
      'admiralty-scale:source-reliability="b"',
      'misp-galaxy:sector="Energy"',
    ]);
  });

  it('refers to everything it produced and keeps links as external references', () => {
    const refs = new Set(report.object_refs as string[]);
    for (const object of objects) {
      if (object.type !== 'marking-definition' && object !== report)
        expect(refs.has(String(object.id)), String(object.id)).toBe(true);
    }
    expect(report.external_references).toEqual([
      {
        source_name: 'misp',
        external_id: 'a8bc355b-e95d-47d6-8eef-00e690827f36',
        description: 'MISP event uuid',
      },
      {
        source_name: 'link',
        url: 'https://blog.cert-example.org/2024/05/grimresolve',
        description: 'Public write-up',
      },
    ]);
  });
});

describe('attributes', () => {
  it('to_ids=true → indicator with a pattern built from type and value', () => {
    const c2 = indicatorWith("[ipv4-addr:value = '203.0.113.45']");
    expect(c2).toMatchObject({
      description: 'GrimResolve C2 server',
      valid_from: '2024-04-28T08:15:00.000Z',
      labels: ['tlp:red'],
      object_marking_refs: [TLP2_MARKING_IDS.red, expect.stringMatching(/^marking-definition--/)],
      x_misp_attributes: [
        { type: 'ip-dst', category: 'Network activity', value: '203.0.113.45', to_ids: true },
      ],
    });
    for (const pattern of [
      "[domain-name:value = 'update-energy-portal.example']",
      "[file:hashes.MD5 = '4719e253307dc5f622a8bb83ead45593']",
      "[file:name = 'Q2_Energy_Outlook.docm' AND file:hashes.'SHA-1' = 'b56efbb19529522fe6c7e17387e8fc5e93370443']",
      "[email-addr:value = 'hr-notice@energy-ministry-mail.example']",
      "[network-traffic:dst_ref.value = '198.51.100.23' AND network-traffic:dst_port = 8443]",
      "[mutex:name = 'Global\\\\GrmRslv_2024']",
      "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) GrimResolve/2.1']",
    ]) {
      expect(indicatorWith(pattern).pattern_version).toBe('2.1');
    }
  });

  it('to_ids=false → observed-data with SCOs that the pattern of the same value matches', () => {
    const observed = fromAttribute(uuidOf('attr-10'));
    expect(observed.type).toBe('observed-data');
    const refs = observed.object_refs as string[];
    const domain = objects.find((o) => refs.includes(String(o.id)) && o.type === 'domain-name');
    expect(domain).toMatchObject({ value: 'cdn-sync.example' });
    expect(domain?.resolves_to_refs).toContain(refs.find((r) => r.startsWith('ipv4-addr--')));
    const observation = observationFrom(observed, objects);
    const pattern = parsePattern(
      "[domain-name:value = 'cdn-sync.example' AND domain-name:resolves_to_refs[*].value = '198.51.100.23']",
    );
    expect(matchPattern(pattern, [observation]).matched).toBe(true);
    expect(
      matchPattern(parsePattern("[domain-name:resolves_to_refs[*].value = '10.0.0.1']"), [observation])
        .matched,
    ).toBe(false);
  });

  it('maps the special types to their own objects', () => {
    expect(byType(objects, 'vulnerability')[0]).toMatchObject({
      name: 'CVE-2023-36884',
      description: 'Office and Windows HTML RCE used by the lure',
      external_references: [{ source_name: 'cve', external_id: 'CVE-2023-36884' }],
    });
    expect(byType(objects, 'indicator').find((i) => i.pattern_type === 'yara')?.pattern).toMatch(
      /^rule GrimResolve_Loader/,
    );
    const notes = byType(objects, 'note');
    expect(notes.map((n) => n.content)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Lure e-mails reached 14/),
        expect.stringMatching(/^## Summary/),
      ]),
    );
  });

  it('lists what it could not map, with JSON paths', () => {
    expect(aptResult.unmapped).toEqual([
      {
        path: '/Event/Attribute/15',
        reason: 'MISP type ja3-fingerprint-md5 has no STIX 2.1 equivalent; kept as x-misp-attribute',
      },
      { path: '/Event/Attribute/21', reason: 'deleted in MISP' },
      {
        path: '/Event/Object/0/Attribute/5',
        reason: 'relation entropy of file has no STIX property here; kept in x_misp_attributes',
      },
      {
        path: '/Event/Object/1/Attribute/1',
        reason: 'relation domain of url has no STIX property here; kept in x_misp_attributes',
      },
      {
        path: '/Event/Object/4/Attribute/2',
        reason: 'relation domain of ip-port has no STIX property here; kept in x_misp_attributes',
      },
      {
        path: '/Event/Object/5',
        reason: 'MISP object geolocation has no STIX 2.1 equivalent; kept as x-misp-object',
      },
      {
        path: '/Event/Galaxy/4/GalaxyCluster/0',
        reason: 'galaxy type sector has no STIX 2.1 object; kept as a label',
      },
      { path: '/Event/RelatedEvent', reason: 'links to other events of the MISP instance are not carried' },
    ]);
    expect(aptResult.summary).toMatchObject({
      events: 1,
      attributes: 23,
      mispObjects: 6,
      galaxyClusters: 6,
      sightings: 5,
      unmapped: 8,
    });
  });
});

describe('MISP objects', () => {
  it('a file object becomes one indicator combining its attributes', () => {
    const file = fromAttribute(uuidOf('oa-2'));
    expect(file.pattern).toBe(
      "[file:name = 'Q2_Energy_Outlook.docm' AND file:hashes.MD5 = '4719e253307dc5f622a8bb83ead45593' AND file:hashes.'SHA-256' = '7d8e709eba385230633c899a6f8a6fe8b121818017349768e1104765a9601803' AND file:size = 48213 AND file:mime_type = 'application/vnd.ms-word.document.macroEnabled.12']",
    );
    expect(file.x_misp_object).toMatchObject({
      name: 'file',
      meta_category: 'file',
      comment: 'Lure attachment',
    });
  });

  it('an e-mail object becomes an email-message with its addresses and attachment', () => {
    const observed = fromAttribute(uuidOf('oa-31'));
    const message = (observed.object_refs as string[])
      .map((id) => byId(objects, id))
      .find((o) => o.type === 'email-message');
    expect(message).toMatchObject({ is_multipart: true, subject: 'Q2 Energy Outlook – action required' });
    expect(byId(objects, message?.from_ref)).toMatchObject({
      type: 'email-addr',
      value: 'hr-notice@energy-ministry-mail.example',
    });
    const part = (message?.body_multipart as JsonRecord[])[0];
    expect(byId(objects, part?.body_raw_ref)).toMatchObject({ type: 'file', name: 'Q2_Energy_Outlook.docm' });
  });

  it('object references become relationships', () => {
    const file = fromAttribute(uuidOf('oa-2'));
    const url = fromAttribute(uuidOf('oa-11'));
    expect(byType(objects, 'relationship').find((r) => r.source_ref === file.id)).toMatchObject({
      relationship_type: 'downloaded-from',
      target_ref: url.id,
    });
  });
});

describe('galaxies and sightings', () => {
  it('clusters become SDOs with ATT&CK references, aliases and relationships', () => {
    expect(byType(objects, 'threat-actor')[0]).toMatchObject({
      name: 'Sable Heron',
      aliases: ['SH-17', 'Grey Marsh'],
    });
    const phishing = byType(objects, 'attack-pattern').find((a) => a.name === 'Spearphishing Attachment');
    expect(phishing?.external_references).toEqual([
      {
        source_name: 'mitre-attack',
        external_id: 'T1566.001',
        url: 'https://attack.mitre.org/techniques/T1566/001',
      },
    ]);
    expect(byType(objects, 'tool')[0]).toMatchObject({ name: 'Cobalt Strike' });
    const malware = byType(objects, 'malware')[0];
    expect(malware).toMatchObject({ name: 'GrimResolve', is_family: true, aliases: ['GRIMRES'] });
    const loader = fromAttribute(uuidOf('attr-5'));
    const relationships = byType(objects, 'relationship');
    expect(relationships).toContainEqual(
      expect.objectContaining({
        source_ref: loader.id,
        relationship_type: 'indicates',
        target_ref: malware?.id,
      }),
    );
    const actor = byType(objects, 'threat-actor')[0];
    const uses = relationships.filter((r) => r.source_ref === actor?.id && r.relationship_type === 'uses');
    expect(uses).toHaveLength(3);
  });

  it('sightings are grouped per attribute, organisation and kind', () => {
    const c2 = indicatorWith("[ipv4-addr:value = '203.0.113.45']");
    const sighting = byType(objects, 'sighting').find((s) => s.sighting_of_ref === c2.id);
    expect(sighting).toMatchObject({
      count: 2,
      first_seen: '2024-05-01T12:00:00.000Z',
      last_seen: '2024-05-01T12:30:00.000Z',
      x_misp_sources: ['IDS sensor FR-2'],
    });
    expect(byId(objects, (sighting?.where_sighted_refs as string[])[0])).toMatchObject({
      name: 'CERT-Partner',
    });
    expect(c2.valid_until).toBe('2024-05-31T10:00:00.000Z');
    const falsePositive = byType(objects, 'sighting').find(
      (s) => s.x_misp_sighting_type === 'false-positive',
    );
    expect(falsePositive?.observed_data_refs).toEqual([falsePositive?.sighting_of_ref]);
  });
});

describe('distribution and sharing groups', () => {
  const result = mispToStix(ransomware, { now });
  const report = byType(result.objects, 'report')[0] ?? {};

  it('a sharing-group event is AMBER with a statement naming the group, however lax its TLP tag', () => {
    expect(report.labels).toContain('tlp:white');
    const markings = (report.object_marking_refs as string[]).map((id) =>
      id === TLP2_MARKING_IDS.amber ? { name: 'TLP:AMBER' } : byId(result.objects, id),
    );
    expect(markings.map((m) => m.name)).toEqual([
      'TLP:AMBER',
      'PAP:RED',
      'MISP sharing group: Energy-ISAC core members',
    ]);
  });

  it('distribution 0 on an attribute means AMBER+STRICT', () => {
    const contact = fromAttribute(uuidOf('r-3'), result.objects);
    expect(contact.object_marking_refs).toContain(TLP2_MARKING_IDS['amber+strict']);
  });

  it('stix2-pattern attributes are taken as they are, and invalid ones are reported', () => {
    expect(byType(result.objects, 'indicator').map((i) => i.pattern)).toContain(
      "[file:name = 'RESTORE-FILES.txt'] FOLLOWEDBY [process:name = 'vssadmin.exe'] WITHIN 600 SECONDS",
    );
    expect(result.unmapped).toEqual([
      {
        path: '/Event/Attribute/4',
        reason:
          'stix2-pattern is not a valid STIX 2.1 pattern: at 13: expected a literal, found end of pattern',
      },
      {
        path: '/Event/Attribute/5',
        reason:
          "value does not make a valid STIX pattern (at 19: 'd41d8cd98f00b204e9800998ecf8' is not a valid MD5 hash); kept as x-misp-attribute",
      },
    ]);
  });
});

describe('re-importing is idempotent', () => {
  it('gives the same objects, whatever the time of import', () => {
    const again = mispToStix(apt, { now: new Date('2030-06-01T00:00:00Z') });
    expect(again.objects).toEqual(aptResult.objects);
  });

  it('derives ids from MISP uuids (UUIDv5), not from content', () => {
    const c2 = indicatorWith("[ipv4-addr:value = '203.0.113.45']");
    expect(String(c2.id)).toMatch(
      /^indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const edited = structuredClone(apt) as { Event: { Attribute: Array<{ value: string }> } };
    const first = edited.Event.Attribute[0];
    if (first) first.value = '203.0.113.46';
    const changed = mispToStix(edited, { now });
    expect(byId(changed.objects, c2.id).pattern).toBe("[ipv4-addr:value = '203.0.113.46']");
  });

  it('uses the producer identity when the event names no organisation', () => {
    const bare = {
      Event: {
        uuid: '5f3c1d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f',
        info: 'No org',
        date: '2024-01-02',
        Attribute: [
          {
            type: 'domain',
            value: 'x.example',
            to_ids: true,
            uuid: '6f3c1d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f',
            timestamp: '1704200000',
          },
        ],
      },
    };
    const producer = 'identity--7e1c7f3b-0a5e-4d6e-9b8a-3f2c1d0e9a8b';
    const result = mispToStix(bare, { now, producer: { identityId: producer } });
    expect(byType(result.objects, 'report')[0]?.created_by_ref).toBe(producer);
    expect(byType(result.objects, 'indicator')[0]?.created_by_ref).toBe(producer);
    expect(stixErrors(result.objects)).toEqual([]);
  });
});

/** The uuid the fixture generator gave a name: MD5 of "fixture-<name>" shaped as a UUIDv4. */
function uuidOf(name: string): string {
  const bytes = createHash('md5').update(`fixture-${name}`).digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
