import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalityTerms, parsePattern } from '../patterning/patterning.js';
import { TLP2_MARKING_IDS, tlpOf } from '../stix/tlp.js';
import { mispToStix, stixToMisp, type MispAttributeOut, type MispEventOut } from './misp.js';
import { byType, loadFixture, stixErrors } from './misp-test-helpers.testkit.js';
import type { MispEventBody } from './misp.types.js';
import type { JsonRecord } from './observable-terms.js';

const now = new Date('2025-01-01T00:00:00Z');

type Loose = Record<string, unknown>;
const rec = (o: object): Loose => o as Loose;

function eventOf(value: unknown): MispEventBody {
  const v = value as { Event?: MispEventBody; response?: Array<{ Event: MispEventBody }> };
  const event = v.Event ?? v.response?.[0]?.Event;
  if (!event) throw new Error('no event');
  return event;
}

const attributeKey = (a: object): string => `${String(rec(a).type)}=${String(rec(a).value)}`;
const tagNames = (tags: unknown): string[] =>
  Array.isArray(tags) ? (tags as Loose[]).map((t) => String(t.name)).sort() : [];

function roundTrip(value: unknown): {
  original: MispEventBody;
  back: MispEventOut;
  unmapped: Array<{ id: string; reason: string }>;
} {
  const stix = mispToStix(value, { now });
  const { event, unmapped } = stixToMisp(stix.objects, { now });
  return { original: eventOf(value), back: event.Event, unmapped };
}

describe('MISP → STIX → MISP keeps what both models hold', () => {
  for (const fixture of ['apt-phishing-campaign.json', 'ransomware-sharing-group.json']) {
    describe(fixture, () => {
      const { original, back, unmapped } = roundTrip(loadFixture(fixture));
      const live = (original.Attribute ?? []).filter((a) => a.deleted !== true);
      // Invalid STIX patterns cannot come back: they are reported at import.
      const importable = live.filter((a) => !(a.type === 'stix2-pattern' && String(a.value).endsWith('= ')));

      it('the same attributes: uuid, type, value, category, to_ids, comment', () => {
        const pick = (o: object): Loose => {
          const a = rec(o);
          return {
            uuid: a.uuid,
            type: a.type,
            value: a.value,
            category: a.category,
            to_ids: a.to_ids,
            comment: a.comment ?? '',
          };
        };
        expect(back.Attribute.map(pick).sort(byUuid)).toEqual(importable.map(pick).sort(byUuid));
      });

      it('the same attribute tags and distributions', () => {
        const tagsOf = (list: readonly object[]): Record<string, string[]> =>
          Object.fromEntries(list.map(rec).map((a) => [String(a.uuid), tagNames(a.Tag)]));
        expect(tagsOf(back.Attribute)).toEqual(tagsOf(importable));
        const distributions = (list: readonly object[]): Record<string, string> =>
          Object.fromEntries(list.map(rec).map((a) => [String(a.uuid), String(a.distribution)]));
        expect(distributions(back.Attribute)).toEqual(distributions(importable));
      });

      it('the same event header and tags', () => {
        expect(back).toMatchObject({
          uuid: original.uuid,
          info: original.info,
          date: original.date,
          timestamp: original.timestamp,
          threat_level_id: original.threat_level_id,
          analysis: original.analysis,
          distribution: original.distribution,
        });
        expect(tagNames(back.Tag)).toEqual(tagNames(original.Tag));
        expect(back.Orgc).toEqual({ name: original.Orgc?.name, uuid: original.Orgc?.uuid });
      });

      it('the same objects with the same attributes', () => {
        const shape = (object: object): Loose => {
          const o = rec(object);
          return {
            uuid: o.uuid,
            name: o.name,
            attributes: ((o.Attribute as Loose[] | undefined) ?? [])
              .map(
                (a) =>
                  `${String(a.object_relation)}:${attributeKey(a)}:${String(a.uuid)}:${String(a.to_ids)}`,
              )
              .sort(),
          };
        };
        expect(back.Object.map(shape).sort(byUuid)).toEqual((original.Object ?? []).map(shape).sort(byUuid));
      });

      it('the same galaxy clusters', () => {
        const clusters = (galaxies: readonly object[] | undefined): string[] =>
          (galaxies ?? [])
            .map(rec)
            .flatMap((g) =>
              ((g.GalaxyCluster as Loose[] | undefined) ?? []).map(
                (c) => `${String(c.type)}:${String(c.value)}`,
              ),
            )
            .sort();
        const mappable = (original.Galaxy ?? []).filter((g) => g.type !== 'sector');
        expect(clusters(back.Galaxy)).toEqual(clusters(mappable));
        const withGalaxy = (original.Attribute ?? []).filter((a) => (a.Galaxy ?? []).length > 0);
        for (const attribute of withGalaxy) {
          const again = back.Attribute.find((a) => a.uuid === attribute.uuid);
          expect(clusters(again?.Galaxy)).toEqual(clusters(attribute.Galaxy));
        }
      });

      it('reports nothing lost on the way back', () => {
        expect(unmapped).toEqual([]);
      });
    });
  }

  it('sightings come back on their attributes', () => {
    const { back } = roundTrip(loadFixture('apt-phishing-campaign.json'));
    const c2 = back.Attribute.find((a) => a.value === '203.0.113.45');
    expect(c2?.Sighting?.map((s) => s.type).sort()).toEqual(['0', '2']);
    expect(c2?.Sighting?.find((s) => s.type === '0')).toMatchObject({
      source: 'IDS sensor FR-2',
      Organisation: { name: 'CERT-Partner' },
    });
    const hostname = back.Attribute.find((a) => a.type === 'hostname');
    expect(hostname?.Sighting?.[0]?.type).toBe('1');
  });
});

