import { localeTags } from '../i18n/i18n';
import type { Locale } from '../api/types';

/** A Party's country name from its ISO code, in the UI language (for pages without the profile). */
export function regionName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([localeTags[locale]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
