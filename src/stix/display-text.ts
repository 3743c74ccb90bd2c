import { isRecord } from './stix-issue.js';

/** The text full-text search indexes for one object: a short name and a longer description. */
export interface DisplayText {
  name: string | null;
  description: string | null;
}

type Obj = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** Joins the non-empty strings, or null when there are none. */
// A plain loop: this runs for every object ingested, and the flatMap/map/filter chain cost ~3 µs each.
function joined(...values: unknown[]): string | null {
  let result: string | null = null;
  const add = (value: unknown): void => {
    const part = text(value);
    if (part !== null) result = result === null ? part : `${result}\n${part}`;
  };
  for (const value of values) {
    if (Array.isArray(value)) for (const element of value as unknown[]) add(element);
    else add(value);
  }
  return result;
}

const hashValues = (obj: Obj): unknown[] => (isRecord(obj.hashes) ? Object.values(obj.hashes) : []);

/** Every string of a language-content's translations, so translated text is searchable too. */
function translations(contents: unknown): unknown[] {
  if (!isRecord(contents)) return [];
  return Object.values(contents).flatMap((byProperty) =>
    isRecord(byProperty) ? Object.values(byProperty).flat() : [],
  );
}

const byType: Readonly<Record<string, (obj: Obj) => DisplayText>> = {
  indicator: (o) => ({ name: text(o.name), description: joined(o.description, o.pattern) }),
  note: (o) => ({ name: text(o.abstract), description: text(o.content) }),
  opinion: (o) => ({ name: text(o.opinion), description: text(o.explanation) }),
  'malware-analysis': (o) => ({ name: text(o.product), description: joined(o.result_name, o.result) }),
  'marking-definition': (o) => ({
    name: text(o.name),
    description: isRecord(o.definition) ? text(o.definition.statement) : null,
  }),
  'language-content': (o) => ({ name: null, description: joined(translations(o.contents)) }),
  'autonomous-system': (o) => ({
    name: text(o.name) ?? (typeof o.number === 'number' ? `AS${o.number}` : null),
    description: text(o.rir),
  }),
  artifact: (o) => ({ name: text(o.url), description: joined(hashValues(o)) }),
  directory: (o) => ({ name: text(o.path), description: null }),
  'email-addr': (o) => ({ name: text(o.value), description: text(o.display_name) }),
  'email-message': (o) => ({ name: text(o.subject), description: text(o.body) }),
  file: (o) => ({ name: text(o.name), description: joined(hashValues(o)) }),
  'network-traffic': (o) => ({ name: null, description: joined(o.protocols) }),
  process: (o) => ({ name: text(o.command_line), description: text(o.cwd) }),
  software: (o) => ({ name: text(o.name), description: joined(o.vendor, o.version, o.cpe) }),
  'user-account': (o) => ({
    name: text(o.account_login) ?? text(o.user_id),
    description: text(o.display_name),
  }),
  'windows-registry-key': (o) => ({ name: text(o.key), description: null }),
  'x509-certificate': (o) => ({
    name: text(o.subject),
    description: joined(o.issuer, o.serial_number, hashValues(o)),
  }),
};

/**
 * What full-text search indexes for an object: name/title/value/abstract/… as the name, and
 * description/content/pattern/translations as the description, chosen per type.
 */
export function displayText(obj: Obj): DisplayText {
  const pick = typeof obj.type === 'string' && Object.hasOwn(byType, obj.type) ? byType[obj.type] : undefined;
  if (pick) return pick(obj);
  return { name: text(obj.name) ?? text(obj.title) ?? text(obj.value), description: text(obj.description) };
}
