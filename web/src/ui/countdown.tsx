import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/use-locale';
import { formatDateTime, formatUtc } from './format';

/** Splits a span of milliseconds into days, hours, minutes and seconds. */
export function spanParts(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.floor(Math.abs(ms) / 1000);
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Time left until a deadline, ticking; red once overdue. The due time itself is in the title. */
export function Countdown({ due }: { readonly due: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow();
  const ms = new Date(due).getTime() - now;
  const { days, hours, minutes, seconds } = spanParts(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${days > 0 ? t('countdown.days', { count: days }) + ' ' : ''}${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  const tone = ms < 0 ? 'overdue' : ms < 3600_000 ? 'soon' : 'ok';
  return (
    <time
      className={`countdown countdown-${tone}`}
      dateTime={due}
      title={`${formatDateTime(due, locale)} · ${formatUtc(due)}`}
      data-testid="countdown"
    >
      {ms < 0 ? t('countdown.overdue', { time: clock }) : t('countdown.left', { time: clock })}
    </time>
  );
}
