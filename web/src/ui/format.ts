import { localeTags } from '../i18n/i18n';
import type { Locale } from '../api/types';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const id = `${locale}|${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(localeTags[locale], options);
    cache.set(id, f);
  }
  return f;
}

/** A timestamp in the user's local time zone, to the second. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(
    locale,
    {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    },
    'dt',
  ).format(date);
}

/** A timestamp in UTC, ISO-like, for cross-border reference. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatTime(date: Date, locale: Locale, timeZone?: string): string {
  return formatter(
    locale,
    {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
      ...(timeZone ? { timeZone } : {}),
    },
    `t${timeZone ?? ''}`,
  ).format(date);
}

export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }, 'd').format(
    date,
  );
}

const numbers = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale): string {
  let f = numbers.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(localeTags[locale]);
    numbers.set(locale, f);
  }
  return f.format(value);
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(Math.round(value * 10) / 10, locale)} ${units[unit] ?? 'B'}`;
}

/** The local time zone's name, e.g. Asia/Shanghai. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
