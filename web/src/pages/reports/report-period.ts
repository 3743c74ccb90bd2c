/** Periods a report is usually asked for, as legal dates (YYYY-MM-DD, `to` inclusive). */
export const quickPeriods = ['lastMonth', 'lastQuarter', 'lastHalfYear', 'lastYear', 'yearToDate'] as const;
export type QuickPeriod = (typeof quickPeriods)[number];

export interface Period {
  readonly from: string;
  readonly to: string;
}

function iso(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month, day));
  return d.toISOString().slice(0, 10);
}

/** The whole calendar months [start, start + length) counted from month 0 of `year` (may be negative). */
function months(year: number, start: number, length: number): Period {
  return { from: iso(year, start, 1), to: iso(year, start + length, 0) };
}

/** The last complete month, quarter, half-year or year before `today`, or this year so far. */
export function quickPeriod(kind: QuickPeriod, today: Date): Period {
  const year = today.getFullYear();
  const month = today.getMonth();
  switch (kind) {
    case 'lastMonth':
      return months(year, month - 1, 1);
    case 'lastQuarter':
      return months(year, Math.floor(month / 3) * 3 - 3, 3);
    case 'lastHalfYear':
      return months(year, Math.floor(month / 6) * 6 - 6, 6);
    case 'lastYear':
      return months(year - 1, 0, 12);
    case 'yearToDate':
      return { from: iso(year, 0, 1), to: iso(year, month, today.getDate()) };
  }
}

/** A period the node accepts: two dates, the first not after the last. */
export function isValidPeriod(p: Period): boolean {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  return date.test(p.from) && date.test(p.to) && p.from <= p.to;
}

/** The report's address for a period, language and format. */
export function reportUrl(p: Period, lang: string, format: 'html' | 'pdf'): string {
  return `/api/v1/reports?${new URLSearchParams({ from: p.from, to: p.to, lang, format }).toString()}`;
}
