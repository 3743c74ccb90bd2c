import { domainToASCII } from 'node:url';
import { formatIp, parseIp, parseIpv4 } from './ip.js';

/**
 * The kinds of value Accord correlates and matches. Content hashes are one kind per algorithm
 * whatever object carries them (a file's SHA-256 and an artifact's are the same bytes).
 */
export const observableKinds = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'mac-addr',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'ssdeep',
  'mutex',
  'windows-registry-key',
  'autonomous-system',
] as const;

export type ObservableKind = (typeof observableKinds)[number];

/** One normalised value: equal observables are equal strings. */
export interface Observable {
  readonly kind: ObservableKind;
  readonly value: string;
}

export function isObservableKind(value: unknown): value is ObservableKind {
  return typeof value === 'string' && (observableKinds as readonly string[]).includes(value);
}

export const HASH_LENGTHS: Readonly<Record<'md5' | 'sha1' | 'sha256' | 'sha512', number>> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha512: 128,
};

const HASH_NAMES: Readonly<Record<string, ObservableKind>> = {
  md5: 'md5',
  'sha-1': 'sha1',
  sha1: 'sha1',
  'sha-256': 'sha256',
  sha256: 'sha256',
  'sha-512': 'sha512',
  sha512: 'sha512',
  ssdeep: 'ssdeep',
};

/** The kind for a STIX hash algorithm name (`SHA-256`, `MD5`, `SSDEEP`, …). */
export function hashKind(algorithm: string): ObservableKind | undefined {
  return HASH_NAMES[algorithm.toLowerCase()];
}

/** A normalised observable, or undefined when `text` is not a valid value of that kind. */
export function normaliseObservable(kind: ObservableKind, text: string): Observable | undefined {
  const raw = text.trim();
  if (raw === '' || raw.length > 8192) return undefined;
  switch (kind) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return normaliseIp(raw);
    case 'domain-name': {
      const value = normaliseDomain(raw);
      return value === undefined ? undefined : { kind, value };
    }
    case 'url':
      return normaliseUrl(raw);
    case 'email-addr':
      return normaliseEmail(raw);
    case 'mac-addr':
      return normaliseMac(raw);
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      if (raw.length !== HASH_LENGTHS[kind]) return undefined;
      const hex = hexCase(raw);
      return hex < 0 ? undefined : { kind, value: hex === 1 ? raw.toLowerCase() : raw };
    }
    case 'ssdeep':
      return /^\d+:[A-Za-z0-9/+]+:[A-Za-z0-9/+]+/.test(raw) ? { kind, value: raw } : undefined;
    case 'mutex':
      return { kind, value: raw };
    case 'windows-registry-key':
      return normaliseRegistryKey(raw);
    case 'autonomous-system': {
      const m = /^(?:AS)?\s*(\d{1,10})$/i.exec(raw);
      const n = m ? Number(m[1]) : NaN;
      return Number.isInteger(n) && n >= 0 && n <= 4294967295 ? { kind, value: String(n) } : undefined;
    }
  }
}

/** -1 when `text` is not hexadecimal, 1 when it is with upper-case digits, 0 when all lower case (one pass). */
function hexCase(text: string): number {
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) continue;
    if (c >= 65 && c <= 70) upper = 1;
    else return -1;
  }
  return text.length > 0 ? upper : -1;
}

export function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return text.length > 0;
}

/** An address or CIDR block; kind follows the family, whatever kind the caller expected. */
export function normaliseIp(text: string): Observable | undefined {
  // Already canonical dotted quads (the usual case) come back as they are, without reprinting.
  if (parseIpv4(text) >= 0 && !/(^|\.)0\d/.test(text)) return { kind: 'ipv4-addr', value: text };
  const ip = parseIp(text);
  if (!ip) return undefined;
  return { kind: ip.family === 4 ? 'ipv4-addr' : 'ipv6-addr', value: formatIp(ip) };
}

/** Lower-case ASCII (IDNA/punycode) domain without a trailing dot, or undefined. */
export function normaliseDomain(text: string): string | undefined {
  const value = text.endsWith('.') ? text.slice(0, -1) : text;
  // One pass decides the usual case (ASCII, already lower case); anything else takes the long way.
  const verdict = hostNameCase(value);
  if (verdict === 0) return value;
  if (verdict === 1) return value.toLowerCase();
  if (isAscii(value)) return undefined;
  const ascii = domainToASCII(value.toLowerCase());
  return ascii !== '' && isHostName(ascii) ? ascii : undefined;
}

