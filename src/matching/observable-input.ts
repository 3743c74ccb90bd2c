import { parse as parseCsv } from 'csv-parse/sync';
import { AccordError } from '../errors/errors.js';
import { jsonSyntaxProblem } from '../errors/json-syntax.js';
import { dedupe, isScoType, scoObservables } from '../correlation/observables/extract.js';
import {
  detectObservable,
  normaliseObservable,
  type Observable,
  type ObservableKind,
} from '../correlation/observables/observable.js';
import {
  observationFrom,
  type JsonObject,
  type Observation as PatternObservation,
} from '../patterning/patterning.js';
import { extractObservables } from './log-extract.js';
import { matchingMessage } from './matching.messages.js';

export const inputFormats = ['auto', 'text', 'csv', 'stix', 'log'] as const;
export type InputFormat = (typeof inputFormats)[number];

/** One observation of a submission: a line, a CSV row, an observed-data or a lone SCO. */
export interface SubmittedObservation {
  readonly observables: readonly Observable[];
  /** 1-based line (text, CSV, log) or position in the bundle (STIX). */
  readonly position: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** The STIX observation itself, for patterns the index cannot serve. */
  readonly stix?: PatternObservation;
}

export interface ParsedSubmission {
  readonly format: Exclude<InputFormat, 'auto'>;
  readonly observations: SubmittedObservation[];
  /** Lines or objects with nothing recognisable, the first few kept as examples. */
  readonly skipped: { count: number; examples: Array<{ position: number; text: string }> };
}

export interface InputLimits {
  readonly maxBytes: number;
  readonly maxObservations: number;
}

export const defaultInputLimits: InputLimits = { maxBytes: 64 * 2 ** 20, maxObservations: 2_000_000 };

/** MISP attribute types as CSV exports name them, for CSV files with a type column. */
const MISP_TYPES: Readonly<Record<string, ObservableKind>> = {
  'ip-dst': 'ipv4-addr',
  'ip-src': 'ipv4-addr',
  domain: 'domain-name',
  hostname: 'domain-name',
  url: 'url',
  uri: 'url',
  link: 'url',
  'email-src': 'email-addr',
  'email-dst': 'email-addr',
  email: 'email-addr',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
  ssdeep: 'ssdeep',
  mutex: 'mutex',
  regkey: 'windows-registry-key',
  as: 'autonomous-system',
  'mac-address': 'mac-addr',
  'ipv4-addr': 'ipv4-addr',
  'ipv6-addr': 'ipv6-addr',
  'domain-name': 'domain-name',
  'email-addr': 'email-addr',
};

/** Reads a submission (text, or an already parsed JSON value for STIX) into observations. */
export function parseSubmission(
  input: unknown,
  format: InputFormat,
  limits: InputLimits = defaultInputLimits,
): ParsedSubmission {
  if (typeof input !== 'string') return parseStix(input, limits);
  if (input.length > limits.maxBytes)
    throw new AccordError('payload-too-large', matchingMessage('tooLarge', { limit: limits.maxBytes }));
  if (input.trim() === '') throw new AccordError('bad-request', matchingMessage('empty'));
  const chosen = format === 'auto' ? sniff(input) : format;
  switch (chosen) {
    case 'stix':
      return parseStix(parseJson(input), limits);
    case 'csv':
      return parseCsvInput(input, limits);
    case 'text':
      return parseLines(input, 'text', limits, (line) => {
        const o = detectObservable(line);
        return o ? [o] : [];
      });
    case 'log':
      return parseLines(input, 'log', limits, extractObservables);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AccordError(
      'malformed-json',
      matchingMessage('badJson', { reason: jsonSyntaxProblem(error) }),
    );
  }
}

/** JSON is STIX; mostly one value per line is a list; a consistent comma-separated header is CSV; the rest is a log. */
function sniff(text: string): Exclude<InputFormat, 'auto'> {
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'stix';
  const lines = text.split(/\r?\n/, 60).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const single = lines.filter((l) => detectObservable(l) !== undefined).length;
  if (single >= lines.length / 2) return 'text';
  const commas = lines.map((l) => l.split(',').length);
  if ((commas[0] ?? 1) > 1 && commas.filter((n) => n === commas[0]).length >= lines.length * 0.8)
    return 'csv';
  return 'log';
}

function parseLines(
  text: string,
  format: 'text' | 'log',
  limits: InputLimits,
  read: (line: string) => Observable[],
): ParsedSubmission {
  const observations: SubmittedObservation[] = [];
  const skipped: ParsedSubmission['skipped'] = { count: 0, examples: [] };
  let position = 0;
  for (const raw of text.split('\n')) {
    position++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || (format === 'text' && line.trimStart().startsWith('#'))) continue;
    const found = read(line);
    if (found.length) {
      observations.push({ observables: found, position });
      if (observations.length > limits.maxObservations)
        throw new AccordError(
          'payload-too-large',
          matchingMessage('tooMany', { limit: limits.maxObservations }),
        );
    } else skip(skipped, position, line);
  }
  return { format, observations, skipped };
}

