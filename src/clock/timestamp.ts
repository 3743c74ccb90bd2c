/**
 * STIX and TAXII timestamps are RFC 3339 in UTC with "Z"; TAXII needs microseconds, JavaScript
 * dates hold milliseconds, so Accord stores times as integer microseconds since the epoch.
 */
import { isStixTimestamp } from '../stix/stix-timestamp.js';

/** Parses an RFC 3339 UTC timestamp into microseconds, or returns undefined when it is not one. */
export function parseTimestampMicros(value: string): number | undefined {
  // Checked by character codes, calendar included: ingest parses every object's times.
  if (!isStixTimestamp(value)) return undefined;
  const field = (at: number, length: number): number => Number(value.slice(at, at + length));
  // The minute is built without its seconds, which are added after: a leap second (:60) on a
  // month's last day then lands on the next minute's first microsecond instead of being refused.
  const minuteMs = Date.UTC(field(0, 4), field(5, 2) - 1, field(8, 2), field(11, 2), field(14, 2));
  const fraction = value.length > 20 ? value.slice(20, -1) : '';
  return (minuteMs + field(17, 2) * 1000) * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
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
