import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { severities, useWarnings, type WarningFilters } from '../../api/warnings';
import { useSession } from '../../auth/session';
import { useLocale } from '../../i18n/use-locale';
import { TlpBadge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { SeverityBadge, StateBadge, usePartyName, useThreatLabel } from './warning-bits';
import { useUrlFilters } from '../../ui/url-filters';

/** Early warnings sent and received, most recently changed first, with what each waits for. */
export default function WarningsListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const threatLabel = useThreatLabel();
  const partyName = usePartyName();
  const { params, setFilter: set } = useUrlFilters();
  const filters: WarningFilters = {
    direction: params.get('direction') ?? undefined,
    severity: params.getAll('severity'),
  };
  const warnings = useWarnings(filters);

  return (
    <div className="page">
      <PageHeader
        title={t('warnings.title')}
        subtitle={t('warnings.subtitle')}
        actions={
          session.can('warnings:send') && (
            <Link className="button button-primary" to="/warnings/new">
              {t('warnings.new')}
            </Link>
          )
        }
      />
      <div className="filter-bar">
        <label className="field field-inline">
          <span className="field-label">{t('warnings.direction.label')}</span>
          <select
            value={filters.direction ?? ''}
            onChange={(e) => set('direction', e.target.value)}
            data-testid="filter-direction"
          >
            <option value="">{t('warnings.direction.all')}</option>
            <option value="received">{t('warnings.direction.received')}</option>
            <option value="sent">{t('warnings.direction.sent')}</option>
          </select>
        </label>
        <label className="field field-inline">
          <span className="field-label">{t('warnings.field.severity')}</span>
          <select value={filters.severity?.[0] ?? ''} onChange={(e) => set('severity', e.target.value)}>
            <option value="">{t('warnings.anySeverity')}</option>
            {severities.map((s) => (
              <option key={s} value={s}>
                {t(`warnings.severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Card>
        {warnings.isPending ? (
          <Loading />
        ) : warnings.isError ? (
          <ProblemAlert error={warnings.error} />
        ) : (
          <table className="table" data-testid="warnings-table">
            <thead>
              <tr>
                <th>{t('warnings.field.severity')}</th>
                <th>{t('warnings.field.title')}</th>
                <th>{t('warnings.col.parties')}</th>
                <th>{t('warnings.col.state')}</th>
                <th>{t('warnings.col.next')}</th>
                <th>{t('warnings.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {warnings.data.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('warnings.none')}
                  </td>
                </tr>
              )}
              {warnings.data.items.map((w) => (
                <tr key={w.id} data-testid="warning-row">
                  <td>
                    <SeverityBadge severity={w.severity} />
                  </td>
                  <td>
                    <Link to={`/warnings/${w.id}`} lang={w.lang}>
                      {w.title}
                    </Link>
                    <div className="small muted">
                      {threatLabel(w.threatCategory)} <TlpBadge tlp={w.tlp} />
                    </div>
                  </td>
                  <td>
                    {w.direction === 'received'
                      ? t('warnings.fromParty', { party: partyName(w.senderParty) })
                      : t('warnings.toParties', {
                          parties: w.addressees.map((a) => partyName(a.party)).join(', '),
                        })}
                  </td>
                  <td>
                    <StateBadge state={w.state} />
                  </td>
                  <td>
                    {w.nextAction && (
                      <>
                        <div>
                          {t(`warnings.next.${w.nextAction.action}`, {
                            party: partyName(w.nextAction.party),
                          })}
                        </div>
                        {w.nextAction.due && <Countdown due={w.nextAction.due} />}
                      </>
                    )}
                  </td>
                  <td>{formatDateTime(w.updated, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
