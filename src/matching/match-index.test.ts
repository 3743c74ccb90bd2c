import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseObservable, normaliseUrl, type Observable } from '../correlation/observables/observable.js';
import { planPattern } from './indicator-plan.js';
import { MatchIndex } from './match-index.js';
import { Key64Map } from './key64-map.js';
import { extractObservables } from './log-extract.js';

const hits = (index: MatchIndex, observables: Observable[]) => {
  const slots: number[] = [];
  index.matchObservation(observables, (slot) => slots.push(slot));
  return slots.map((s) => index.seqOf(s)).sort((a, b) => a - b);
};
const o = (kind: Observable['kind'], value: string) => normaliseObservable(kind, value) as Observable;

describe('indicator plans', () => {
  it('serves equality, IN, AND, OR and address blocks from the index, and the rest from the matcher', () => {
    expect(planPattern("[ipv4-addr:value = '198.51.100.1']")).toEqual({
      kind: 'fast',
      alternatives: [[{ kind: 'ipv4-addr', value: '198.51.100.1' }]],
    });
    expect(planPattern("[file:name = 'invoice.exe']").kind).toBe('slow'); // file names are not indexed: the matcher decides
    const plan = planPattern(
      "[domain-name:value IN ('a.cn', 'b.cn') AND url:value = 'http://c.cn/'] OR [ipv4-addr:value ISSUBSET '10.0.0.0/8']",
    );
    expect(plan.kind === 'fast' && plan.alternatives.map((a) => a.map((x) => x.value))).toEqual([
      ['a.cn', 'http://c.cn/'],
      ['b.cn', 'http://c.cn/'],
      ['10.0.0.0/8'],
    ]);
    expect(planPattern("[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '5.6.7.8']").kind).toBe(
      'slow',
    );
    expect(planPattern("[domain-name:value MATCHES '^evil']").kind).toBe('slow');
    expect(planPattern('[unclosed').kind).toBe('none');
  });
});

describe('the matching index', () => {
  it('finds addresses, blocks, hashes and strings; needs every term of a conjunction; forgets removed versions', () => {
    const index = new MatchIndex(4);
    const add = (seq: number, pattern: string) => index.add(seq, planPattern(pattern));
    add(1, "[ipv4-addr:value = '198.51.100.1']");
    add(2, "[ipv4-addr:value = '198.51.100.1']");
    add(3, "[ipv4-addr:value ISSUBSET '198.51.100.0/24']");
    add(4, "[ipv6-addr:value ISSUBSET '2001:db8::/32']");
    add(5, "[file:hashes.MD5 = '0cc175b9c0f1b6a831c399e269772661']");
    add(6, "[domain-name:value = 'a.cn' AND ipv4-addr:value = '203.0.113.1']");
    add(7, "[email-addr:value = 'x@y.cn']");
    expect(hits(index, [o('ipv4-addr', '198.51.100.1')])).toEqual([1, 2, 3]);
    expect(hits(index, [o('ipv4-addr', '198.51.100.77')])).toEqual([3]);
    expect(hits(index, [o('ipv4-addr', '198.51.100.0/25')])).toEqual([3]);
    expect(hits(index, [o('ipv6-addr', '2001:db8:5::1')])).toEqual([4]);
    expect(hits(index, [o('md5', '0CC175B9C0F1B6A831C399E269772661')])).toEqual([5]);
    expect(hits(index, [o('md5', '1cc175b9c0f1b6a831c399e269772661')])).toEqual([]);
    // Hashes are keyed by their first 64 bits; the service verifies a hit against the pattern.
    expect(hits(index, [o('md5', '0cc175b9c0f1b6a8ffffffffffffffff')])).toEqual([5]);
    expect(hits(index, [o('domain-name', 'a.cn')])).toEqual([]);
    expect(hits(index, [o('domain-name', 'a.cn'), o('ipv4-addr', '203.0.113.1')])).toEqual([6, 6]); // reported with both terms
    expect(hits(index, [o('email-addr', 'X@Y.CN')])).toEqual([7]);
    expect(hits(index, [o('domain-name', 'y.cn')])).toEqual([]);
    expect(index.remove(2)).toBe(true);
    expect(index.remove(2)).toBe(false);
    expect(hits(index, [o('ipv4-addr', '198.51.100.1')])).toEqual([1, 3]);
    // A version arriving late (lower seq than the newest) is still found and removable.
    add(10, "[mutex:name = 'm1']");
    add(8, "[mutex:name = 'm2']");
    expect(index.has(8) && index.has(10) && index.has(5)).toBe(true);
    expect(index.remove(8)).toBe(true);
    expect(hits(index, [o('mutex', 'm2')])).toEqual([]);
    expect(index.live).toBe(7);
  });

  it('keeps every key of a growing 64-bit map', () => {
    const map = new Key64Map(2);
    for (let i = 0; i < 50_000; i++) map.set(i % 7, i * 2654435761, i);
    let ok = 0;
    for (let i = 0; i < 50_000; i++) if (map.get(i % 7, (i * 2654435761) >>> 0) === i) ok++;
    expect(ok).toBe(50_000);
    expect(map.get(9, 9)).toBeUndefined();
  });
});

describe('URL normalisation', () => {
  it('gives the WHATWG parser’s answer on the fast path too', () => {
    const label = fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
      fc.stringMatching(/^xn--[a-z0-9]{1,6}$/),
    );
    const segment = fc.stringMatching(/^[A-Za-z0-9._~!$&()*+,;=:@-]{0,8}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https'),
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.array(segment, { maxLength: 4 }),
        fc.option(segment),
        (scheme, labels, path, query) => {
          const text = `${scheme}://${labels.join('.')}${path.length ? `/${path.join('/')}` : ''}${query !== null ? `?${query}` : ''}`;
          let expected: string | undefined;
          try {
            const url = new URL(text);
            url.hash = '';
            expected = url.href;
          } catch {
            expected = undefined;
          }
          expect(normaliseUrl(text)?.value).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('log extraction', () => {
  it('finds each kind once and leaves file names alone', () => {
    const found = extractObservables(
      'GET hxxps://evil[.]apt-sample.cn/a.php?x=1 from 2001:db8::7 md5=0cc175b9c0f1b6a831c399e269772661 mail=a@b-sample.cn file report.docx host c2.apt-sample.cn at 10:15:00',
    );
    expect(found.map((x) => `${x.kind}=${x.value}`)).toEqual([
      'url=https://evil.apt-sample.cn/a.php?x=1',
      'domain-name=evil.apt-sample.cn',
      'ipv6-addr=2001:db8::7',
      'md5=0cc175b9c0f1b6a831c399e269772661',
      'email-addr=a@b-sample.cn',
      'domain-name=c2.apt-sample.cn',
    ]);
  });
});
