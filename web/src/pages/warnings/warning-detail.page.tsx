import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useWarning, type WarningDetail } from '../../api/warnings';
import { localeTags } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { RefLink } from '../objects/property-value';
import { Badge, TlpBadge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { TextList, When } from '../../ui/when';
import { Card, PageHeader } from '../../ui/layout';
import { WarningActions } from './warning-actions';
import { SeverityBadge, StateBadge, usePartyName, useThreatLabel } from './warning-bits';

const langTag = (l: string) => (l === 'zh' || l === 'ru' || l === 'en' ? localeTags[l] : l);

/** The original text and every translation side by side, each marked with its language. */
function Texts({ warning }: { readonly warning: WarningDetail }) {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const versions = [
    { lang: warning.lang, title: warning.title, description: warning.description, original: true },
    ...warning.translations.map((tr) => ({ ...tr, original: false })),
  ];
  return (
    <div className="side-by-side" data-testid="warning-texts">
      {versions.map((v) => (
        <section key={`${v.lang}-${v.original ? 'o' : 't'}`} lang={langTag(v.lang)} className="text-version">
          <div className="text-version-head">
            <Badge tone={v.original ? 'ok' : 'warn'}>
              {v.original ? t('warnings.original') : t('warnings.translation')}
            </Badge>{' '}
            <Badge>{optional(`agreement.language.${v.lang}`, v.lang)}</Badge>
          </div>
          {v.title && <h3>{v.title}</h3>}
          <p className="prewrap">{v.description ?? ''}</p>
        </section>
      ))}
    </div>
  );
}

function Parties({ warning }: { readonly warning: WarningDetail }) {
  const { t } = useTranslation();
  const partyName = usePartyName();
  return (
    <table className="table table-compact" data-testid="warning-addressees">
      <thead>
        <tr>
          <th>{t('warnings.col.addressee')}</th>
          <th>{t('warnings.col.state')}</th>
          <th>{t('warnings.col.delivered')}</th>
          <th>{t('warnings.col.acknowledged')}</th>
        </tr>
      </thead>
      <tbody>
        {warning.addressees.map((a) => (
          <tr key={a.party}>
            <td className="nowrap">{partyName(a.party)}</td>
            <td>
              <StateBadge state={a.state} />
            </td>
            <td>
              <When at={a.delivered} />
            </td>
            <td>
              <When at={a.acknowledged} />
              {a.acknowledgedBy && <div className="small muted">{a.acknowledgedBy}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Deadlines({ warning }: { readonly warning: WarningDetail }) {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const locale = useLocale();
  const partyName = usePartyName();
  if (warning.deadlines.length === 0) return <p className="muted">{t('warnings.noDeadlines')}</p>;
  return (
    <table className="table table-compact" data-testid="warning-deadlines">
      <thead>
        <tr>
          <th>{t('warnings.deadline.what')}</th>
          <th>{t('warnings.deadline.due')}</th>
          <th>{t('warnings.deadline.legalDate')}</th>
          <th>{t('warnings.col.state')}</th>
        </tr>
      </thead>
      <tbody>
        {warning.deadlines.map((d) => (
          <tr key={d.id}>
            <td>
              {t('warnings.deadline.ack', { party: partyName(d.party) })}
              {d.provision && <div className="small muted">{d.provision}</div>}
            </td>
            <td>
              <When at={d.due} />
              {d.state === 'running' || d.state === 'due-soon' || d.state === 'overdue'
                ? d.due && (
                    <div>
                      <Countdown due={d.due} />
                    </div>
                  )
                : null}
            </td>
            <td>
              {d.legalDate ? formatDate(d.legalDate, locale) : '—'}
              {d.timeZone && <div className="small muted">{d.timeZone}</div>}
            </td>
            <td>
              <Badge
                tone={
                  d.state === 'met'
                    ? d.metLate
                      ? 'warn'
                      : 'ok'
                    : d.state === 'overdue' || d.state === 'escalated'
                      ? 'bad'
                      : 'info'
                }
              >
                {optional(`warnings.deadline.state.${d.state}`, d.state)}
              </Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each Party's assessment in its own column: the joint assessment of Art. 3(15). */
function Assessments({ warning }: { readonly warning: WarningDetail }) {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const partyName = usePartyName();
  if (warning.assessments.length === 0) return <p className="muted">{t('warnings.noAssessments')}</p>;
  return (
    <div className="side-by-side" data-testid="warning-assessments">
      {warning.assessments.map((a) => (
        <section key={a.party} className="text-version" data-party={a.party}>
          <div className="text-version-head">
            <strong>{partyName(a.party)}</strong>{' '}
            <Badge
              tone={a.agreement.includes('disagree') ? 'bad' : a.agreement === 'neutral' ? 'muted' : 'ok'}
            >
              {optional(`warnings.agreement.${a.agreement}`, a.agreement)}
            </Badge>
            {a.confidence !== null && (
              <span className="small muted">
                {' '}
                {t('warnings.assess.confidenceValue', { value: a.confidence })}
              </span>
            )}
          </div>
          {a.explanation && <p className="prewrap">{a.explanation}</p>}
          {a.actionsTaken.length > 0 && <TextList items={a.actionsTaken} />}
          {a.note && <p className="prewrap small">{a.note}</p>}
          <div className="small muted">
            <When at={a.assessed} /> {a.assessedBy}
          </div>
        </section>
      ))}
    </div>
  );
}

function History({ warning }: { readonly warning: WarningDetail }) {
  const optional = useOptionalT();
  const partyName = usePartyName();
  return (
    <table className="table table-compact" data-testid="warning-history">
      <tbody>
        {warning.history.map((h, i) => (
          <tr key={i}>
            <td>
              <When at={h.at} />
            </td>
            <td>{optional(`warnings.history.${h.kind}`, h.kind)}</td>
            <td>{h.party ? partyName(h.party) : ''}</td>
            <td>{h.actor}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One early warning: texts side by side, addressees, deadlines with countdowns, joint assessment, history. */
export default function WarningDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const threatLabel = useThreatLabel();
  const partyName = usePartyName();
  const warning = useWarning(id);
  if (warning.isPending) return <Loading />;
  if (warning.isError)
    return (
      <div className="page">
        <PageHeader title={t('warnings.title')} />
        <ProblemAlert error={warning.error} />
      </div>
    );
  const w = warning.data;
  return (
    <div className="page" data-testid="warning-detail">
      <PageHeader
        title={w.title}
        subtitle={
          <span className="header-badges">
            <SeverityBadge severity={w.severity} />
            <StateBadge state={w.state} />
            <TlpBadge tlp={w.tlp} />
            <Badge tone="info">{threatLabel(w.threatCategory)}</Badge>
            <span>
              {w.direction === 'received'
                ? t('warnings.fromParty', { party: partyName(w.senderParty) })
                : t('warnings.toParties', {
                    parties: w.addressees.map((a) => partyName(a.party)).join(', '),
                  })}
            </span>
          </span>
        }
      />
      {w.nextAction && (
        <div className="next-action" data-testid="next-action">
          <strong>
            {t(`warnings.next.${w.nextAction.action}`, { party: partyName(w.nextAction.party) })}
          </strong>
          {w.nextAction.due && <Countdown due={w.nextAction.due} />}
        </div>
      )}
      <WarningActions warning={w} />
      {w.statusReason && <p className="alert alert-warn">{w.statusReason}</p>}
      <div className="grid-warning">
        <div className="stack">
          <Card title={t('warnings.section.texts')}>
            <Texts warning={w} />
          </Card>
          <Card title={t('warnings.section.assessments')}>
            <Assessments warning={w} />
          </Card>
          <Card title={t('warnings.section.details')}>
            <dl className="props">
              <div className="prop-row">
                <dt>{t('warnings.field.recommendedActions')}</dt>
                <dd>
                  <TextList items={w.recommendedActions} />
                </dd>
              </div>
              <div className="prop-row">
                <dt>{t('warnings.field.affectedSectors')}</dt>
                <dd>
                  <TextList items={w.affectedSectors} />
                </dd>
              </div>
              <div className="prop-row">
                <dt>{t('warnings.field.affectedProducts')}</dt>
                <dd>
                  <TextList items={w.affectedProducts} />
                </dd>
              </div>
              <div className="prop-row">
                <dt>{t('warnings.field.relatedRefs')}</dt>
                <dd>
                  {w.relatedRefs.length ? (
                    w.relatedRefs.map((r) => (
                      <div key={r}>
                        <RefLink id={r} />
                      </div>
                    ))
                  ) : (
                    <span className="muted">—</span>
                  )}
                </dd>
              </div>
            </dl>
          </Card>
        </div>
        <div className="stack">
          <Card title={t('warnings.section.addressees')}>
            <Parties warning={w} />
          </Card>
          <Card title={t('warnings.section.deadlines')}>
            <Deadlines warning={w} />
          </Card>
          <Card title={t('warnings.section.history')}>
            <History warning={w} />
          </Card>
        </div>
      </div>
    </div>
  );
}
