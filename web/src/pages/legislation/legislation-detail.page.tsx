import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { When } from '../../ui/when';
import { usePartyName } from '../warnings/warning-bits';
import { useLaw } from '../agreement/governance.api';
import { LegalDate } from '../agreement/governance-bits';
import { LAW_TONE, langTag } from './legislation-list.page';

const ORDER = ['zh', 'ru', 'en'];

/** One law or regulation with its titles and summaries in every language side by side. */
export default function LegislationDetailPage() {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const locale = useLocale();
  const session = useSession();
  const partyName = usePartyName();
  const { id = '' } = useParams();
  const law = useLaw(id);
  if (law.isPending) return <Loading />;
  if (law.isError) return <ProblemAlert error={law.error} />;
  const l = law.data;
  const o = l.object;
  const languages = [...new Set([...Object.keys(o.titles ?? {}), ...Object.keys(o.summaries ?? {})])].sort(
    (a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99),
  );
  const status = o.legislation_status ?? '';
  const mayEdit = session.can('legislation:write') && l.party === session.me.party;
  return (
    <div className="page" data-testid="law-detail">
      <PageHeader
        title={pickText(o.titles, locale)}
        subtitle={t('governance.legislation.jurisdictionOf', { party: partyName(o.jurisdiction ?? l.party) })}
        actions={
          mayEdit && (
            <Link className="button" to={`/legislation/${l.id}/edit`}>
              {t('common.edit')}
            </Link>
          )
        }
      />
      <Card title={t('governance.legislation.texts')}>
        <div className="side-by-side" data-testid="law-languages">
          {languages.map((lang) => (
            <section key={lang} className="text-version" lang={langTag(lang)} data-lang={lang}>
              <h3 className="text-version-head">{optional(`agreement.language.${lang}`, lang)}</h3>
              <p>
                <strong>{o.titles?.[lang] ?? '—'}</strong>
              </p>
              {o.summaries?.[lang] && <p className="prewrap">{o.summaries[lang]}</p>}
            </section>
          ))}
        </div>
      </Card>
      <Card title={t('governance.legislation.details')}>
        <dl className="props">
          <div className="prop-row">
            <dt>{t('governance.col.status')}</dt>
            <dd>
              <Badge tone={LAW_TONE[status] ?? 'muted'}>
                {optional(`governance.legislation.status.${status}`, status)}
              </Badge>
            </dd>
          </div>
          <div className="prop-row">
            <dt>{t('governance.legislation.field.kind')}</dt>
            <dd>{o.legislation_kind ?? '—'}</dd>
          </div>
          <div className="prop-row">
            <dt>{t('governance.legislation.field.adoptedOn')}</dt>
            <dd>
              <LegalDate date={o.adopted_on} />
            </dd>
          </div>
          <div className="prop-row">
            <dt>{t('governance.legislation.field.inForceFrom')}</dt>
            <dd>
              <LegalDate date={o.in_force_from} />
            </dd>
          </div>
          <div className="prop-row">
            <dt>{t('governance.legislation.field.inForceUntil')}</dt>
            <dd>
              <LegalDate date={o.in_force_until} />
            </dd>
          </div>
          <div className="prop-row">
            <dt>{t('governance.legislation.field.urls')}</dt>
            <dd>
              {(o.external_references ?? []).filter((r) => r.url).length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul className="plain-list">
                  {(o.external_references ?? [])
                    .filter((r) => r.url)
                    .map((r) => (
                      <li key={r.url}>
                        <a href={r.url} rel="noreferrer noopener" target="_blank">
                          {r.url}
                        </a>
                      </li>
                    ))}
                </ul>
              )}
            </dd>
          </div>
          <div className="prop-row">
            <dt>{t('governance.recordedByLabel')}</dt>
            <dd>{partyName(l.party)}</dd>
          </div>
          <div className="prop-row">
            <dt>{t('governance.modified')}</dt>
            <dd>
              <When at={l.modified} />
            </dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}
