import { describe, expect, it } from 'vitest';
import { equalityConjunctions, equalityTerms, parsePattern } from './patterning.js';

const MD5 = '79054025255fb1a26e4bc422aef54eb4';

describe('equalityTerms', () => {
  it('lists the values of a plain IOC', () => {
    expect(equalityTerms(parsePattern("[ipv4-addr:value = '198.51.100.1']"))).toEqual([
      { objectType: 'ipv4-addr', path: 'value', value: '198.51.100.1' },
    ]);
  });

  it('walks AND/OR inside and between observation expressions, IN sets and quoted keys', () => {
    const pattern = parsePattern(
      `[file:hashes.'SHA-256' = '${'ab'.repeat(32)}' OR file:hashes.MD5 = '${MD5}'] OR ([domain-name:value IN ('a.example', 'b.example')] AND [network-traffic:dst_port = 443])`,
    );
    expect(equalityTerms(pattern)).toEqual([
      { objectType: 'file', path: "hashes.'SHA-256'", value: 'ab'.repeat(32) },
      { objectType: 'file', path: 'hashes.MD5', value: MD5 },
      { objectType: 'domain-name', path: 'value', value: 'a.example' },
      { objectType: 'network-traffic', path: 'dst_port', value: '443' },
      { objectType: 'domain-name', path: 'value', value: 'b.example' },
    ]);
  });

  it.each([
    "[file:name != 'x']",
    "[file:name NOT = 'x']",
    "[file:name LIKE 'x%']",
    '[file:size > 3]',
    "[file:name = 'a'] FOLLOWEDBY [file:name = 'b']",
    "[file:name = 'a'] WITHIN 5 SECONDS",
    "[file:created = t'2020-01-01T00:00:00Z']",
    '[EXISTS file:name]',
  ])('gives up on %s', (text) => {
    expect(equalityTerms(parsePattern(text))).toBeUndefined();
  });
});

describe('equalityConjunctions', () => {
  it('keeps which terms belong together', () => {
    const pattern = parsePattern(
      `[file:name = 'a.exe' AND file:hashes.MD5 = '${MD5}'] OR [url:value = 'http://x.example/']`,
    );
    expect(equalityConjunctions(pattern)).toEqual([
      [
        { objectType: 'file', path: 'name', value: 'a.exe' },
        { objectType: 'file', path: 'hashes.MD5', value: MD5 },
      ],
      [{ objectType: 'url', path: 'value', value: 'http://x.example/' }],
    ]);
  });

  it('refuses to blow up', () => {
    const wide = Array.from(
      { length: 4 },
      (_, i) => `[a:b IN (${Array.from({ length: 10 }, (_, j) => `${i * 10 + j}`).join(', ')})]`,
    );
    expect(equalityConjunctions(parsePattern(wide.join(' AND ')))).toBeUndefined();
  });
});
