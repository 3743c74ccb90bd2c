import { parseTimestampMicros } from '../clock/timestamp.js';
import { AccordError } from '../errors/errors.js';
import type { Message } from '../i18n/messages.js';
import { LATEST_ONLY, type VersionMatch } from '../objects/objects.repository.js';
import { taxiiMessage } from './taxii.messages.js';

export const DEFAULT_PAGE = 1000;

/** DELETE without match[version] removes every version. */
export const ALL_VERSIONS_DEFAULT: VersionMatch = { first: false, last: false, all: true, exact: [] };
export const MAX_PAGE = 10_000;

/** The TAXII 2.1 filter parameters, parsed and checked. */
export interface TaxiiQuery {
  readonly addedAfterUs: number | undefined;
  readonly limit: number;
  readonly nextUs: number | undefined;
  readonly ids: string[] | undefined;
  readonly types: string[] | undefined;
  readonly versions: VersionMatch;
  readonly specVersions: string[] | undefined;
}

type Raw = Record<string, string | string[] | undefined>;

const bad = (name: string, reason: Message): AccordError =>
  new AccordError('bad-request', taxiiMessage('badParameter', { name, reason }));

function list(raw: Raw, name: string): string[] | undefined {
  const value = raw[name];
  if (value === undefined) return undefined;
  const values = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  // An empty filter would otherwise match everything: `match[id]=` from a client with an empty variable.
  if (!values.length) throw bad(name, taxiiMessage('emptyParameter'));
  return values;
}

function timestamp(name: string, value: string): number {
  const micros = parseTimestampMicros(value);
  if (micros === undefined) throw bad(name, taxiiMessage('notTimestamp', { value }));
  return micros;
}

/** The opaque paging cursor: the date_added of the last entry a page scanned. */
export function encodeNext(dateAddedUs: number): string {
  return Buffer.from(`n1:${dateAddedUs}`).toString('base64url');
}

function decodeNext(value: string): number {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^n1:(\d{1,17})$/.exec(text);
  if (!match) throw new AccordError('bad-request', taxiiMessage('badNext'));
  return Number(match[1]);
}

/** Parses the query string of a TAXII request; `versionDefault` differs between endpoints, `maxPage` is the node's setting. */
export function parseTaxiiQuery(raw: Raw, versionDefault: VersionMatch = LATEST_ONLY, maxPage = MAX_PAGE): TaxiiQuery {
  const single = (name: string): string | undefined => {
    const v = raw[name];
    if (Array.isArray(v)) throw bad(name, taxiiMessage('repeated'));
    return v;
  };
  const addedAfter = single('added_after');
  const limitText = single('limit');
  let limit = Math.min(DEFAULT_PAGE, maxPage);
  if (limitText !== undefined) {
    // Digits only: Number() would also take "1e3", "0x10" and " 5".
    limit = /^\d+$/.test(limitText) ? Number(limitText) : 0;
    if (limit < 1) throw bad('limit', taxiiMessage('notPositiveInteger'));
    limit = Math.min(limit, maxPage);
  }
  const next = single('next');
  const ids = list(raw, 'match[id]');
  for (const id of ids ?? []) if (!/^[a-z0-9-]+--[0-9a-fA-F-]{36}$/.test(id)) throw bad('match[id]', taxiiMessage('notStixId', { value: id }));
  const types = list(raw, 'match[type]');
  for (const t of types ?? []) if (!/^[a-z0-9-]{1,250}$/.test(t)) throw bad('match[type]', taxiiMessage('notStixType', { value: t }));
  const versionValues = list(raw, 'match[version]');
  let versions = versionDefault;
  if (versionValues) {
    const exact: number[] = [];
    let first = false, last = false, all = false;
    for (const v of versionValues) {
      if (v === 'first') first = true;
      else if (v === 'last') last = true;
      else if (v === 'all') all = true;
      else exact.push(timestamp('match[version]', v));
    }
    versions = { first, last, all, exact };
  }
  const specVersions = list(raw, 'match[spec_version]');
  for (const s of specVersions ?? []) if (!/^\d\.\d$/.test(s)) throw bad('match[spec_version]', taxiiMessage('notSpecVersion', { value: s }));
  return {
    addedAfterUs: addedAfter === undefined ? undefined : timestamp('added_after', addedAfter),
    limit,
    nextUs: next === undefined ? undefined : decodeNext(next),
    ids,
    types,
    versions,
    specVersions,
  };
}
