import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AccordError } from '../errors/errors.js';
import { packageRoot } from '../profile/profile.loader.js';
import { ipv4Network, ipv6Network, formatIpv6, parseIp } from '../correlation/observables/ip.js';
import {
  normaliseDomain,
  normaliseIp,
  urlHost,
  type Observable,
} from '../correlation/observables/observable.js';
import { warninglistMessage } from './warninglists.messages.js';

/** How a group's values match: addresses inside blocks, exact domains, domains with subdomains, exact values. */
export type MatchRule = 'cidr' | 'domain' | 'domain-and-subdomains' | 'value';

/** One list as its data file defines it (src/warninglists/lists/*.yaml). */
export interface WarninglistDefinition {
  readonly id: string;
  readonly title: Readonly<Record<'en' | 'zh' | 'ru', string>>;
  readonly source: string;
  readonly groups: ReadonlyArray<{ readonly match: MatchRule; readonly values: readonly string[] }>;
}

/** A value found on a list: which list, which entry, and whether the value's host matched. */
export interface WarninglistHit {
  readonly list: string;
  readonly title: Readonly<Record<'en' | 'zh' | 'ru', string>>;
  readonly entry: string;
  readonly via?: 'url-host' | 'email-domain';
}

type Entry = Omit<WarninglistHit, 'via'>;

const RULES: readonly MatchRule[] = ['cidr', 'domain', 'domain-and-subdomains', 'value'];

/** The folder of Accord's own lists. */
export function listsDirectory(): string {
  return join(packageRoot(), 'src', 'warninglists', 'lists');
}

/** Reads and checks every list file in a folder. */
export function loadWarninglistFiles(dir = listsDirectory()): WarninglistDefinition[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => checkDefinition(parse(readFileSync(join(dir, file), 'utf8')) as unknown, file));
}

function checkDefinition(value: unknown, file: string): WarninglistDefinition {
  const bad = (reason: string) =>
    new AccordError('invalid-configuration', warninglistMessage('badFile', { file, reason }));
  if (typeof value !== 'object' || value === null) throw bad('not a mapping');
  const v = value as Record<string, unknown>;
  const title = v.title as Record<string, unknown> | undefined;
  if (typeof v.id !== 'string' || !/^[a-z0-9-]+$/.test(v.id))
    throw bad('id must be lower-case words joined by hyphens');
  if (!title || !['en', 'zh', 'ru'].every((l) => typeof title[l] === 'string'))
    throw bad('title needs en, zh and ru');
  if (!Array.isArray(v.groups)) throw bad('groups must be a list');
  const groups = v.groups.map((g: unknown, index) => {
    const group = g as { match?: unknown; values?: unknown };
    if (!RULES.includes(group.match as MatchRule))
      throw bad(`group ${index}: match must be one of ${RULES.join(', ')}`);
    if (!Array.isArray(group.values) || !group.values.every((x) => typeof x === 'string'))
      throw bad(`group ${index}: values must be strings`);
    return { match: group.match as MatchRule, values: group.values };
  });
  return {
    id: v.id,
    title: title as WarninglistDefinition['title'],
    source: typeof v.source === 'string' ? v.source : '',
    groups,
  };
}

/**
 * The lists compiled for lookups in (near) constant time: blocks by prefix length, domains by
 * name and by every parent name, other values by text.
 */
export class Warninglists {
  private readonly v4 = new Map<number, Map<number, Entry[]>>();
  private readonly v6 = new Map<number, Map<string, Entry[]>>();
  private readonly domains = new Map<string, Entry[]>();
  private readonly parents = new Map<string, Entry[]>();
  private readonly values = new Map<string, Entry[]>();
  private v4Prefixes: number[] = [];
  private v6Prefixes: number[] = [];

  constructor(readonly definitions: readonly WarninglistDefinition[]) {
    for (const list of definitions)
      for (const group of list.groups) for (const raw of group.values) this.add(list, group.match, raw);
    this.v4Prefixes = [...this.v4.keys()].sort((a, b) => a - b);
    this.v6Prefixes = [...this.v6.keys()].sort((a, b) => a - b);
  }

