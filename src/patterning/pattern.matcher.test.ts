import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  matchPattern,
  observationFrom,
  parsePattern,
  type JsonObject,
  type Observation,
} from './patterning.js';

let serial = 0;

/** An observed-data with its SCOs, first seen at `minute` minutes past 10:00 on 2024-05-01. */
function observation(minute: number, scos: JsonObject[], extra: Partial<Observation> = {}): Observation {
  serial++;
  const withIds = scos.map((sco, i) => ({ id: `${String(sco.type)}--${serial}-${i}`, ...sco }));
  const at = new Date(Date.UTC(2024, 4, 1, 10, minute)).toISOString();
  return {
    id: `observed-data--${serial}`,
    first_observed: at,
    last_observed: at,
    number_observed: 1,
    object_refs: withIds.map((sco) => sco.id),
    scos: withIds,
    ...extra,
  };
}

function matches(pattern: string, observations: readonly Observation[]): boolean {
  return matchPattern(parsePattern(pattern), observations).matched;
}

const file = (props: JsonObject): JsonObject => ({ type: 'file', ...props });
const MD5 = '79054025255fb1a26e4bc422aef54eb4';

describe('comparison operators', () => {
  const sample = observation(0, [
    file({
      name: 'Invoice.EXE',
      size: 1280,
      hashes: { MD5, 'SHA-256': 'ab'.repeat(32) },
      magic_number_hex: 'ffd8ffe0',
      created: '2014-01-13T07:03:17.000Z',
      x_signed: false,
    }),
    { type: 'ipv4-addr', value: '198.51.100.7' },
    { type: 'ipv6-addr', value: '2001:db8:dead:beef::1' },
    { type: 'artifact', payload_bin: Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 0x02]).toString('base64') },
  ]);
  const cases: Array<[string, boolean]> = [
    ["[file:name = 'Invoice.EXE']", true],
    ["[file:name = 'invoice.exe']", false],
    ["[file:name != 'other.exe']", true],
    ["[file:name != 'Invoice.EXE']", false],
    ['[file:size = 1280]', true],
    ['[file:size = 1280.0]', true],
    ["[file:size = '1280']", false],
    ['[file:size > 1024]', true],
    ['[file:size < 1024]', false],
    ['[file:size >= 1280 AND file:size <= 1280]', true],
    ['[file:x_signed = false]', true],
    ['[file:x_signed = true]', false],
    ["[file:created = t'2014-01-13T07:03:17Z']", true],
    ["[file:created > t'2014-01-13T07:03:17.0001Z']", false],
    ["[file:created < t'2015-01-01T00:00:00Z']", true],
    ["[file:magic_number_hex = h'FFD8FFE0']", true],
    ["[file:magic_number_hex = h'ffd8']", false],
    ["[file:magic_number_hex > h'ffd8']", true],
    ["[artifact:payload_bin = b'1MOyoQI=']", true],
    ["[artifact:payload_bin = h'd4c3b2a102']", true],
    ["[artifact:payload_bin MATCHES '^\\\\xd4\\\\xc3']", true],
    ["[artifact:payload_bin MATCHES '^\\\\xc3']", false],
    ["[file:name IN ('a.exe', 'Invoice.EXE')]", true],
    ["[file:name IN ('a.exe', 'b.exe')]", false],
    ["[file:name NOT IN ('a.exe', 'b.exe')]", true],
    ['[file:size IN (1, 1280)]', true],
    ["[file:name LIKE 'Inv%.EXE']", true],
    ["[file:name LIKE 'Inv_ice.EXE']", true],
    ["[file:name LIKE 'Inv_.EXE']", false],
    ["[file:name LIKE 'invoice%']", false],
    ["[file:name NOT LIKE 'invoice%']", true],
    ["[file:name MATCHES '\\\\.EXE$']", true],
    ["[file:name MATCHES '(?i)^invoice']", true],
    ["[file:name MATCHES '^invoice']", false],
    ["[ipv4-addr:value ISSUBSET '198.51.100.0/24']", true],
    ["[ipv4-addr:value ISSUBSET '198.51.101.0/24']", false],
    ["[ipv4-addr:value NOT ISSUBSET '198.51.101.0/24']", true],
    ["[ipv4-addr:value ISSUPERSET '198.51.100.7']", true],
    ["[ipv4-addr:value ISSUPERSET '198.51.100.0/24']", false],
    ["[ipv6-addr:value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']", true],
    ["[ipv6-addr:value ISSUBSET '2001:db8:dead:bee0::/64']", false],
    ["[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4']", true],
    ["[file:hashes.'SHA-256' = '" + 'ab'.repeat(32) + "']", true],
    ["[file:hashes[*] = '79054025255fb1a26e4bc422aef54eb4']", true],
    ['[EXISTS file:hashes.MD5]', true],
    ["[EXISTS file:hashes.'SHA-1']", false],
    ["[file:hashes.'SHA-1' NOT = '" + 'cd'.repeat(20) + "']", false],
    ["[file:name = 'Invoice.EXE' AND NOT_A_TYPE:name = 'x']", false],
    ["[file:name = 'nope' OR ipv4-addr:value = '198.51.100.7']", true],
    ["[(file:name = 'nope' OR file:size = 1280) AND file:name LIKE '%EXE']", true],
  ];
  it.each(cases)('%s → %s', (pattern, expected) => {
    expect(matches(pattern, [sample])).toBe(expected);
  });
});

