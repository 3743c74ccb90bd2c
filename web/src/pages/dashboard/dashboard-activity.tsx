import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, query } from '../../api/client';
import { usePeers, type Peer } from '../../api/federation';
import { useProfile } from '../../api/queries';
import type { Locale } from '../../api/types';
import { useSession } from '../../auth/session';
import { localeTags } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { useOptionalT } from '../../i18n/use-optional-t';
import { Badge } from '../../ui/badges';
import { Loading, ProblemAlert } from '../../ui/feedback';
import { formatDateTime, formatNumber, formatUtc } from '../../ui/format';
import { Card } from '../../ui/layout';
import { usePartyName, useThreatLabel } from '../warnings/warning-bits';

/** GET /api/v1/reports/activity (src/reports/activity.ts): counts and durations only. */
export interface ExchangeActivity {
  readonly from: string;
  readonly to: string;
  readonly weeks: readonly string[];
  readonly objects: ReadonlyArray<{
    readonly week: string;
    readonly sent: number;
    readonly received: number;
  }>;
  readonly categories: ReadonlyArray<{
    readonly week: string;
    readonly category: string;
    readonly direction: 'sent' | 'received';
    readonly count: number;
  }>;
  readonly acknowledgements: ReadonlyArray<{
    readonly severity: string;
    readonly owedBy: 'us' | 'them';
    readonly minutes: number;
    readonly deadlineMinutes: number;
    readonly met: boolean;
    readonly late: boolean;
  }>;
}

/** Live events (warning.*, request.*, deadline.*, federation.*) invalidate ['dashboard', 'activity']. */
export const activityKey = (weeks: number) => ['dashboard', 'activity', weeks] as const;

function useActivity(weeks: number) {
  return useQuery({
    queryKey: activityKey(weeks),
    queryFn: ({ signal }) => api<ExchangeActivity>(`/api/v1/reports/activity${query({ weeks })}`, { signal }),
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });
}

const PERIODS = [4, 12, 26, 52] as const;
const DIRECTIONS = ['both', 'sent', 'received'] as const;
type Direction = (typeof DIRECTIONS)[number];
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const OWED = ['us', 'them'] as const;
/** A peer whose oldest undelivered object has waited this long is shown as lagging. */
const LAG_ALERT_SECONDS = 300;

const SENT_FILL = '#1d4e89';
const RECEIVED_FILL = '#e07a1f';
const DEADLINE_FILL = '#9aa5b1';
// Distinguishable on white, in the order of the profile's threat list.
const CATEGORY_FILLS = [
  '#1d4e89',
  '#c1121f',
  '#e09b00',
  '#2a9d8f',
  '#7b2cbf',
  '#6c757d',
  '#33a02c',
  '#b15928',
  '#e377c2',
  '#17becf',
];

const weekFormats = new Map<Locale, Intl.DateTimeFormat>();
/** A week by its Monday, short (e.g. 23 Nov), in the UI language. */
function weekLabel(week: string, locale: Locale): string {
  let f = weekFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(localeTags[locale], { month: 'short', day: 'numeric', timeZone: 'UTC' });
    weekFormats.set(locale, f);
  }
  return f.format(new Date(`${week}T00:00:00Z`));
}

/** Hours with at most two decimals, in the UI language. */
function hours(minutes: number, locale: Locale): string {
  return formatNumber(Math.round((minutes / 60) * 100) / 100, locale);
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** "5 minutes ago" in the UI language, the local and UTC time on hover. */
function Ago({ at }: { readonly at: string | null }) {
  const locale = useLocale();
  if (!at) return <span className="muted">—</span>;
  const seconds = Math.round((new Date(at).getTime() - Date.now()) / 1000);
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['second', 60],
    ['minute', 3600],
    ['hour', 86_400],
    ['day', Infinity],
  ];
  const divisors: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86_400 };
  const [unit] = steps.find(([, limit]) => Math.abs(seconds) < limit) ?? ['day', Infinity];
  const relative = new Intl.RelativeTimeFormat(localeTags[locale], { numeric: 'auto' }).format(
    Math.round(seconds / (divisors[unit] ?? 1)),
    unit,
  );
  return (
    <time dateTime={at} title={`${formatDateTime(at, locale)} · ${formatUtc(at)}`}>
      {relative}
    </time>
  );
}

