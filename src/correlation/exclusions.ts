import { AccordError } from '../errors/errors.js';
import { ipv4Network, ipv6Network, formatIpv6, parseIp } from './observables/ip.js';
import {
  isObservableKind,
  normaliseDomain,
  normaliseObservable,
  urlHost,
  type Observable,
  type ObservableKind,
} from './observables/observable.js';
import { correlationMessage } from './correlation.messages.js';

/** An admin's rule: an exact value, a CIDR block, `*.domain` (the domain and below) or `/regex/`. */
export interface ExclusionRule {
  readonly id: string;
  readonly kind: ObservableKind | null;
  readonly pattern: string;
}

type Test = (o: Observable) => boolean;

/** Checks a rule and turns it into a test; throws bad-request with the reason when it cannot. */
export function compileExclusion(rule: Pick<ExclusionRule, 'kind' | 'pattern'>): Test {
  const { kind, pattern } = rule;
  const bad = (reason: string) =>
    new AccordError('bad-request', correlationMessage('badExclusion', { pattern, reason }));
  const ofKind = (o: Observable) => kind === null || o.kind === kind;
  if (pattern.length === 0 || pattern.length > 1000) throw bad('empty or longer than 1000 characters');
  if (pattern.startsWith('/') && pattern.endsWith('/') && pattern.length > 2) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern.slice(1, -1), 'i');
    } catch (error) {
      throw bad(error instanceof Error ? error.message : 'invalid regular expression');
    }
    return (o) => ofKind(o) && regex.test(o.value);
  }
  if (pattern.startsWith('*.')) {
    const domain = normaliseDomain(pattern.slice(2));
    if (domain === undefined) throw bad('not a domain after "*."');
    return (o) => {
      const host =
        o.kind === 'domain-name'
          ? o.value
          : o.kind === 'url'
            ? urlHost(o.value)?.value
            : o.kind === 'email-addr'
              ? o.value.slice(o.value.lastIndexOf('@') + 1)
              : undefined;
      return ofKind(o) && host !== undefined && (host === domain || host.endsWith(`.${domain}`));
    };
  }
  if (pattern.includes('/') && (kind === null || kind === 'ipv4-addr' || kind === 'ipv6-addr')) {
    const block = parseIp(pattern);
    if (block) return (o) => ofKind(o) && inBlock(o, block);
  }
  if (kind !== null) {
    const value = normaliseObservable(kind, pattern);
    if (!value) throw bad(`not a valid ${kind}`);
    return (o) => o.kind === value.kind && o.value === value.value;
  }
  const lower = pattern.trim().toLowerCase();
  return (o) => o.value.toLowerCase() === lower;
}

function inBlock(o: Observable, block: NonNullable<ReturnType<typeof parseIp>>): boolean {
  if (o.kind !== 'ipv4-addr' && o.kind !== 'ipv6-addr') return false;
  const ip = parseIp(o.value);
  if (!ip || ip.family !== block.family || ip.prefix < block.prefix) return false;
  if (ip.family === 4 && block.family === 4) return ipv4Network(ip.address, block.prefix) === block.address;
  if (ip.family === 6 && block.family === 6)
    return formatIpv6(ipv6Network(ip.groups, block.prefix)) === formatIpv6(block.groups);
  return false;
}

/** The admins' exclusions compiled once; a value is excluded when any rule matches it. */
export class ExclusionSet {
  private readonly tests: Array<{ rule: ExclusionRule; test: Test }>;

  constructor(rules: readonly ExclusionRule[]) {
    this.tests = rules.flatMap((rule) => {
      try {
        return [{ rule, test: compileExclusion(rule) }];
      } catch {
        return []; // a rule stored before a stricter check: ignored rather than blocking correlation
      }
    });
  }

  /** The rule that excludes a value, if any. */
  match(o: Observable): ExclusionRule | undefined {
    for (const { rule, test } of this.tests) if (test(o)) return rule;
    return undefined;
  }

  get size(): number {
    return this.tests.length;
  }
}

export function kindOrNull(value: unknown): ObservableKind | null {
  return isObservableKind(value) ? value : null;
}
