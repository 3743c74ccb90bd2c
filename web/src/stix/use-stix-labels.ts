import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Names a STIX type in the UI language; custom types (x-…) keep their own name. */
export function useStixTypeLabel(): (type: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (type: string) => (i18n.exists(`stix.type.${type}`) ? t(`stix.type.${type}`) : type),
    [t, i18n],
  );
}

/** Names a STIX property in the UI language, else shows it as written in STIX. */
export function usePropertyLabel(): (property: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (property: string) => (i18n.exists(`stix.prop.${property}`) ? t(`stix.prop.${property}`) : property),
    [t, i18n],
  );
}