/** 0: a valid lower-case host name; 1: valid once lower-cased; -1: neither (invalid or not ASCII). */
function hostNameCase(value: string): number {
  const n = value.length;
  if (n === 0 || n > 253) return -1;
  let upper = 0;
  let labelStart = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 46;
    if (c === 46) {
      const length = i - labelStart;
      if (
        length === 0 ||
        length > 63 ||
        value.charCodeAt(labelStart) === 45 ||
        value.charCodeAt(i - 1) === 45
      )
        return -1;
      labelStart = i + 1;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95) continue;
    else if (c >= 65 && c <= 90) upper = 1;
    else return -1;
  }
  return upper;
}

/** Lower-case labels of letters, digits, `_` and inner `-`, each 1–63 long, 253 in all (one pass, no allocation). */
function isHostName(value: string): boolean {
  const n = value.length;
  if (n === 0 || n > 253) return false;
  let labelStart = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 46;
    if (c === 46) {
      const length = i - labelStart;
      if (
        length === 0 ||
        length > 63 ||
        value.charCodeAt(labelStart) === 45 ||
        value.charCodeAt(i - 1) === 45
      )
        return false;
      labelStart = i + 1;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95)) return false;
  }
  return true;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/**
 * URLs the WHATWG parser would return unchanged (lower-case http(s) scheme and host whose last
 * label starts with a letter, no port, userinfo, fragment, percent sign, backslash or quote);
 * they skip the parser, which costs a microsecond. The tests compare both paths.
 */
