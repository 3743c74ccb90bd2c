import { dedupe } from '../correlation/observables/extract.js';
import {
  looksLikeDomain,
  normaliseEmail,
  normaliseIp,
  normaliseObservable,
  normaliseUrl,
  refang,
  urlHost,
  type Observable,
} from '../correlation/observables/observable.js';

/**
 * One pass over a line finds URLs, e-mail addresses, IPv4 and IPv6 addresses (and blocks),
 * hex hashes and domain names, in that order of preference at each position, so a URL's host
 * is not also taken for a bare domain by the scan (it is added from the URL instead).
 */
const TOKEN = new RegExp(
  [
    String.raw`(?<url>\b(?:https?|hxxps?|ftp):\/\/[^\s"'<>\`]+)`,
    String.raw`(?<email>\b[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}\b)`,
    String.raw`(?<ip4>(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![\w.]*\w))`,
    String.raw`(?<hash>\b[0-9A-Fa-f]{32,128}\b)`,
    String.raw`(?<ip6>(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\/\d{1,3})?(?![\w:]))`,
    String.raw`(?<domain>\b(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{1,62}\b)`,
  ].join('|'),
  'g',
);

/** Endings that make `name.ext` a file, not a host, in logs. */
const FILE_ENDINGS = new Set([
  'exe',
  'dll',
  'sys',
  'bat',
  'cmd',
  'ps1',
  'vbs',
  'php',
  'asp',
  'aspx',
  'jsp',
  'html',
  'htm',
  'js',
  'css',
  'json',
  'xml',
  'txt',
  'log',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'ico',
  'svg',
  'tmp',
  'dat',
  'ini',
  'cfg',
  'conf',
  'bin',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'pdf',
  'lnk',
  'java',
  'py',
  'so',
]);

const HASH_KIND = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' } as const;

/** The observables in one line of free text (a log line, a paragraph of a report), distinct. */
export function extractObservables(line: string): Observable[] {
  const text = refang(line);
  const out: Observable[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const g = m.groups ?? {};
    if (g.url !== undefined) {
      const url = normaliseUrl(g.url.replace(/[.,;:!?)\]}]+$/, ''));
      if (url) {
        out.push(url);
        const host = urlHost(url.value);
        if (host) out.push(host);
      }
    } else if (g.email !== undefined) push(out, normaliseEmail(g.email));
    else if (g.ip4 !== undefined || g.ip6 !== undefined) push(out, normaliseIp(g.ip4 ?? g.ip6 ?? ''));
    else if (g.hash !== undefined) {
      const kind = HASH_KIND[g.hash.length as keyof typeof HASH_KIND];
      if (kind) push(out, normaliseObservable(kind, g.hash));
    } else if (g.domain !== undefined) {
      const tld = g.domain.slice(g.domain.lastIndexOf('.') + 1).toLowerCase();
      if (!FILE_ENDINGS.has(tld) && looksLikeDomain(g.domain))
        push(out, normaliseObservable('domain-name', g.domain));
    }
  }
  return out.length > 1 ? dedupe(out) : out;
}

function push(out: Observable[], o: Observable | undefined): void {
  if (o) out.push(o);
}
