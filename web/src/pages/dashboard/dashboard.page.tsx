import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useObjectCount, useProfile } from '../../api/queries';
import { useInbox } from '../../api/inbox';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { ProblemAlert } from '../../ui/feedback';
import { usePartyName } from '../warnings/warning-bits';
import { useSession } from '../../auth/session';
import { pickText } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { formatNumber } from '../../ui/format';
import { Card, PageHeader } from '../../ui/layout';
import { Loading } from '../../ui/feedback';

// Charts are the heaviest code on the page; the counts paint first, the charts follow.
const DashboardCharts = lazy(() => import('./dashboard-charts'));
// Cooperation over recent weeks (exchange, threats, acknowledgements, peers): the node's report.
const DashboardActivity = lazy(() => import('./dashboard-activity'));

function Count({ value, testId }: { readonly value: number | undefined; readonly testId?: string }) {
  const locale = useLocale();
  return (
    <div className="kpi-value" data-testid={testId}>
      {value === undefined ? <span className="skeleton" aria-hidden="true" /> : formatNumber(value, locale)}
    </div>
  );
}

function Kpi({
  label,
  filters,
  testId,
  to,
}: {
  readonly label: string;
  readonly filters: { origin?: string };
  readonly testId?: string;
  readonly to: string;
}) {
  const count = useObjectCount(filters);
  return (
    <Link to={to} className="kpi" data-testid={testId ? `${testId}-card` : undefined}>
      <div className="kpi-label">{label}</div>
      <Count value={count.data} testId={testId} />
    </Link>
  );
}

const KIND_PATH = {
  warning: 'warnings',
  request: 'requests',
  consent: 'consents',
  consultation: 'consultations',
  'action-item': 'consultations',
} as const;

/** What needs my action now, soonest deadline first, with live countdowns (the node's inbox). */
function Inbox() {
  const { t } = useTranslation();
  const optional = useOptionalT();
  const partyName = usePartyName();
  const session = useSession();
  const inbox = useInbox(session.can('inbox:read'));
  if (inbox.isPending) return <Loading />;
  if (inbox.isError) return <ProblemAlert error={inbox.error} />;
  if (inbox.data.items.length === 0)
    return (
      <p className="muted" data-testid="inbox-empty">
        {t('dashboard.actions.none')}
      </p>
    );
  return (
    <ul className="inbox" data-testid="inbox">
      {inbox.data.items.slice(0, 12).map((item) => (
        <li
          key={`${item.kind}-${item.id}-${item.action}`}
          className={item.overdue ? 'inbox-item overdue' : 'inbox-item'}
          data-testid="inbox-item"
        >
          <span className="inbox-kind">
            <Badge tone={item.kind === 'warning' ? 'warn' : 'info'}>
              {t(`dashboard.actions.kind.${item.kind}`)}
            </Badge>{' '}
            <Badge tone={item.level === 'critical' || item.level === 'urgent' ? 'bad' : 'muted'}>
              {optional(
                `warnings.severity.${item.level}`,
                optional(`requests.urgency.${item.level}`, item.level),
              )}
            </Badge>
          </span>
          <span className="inbox-title">
            <Link to={`/${KIND_PATH[item.kind]}/${item.id}`}>{item.title}</Link>
            <span className="small muted">
              {' '}
              ·{' '}
              {item.kind === 'warning'
                ? t(`warnings.next.${item.action}`, { party: partyName(item.party) })
                : item.kind === 'consent'
                  ? t('consents.next.decide', { party: partyName(item.peer) })
                  : item.kind === 'consultation'
                    ? t(item.action === 'approve' ? 'dashboard.next.approve' : 'dashboard.next.accept', {
                        party: partyName(item.peer),
                      })
                    : item.kind === 'action-item'
                      ? t('dashboard.next.complete', { party: partyName(item.party) })
                      : t(`requests.next.${item.action}`, { party: partyName(item.party) })}
            </span>
          </span>
          <span>{item.due && <Countdown due={item.due} />}</span>
        </li>
      ))}
    </ul>
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
          <Kpi
            label={t('dashboard.local')}
            filters={{ origin: 'local' }}
            testId="dashboard-local"
            to="/objects?origin=local"
          />
          {peers.map((p) => (
            <Kpi
              key={p.code}
              label={t('dashboard.fromParty', { party: pickText(p.name, locale) })}
              filters={{ origin: p.code }}
              to={`/objects?origin=${p.code}`}
            />
          ))}
        </div>
      )}
      <div className="grid-2">
        <Card title={t('dashboard.actions.title')} testId="dashboard-actions">
          <Inbox />
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
      {session.can('reports:read') && (
        <Suspense fallback={<Loading />}>
          <DashboardActivity />
        </Suspense>
      )}
    </div>
  );
}
