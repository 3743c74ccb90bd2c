import type { Locale } from './locale.js';

/** Values put into a message's placeholders; a nested message is said in the outer one's language. */
export type MessageParams = Readonly<Record<string, string | number | Message>>;

/** A user-facing text that can be rendered in any of the three languages. */
export interface Message {
  readonly key: string;
  readonly params: MessageParams;
  text(locale: Locale): string;
}

export type Catalog = Readonly<Record<Locale, Readonly<Record<string, string>>>>;

const catalogs = new Map<string, Catalog>();

/** Every catalog defined so far, by namespace (the i18n completeness test walks these). */
export function registeredCatalogs(): ReadonlyMap<string, Catalog> {
  return catalogs;
}

function interpolate(template: string, params: MessageParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value.text(locale) : String(value);
  });
}

/**
 * Declares a domain's messages in all three languages. The types make a missing translation a
 * compile error; the returned function builds a Message for one key.
 */
export function defineMessages<const E extends Readonly<Record<string, string>>>(
  namespace: string,
  en: E,
  zh: Readonly<Record<keyof E, string>>,
  ru: Readonly<Record<keyof E, string>>,
): (key: keyof E & string, params?: MessageParams) => Message {
  const catalog: Catalog = { en, zh, ru };
  if (catalogs.has(namespace)) throw new Error(`message namespace ${namespace} defined twice`);
  catalogs.set(namespace, catalog);
  return (key, params = {}) => fromCatalog(catalog, namespace, key, params);
}

function fromCatalog(catalog: Catalog, namespace: string, key: string, params: MessageParams): Message {
  return { key: `${namespace}.${key}`, params, text: (locale) => interpolate(catalog[locale][key] ?? catalog.en[key] ?? key, params, locale) };
}

/** A message as data to store (key and parameters, nested messages included), to be said later in the reader's language. */
export function storableMessage(message: Message): string {
  return JSON.stringify(message);
}

function revive(value: unknown): Message | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (typeof key !== 'string' || typeof params !== 'object' || params === null) return undefined;
  const revived: Record<string, string | number | Message> = {};
  for (const [name, param] of Object.entries(params)) {
    const nested = typeof param === 'string' || typeof param === 'number' ? param : revive(param);
    if (nested === undefined) return undefined;
    revived[name] = nested;
  }
  if (key === 'literal') return typeof revived.text === 'string' ? literal(revived.text) : undefined;
  const [namespace = '', name = ''] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
  const catalog = catalogs.get(namespace);
  return catalog && name in catalog.en ? fromCatalog(catalog, namespace, name, revived) : undefined;
}

/**
 * A stored message back (see storableMessage). Text stored before messages were, or naming a
 * message this build no longer has, is said as it was written.
 */
export function storedMessage(text: string): Message {
  try {
    return revive(JSON.parse(text)) ?? literal(text);
  } catch {
    return literal(text);
  }
}

/** A message for text that is already what it should be in every language (identifiers, data). */
export function literal(text: string): Message {
  return { key: 'literal', params: { text }, text: () => text };
}
