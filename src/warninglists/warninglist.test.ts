import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectObservable, type Observable } from '../correlation/observables/observable.js';
import { loadWarninglistFiles, Warninglists } from './warninglist.js';

const lists = Warninglists.builtIn();
const listsOf = (text: string) => {
  const o = detectObservable(text) as Observable;
  return lists.check(o).map((h) => `${h.list}${h.via ? `(${h.via})` : ''}`);
};

describe("Accord's warninglists", () => {
  it('flag documentation ranges, private space, loopback and link-local', () => {
    expect(listsOf('192.0.2.44')).toEqual(['documentation']);
    expect(listsOf('198.51.100.0/25')).toEqual(['documentation']);
    expect(listsOf('2001:db8:1::5')).toEqual(['documentation']);
    expect(listsOf('10.20.30.40')).toEqual(['private-and-special']);
    expect(listsOf('172.31.255.1')).toEqual(['private-and-special']);
    expect(listsOf('127.0.0.1')).toEqual(['private-and-special']);
    expect(listsOf('169.254.1.1')).toEqual(['private-and-special']);
    expect(listsOf('fe80::1')).toEqual(['private-and-special']);
    expect(listsOf('172.32.0.1')).toEqual([]);
  });

  it('flag the public resolvers of China, Russia and elsewhere', () => {
    for (const ip of [
      '8.8.8.8',
      '1.1.1.1',
      '9.9.9.9',
      '77.88.8.8',
      '114.114.114.114',
      '223.5.5.5',
      '2001:4860:4860::8888',
    ])
      expect(listsOf(ip), ip).toEqual(['public-resolvers']);
    expect(listsOf('8.8.8.9')).toEqual([]);
  });

  it('flag example and popular domains, URL hosts and e-mail domains, but not subdomains of popular ones', () => {
    expect(listsOf('example.com')).toEqual(['documentation']);
    expect(listsOf('www.example.org')).toEqual(['documentation']);
    expect(listsOf('host.test')).toEqual(['documentation']);
    expect(listsOf('baidu.com')).toEqual(['popular-domains']);
    expect(listsOf('YANDEX.RU')).toEqual(['popular-domains']);
    expect(listsOf('qq.com')).toEqual(['popular-domains']);
    expect(listsOf('evil.blogspot-google.com')).toEqual([]);
    expect(listsOf('attacker.google.com')).toEqual([]);
    expect(listsOf('http://www.example.com/login')).toEqual(['documentation(url-host)']);
    expect(listsOf('http://192.168.1.1/admin')).toEqual(['private-and-special(url-host)']);
    expect(listsOf('someone@example.net')).toEqual(['documentation(email-domain)']);
  });

  it('flag the empty-file hashes', () => {
    expect(listsOf('D41D8CD98F00B204E9800998ECF8427E')).toEqual(['known-benign-hashes']);
    expect(listsOf('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toEqual([
      'known-benign-hashes',
    ]);
  });

  it('give titles in the three languages and count entries', () => {
    const summary = lists.summaries().find((s) => s.id === 'public-resolvers');
    expect(summary?.title.zh).toMatch(/DNS/);
    expect(summary?.entries).toBeGreaterThan(30);
  });

  it('refuse a list file with a bad entry or rule, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      'id: bad\ntitle: {en: a, zh: b, ru: c}\ngroups:\n  - match: cidr\n    values: [not-an-ip]\n',
    );
    expect(() => new Warninglists(loadWarninglistFiles(dir))).toThrow(/not-an-ip/);
    writeFileSync(
      join(dir, 'a.yaml'),
      'id: bad\ntitle: {en: a, zh: b, ru: c}\ngroups:\n  - match: regex\n    values: [x]\n',
    );
    expect(() => loadWarninglistFiles(dir)).toThrow(/a\.yaml.*match must be/);
  });
});