function Exchange({ data }: { readonly data: ExchangeActivity }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = data.objects.map((o) => ({ ...o, label: weekLabel(o.week, locale) }));
  const sent = rows.reduce((sum, r) => sum + r.sent, 0);
  const received = rows.reduce((sum, r) => sum + r.received, 0);
  const current = rows.at(-1);
  if (sent + received === 0) return <p className="muted">{t('dashboard.activity.empty')}</p>;
  return (
    <>
      <div
        className="chart"
        role="img"
        data-testid="exchange-chart"
        data-weeks={rows.length}
        data-sent={sent}
        data-received={received}
        data-week-sent={current?.sent ?? 0}
        data-week-received={current?.received ?? 0}
        aria-label={t('dashboard.activity.exchange.aria', {
          summary: rows
            .filter((r) => r.sent + r.received > 0)
            .map((r) => t('dashboard.activity.exchange.week', r))
            .join('; '),
        })}
      >
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={rows} margin={{ left: 0, right: 16, top: 4, bottom: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend />
            <Bar dataKey="sent" name={t('dashboard.activity.sent')} fill={SENT_FILL} />
            <Bar dataKey="received" name={t('dashboard.activity.received')} fill={RECEIVED_FILL} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="small muted" data-testid="exchange-total">
        {t('dashboard.activity.exchange.total', {
          sent: formatNumber(sent, locale),
          received: formatNumber(received, locale),
        })}
      </p>
    </>
  );
}

function Categories({ data }: { readonly data: ExchangeActivity }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const profile = useProfile();
  const threatLabel = useThreatLabel();
  const [direction, setDirection] = useState<Direction>('both');
  const chosen = data.categories.filter((c) => direction === 'both' || c.direction === direction);
  const order = profile.data?.threats.map((th) => th.code) ?? [];
  const codes = [...new Set(chosen.map((c) => c.category))].sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
  const rows = data.weeks.map((week) => {
    const row: Record<string, string | number> = { week, label: weekLabel(week, locale) };
    for (const code of codes)
      row[code] = chosen
        .filter((c) => c.week === week && c.category === code)
        .reduce((s, c) => s + c.count, 0);
    return row;
  });
  const totals = codes.map((code) => ({
    code,
    count: chosen.filter((c) => c.category === code).reduce((s, c) => s + c.count, 0),
  }));
  return (
    <>
      <div className="button-group" role="group" aria-label={t('dashboard.activity.direction.label')}>
        {DIRECTIONS.map((d) => (
          <button
            key={d}
            type="button"
            className="button button-small"
            aria-pressed={direction === d}
            onClick={() => setDirection(d)}
          >
            {t(`dashboard.activity.direction.${d}`)}
          </button>
        ))}
      </div>
      {codes.length === 0 ? (
        <p className="muted">{t('dashboard.activity.empty')}</p>
      ) : (
        <div
          className="chart"
          role="img"
          data-testid="categories-chart"
          aria-label={t('dashboard.activity.categories.aria', {
            direction: t(`dashboard.activity.direction.${direction}`),
            summary: totals.map((c) => `${threatLabel(c.code)} ${formatNumber(c.count, locale)}`).join(', '),
          })}
        >
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={rows} margin={{ left: 0, right: 16, top: 4, bottom: 4 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip />
              <Legend />
              {codes.map((code) => (
                <Bar
                  key={code}
                  dataKey={code}
                  stackId="threats"
                  name={threatLabel(code)}
                  fill={CATEGORY_FILLS[Math.max(0, order.indexOf(code)) % CATEGORY_FILLS.length]}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </>
  );
}

interface AckRow {
  readonly severity: (typeof SEVERITIES)[number];
  readonly owedBy: (typeof OWED)[number];
  readonly median: number | undefined;
  readonly deadline: number | undefined;
  readonly inTime: number;
  readonly late: number;
  readonly open: number;
  readonly overdue: number;
}

function Acknowledgements({ data }: { readonly data: ExchangeActivity }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const stats: AckRow[] = OWED.flatMap((owedBy) =>
    SEVERITIES.map((severity) => {
      const mine = data.acknowledgements.filter((a) => a.owedBy === owedBy && a.severity === severity);
      const met = mine.filter((a) => a.met);
      return {
        severity,
        owedBy,
        median: median(met.map((a) => a.minutes)),
        deadline: median(mine.map((a) => a.deadlineMinutes)),
        inTime: met.filter((a) => !a.late).length,
        late: met.filter((a) => a.late).length,
        open: mine.length - met.length,
        overdue: mine.filter((a) => !a.met && a.late).length,
      };
    }),
  );
  if (data.acknowledgements.length === 0) return <p className="muted">{t('dashboard.activity.empty')}</p>;
  const chart = SEVERITIES.map((severity) => {
    const of = (owedBy: string) => stats.find((s) => s.severity === severity && s.owedBy === owedBy);
    const deadline = of('us')?.deadline ?? of('them')?.deadline;
    const h = (m: number | undefined) => (m === undefined ? null : Math.round((m / 60) * 100) / 100);
    return {
      label: t(`warnings.severity.${severity}`),
      us: h(of('us')?.median),
      them: h(of('them')?.median),
      deadline: h(deadline),
    };
  });
  const described = stats.filter((s) => s.inTime + s.late + s.open > 0);
  return (
    <>
      <div
        className="chart"
        role="img"
        data-testid="acknowledgements-chart"
        aria-label={t('dashboard.activity.ack.aria', {
          summary: described
            .map((s) =>
              t('dashboard.activity.ack.summary', {
                severity: t(`warnings.severity.${s.severity}`),
                owed: t(`dashboard.activity.ack.owed.${s.owedBy}`),
                median: s.median === undefined ? '—' : hours(s.median, locale),
                deadline: s.deadline === undefined ? '—' : hours(s.deadline, locale),
                inTime: s.inTime,
                late: s.late,
                open: s.open,
              }),
            )
            .join('; '),
        })}
      >
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={chart} margin={{ left: 0, right: 16, top: 4, bottom: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={11} interval={0} />
            <YAxis fontSize={12} />
            <Tooltip formatter={(value) => `${String(value)} ${t('dashboard.activity.ack.hoursUnit')}`} />
            <Legend />
            <Bar dataKey="us" name={t('dashboard.activity.ack.medianUs')} fill={SENT_FILL} />
            <Bar dataKey="them" name={t('dashboard.activity.ack.medianThem')} fill={RECEIVED_FILL} />
            <Bar dataKey="deadline" name={t('dashboard.activity.ack.deadline')} fill={DEADLINE_FILL} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="table table-compact" data-testid="acknowledgements-table">
        <caption className="visually-hidden">{t('dashboard.activity.ack.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.activity.ack.col.severity')}</th>
            <th scope="col">{t('dashboard.activity.ack.col.median')}</th>
            <th scope="col">{t('dashboard.activity.ack.col.deadline')}</th>
            <th scope="col">{t('dashboard.activity.ack.col.inTime')}</th>
            <th scope="col">{t('dashboard.activity.ack.col.late')}</th>
            <th scope="col">{t('dashboard.activity.ack.col.open')}</th>
          </tr>
        </thead>
        {OWED.map((owedBy) => {
          const rows = described.filter((s) => s.owedBy === owedBy);
          if (rows.length === 0) return null;
          return (
            <tbody key={owedBy}>
              <tr>
                <th scope="rowgroup" colSpan={6}>
                  {t(`dashboard.activity.ack.owed.${owedBy}`)}
                </th>
              </tr>
              {rows.map((s) => (
                <tr
                  key={s.severity}
                  className={s.late + s.overdue > 0 ? 'row-alert' : undefined}
                  data-testid={`ack-${owedBy}-${s.severity}`}
                  data-in-time={s.inTime}
                  data-late={s.late}
                  data-open={s.open}
                >
                  <th scope="row">{t(`warnings.severity.${s.severity}`)}</th>
                  <td>{s.median === undefined ? '—' : hours(s.median, locale)}</td>
                  <td>{s.deadline === undefined ? '—' : hours(s.deadline, locale)}</td>
                  <td>{formatNumber(s.inTime, locale)}</td>
                  <td>{formatNumber(s.late, locale)}</td>
                  <td>
                    {formatNumber(s.open, locale)}
                    {s.overdue > 0 && (
                      <span className="small field-error">
                        {' '}
                        {t('dashboard.activity.ack.overdue', { n: formatNumber(s.overdue, locale) })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </>
  );
}

function PeerHealth() {
  const { t } = useTranslation();
  const locale = useLocale();
  const optional = useOptionalT();
  const partyName = usePartyName();
  const peers = usePeers();
  if (peers.isPending) return <Loading />;
  if (peers.isError) return <ProblemAlert error={peers.error} />;
  if (peers.data.length === 0) return <p className="muted">{t('peers.none')}</p>;
  const problem = (p: Peer) =>
    p.status !== 'active'
      ? 'revoked'
      : p.failures > 0
        ? 'failing'
        : p.lagSeconds >= LAG_ALERT_SECONDS
          ? 'lagging'
          : undefined;
  return (
    <table className="table table-compact" data-testid="dashboard-peers">
      <caption className="visually-hidden">{t('dashboard.activity.peers.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.activity.peers.party')}</th>
          <th scope="col">{t('peers.col.status')}</th>
          <th scope="col">{t('peers.col.lastContact')}</th>
          <th scope="col">{t('peers.col.pending')}</th>
          <th scope="col">{t('dashboard.activity.peers.lag')}</th>
        </tr>
      </thead>
      <tbody>
        {peers.data.map((p) => {
          const issue = problem(p);
          return (
            <tr
              key={p.party}
              className={issue ? 'row-alert' : undefined}
              data-testid={`dashboard-peer-${p.party}`}
              data-status={p.status}
            >
              <th scope="row">{partyName(p.party)}</th>
              <td>
                <Badge
                  tone={p.status !== 'active' ? 'bad' : issue ? 'warn' : 'ok'}
                  title={p.lastError ?? undefined}
                >
                  {optional(`peers.status.${p.status}`, p.status)}
                </Badge>
                {issue && issue !== 'revoked' && (
                  <div className="small field-error">
                    {t(`dashboard.activity.peers.${issue}`, { n: formatNumber(p.failures, locale) })}
                  </div>
                )}
              </td>
              <td>
                <Ago at={p.lastContact} />
              </td>
              <td>{formatNumber(p.pending, locale)}</td>
              <td>{p.pending > 0 ? t('peers.lag', { seconds: formatNumber(p.lagSeconds, locale) }) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Cooperation over recent weeks: exchange, warnings and requests by threat, acknowledgements, peers. */
export default function DashboardActivity() {
  const { t } = useTranslation();
  const session = useSession();
  const [weeks, setWeeks] = useState<number>(12);
  const activity = useActivity(weeks);
  const body = (render: (data: ExchangeActivity) => React.ReactNode) =>
    activity.data ? (
      render(activity.data)
    ) : activity.isError ? (
      <ProblemAlert error={activity.error} />
    ) : (
      <Loading />
    );

  return (
    <div className="dashboard-activity" data-testid="dashboard-activity">
      <div className="activity-toolbar">
        <label className="field-label" htmlFor="activity-weeks">
          {t('dashboard.activity.period')}
        </label>
        <select id="activity-weeks" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
          {PERIODS.map((n) => (
            <option key={n} value={n}>
              {t('dashboard.activity.weeks', { count: n })}
            </option>
          ))}
        </select>
      </div>
      <div className="grid-2">
        <Card title={t('dashboard.activity.exchange.title')} testId="activity-exchange">
          {body((data) => (
            <Exchange data={data} />
          ))}
        </Card>
        <Card title={t('dashboard.activity.categories.title')} testId="activity-categories">
          {body((data) => (
            <Categories data={data} />
          ))}
        </Card>
      </div>
      <div className="grid-2">
        <Card title={t('dashboard.activity.ack.title')} testId="activity-acknowledgements">
          {body((data) => (
            <Acknowledgements data={data} />
          ))}
        </Card>
        {session.can('peers:read') && (
          <Card title={t('dashboard.activity.peers.title')} testId="activity-peers">
            <PeerHealth />
          </Card>
        )}
      </div>
    </div>
  );
}
