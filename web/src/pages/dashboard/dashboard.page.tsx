import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useObjectCount, useProfile } from '../../api/queries';
import { useRequests } from '../../api/requests';
import { useWarnings } from '../../api/warnings';
import { Countdown } from '../../ui/countdown';
import { SeverityBadge } from '../warnings/warning-bits';
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

/** Coordination queues whose pages are still to come; shown so the layout holds. */
const laterQueues = ['consents', 'actionItems'] as const;

/** Requests made to this Party that wait for its decision or answer, soonest deadline first. */
function RequestsDue() {
  const { t } = useTranslation();
  const requests = useRequests({ direction: 'received', state: ['submitted', 'received', 'accepted', 'in-progress'] });
  const items = [...(requests.data?.items ?? [])].sort((a, b) => (a.nextAction?.due ?? '9').localeCompare(b.nextAction?.due ?? '9'));
  return (
    <li className="queue-item queue-item-open" data-testid="queue-requests">
      <div className="queue-head">
        <Link to="/requests?direction=received">{t('dashboard.actions.requests')}</Link>
        <span className="queue-count">{requests.data ? items.length : '…'}</span>
      </div>
      {items.length > 0 && (
        <ul className="queue-sub">
          {items.slice(0, 5).map((r) => (
            <li key={r.id}>
              <Link to={`/requests/${r.id}`}>{r.title}</Link> {r.nextAction?.due && <Countdown due={r.nextAction.due} />}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Received warnings this node has not acknowledged yet, soonest deadline first, with countdowns. */
function WarningsToAcknowledge() {
  const { t } = useTranslation();
  const warnings = useWarnings({ direction: 'received', state: ['sent', 'delivered'] });
  const items = [...(warnings.data?.items ?? [])].sort((a, b) => (a.nextAction?.due ?? '9').localeCompare(b.nextAction?.due ?? '9'));
  return (
    <li className="queue-item queue-item-open" data-testid="queue-warnings">
      <div className="queue-head">
        <Link to="/warnings?direction=received">{t('dashboard.actions.warnings')}</Link>
        <span className="queue-count" data-testid="queue-warnings-count">
          {warnings.data ? items.length : '…'}
        </span>
      </div>
      {items.length > 0 && (
        <ul className="queue-sub">
          {items.slice(0, 5).map((w) => (
            <li key={w.id}>
              <SeverityBadge severity={w.severity} /> <Link to={`/warnings/${w.id}`}>{w.title}</Link> {w.nextAction?.due && <Countdown due={w.nextAction.due} />}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

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
            {canRead && <WarningsToAcknowledge />}
            {canRead && <RequestsDue />}
            {laterQueues.map((q) => (
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