function byUuid(a: object, b: object): number {
  return String(rec(a).uuid).localeCompare(String(rec(b).uuid));
}

// ── STIX → MISP → STIX ──────────────────────────────────────────────────────────────────────

const T = '2024-05-02T08:00:00.000Z';
const identity = {
  type: 'identity',
  spec_version: '2.1',
  id: 'identity--0b7a8c9d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  created: T,
  modified: T,
  name: 'CN-CERT liaison',
  identity_class: 'organization',
};

function indicator(
  n: number,
  pattern: string,
  tlp: keyof typeof TLP2_MARKING_IDS,
  extra: JsonRecord = {},
): JsonRecord {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--1d6b8c2a-4e5f-4a7b-9c8d-${String(n).padStart(12, '0')}`,
    created_by_ref: identity.id,
    created: T,
    modified: T,
    name: `indicator ${n}`,
    pattern,
    pattern_type: 'stix',
    valid_from: T,
    object_marking_refs: [TLP2_MARKING_IDS[tlp]],
    ...extra,
  };
}

const MD5 = '79054025255fb1a26e4bc422aef54eb4';
const SHA256 = 'ab'.repeat(32);
const accordIndicators = [
  indicator(1, "[ipv4-addr:value = '198.51.100.7']", 'green'),
  indicator(2, "[domain-name:value = 'c2.example'] OR [domain-name:value = 'c3.example']", 'amber', {
    labels: ['phishing'],
  }),
  indicator(3, `[file:hashes.MD5 = '${MD5}' OR file:hashes.'SHA-256' = '${SHA256}']`, 'amber'),
  indicator(4, `[file:name = 'invoice.pdf.exe' AND file:hashes.MD5 = '${MD5}']`, 'red'),
  indicator(5, "[url:value IN ('http://a.example/x', 'http://b.example/y')]", 'amber+strict'),
  indicator(
    6,
    "[network-traffic:dst_ref.value = '203.0.113.9' AND network-traffic:dst_port = 4444]",
    'clear',
  ),
  indicator(
    7,
    "[email-message:from_ref.value = 'boss@corp.example' AND email-message:subject = 'Urgent wire transfer']",
    'amber',
  ),
  indicator(
    8,
    "[process:name = 'mimikatz.exe'] FOLLOWEDBY [file:name = 'lsass.dmp'] WITHIN 60 SECONDS",
    'red',
  ),
  indicator(9, `[file:name = 'a.dll' AND file:hashes.MD5 = '${MD5}' AND file:size = 4096]`, 'green'),
];
const report = {
  type: 'report',
  spec_version: '2.1',
  id: 'report--2e7c9d3b-5f6a-4b8c-9d0e-1f2a3b4c5d6e',
  created_by_ref: identity.id,
  created: T,
  modified: T,
  name: 'Early warning EW-2024-017: loader campaign',
  published: T,
  object_refs: accordIndicators.map((i) => i.id),
  object_marking_refs: [TLP2_MARKING_IDS.amber],
};

function valuesOf(objects: readonly JsonRecord[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const object of objects) {
    if (object.type !== 'indicator') continue;
    const terms = equalityTerms(parsePattern(String(object.pattern)));
    values.set(
      String(object.name),
      (terms ?? [{ objectType: 'pattern', path: '', value: String(object.pattern) }])
        .map((t) => `${t.objectType}:${t.path}=${t.value}`)
        .sort(),
    );
  }
  return values;
}

describe('STIX → MISP → STIX keeps indicator values and TLP', () => {
  const input = [identity, report, ...accordIndicators];
  const exported = stixToMisp(input, { now });
  const reimported = mispToStix(exported.event, { now });

  it('exports everything', () => {
    expect(exported.unmapped).toEqual([]);
    const types = exported.event.Event.Attribute.map((a) => a.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'ip-dst',
        'domain',
        'md5',
        'sha256',
        'url',
        'ip-dst|port',
        'stix2-pattern',
        'filename|md5',
      ]),
    );
    expect(exported.event.Event.Object.map((o) => o.name).sort()).toEqual(['email', 'file']);
    expect(exported.event.Event).toMatchObject({
      info: report.name,
      distribution: '1',
      Orgc: { name: 'CN-CERT liaison' },
    });
    expect(tagNames(exported.event.Event.Tag)).toEqual(['tlp:amber']);
  });

  it('every value comes back in an indicator with the same TLP', () => {
    const before = new Set([...valuesOf(input).values()].flat());
    const after = new Set([...valuesOf(reimported.objects).values()].flat());
    expect([...before].filter((v) => !after.has(v))).toEqual([]);
    const tlpByValue = (objects: readonly JsonRecord[]): Map<string, string | undefined> => {
      const map = new Map<string, string | undefined>();
      for (const object of byType(objects, 'indicator')) {
        for (const value of valuesOf([object]).values().next().value ?? [])
          map.set(value, tlpOf(object.object_marking_refs as string[]));
      }
      return map;
    };
    const tlpBefore = tlpByValue(input);
    const tlpAfter = tlpByValue(reimported.objects);
    for (const [value, level] of tlpBefore) expect(tlpAfter.get(value), value).toBe(level);
    expect(stixErrors(reimported.objects)).toEqual([]);
  });

  it('a complex pattern travels as a stix2-pattern attribute and comes back verbatim', () => {
    const complex = exported.event.Event.Attribute.find((a) => a.type === 'stix2-pattern');
    expect(complex?.value).toBe(accordIndicators[7]?.pattern);
    expect(byType(reimported.objects, 'indicator').map((i) => i.pattern)).toContain(
      accordIndicators[7]?.pattern,
    );
  });

  it('marks TLP on attributes only where it differs from the event', () => {
    const tagged = exported.event.Event.Attribute.filter(
      (a: MispAttributeOut) => (a.Tag ?? []).length > 0,
    ).map((a) => [a.value, tagNames(a.Tag)]);
    expect(tagged).toContainEqual(['198.51.100.7', ['tlp:green']]);
    // AMBER+STRICT travels as distribution 0 ("your organisation only"), which says the same.
    expect(exported.event.Event.Attribute.find((a) => a.value === 'http://a.example/x')).toMatchObject({
      distribution: '0',
    });
    expect(exported.event.Event.Attribute.find((a) => a.value === 'c2.example')?.Tag).toEqual([
      { name: 'phishing' },
    ]);
  });
});

// ── property: any mappable attribute survives ───────────────────────────────────────────────

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const host = fc.tuple(label, fc.constantFrom('example', 'test', 'invalid')).map(([a, b]) => `${a}.${b}`);
const ipv4 = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((p) => p.join('.'));
const port = fc.integer({ min: 1, max: 65535 }).map(String);
const attribute = fc.oneof(
  ipv4.map((value) => ({ type: 'ip-dst', value })),
  ipv4.map((value) => ({ type: 'ip-src', value })),
  host.map((value) => ({ type: 'domain', value })),
  host.map((value) => ({ type: 'hostname', value })),
  host.map((value) => ({ type: 'url', value: `https://${value}/path` })),
  hex(32).map((value) => ({ type: 'md5', value })),
  hex(40).map((value) => ({ type: 'sha1', value })),
  hex(64).map((value) => ({ type: 'sha256', value })),
  fc.tuple(label, hex(32)).map(([name, hash]) => ({ type: 'filename|md5', value: `${name}.exe|${hash}` })),
  fc.tuple(ipv4, port).map(([ip, p]) => ({ type: 'ip-dst|port', value: `${ip}|${p}` })),
  fc.tuple(host, ipv4).map(([d, ip]) => ({ type: 'domain|ip', value: `${d}|${ip}` })),
  host.map((value) => ({ type: 'email-src', value: `user@${value}` })),
  fc.string({ minLength: 1, maxLength: 30 }).map((value) => ({ type: 'email-subject', value })),
  fc.string({ minLength: 1, maxLength: 30 }).map((value) => ({ type: 'mutex', value })),
  fc.integer({ min: 1, max: 4_000_000 }).map((n) => ({ type: 'AS', value: `AS${n}` })),
  fc.string({ minLength: 1, maxLength: 20 }).map((value) => ({ type: 'ja3-fingerprint-md5', value })),
  fc
    .tuple(fc.constantFrom('HKCU', 'HKLM', 'HKEY_USERS'), label)
    .map(([hive, key]) => ({ type: 'regkey', value: `${hive}\\Software\\${key}` })),
  fc
    .array(hex(2), { minLength: 6, maxLength: 6 })
    .map((bytes) => ({ type: 'mac-address', value: bytes.join('-').toUpperCase() })),
  fc.string({ minLength: 1, maxLength: 20 }).map((value) => ({ type: 'user-agent', value })),
);

describe('property: attributes survive MISP → STIX → MISP', () => {
  it('type, value and to_ids of any mix of attributes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(attribute, fc.boolean()), { minLength: 1, maxLength: 8 }), (drawn) => {
        const attributes = drawn.map(([a, toIds], i) => ({
          ...a,
          to_ids: toIds,
          uuid: `5f3c1d2e-8a4b-4c6d-9e0f-${String(i).padStart(12, '0')}`,
          category: 'Network activity',
          timestamp: '1714557600',
        }));
        const event = {
          Event: {
            uuid: '6a3c1d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f',
            info: 'generated',
            date: '2024-05-01',
            timestamp: '1714557600',
            Orgc: { name: 'Org' },
            Attribute: attributes,
          },
        };
        const stix = mispToStix(event, { now });
        expect(stixErrors(stix.objects)).toEqual([]);
        const back = stixToMisp(stix.objects, { now }).event.Event.Attribute;
        const key = (o: object): string => {
          const a = rec(o);
          return `${String(a.uuid)} ${String(a.type)} ${String(a.value)} ${String(a.to_ids)}`;
        };
        expect(back.map(key).sort()).toEqual(attributes.map(key).sort());
      }),
      { numRuns: 100 },
    );
  });
});
