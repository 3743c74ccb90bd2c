import type { Locale } from '../api/types';

const ALL: readonly Locale[] = ['zh', 'ru', 'en'];
const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (ALL as readonly string[]).includes(value);

export interface LanguageEvidence {
  /** What this person chose on this browser (per user once signed in). */
  readonly userChoice?: string | null;
  /** The user's language as the node keeps it. */
  readonly accountLocale?: string | null;
  /** The last choice made on this browser by anybody (the sign-in page). */
  readonly browserChoice?: string | null;
  /** navigator.languages */
  readonly browserLanguages?: readonly string[];
  /** The node's language (from its Party). */
  readonly nodeLocale?: string | null;
}

function primary(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? '';
}

/**
 * Decides the UI language. An explicit choice wins; then the account; then a browser set to
 * Chinese or Russian (English is most browsers' default and says little about the person);
 * then the node's own language; then English.
 */
export function chooseLanguage(evidence: LanguageEvidence): Locale {
  if (isLocale(evidence.userChoice)) return evidence.userChoice;
  if (isLocale(evidence.accountLocale)) return evidence.accountLocale;
  if (isLocale(evidence.browserChoice)) return evidence.browserChoice;
  const browser = (evidence.browserLanguages ?? []).map(primary);
  const national = browser.find((l): l is Locale => l === 'zh' || l === 'ru');
  if (national) return national;
  if (isLocale(evidence.nodeLocale)) return evidence.nodeLocale;
  return 'en';
}

const GLOBAL_KEY = 'accord.locale';
const userKey = (name: string) => `accord.locale.user.${name}`;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Remembers a choice on this browser, for everybody (sign-in page) and for this user. */
export function rememberLanguage(language: Locale, userName?: string): void {
  try {
    window.localStorage.setItem(GLOBAL_KEY, language);
    if (userName) window.localStorage.setItem(userKey(userName), language);
  } catch {
    // Storage may be off (private mode): the choice then lasts for this page only.
  }
}

/** The stored evidence of this browser. */
export function storedChoices(
  userName?: string,
): Pick<LanguageEvidence, 'userChoice' | 'browserChoice' | 'browserLanguages'> {
  return {
    userChoice: userName ? read(userKey(userName)) : null,
    browserChoice: read(GLOBAL_KEY),
    browserLanguages: navigator.languages,
  };
}
