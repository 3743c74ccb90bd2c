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
  return (key, params = {}) => ({
    key: `${namespace}.${key}`,
    params,
    text: (locale) => interpolate(catalog[locale][key] ?? catalog.en[key] ?? key, params, locale),
  });
}

/** A message for text that is already what it should be in every language (identifiers, data). */
export function literal(text: string): Message {
  return { key: 'literal', params: { text }, text: () => text };
}
