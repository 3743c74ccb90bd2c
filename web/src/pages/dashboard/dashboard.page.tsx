import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useObjectCount, useProfile } from '../../api/queries';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { formatNumber } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { Loading } from '../../ui/feedback';

// Charts are the heaviest code on the page; the counts paint first, the charts follow.
const DashboardCharts = lazy(() => import('./dashboard-charts'));

function Count({ value, testId }: { readonly value: number | undefined; readonly testId?: string }) {
  const locale = useLocale();
  return (
    <div className="kpi-value" data-testid={testId}>
      {value === undefined ? <span className="skeleton" aria-hidden="true" /> : formatNumber(value, locale)}
    </div>
  );
}

function Kpi({ label, filters, testId, to }: { readonly label: string; readonly filters: { origin?: string }; readonly testId?: string; readonly to: string }) {
  const count = useObjectCount(filters);
  return (
    <Link to={to} className="kpi" data-testid={testId ? `${testId}-card` : undefined}>
      <div className="kpi-label">{label}</div>
      <Count value={count.data} testId={testId} />
    </Link>
  );
}

/** The coordination queues that arrive with the federation domains; shown now so the layout holds. */
const actionQueues = ['warnings', 'requests', 'consents', 'actionItems'] as const;

/** What needs attention now, and what the node holds. */
export function DashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const profile = useProfile();
  const peers = profile.data?.parties.filter((p) => p.code !== session.me.party) ?? [];
  const canRead = session.can('objects:read');
  // The charts ask the node for some twenty counts; they wait until the headline count is in.
  const total = useObjectCount({}, canRead);

  return (
    <div className="page" data-testid="dashboard">
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} />
      {canRead && (
        <div className="kpi-row">
          <Kpi label={t('dashboard.total')} filters={{}} testId="dashboard-total" to="/objects" />
          <Kpi label={t('dashboard.local')} filters={{ origin: 'local' }} testId="dashboard-local" to="/objects?origin=local" />
          {peers.map((p) => (
            <Kpi key={p.code} label={t('dashboard.fromParty', { party: pickText(p.name, locale) })} filters={{ origin: p.code }} to={`/objects?origin=${p.code}`} />
          ))}
        </div>
      )}
      <div className="grid-2">
        <Card title={t('dashboard.actions.title')} testId="dashboard-actions">
          <ul className="queue-list">
            {actionQueues.map((q) => (
              <li key={q} className="queue-item">
                <span>{t(`dashboard.actions.${q}`)}</span>
                <span className="queue-pending" title={t('dashboard.actions.pendingHint')}>
                  {t('dashboard.actions.pending')}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('dashboard.quick.title')}>
          <div className="quick-links">
            {canRead && (
              <Link className="button" to="/objects">
                {t('dashboard.quick.search')}
              </Link>
            )}
            {session.can('objects:write') && (
              <>
                <Link className="button" to="/import">
                  {t('dashboard.quick.import')}
                </Link>
                <Link className="button" to="/new/indicator">
                  {t('dashboard.quick.indicator')}
                </Link>
                <Link className="button" to="/new/report">
                  {t('dashboard.quick.report')}
                </Link>
              </>
            )}
            {session.can('governance:read') && (
              <Link className="button" to="/agreement">
                {t('dashboard.quick.agreement')}
              </Link>
            )}
          </div>
        </Card>
      </div>
      {canRead && total.data !== undefined && (
        <Suspense fallback={<Loading />}>
          <DashboardCharts />
        </Suspense>
      )}
    </div>
  );
}
