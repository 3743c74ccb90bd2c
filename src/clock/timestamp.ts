/**
 * STIX and TAXII timestamps are RFC 3339 in UTC with "Z"; TAXII needs microseconds, JavaScript
 * dates hold milliseconds, so Accord stores times as integer microseconds since the epoch.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/** Parses an RFC 3339 UTC timestamp into microseconds, or returns undefined when it is not one. */
export function parseTimestampMicros(value: string): number | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = ''] = m;
  // The date is checked without its seconds: a leap second (:60) on a month's last day would
  // otherwise roll into the next month and look like an invalid date.
  const minuteMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  if (Number.isNaN(minuteMs)) return undefined;
  const check = new Date(minuteMs);
  // Date.UTC rolls over (Feb 30 → Mar 2); a valid timestamp must round-trip its fields.
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60)
    return undefined;
  return (minuteMs + Number(s) * 1000) * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

/** Formats microseconds as an RFC 3339 UTC timestamp with exactly six fractional digits. */
export function formatMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  // A batch's date_added values are consecutive microseconds: most share the last call's millisecond.
  if (ms !== lastFormatted.ms) lastFormatted = { ms, prefix: new Date(ms).toISOString().slice(0, 23) };
  return `${lastFormatted.prefix}${String(micros - ms * 1000).padStart(3, '0')}Z`;
}
let lastFormatted = { ms: Number.NaN, prefix: '' };

/** Formats milliseconds the way STIX objects Accord creates carry them (millisecond precision). */
export function stixTimestamp(date: Date): string {
  return date.toISOString();
}
