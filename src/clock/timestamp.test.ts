import { describe, expect, it } from 'vitest';
import { formatMicros, parseTimestampMicros } from './timestamp.js';

describe('STIX/TAXII timestamps as microseconds', () => {
  it('parses RFC 3339 UTC times to the microsecond, with any precision up to six digits', () => {
    const base = Date.UTC(2026, 10, 1, 8, 0, 0) * 1000;
    expect(parseTimestampMicros('2026-11-01T08:00:00Z')).toBe(base);
    expect(parseTimestampMicros('2026-11-01T08:00:00.1Z')).toBe(base + 100_000);
    expect(parseTimestampMicros('2026-11-01T08:00:00.123456Z')).toBe(base + 123_456);
    // Finer than TAXII keeps: truncated, not rounded into the next microsecond.
    expect(parseTimestampMicros('2026-11-01T08:00:00.1234569Z')).toBe(base + 123_456);
  });

  it('refuses dates that do not exist and times that are not UTC', () => {
    for (const bad of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-01T24:00:00Z', '2026-11-01T08:60:00Z', '2026-11-01T08:00:00+01:00', '2026-11-01 08:00:00Z', ''])
      expect(parseTimestampMicros(bad), bad).toBeUndefined();
  });

  it('accepts a leap second on a month’s last day without rolling into the next month', () => {
    expect(parseTimestampMicros('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1) * 1000);
  });

  it('formats exactly six fractional digits and round-trips', () => {
    const micros = Date.UTC(2026, 10, 30, 1, 2, 3, 4) * 1000 + 5;
    expect(formatMicros(micros)).toBe('2026-11-30T01:02:03.004005Z');
    expect(parseTimestampMicros(formatMicros(micros))).toBe(micros);
  });

  it('formats consecutive microseconds across a millisecond boundary correctly (date_added of a batch)', () => {
    const start = Date.UTC(2026, 10, 30, 23, 59, 59, 999) * 1000 + 998;
    const formatted = [0, 1, 2, 3].map((i) => formatMicros(start + i));
    expect(formatted).toEqual(['2026-11-30T23:59:59.999998Z', '2026-11-30T23:59:59.999999Z', '2026-12-01T00:00:00.000000Z', '2026-12-01T00:00:00.000001Z']);
    // And back again to an earlier millisecond: nothing stale is reused.
    expect(formatMicros(start)).toBe('2026-11-30T23:59:59.999998Z');
  });
});
