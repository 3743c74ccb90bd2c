/**
 * MISP writes times as epoch seconds in strings ("1714557600"), dates as "YYYY-MM-DD" and
 * first_seen/last_seen as ISO 8601 with offsets and microseconds. STIX wants UTC with at least
 * millisecond precision.
 */

/** A STIX timestamp (ms precision) for a MISP time value, or undefined when it is not one. */
export function mispTimeToStix(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{1,12}$/.test(value))) {
    const seconds = Number(value);
    return seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  // Date.parse handles offsets; microseconds beyond milliseconds are dropped.
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Epoch seconds as MISP writes them. */
export function stixTimeToEpoch(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : String(Math.floor(ms / 1000));
}

/** The "YYYY-MM-DD" date MISP events carry. */
export function stixTimeToDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** The later of two STIX timestamps (either may be missing). */
export function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The earlier of two STIX timestamps (either may be missing). */
export function earlierOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}
