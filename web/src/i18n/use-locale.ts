import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { isUiLocale } from './i18n';

/** The UI language; components using it re-render when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isUiLocale(lng) ? lng : 'en';
}
