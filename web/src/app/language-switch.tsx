import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { uiLocales } from '../i18n/i18n';

/** Each language named in itself, so a user can find theirs whatever the current one. */
const SELF_NAMES: Readonly<Record<Locale, string>> = { zh: '中文', ru: 'Русский', en: 'English' };

export function LanguageSwitch({
  value,
  onChange,
}: {
  readonly value: Locale;
  readonly onChange: (language: Locale) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {uiLocales.map((l) => (
        <button
          key={l}
          type="button"
          lang={l === 'zh' ? 'zh-CN' : l}
          className={l === value ? 'lang-button active' : 'lang-button'}
          aria-pressed={l === value}
          data-testid={`lang-${l}`}
          onClick={() => onChange(l)}
        >
          {SELF_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