describe('object binding and references', () => {
  it('binds comparisons on one type to the same object', () => {
    const two = observation(0, [file({ name: 'a.exe', size: 1 }), file({ name: 'b.exe', size: 2 })]);
    expect(matches("[file:name = 'a.exe' AND file:size = 1]", [two])).toBe(true);
    expect(matches("[file:name = 'a.exe' AND file:size = 2]", [two])).toBe(false);
  });

  it('follows _ref and _refs within the observation', () => {
    const addr = { type: 'ipv4-addr', id: 'ipv4-addr--1', value: '203.0.113.33' };
    const domain = {
      type: 'domain-name',
      id: 'domain-name--1',
      value: 'www.5z8.info',
      resolves_to_refs: ['ipv4-addr--1'],
    };
    const traffic = {
      type: 'network-traffic',
      id: 'network-traffic--1',
      dst_ref: 'ipv4-addr--1',
      dst_port: 443,
    };
    const obs: Observation = {
      first_observed: '2024-05-01T10:00:00Z',
      last_observed: '2024-05-01T10:00:00Z',
      number_observed: 1,
      object_refs: [addr.id, domain.id, traffic.id],
      scos: [addr, domain, traffic],
    };
    expect(
      matches(
        "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33']",
        [obs],
      ),
    ).toBe(true);
    expect(matches("[network-traffic:dst_ref.value ISSUBSET '203.0.113.0/24']", [obs])).toBe(true);
    expect(matches("[domain-name:resolves_to_refs[*].value = '203.0.113.33']", [obs])).toBe(true);
    expect(matches("[domain-name:resolves_to_refs[0].value = '203.0.113.34']", [obs])).toBe(false);
    expect(matches("[network-traffic:dst_ref = 'ipv4-addr--1']", [obs])).toBe(true);
  });

  it('reads STIX 2.0-style objects dictionaries', () => {
    const legacy: Observation = {
      first_observed: '2024-05-01T10:00:00Z',
      last_observed: '2024-05-01T10:00:00Z',
      number_observed: 1,
      objects: {
        '0': { type: 'email-message', from_ref: '1', subject: 'Conference Info' },
        '1': { type: 'email-addr', value: 'jdoe@example.com' },
      },
    };
    expect(
      matches(
        "[email-message:from_ref.value MATCHES '@example\\\\.com$' AND email-message:subject = 'Conference Info']",
        [legacy],
      ),
    ).toBe(true);
  });

  it('builds observations from a bundle', () => {
    const sco = { type: 'url', id: 'url--1', value: 'http://evil.example/x' };
    const od = {
      type: 'observed-data',
      id: 'observed-data--1',
      first_observed: '2024-05-01T10:00:00Z',
      last_observed: '2024-05-01T10:00:00Z',
      number_observed: 1,
      object_refs: ['url--1'],
    };
    const other = { type: 'url', id: 'url--2', value: 'http://other.example/' };
    const obs = observationFrom(od, [sco, other, od]);
    expect(matches("[url:value = 'http://evil.example/x']", [obs])).toBe(true);
    expect(matches("[url:value = 'http://other.example/']", [obs])).toBe(false);
  });
});

