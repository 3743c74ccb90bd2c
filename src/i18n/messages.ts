import type { Locale } from './locale.js';

export type MessageParams = Readonly<Record<string, string | number>>;

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

function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
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
  return (key, params = {}) => ({
    key: `${namespace}.${key}`,
    params,
    text: (locale) => interpolate(catalog[locale][key] ?? catalog.en[key] ?? key, params),
  });
}

/** A message for text that is already what it should be in every language (identifiers, data). */
export function literal(text: string): Message {
  return { key: 'literal', params: { text }, text: () => text };
}
