import { useCallback } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/queries';
import type { Profile, Provision, Texts } from '../../api/types';
import { localeTags } from '../../i18n/i18n';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import type { Dispute } from './disputes.api';

/** A BCP 47 tag for a text's language attribute (zh → zh-CN, so the right glyphs are used). */
export const langTag = (l: string) => (l === 'zh' || l === 'ru' || l === 'en' ? localeTags[l] : l);

/** How a provision is cited: Art. 5(4), Art. 7, or the part of the agreement it belongs to. */
export function useProvisionLabel(): (id: string) => string {
  const { t } = useTranslation();
  const profile = useProfile();
  return useCallback(
    (id: string) => {
      const p = profile.data?.provisions.find((x) => x.id === id);
      if (!p) return id;
      return provisionLabel(p, t);
    },
    [profile.data, t],
  );
}

/** The citation of one provision of the profile. */
export function provisionLabel(p: Provision, t: TFunction): string {
  if (p.part !== 'article') return `${t(`agreement.part.${p.part}`)} (${p.id})`;
  if (p.paragraph !== undefined)
    return t('disputes.provisionRef', { article: p.article ?? 0, paragraph: p.paragraph });
  return t('disputes.articleRef', { article: p.article ?? 0 });
}

/** The name of a text's language in the UI language, or its code. */
export function useLanguageName(): (lang: string) => string {
  const optional = useOptionalT();
  return useCallback((lang: string) => optional(`agreement.language.${lang}`, lang), [optional]);
}

/** The languages to show texts in: the authentic ones first, then any other a text has. */
export function languagesFor(profile: Profile | undefined, texts: readonly Texts[]): string[] {
  const out = [...(profile?.languages.authentic ?? [])];
  for (const text of texts) for (const lang of Object.keys(text)) if (!out.includes(lang)) out.push(lang);
  return out;
}

/** A text in each of its languages, side by side, each marked with its language. */
export function TextsSideBySide({
  texts,
  languages,
  testId,
}: {
  readonly texts: Texts;
  readonly languages?: readonly string[];
  readonly testId?: string;
}) {
  const languageName = useLanguageName();
  const langs = (languages ?? Object.keys(texts)).filter((l) => texts[l]?.trim());
  return (
    <div className="side-by-side" data-testid={testId}>
      {langs.map((l) => (
        <div key={l} className="text-version" data-lang={l}>
          <div className="small muted">{languageName(l)}</div>
          <p className="prewrap" lang={langTag(l)}>
            {texts[l]}
          </p>
        </div>
      ))}
    </div>
  );
}

export function DisputeStateBadge({ state }: { readonly state: Dispute['state'] }) {
  const { t } = useTranslation();
  return (
    <Badge tone={state === 'settled' ? 'ok' : 'warn'}>
      <span data-testid="dispute-state" data-state={state}>
        {t(`disputes.state.${state}`)}
      </span>
    </Badge>
  );
}
