import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/layout';
import { usePartyName } from '../warnings/warning-bits';
import { activityKinds, activityStatuses, useActivities } from '../agreement/governance.api';
import { DirectionList, LegalDate } from '../agreement/governance-bits';
import { useUrlFilters } from '../../ui/url-filters';

export const STATUS_TONE: Readonly<Record<string, 'muted' | 'ok' | 'warn' | 'bad' | 'info'>> = {
  proposed: 'muted',
  agreed: 'info',
  'in-progress': 'warn',
  completed: 'ok',
  cancelled: 'bad',
};

/** Joint activities of the Parties (Art. 3(12–14)): research, training, exchanges, meetings, conferences. */
export default function ActivitiesListPage() {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const partyName = usePartyName();
  const { params, setFilter: set } = useUrlFilters();
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  const direction = params.get('direction') ?? '';
  const activities = useActivities({ status: status || undefined });
  const items = (activities.data?.items ?? []).filter(
    (a) =>
      (!kind || a.object.activity_kind === kind) &&
      (!direction || (a.object.directions ?? []).includes(direction)),
  );
  return (
    <div className="page">
      <PageHeader
        title={t('governance.activities.title')}
        subtitle={t('governance.activities.subtitle')}
        actions={
          session.can('activities:write') && (
            <Link className="button button-primary" to="/activities/new" data-testid="activity-add">
              {t('governance.activities.add')}
            </Link>
          )
        }
      />
      <div className="filter-bar" data-testid="activity-filters">
        <label className="field field-inline">
          <span className="field-label">{t('governance.activities.field.kind')}</span>
          <select id="filter-kind" value={kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="">{t('governance.filter.all')}</option>
            {activityKinds.map((k) => (
              <option key={k} value={k}>
                {t(`governance.activities.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span className="field-label">{t('governance.col.status')}</span>
          <select id="filter-status" value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('governance.filter.all')}</option>
            {activityStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`governance.activities.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span className="field-label">{t('governance.activities.field.directions')}</span>
          <select id="filter-direction" value={direction} onChange={(e) => set('direction', e.target.value)}>
            <option value="">{t('governance.filter.all')}</option>
            {(profile.data?.directions ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {pickText(d.label, locale)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Card>
        {activities.isPending ? (
          <Loading />
        ) : activities.isError ? (
          <ProblemAlert error={activities.error} />
        ) : (
          <table className="table" data-testid="activities-table">
            <thead>
              <tr>
                <th>{t('governance.activities.field.title')}</th>
                <th>{t('governance.activities.field.kind')}</th>
                <th>{t('governance.activities.field.directions')}</th>
                <th>{t('governance.activities.field.participants')}</th>
                <th>{t('governance.activities.field.dates')}</th>
                <th>{t('governance.col.status')}</th>
                <th>{t('governance.activities.field.costBearer')}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    {t('governance.activities.none')}
                  </td>
                </tr>
              )}
              {items.map((a) => {
                const o = a.object;
                const parties = [...new Set((o.participants ?? []).map((p) => p.party))];
                return (
                  <tr key={a.id} data-testid="activity-row">
                    <td>
                      <Link to={`/activities/${a.id}`} lang={o.lang}>
                        {a.title}
                      </Link>
                      <div className="small muted">{t('governance.recordedBy', { party: partyName(a.party) })}</div>
                    </td>
                    <td>{optional(`governance.activities.kind.${o.activity_kind ?? ''}`, o.activity_kind ?? '')}</td>
                    <td>
                      <DirectionList codes={o.directions} />
                    </td>
                    <td>{parties.map(partyName).join(', ')}</td>
                    <td className="nowrap">
                      <LegalDate date={o.start_date} />
                      {o.end_date && (
                        <>
                          {' – '}
                          <LegalDate date={o.end_date} />
                        </>
                      )}
                    </td>
                    <td>
                      <Badge tone={STATUS_TONE[a.status] ?? 'muted'}>
                        {optional(`governance.activities.status.${a.status}`, a.status)}
                      </Badge>
                    </td>
                    <td>{optional(`governance.activities.cost.${o.cost_bearer ?? ''}`, o.cost_bearer ?? '—')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