function skip(skipped: ParsedSubmission['skipped'], position: number, text: string): void {
  skipped.count++;
  if (skipped.examples.length < 20) skipped.examples.push({ position, text: text.slice(0, 200) });
}

function parseCsvInput(text: string, limits: InputLimits): ParsedSubmission {
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new AccordError(
      'bad-request',
      matchingMessage('badCsv', { line: e.lines ?? 0, reason: e.message ?? String(error) }),
    );
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const hasHeader = header.length > 0 && header.every((cell) => detectObservable(cell) === undefined);
  const valueColumn = hasHeader ? header.indexOf('value') : -1;
  const typeColumn = hasHeader ? header.indexOf('type') : -1;
  const observations: SubmittedObservation[] = [];
  const skipped: ParsedSubmission['skipped'] = { count: 0, examples: [] };
  rows.forEach((row, i) => {
    if (hasHeader && i === 0) return;
    const found =
      valueColumn >= 0
        ? typedCell(row[valueColumn] ?? '', typeColumn >= 0 ? row[typeColumn] : undefined)
        : row.flatMap(cellObservables);
    if (found.length) observations.push({ observables: dedupe(found), position: i + 1 });
    else skip(skipped, i + 1, row.join(','));
  });
  if (observations.length > limits.maxObservations)
    throw new AccordError('payload-too-large', matchingMessage('tooMany', { limit: limits.maxObservations }));
  return { format: 'csv', observations, skipped };
}

/** A cell holding one value, or free text (a log message column) scanned like a log line. */
function cellObservables(cell: string): Observable[] {
  const o = detectObservable(cell);
  if (o) return [o];
  return /\s/.test(cell.trim()) ? extractObservables(cell) : [];
}

/** A value cell, read as its MISP/STIX type says (composite `domain|ip` and `filename|sha256` split). */
function typedCell(cell: string, type: string | undefined): Observable[] {
  const t = type?.toLowerCase() ?? '';
  if (t.includes('|') && cell.includes('|')) {
    const kinds = t.split('|');
    return cell.split('|').flatMap((part, i) => {
      const kind = MISP_TYPES[kinds[i] ?? ''];
      const o = kind ? normaliseObservable(kind, part) : undefined;
      return o ? [o] : [];
    });
  }
  const kind = MISP_TYPES[t];
  const o = kind ? normaliseObservable(kind, cell) : detectObservable(cell);
  return o ? [o] : cellObservables(cell);
}

/** A bundle, an array of objects or one object: each observed-data is an observation, so is each SCO no observed-data refers to. */
function parseStix(value: unknown, limits: InputLimits): ParsedSubmission {
  const objects = stixObjects(value);
  if (objects.length === 0) throw new AccordError('bad-request', matchingMessage('empty'));
  const byId = new Map<string, JsonObject>();
  for (const o of objects) if (typeof o.id === 'string') byId.set(o.id, o);
  const referenced = new Set<string>();
  const observations: SubmittedObservation[] = [];
  const skipped: ParsedSubmission['skipped'] = { count: 0, examples: [] };
  objects.forEach((object, i) => {
    if (object.type !== 'observed-data') return;
    const stix = observationFrom(object, objects);
    for (const ref of stix.object_refs ?? []) referenced.add(ref);
    const scos = [...Object.values(stix.objects ?? {}), ...(stix.scos ?? [])];
    const found = dedupe(scos.flatMap(scoObservables));
    if (found.length) observations.push({ observables: found, position: i + 1, stix, ...times(object) });
    else skip(skipped, i + 1, typeof object.id === 'string' ? object.id : '');
  });
  objects.forEach((object, i) => {
    const type = typeof object.type === 'string' ? object.type : '';
    if (!isScoType(type) || (typeof object.id === 'string' && referenced.has(object.id))) return;
    const found = scoObservables(object);
    if (found.length) observations.push({ observables: found, position: i + 1, stix: { scos: [object] } });
    else skip(skipped, i + 1, typeof object.id === 'string' ? object.id : type);
  });
  if (observations.length > limits.maxObservations)
    throw new AccordError('payload-too-large', matchingMessage('tooMany', { limit: limits.maxObservations }));
  return { format: 'stix', observations, skipped };
}

function stixObjects(value: unknown): JsonObject[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'bundle'
      ? ((value as { objects?: unknown }).objects ?? [])
      : [value];
  if (!Array.isArray(list)) throw new AccordError('bad-request', matchingMessage('notStix'));
  return list.filter((o): o is JsonObject => typeof o === 'object' && o !== null && !Array.isArray(o));
}

function times(object: JsonObject): { firstSeen?: string; lastSeen?: string } {
  return {
    ...(typeof object.first_observed === 'string' ? { firstSeen: object.first_observed } : {}),
    ...(typeof object.last_observed === 'string' ? { lastSeen: object.last_observed } : {}),
  };
}
