import { describe, expect, it } from 'vitest';
import { detectObservable, normaliseObservable, refang, urlHost } from './observable.js';
import { objectObservables, patternObservables } from './extract.js';
import { blockKeyRange, enclosingBlocks, valueKey } from './value-key.js';
import { formatIpv6, parseIpv4, parseIpv6 } from './ip.js';

describe('observable normalisation', () => {
  it('normalises addresses and blocks, IPv4-mapped IPv6 included', () => {
    expect(normaliseObservable('ipv4-addr', ' 198.51.100.7 ')).toEqual({
      kind: 'ipv4-addr',
      value: '198.51.100.7',
    });
    expect(normaliseObservable('ipv4-addr', '10.1.2.3/8')?.value).toBe('10.0.0.0/8');
    expect(normaliseObservable('ipv4-addr', '10.1.2.3/32')?.value).toBe('10.1.2.3');
    expect(normaliseObservable('ipv6-addr', '2001:DB8:0:0:0:0:0:1')?.value).toBe('2001:db8::1');
    expect(normaliseObservable('ipv6-addr', '::ffff:203.0.113.9')).toEqual({
      kind: 'ipv4-addr',
      value: '203.0.113.9',
    });
    expect(normaliseObservable('ipv4-addr', '256.1.1.1')).toBeUndefined();
    expect(normaliseObservable('ipv4-addr', '1.2.3')).toBeUndefined();
    expect(parseIpv4('1.2.3.4.5')).toBe(-1);
    expect(formatIpv6(parseIpv6('2001:db8:0:1:0:0:0:1') ?? [])).toBe('2001:db8:0:1::1');
  });

  it('lower-cases domains, strips the root dot and converts Chinese and Cyrillic names to punycode', () => {
    expect(normaliseObservable('domain-name', 'Evil.Example.CN.')?.value).toBe('evil.example.cn');
    expect(normaliseObservable('domain-name', '例子.中国')?.value).toBe('xn--fsqu00a.xn--fiqs8s');
    expect(normaliseObservable('domain-name', 'пример.рф')?.value).toBe('xn--e1afmkfd.xn--p1ai');
    expect(normaliseObservable('domain-name', 'bad domain.com')).toBeUndefined();
  });

  it('normalises URLs, e-mail addresses, hashes, registry keys, MACs and AS numbers', () => {
    expect(normaliseObservable('url', 'HTTP://Evil.Example.com:80/a/../b?x=1#frag')?.value).toBe(
      'http://evil.example.com/b?x=1',
    );
    expect(normaliseObservable('url', 'evil.example.com/payload')?.value).toBe(
      'http://evil.example.com/payload',
    );
    expect(normaliseObservable('email-addr', 'Ivan <Ivan.Petrov@Пример.РФ>')?.value).toBe(
      'ivan.petrov@xn--e1afmkfd.xn--p1ai',
    );
    expect(
      normaliseObservable('sha256', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855')
        ?.value,
    ).toMatch(/^e3b0/);
    expect(normaliseObservable('md5', 'abc')).toBeUndefined();
    expect(normaliseObservable('windows-registry-key', 'HKLM\\Software\\\\Run\\')?.value).toBe(
      'hkey_local_machine\\software\\run',
    );
    expect(normaliseObservable('mac-addr', '00-1A-2B-3C-4D-5E')?.value).toBe('00:1a:2b:3c:4d:5e');
    expect(normaliseObservable('autonomous-system', 'AS4134')?.value).toBe('4134');
    expect(normaliseObservable('mutex', '  Global\\MsWinZonesCacheCounterMutexA ')?.value).toBe(
      'Global\\MsWinZonesCacheCounterMutexA',
    );
  });

  it('detects the kind of bare and defanged values', () => {
    expect(detectObservable('hxxp://evil[.]example[.]com/x')).toEqual({
      kind: 'url',
      value: 'http://evil.example.com/x',
    });
    expect(detectObservable('203.0.113[.]5')).toEqual({ kind: 'ipv4-addr', value: '203.0.113.5' });
    expect(detectObservable('admin[@]mail.example.ru')).toEqual({
      kind: 'email-addr',
      value: 'admin@mail.example.ru',
    });
    expect(detectObservable('d41d8cd98f00b204e9800998ecf8427e')?.kind).toBe('md5');
    expect(detectObservable('da39a3ee5e6b4b0d3255bfef95601890afd80709')?.kind).toBe('sha1');
    expect(detectObservable('fe80::1')?.kind).toBe('ipv6-addr');
    expect(detectObservable('c2.example.org')?.kind).toBe('domain-name');
    expect(detectObservable('AS9009')).toEqual({ kind: 'autonomous-system', value: '9009' });
    expect(detectObservable('just words')).toBeUndefined();
    expect(detectObservable('report.pdf2')).toBeUndefined();
    expect(refang('a(dot)b')).toBe('a.b');
    expect(urlHost('http://[2001:db8::1]:8080/x')).toEqual({ kind: 'ipv6-addr', value: '2001:db8::1' });
  });
});

describe('extraction from STIX', () => {
  it('takes positive equality and IN terms, CIDR blocks of ISSUBSET, and skips NOT', () => {
    const found = patternObservables(
      "[ipv4-addr:value = '198.51.100.1' OR domain-name:value IN ('A.example.com', 'b.example.com')] AND [file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'] AND [ipv4-addr:value ISSUBSET '10.0.0.0/8'] AND [url:value NOT = 'http://x.example/'] AND [network-traffic:dst_ref.value = '203.0.113.5']",
    );
    expect(found.map((o) => `${o.kind}=${o.value}`)).toEqual([
      'ipv4-addr=198.51.100.1',
      'domain-name=a.example.com',
      'domain-name=b.example.com',
      'sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'ipv4-addr=10.0.0.0/8',
      'ipv4-addr=203.0.113.5',
    ]);
    expect(patternObservables('[broken')).toEqual([]);
  });

  it('reads SCOs, observed-data (embedded and referenced), containers and embedded patterns', () => {
    const ip = { type: 'ipv4-addr', id: 'ipv4-addr--1', value: '203.0.113.5' };
    const file = {
      type: 'file',
      id: 'file--1',
      hashes: { MD5: 'D41D8CD98F00B204E9800998ECF8427E', 'SHA-256': 'nonsense' },
    };
    const resolve = (id: string) => ({ 'ipv4-addr--1': ip, 'file--1': file })[id];
    expect(objectObservables(ip)).toEqual([{ kind: 'ipv4-addr', value: '203.0.113.5' }]);
    expect(objectObservables(file)).toEqual([{ kind: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }]);
    expect(
      objectObservables(
        { type: 'observed-data', object_refs: ['ipv4-addr--1', 'file--1', 'missing--1'] },
        resolve,
      ),
    ).toHaveLength(2);
    expect(
      objectObservables({
        type: 'observed-data',
        objects: { 0: { type: 'domain-name', value: 'Evil.example' } },
      }),
    ).toEqual([{ kind: 'domain-name', value: 'evil.example' }]);
    expect(objectObservables({ type: 'report', object_refs: ['ipv4-addr--1'] }, resolve)).toHaveLength(1);
    expect(
      objectObservables({
        type: 'x-accord-warning',
        extensions: {
          'extension-definition--1': {
            indicators: [{ pattern: "[url:value = 'http://a.example/x']", pattern_type: 'stix' }],
            observables: [ip],
          },
        },
      }),
    ).toEqual([
      { kind: 'url', value: 'http://a.example/x' },
      { kind: 'ipv4-addr', value: '203.0.113.5' },
    ]);
  });
});

describe('value keys', () => {
  it('keeps IPv4 addresses as integers and hashes everything else above 2^32', () => {
    expect(valueKey({ kind: 'ipv4-addr', value: '0.0.0.1' })).toBe(1);
    const key = valueKey({ kind: 'domain-name', value: 'example.com' });
    expect(key).toBeGreaterThanOrEqual(2 ** 32);
    expect(Number.isSafeInteger(key)).toBe(true);
    expect(key).not.toBe(valueKey({ kind: 'url', value: 'example.com' }));
    expect(blockKeyRange({ kind: 'ipv4-addr', value: '10.0.0.0/8' })).toEqual([167772160, 184549375]);
    expect(enclosingBlocks({ kind: 'ipv4-addr', value: '10.1.2.3' }).map((b) => b.key)).toContain(
      valueKey({ kind: 'ipv4-addr', value: '10.0.0.0/8' }),
    );
    expect(enclosingBlocks({ kind: 'ipv6-addr', value: '2001:db8::1' }).map((b) => b.key)).toContain(
      valueKey({ kind: 'ipv6-addr', value: '2001:db8::/32' }),
    );
  });
});