const SIMPLE_URL = /^https?:\/\/(?:[a-z0-9_-]+\.)*[a-z][a-z0-9-]*(?:\/[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)|\/\.\.?$/;

/**
 * WHATWG serialisation (lower-case scheme and host, IDNA host, default port dropped, dot segments
 * resolved) without the fragment, which never reaches a server; a missing scheme reads as http.
 */
export function normaliseUrl(text: string): Observable | undefined {
  if (SIMPLE_URL.test(text) && !DOT_SEGMENT.test(text) && !text.includes('xn--'))
    return { kind: 'url', value: text.includes('/', text.indexOf('//') + 2) ? text : `${text}/` };
  if (/\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(SCHEME.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
  if (url.host === '' && (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ftp:'))
    return undefined;
  url.hash = '';
  return { kind: 'url', value: url.href };
}

/** The host of a normalised URL as a domain or IP observable. */
export function urlHost(url: string): Observable | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  if (host === '') return undefined;
  if (host.startsWith('[') && host.endsWith(']')) return normaliseIp(host.slice(1, -1));
  const ip = normaliseIp(host);
  if (ip) return ip;
  const domain = normaliseDomain(host);
  return domain === undefined ? undefined : { kind: 'domain-name', value: domain };
}

/** -1 when the local part (before `at`) holds a space or one of <>(),;:"[], 1 when it has capitals, else 0. */
function localPartCase(value: string, at: number): number {
  let upper = 0;
  for (let i = 0; i < at; i++) {
    const c = value.charCodeAt(i);
    if (
      c <= 32 ||
      c === 60 ||
      c === 62 ||
      c === 40 ||
      c === 41 ||
      c === 44 ||
      c === 59 ||
      c === 58 ||
      c === 34 ||
      c === 91 ||
      c === 93
    )
      return -1;
    if (c >= 65 && c <= 90) upper = 1;
    else if (c > 127 && value.charAt(i) !== value.charAt(i).toLowerCase()) upper = 1;
  }
  return upper;
}

/** `Name <user@host>` or `mailto:user@host` → `user@host` in lower case with an IDNA domain. */
export function normaliseEmail(text: string): Observable | undefined {
  let value = text;
  if (value.includes('<')) {
    const angle = /<([^<>]+)>\s*$/.exec(value);
    if (angle?.[1]) value = angle[1].trim();
  }
  if (value.charCodeAt(0) === 109 || value.charCodeAt(0) === 77)
    if (/^mailto:/i.test(value)) value = value.slice(7).trim();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return undefined;
  const local = localPartCase(value, at);
  if (local < 0) return undefined;
  const domainText = value.slice(at + 1);
  const domain = normaliseDomain(domainText);
  if (domain === undefined || !domain.includes('.')) return undefined;
  return {
    kind: 'email-addr',
    value: domain === domainText && local === 0 ? value : `${value.slice(0, at).toLowerCase()}@${domain}`,
  };
}

function normaliseMac(text: string): Observable | undefined {
  const hex = text.replace(/[:.-]/g, '').toLowerCase();
  if (hex.length !== 12 || !isHex(hex) || !/^[0-9a-f]{1,4}([:.-][0-9a-f]{1,4})*$/i.test(text))
    return undefined;
  return { kind: 'mac-addr', value: hex.match(/../g)?.join(':') ?? hex };
}

const HIVES: Readonly<Record<string, string>> = {
  hklm: 'hkey_local_machine',
  hkcu: 'hkey_current_user',
  hkcr: 'hkey_classes_root',
  hku: 'hkey_users',
  hkcc: 'hkey_current_config',
};

/** Registry keys are case-insensitive: lower case, full hive names, single backslashes. */
function normaliseRegistryKey(text: string): Observable | undefined {
  const parts = text
    .toLowerCase()
    .split(/\\+/)
    .filter((p) => p !== '');
  const hive = parts[0];
  if (!hive) return undefined;
  parts[0] = HIVES[hive] ?? hive;
  return { kind: 'windows-registry-key', value: parts.join('\\') };
}

const FANGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}/gi, '.'],
  [/\[:\]|\(:\)/g, ':'],
  [/\[@\]|\(@\)|\[at\]|\(at\)/gi, '@'],
  [/\[:\/\/\]/g, '://'],
  [/\bhxxp/gi, 'http'],
  [/\bfxp:/gi, 'ftp:'],
];

/** Undoes the usual defanging of reports (`hxxp://evil[.]example`, `a[@]b[.]cn`). */
export function refang(text: string): string {
  if (!/[[({]|hxxp|fxp:/i.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of FANGS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Recognises a bare value's kind (an IP, hash, e-mail, URL, domain, AS number, MAC or registry
 * key) after refanging; undefined when it is none of them.
 */
export function detectObservable(token: string): Observable | undefined {
  const text = refang(token.trim());
  if (text === '' || text.length > 8192) return undefined;
  const first = text.charCodeAt(0);
  if (text.includes('://')) return normaliseUrl(text);
  if (text.length === 17 && MAC.test(text)) return normaliseMac(text);
  if (first >= 48 && first <= 57 && /^[\d./]+$/.test(text)) return normaliseIp(text);
  if (isHex(text)) {
    const kind = ({ 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' } as const)[text.length];
    if (kind) return { kind, value: text.toLowerCase() };
  }
  if (text.includes(':')) {
    const ip = normaliseIp(text);
    if (ip) return ip;
    if (/^\d+:[A-Za-z0-9/+]+:[A-Za-z0-9/+]+/.test(text)) return { kind: 'ssdeep', value: text };
    return undefined;
  }
  if (text.includes('@')) return normaliseEmail(text);
  if (/^AS\d{1,10}$/i.test(text)) return normaliseObservable('autonomous-system', text);
  if (/^HK(LM|CU|CR|U|CC|EY_)/i.test(text) && text.includes('\\')) return normaliseRegistryKey(text);
  const slash = text.indexOf('/');
  if (slash > 0) return looksLikeDomain(text.slice(0, slash)) ? normaliseUrl(text) : undefined;
  return looksLikeDomain(text) ? { kind: 'domain-name', value: normaliseDomain(text) ?? text } : undefined;
}

/** A dotted host name whose last label is alphabetic (or punycode): what free text calls a domain. */
export function looksLikeDomain(text: string): boolean {
  const value = normaliseDomain(text);
  if (value === undefined) return false;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return false;
  const tld = value.slice(dot + 1);
  return /^[a-z]{2,63}$/.test(tld) || /^xn--[a-z0-9-]{2,59}$/.test(tld);
}

const MAC = /^[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}$/i;

/** `kind:value`, the key observables are deduplicated and reported by. */
export function observableKey(o: Observable): string {
  return `${o.kind}:${o.value}`;
}
