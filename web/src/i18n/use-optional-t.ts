import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Translates a key built from data (a state, a language code) when the catalogs have it, else
 * shows the fallback as is: data from other nodes may carry values this UI does not know yet.
 */
export function useOptionalT(): (key: string, fallback: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback((key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback), [t, i18n]);
}