describe('observation operators and qualifiers', () => {
  const a1 = observation(0, [file({ name: 'a' })]);
  const b5 = observation(5, [file({ name: 'b' })]);
  const a10 = observation(10, [file({ name: 'a' })]);
  const c60 = observation(60, [{ type: 'process', name: 'c' }]);

  it('AND needs both, in distinct observations', () => {
    expect(matches("[file:name = 'a'] AND [file:name = 'b']", [a1, b5])).toBe(true);
    expect(matches("[file:name = 'a'] AND [file:name = 'z']", [a1, b5])).toBe(false);
    expect(matches("[file:name = 'a'] AND [file:name = 'a']", [a1])).toBe(false);
    expect(matches("[file:name = 'a'] AND [file:name = 'a']", [a1, a10])).toBe(true);
  });

  it('OR needs either', () => {
    expect(matches("[file:name = 'z'] OR [process:name = 'c']", [c60])).toBe(true);
    expect(matches("[file:name = 'z'] OR [process:name = 'q']", [c60])).toBe(false);
  });

  it('FOLLOWEDBY respects time order', () => {
    expect(matches("[file:name = 'a'] FOLLOWEDBY [file:name = 'b']", [b5, a1])).toBe(true);
    expect(matches("[file:name = 'b'] FOLLOWEDBY [file:name = 'a']", [a1, b5, a10])).toBe(true);
    expect(matches("[file:name = 'b'] FOLLOWEDBY [file:name = 'a']", [a1, b5])).toBe(false);
    expect(
      matches("[file:name = 'a'] FOLLOWEDBY [file:name = 'b'] FOLLOWEDBY [process:name = 'c']", [
        c60,
        b5,
        a1,
      ]),
    ).toBe(true);
  });

  it('WITHIN limits the time span of the whole match', () => {
    expect(matches("([file:name = 'a'] AND [file:name = 'b']) WITHIN 300 SECONDS", [a1, b5])).toBe(true);
    expect(matches("([file:name = 'a'] AND [file:name = 'b']) WITHIN 299 SECONDS", [a1, b5])).toBe(false);
    const a6 = observation(6, [file({ name: 'a' })]);
    expect(matches("([file:name = 'a'] AND [file:name = 'b']) WITHIN 299 SECONDS", [a1, b5, a6])).toBe(true);
    expect(matches("([file:name = 'a'] FOLLOWEDBY [process:name = 'c']) WITHIN 600 SECONDS", [a1, c60])).toBe(
      false,
    );
  });

  it('START/STOP keeps observations inside the window', () => {
    const window = "START t'2024-05-01T10:04:00Z' STOP t'2024-05-01T10:06:00Z'";
    expect(matches(`[file:name = 'b'] ${window}`, [b5])).toBe(true);
    expect(matches(`[file:name = 'a'] ${window}`, [a1, a10])).toBe(false);
    expect(
      matches(`[file:name = 'b'] START t'2024-05-01T10:05:00Z' STOP t'2024-05-01T10:06:00Z'`, [b5]),
    ).toBe(true);
    expect(
      matches(`[file:name = 'b'] START t'2024-05-01T10:04:00Z' STOP t'2024-05-01T10:05:00Z'`, [b5]),
    ).toBe(false);
  });

  it('REPEATS counts distinct observations and number_observed', () => {
    expect(matches("[file:name = 'a'] REPEATS 2 TIMES", [a1, a10])).toBe(true);
    expect(matches("[file:name = 'a'] REPEATS 3 TIMES", [a1, a10])).toBe(false);
    const many = observation(20, [file({ name: 'a' })], { number_observed: 3 });
    expect(matches("[file:name = 'a'] REPEATS 3 TIMES", [many])).toBe(true);
    expect(matches("[file:name = 'a'] REPEATS 5 TIMES", [a1, many, a10])).toBe(true);
    expect(matches("[file:name = 'a'] REPEATS 2 TIMES WITHIN 60 SECONDS", [a1, a10])).toBe(false);
    expect(matches("[file:name = 'a'] REPEATS 2 TIMES WITHIN 600 SECONDS", [a1, a10])).toBe(true);
  });

  it('reports which observations matched', () => {
    const result = matchPattern(parsePattern("[file:name = 'b'] FOLLOWEDBY [process:name = 'c']"), [
      a1,
      c60,
      b5,
    ]);
    expect(result).toMatchObject({ matched: true, indexes: [1, 2], truncated: false });
    expect(result.observations).toEqual([c60, b5]);
    expect(matchPattern(parsePattern("[file:name = 'q']"), [a1])).toMatchObject({
      matched: false,
      observations: [],
    });
  });

  it('a compiled pattern gives the same answers and stops at its budget', () => {
    const crowd = Array.from({ length: 60 }, (_, i) => observation(i, [file({ name: 'a' })]));
    // Time pruning keeps this cheap: no pair of observations is within one second.
    const pruned = matchPattern(
      compilePattern("[file:name = 'a'] REPEATS 40 TIMES WITHIN 1 SECONDS"),
      crowd,
      { budget: 10_000 },
    );
    expect(pruned).toMatchObject({ matched: false, truncated: false });
    // Too few observations is seen at once; an impossible pairing exhausts the budget and says so.
    expect(matchPattern(compilePattern("[file:name = 'a'] REPEATS 61 TIMES"), crowd)).toMatchObject({
      truncated: false,
    });
    const pairs = "([file:name = 'a'] AND [file:name = 'a']) REPEATS 31 TIMES";
    expect(matchPattern(compilePattern(pairs), crowd, { budget: 10_000 })).toMatchObject({
      matched: false,
      truncated: true,
    });
    expect(matchPattern(compilePattern("[file:name = 'a'] REPEATS 40 TIMES"), crowd).matched).toBe(true);
  });
});
