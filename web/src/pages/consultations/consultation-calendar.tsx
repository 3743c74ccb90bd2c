import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localeTags } from '../../i18n/i18n';
import { useLocale } from '../../i18n/use-locale';
import { useUrlFilters } from '../../ui/url-filters';
import type { Consultation, ScheduleWindow } from './consultations.api';

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (y: number, m: number, d: number) => `${y}-${pad(m + 1)}-${pad(d)}`;

interface Month {
  readonly y: number;
  readonly m: number;
}

/**
 * The month to show: the one in the address (`?month=YYYY-MM`, so a view can be shared), else
 * the month of the next consultation still to come or running, else this month.
 */
function shownMonth(param: string | null, consultations: readonly Consultation[], today: string): Month {
  const chosen = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(param ?? '');
  if (chosen) return { y: Number(chosen[1]), m: Number(chosen[2]) - 1 };
  const next = consultations
    .filter((c) => c.localDates.end >= today)
    .map((c) => (c.localDates.start > today ? c.localDates.start : today))
    .sort()[0] ?? today;
  return { y: Number(next.slice(0, 4)), m: Number(next.slice(5, 7)) - 1 };
}

/**
 * One month of consultations as a grid (weeks from Monday): each day lists the consultations that
 * run on it (dates at the venue) and marks the first day of a regular window with its host.
 */
export function MonthCalendar({
  consultations,
  windows,
  partyName,
}: {
  readonly consultations: readonly Consultation[];
  readonly windows: readonly ScheduleWindow[];
  readonly partyName: (code: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { params, setFilter } = useUrlFilters();
  const today = useMemo(() => {
    const now = new Date();
    return dayOf(now.getFullYear(), now.getMonth(), now.getDate());
  }, []);
  const month = shownMonth(params.get('month'), consultations, today);
  const tag = localeTags[locale];
  const title = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(month.y, month.m, 1)),
  );
  // 2024-01-01 was a Monday.
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 1 + i)),
    ),
  );
  const first = new Date(Date.UTC(month.y, month.m, 1));
  const offset = (first.getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(month.y, month.m + 1, 0)).getUTCDate();
  const cells: Array<string | null> = [
    ...Array.from({ length: offset }, () => null),
    ...Array.from({ length: days }, (_, i) => dayOf(month.y, month.m, i + 1)),
  ];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const shift = (by: number) => {
    const d = new Date(Date.UTC(month.y, month.m + by, 1));
    setFilter('month', `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
  };

  return (
    <div className="month-calendar" data-testid="consultation-calendar">
      <div className="month-calendar-head">
        <button type="button" className="button button-small" onClick={() => shift(-1)}>
          {t('consultations.calendar.previous')}
        </button>
        <h3 aria-live="polite">{title}</h3>
        <button type="button" className="button button-small" onClick={() => shift(1)}>
          {t('consultations.calendar.next')}
        </button>
      </div>
      <table className="month-grid">
        <caption className="visually-hidden">{t('consultations.calendar.caption', { month: title })}</caption>
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th key={w} scope="col">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, d) => {
                if (!day) return <td key={d} className="month-day month-day-empty" />;
                const running = consultations.filter(
                  (c) => c.localDates.start <= day && day <= c.localDates.end,
                );
                const window = windows.find((win) => win.start === day);
                return (
                  <td
                    key={d}
                    className={`month-day${day === today ? ' month-day-today' : ''}${running.length ? ' month-day-busy' : ''}`}
                    data-day={day}
                  >
                    <div className="month-day-number">{Number(day.slice(8))}</div>
                    {window && (
                      <div className="month-window small muted">
                        {t('consultations.calendar.windowStarts', { host: partyName(window.host) })}
                      </div>
                    )}
                    {running.map((c) => (
                      <Link
                        key={c.id}
                        to={`/consultations/${c.id}`}
                        className={`month-event month-event-${c.state}`}
                        title={c.title}
                      >
                        {c.title}
                      </Link>
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
