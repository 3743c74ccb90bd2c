import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ru from './locales/ru.json';
import zh from './locales/zh.json';
import { setApiLanguage } from '../api/client';
import type { Locale } from '../api/types';

export const uiLocales: readonly Locale[] = ['zh', 'ru', 'en'];

/** BCP 47 tags for Intl and the document: Simplified Chinese is what Accord writes. */
export const localeTags: Readonly<Record<Locale, string>> = { zh: 'zh-CN', ru: 'ru-RU', en: 'en-GB' };

export function isUiLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (uiLocales as readonly string[]).includes(value);
}

declare global {
  interface Window {
    /** Keys looked up but missing from the catalogs; browser tests assert this stays empty. */
    __accordMissingKeys?: string[];
  }
}

function recordMissing(languages: readonly string[], _namespace: string, key: string): void {
  const list = (window.__accordMissingKeys ??= []);
  const entry = `${languages.join(',')}:${key}`;
  if (!list.includes(entry)) list.push(entry);
}

/** Starts i18next with every catalog bundled (they are small) in the given language. */
export function initI18n(language: Locale): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { zh: { translation: zh }, ru: { translation: ru }, en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...uiLocales],
    interpolation: { escapeValue: false },
    returnNull: false,
    saveMissing: true,
    saveMissingTo: 'current',
    missingKeyHandler: recordMissing,
    react: { useSuspense: false },
    initAsync: false,
    showSupportNotice: false,
  });
  applyLanguage(language);
  return i18next;
}

function applyLanguage(language: Locale): void {
  document.documentElement.lang = localeTags[language];
  setApiLanguage(language);
}

/** Switches the UI language; API messages follow through Accept-Language. */
export async function changeLanguage(language: Locale): Promise<void> {
  applyLanguage(language);
  await i18next.changeLanguage(language);
}

export function currentLocale(): Locale {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isUiLocale(lng) ? lng : 'en';
}

/** Picks a text of a profile (zh/ru/en record) in the UI language, falling back to English. */
export function pickText(texts: Readonly<Record<string, string>> | undefined, language: Locale): string {
  if (!texts) return '';
  return texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '';
}