  /** Accord's own lists, read once per process. */
  static builtIn(): Warninglists {
    builtIn ??= new Warninglists(loadWarninglistFiles());
    return builtIn;
  }

  private add(list: WarninglistDefinition, rule: MatchRule, raw: string): void {
    const entry: Entry = { list: list.id, title: list.title, entry: raw };
    const push = <K>(map: Map<K, Entry[]>, key: K) => map.set(key, [...(map.get(key) ?? []), entry]);
    const invalid = () =>
      new AccordError(
        'invalid-configuration',
        warninglistMessage('badFile', { file: list.id, reason: `${raw} is not valid for ${rule}` }),
      );
    if (rule === 'cidr') {
      const ip = parseIp(raw);
      if (!ip) throw invalid();
      if (ip.family === 4) push(mapFor(this.v4, ip.prefix), ip.address);
      else push(mapFor(this.v6, ip.prefix), formatIpv6(ip.groups));
    } else if (rule === 'value') push(this.values, raw.trim().toLowerCase());
    else {
      const domain = normaliseDomain(raw);
      if (domain === undefined) throw invalid();
      push(rule === 'domain' ? this.domains : this.parents, domain);
    }
  }

  /** The lists a value is on; a URL's host and an e-mail's domain count for domain and address lists. */
  check(o: Observable): WarninglistHit[] {
    switch (o.kind) {
      case 'ipv4-addr':
      case 'ipv6-addr':
        return this.checkIp(o.value);
      case 'domain-name':
        return this.checkDomain(o.value);
      case 'url': {
        const host = urlHost(o.value);
        const hits = host
          ? host.kind === 'domain-name'
            ? this.checkDomain(host.value)
            : this.checkIp(host.value)
          : [];
        return [
          ...(this.values.get(o.value.toLowerCase()) ?? []),
          ...hits.map((h) => ({ ...h, via: 'url-host' as const })),
        ];
      }
      case 'email-addr': {
        const domain = o.value.slice(o.value.lastIndexOf('@') + 1);
        return [
          ...(this.values.get(o.value) ?? []),
          ...this.checkDomain(domain).map((h) => ({ ...h, via: 'email-domain' as const })),
        ];
      }
      case 'mac-addr':
      case 'md5':
      case 'sha1':
      case 'sha256':
      case 'sha512':
      case 'ssdeep':
      case 'mutex':
      case 'windows-registry-key':
      case 'autonomous-system':
        return this.values.get(o.value.toLowerCase()) ?? [];
    }
  }

  private checkIp(text: string): Entry[] {
    const ip = parseIp(text);
    if (!ip) return [];
    const hits: Entry[] = [];
    if (ip.family === 4) {
      for (const p of this.v4Prefixes) {
        if (p > ip.prefix) break;
        const found = this.v4.get(p)?.get(ipv4Network(ip.address, p));
        if (found) hits.push(...found);
      }
    } else {
      for (const p of this.v6Prefixes) {
        if (p > ip.prefix) break;
        const found = this.v6.get(p)?.get(formatIpv6(ipv6Network(ip.groups, p)));
        if (found) hits.push(...found);
      }
    }
    return hits;
  }

  private checkDomain(domain: string): Entry[] {
    const hits: Entry[] = [...(this.domains.get(domain) ?? [])];
    for (let name = domain; ;) {
      const found = this.parents.get(name);
      if (found) hits.push(...found);
      const dot = name.indexOf('.');
      if (dot < 0) break;
      name = name.slice(dot + 1);
    }
    const ip = normaliseIp(domain);
    return ip ? [...hits, ...this.checkIp(ip.value)] : hits;
  }

  /** Each list with its number of entries, for the API. */
  summaries(): Array<{ id: string; title: WarninglistDefinition['title']; source: string; entries: number }> {
    return this.definitions.map((d) => ({
      id: d.id,
      title: d.title,
      source: d.source,
      entries: d.groups.reduce((n, g) => n + g.values.length, 0),
    }));
  }
}

let builtIn: Warninglists | undefined;

function mapFor<K>(maps: Map<number, Map<K, Entry[]>>, prefix: number): Map<K, Entry[]> {
  let map = maps.get(prefix);
  if (!map) {
    map = new Map();
    maps.set(prefix, map);
  }
  return map;
}
