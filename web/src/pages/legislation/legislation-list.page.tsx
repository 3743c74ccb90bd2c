import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { localeTags, pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { usePartyName } from '../warnings/warning-bits';
import { legislationStatuses, useLegislation, type LegislationObject } from '../agreement/governance.api';
import { LegalDate } from '../agreement/governance-bits';

export const langTag = (l: string): string => (l === 'zh' || l === 'ru' || l === 'en' ? localeTags[l] : l);

/** The language a text is shown in: the user's when there is one, else the first there is. */
export function shownLanguage(texts: Readonly<Record<string, string>> | undefined, locale: string): string {
  if (!texts) return locale;
  if (texts[locale]) return locale;
  return texts.en ? 'en' : (Object.keys(texts)[0] ?? locale);
}

export const LAW_TONE: Readonly<Record<string, 'muted' | 'ok' | 'warn' | 'bad' | 'info'>> = {
  draft: 'muted',
  'in-force': 'ok',
  amended: 'info',
  repealed: 'bad',
};

function LawRow({ id, party, law }: { readonly id: string; readonly party: string; readonly law: LegislationObject }) {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const locale = useLocale();
  const partyName = usePartyName();
  const titleLang = shownLanguage(law.titles, locale);
  const summaryLang = shownLanguage(law.summaries, locale);
  const summary = law.summaries?.[summaryLang];
  const others = Object.keys({ ...law.titles, ...law.summaries }).filter((l) => l !== titleLang);
  const status = law.legislation_status ?? '';
  return (
    <tr data-testid="law-row">
      <td>
        <Link to={`/legislation/${id}`} lang={langTag(titleLang)}>
          <strong>{pickText(law.titles, locale)}</strong>
        </Link>
        {summary && (
          <div className="small" lang={langTag(summaryLang)}>
            {summary.length > 300 ? `${summary.slice(0, 300)}…` : summary}
          </div>
        )}
        {others.length > 0 && (
          <div className="small muted">
            {t('governance.legislation.alsoIn')} {others.map((l) => optional(`agreement.language.${l}`, l)).join(', ')}
          </div>
        )}
      </td>
      <td>{partyName(law.jurisdiction ?? party)}</td>
      <td>
        <Badge tone={LAW_TONE[status] ?? 'muted'}>{optional(`governance.legislation.status.${status}`, status)}</Badge>
      </td>
      <td className="nowrap">
        <LegalDate date={law.in_force_from} />
      </td>
    </tr>
  );
}

/** The legislation library (Art. 3(8)): every Party's laws, searchable by words in any language. */
export default function LegislationListPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const [text, setText] = useState(q);
  const laws = useLegislation({ q: q || undefined, status: status || undefined });
  const apply = (next: { q?: string; status?: string }) => {
    const values = { q, status, ...next };
    setParams(
      Object.fromEntries(Object.entries(values).filter(([, v]) => v)),
      { replace: true },
    );
  };
  return (
    <div className="page">
      <PageHeader
        title={t('governance.legislation.title')}
        subtitle={t('governance.legislation.subtitle')}
        actions={
          session.can('legislation:write') && (
            <Link className="button button-primary" to="/legislation/new" data-testid="law-add">
              {t('governance.legislation.add')}
            </Link>
          )
        }
      />
      <form
        className="filter-bar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ q: text.trim() });
        }}
      >
        <label className="field field-inline field-grow">
          <span className="field-label">{t('governance.legislation.search')}</span>
          <input
            type="search"
            id="law-search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('governance.legislation.searchHint')}
          />
        </label>
        <label className="field field-inline">
          <span className="field-label">{t('governance.col.status')}</span>
          <select id="law-status" value={status} onChange={(e) => apply({ status: e.target.value })}>
            <option value="">{t('governance.filter.all')}</option>
            {legislationStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`governance.legislation.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" data-testid="law-search-submit">
          {t('governance.legislation.find')}
        </button>
      </form>
      <Card>
        {laws.isPending ? (
          <Loading />
        ) : laws.isError ? (
          <ProblemAlert error={laws.error} />
        ) : (
          <>
            <p className="small muted" role="status" data-testid="law-count">
              {q
                ? t('governance.legislation.found', { count: laws.data.items.length, q })
                : t('governance.legislation.total', { count: laws.data.items.length })}
            </p>
            {laws.data.items.length === 0 ? (
              <p className="muted">{t('governance.legislation.none')}</p>
            ) : (
              <table className="table" data-testid="law-results">
                <thead>
                  <tr>
                    <th>{t('governance.legislation.field.title')}</th>
                    <th>{t('governance.legislation.field.jurisdiction')}</th>
                    <th>{t('governance.col.status')}</th>
                    <th>{t('governance.legislation.field.inForceFrom')}</th>
                  </tr>
                </thead>
                <tbody>
                  {laws.data.items.map((l) => (
                    <LawRow key={l.id} id={l.id} party={l.party} law={l.object} />
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
